"""Grades that change after the job: hand grading of written answers, and regrading after a key changes.

Every score change of a graded attempt is audited with the score before, the
score after and why. A regrade runs in the background (``RegradeJob``) with
its progress stored, claims its job, and is safe to run twice: it recomputes
each attempt from the current key, so a second pass changes nothing.
"""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from assessments.models import Attempt, AttemptItem, Question, QuestionKind, RegradeJob
from assessments.services import grading
from codesets.memo import remembered
from lms.models import Tenant, User
from lms.services import audit_record

BATCH = 200
SHARE = Decimal("0.0001")
CENT = Decimal("0.01")
FINISHED = (Attempt.State.GRADED, Attempt.State.NEEDS_GRADING)


def attempt_rescore(*, attempt: Attempt, actor: User | None, why: str) -> bool:
    """Recompute the attempt's totals from its items; audit a changed score. True when it changed."""
    attempt = Attempt.objects.select_for_update().select_related(
        "scheduled__assessment", "scheduled__cohort", "tenant", "enrollment__membership").get(pk=attempt.pk)
    items = list(attempt.items.all())
    totals = grading._totals(attempt, items)
    before = {"points": str(attempt.points), "percent": str(attempt.percent), "state": attempt.state}
    after = {"points": str(totals["points"]), "percent": str(totals["percent"]), "state": totals["state"]}
    if after == before:
        return False
    Attempt.objects.filter(pk=attempt.pk).update(graded_at=timezone.now(), **totals)
    if before["state"] == Attempt.State.GRADED or totals["state"] == Attempt.State.GRADED:
        audit_record(tenant=attempt.tenant, actor=actor, action="attempt.score_changed", target=attempt,
                     before=before, after={**after, "reason": why})
    if totals["state"] == Attempt.State.GRADED and before["state"] != Attempt.State.GRADED:
        grading._tell_graded(attempt)
    return True


@transaction.atomic
def item_hand_grade(*, tenant: Tenant, actor: User, item: AttemptItem, earned: object, feedback: str = "") -> AttemptItem:
    """A person's grade for a written answer (points from 0 to the item's), with feedback for the student."""
    item = AttemptItem.objects.select_for_update().select_related("attempt", "version__question").get(pk=item.pk, tenant=tenant)
    if item.attempt.state not in FINISHED:
        raise ValidationError("Grade written answers once the attempt is submitted and its other answers are graded.")
    if item.version.question.kind != QuestionKind.WRITTEN:
        raise ValidationError("Only written answers are graded by hand; the others are scored by their key.")
    try:
        points = Decimal(str(earned)).quantize(CENT, ROUND_HALF_UP)
    except (InvalidOperation, ValueError):
        raise ValidationError({"earned": "Enter the points as a number."}) from None
    if not Decimal(0) <= points <= item.points:
        raise ValidationError({"earned": f"Give from 0 to {item.points.normalize()} points."})
    item.earned, item.credit = points, (points / item.points).quantize(SHARE) if item.points else Decimal(0)
    item.hand_feedback, item.graded_by, item.graded_at = feedback.strip()[:5000], actor, timezone.now()
    item.save(update_fields=["earned", "credit", "hand_feedback", "graded_by", "graded_at"])
    audit_record(tenant=tenant, actor=actor, action="attempt.hand_graded", target=item.attempt,
                 after={"question": item.position, "points": str(points)})
    attempt_rescore(attempt=item.attempt, actor=actor, why=f"question {item.position} graded by hand")
    return item


def hand_grading_queue(*, cohort_ids) -> list[AttemptItem]:
    """Written answers waiting for a grade in these cohorts, oldest submission first."""
    return list(AttemptItem.objects.filter(
        attempt__scheduled__cohort_id__in=cohort_ids, attempt__state=Attempt.State.NEEDS_GRADING,
        version__question__kind=QuestionKind.WRITTEN, graded_at__isnull=True,
    ).select_related("attempt__scheduled__assessment", "attempt__enrollment__membership__user", "version")
        .order_by("attempt__submitted_at", "position")[:200])


@transaction.atomic
def regrade_request(*, tenant: Tenant, actor: User, question: Question, reason: str) -> RegradeJob:
    """Queue a regrade of every finished attempt that was given this question, against its current key."""
    from assessments.tasks import run_regrade

    reason = " ".join(reason.split())[:255]
    if not reason:
        raise ValidationError({"reason": "Say why the attempts are regraded; the audit log keeps it."})
    total = AttemptItem.objects.filter(version__question=question, attempt__state__in=FINISHED).count()
    job = RegradeJob.objects.create(tenant=tenant, question=question, version=question.current, reason=reason,
                                    requested_by=actor, total=total)
    run_regrade.delay_on_commit(tenant_id=tenant.pk, job_id=job.pk)
    return job


STALE = datetime.timedelta(minutes=5)


def regrade_run(*, tenant_id: int, job_id: int) -> bool:
    """Claim the job (queued, or running under a stale claim) and regrade in batches, recording progress."""
    now = timezone.now()
    claimed = RegradeJob.objects.filter(pk=job_id, tenant_id=tenant_id, state__in=[RegradeJob.State.QUEUED]).update(
        state=RegradeJob.State.RUNNING, claimed_at=now
    ) or RegradeJob.objects.filter(pk=job_id, tenant_id=tenant_id, state=RegradeJob.State.RUNNING,
                                   claimed_at__lt=now - STALE).update(claimed_at=now)
    if not claimed:
        return False
    job = RegradeJob.objects.select_related("question__current__icd10cm_release", "question__current__hcpcs_release",
                                            "tenant", "requested_by").get(pk=job_id)
    key, kind = job.question.current, job.question.kind  # the key as it is now, though a later edit queued this job
    items = AttemptItem.objects.filter(version__question_id=job.question_id, attempt__state__in=FINISHED).order_by("pk")
    last, processed, changed = 0, 0, 0
    try:
        while True:
            batch = list(items.filter(pk__gt=last).select_related("attempt")[:BATCH])
            if not batch:
                break
            with remembered():
                changed += _regrade_batch(job, key, kind, batch)
            processed += len(batch)
            last = batch[-1].pk
            RegradeJob.objects.filter(pk=job_id).update(processed=processed, changed=changed, claimed_at=timezone.now())
    except Exception as exc:  # noqa: BLE001  (recorded for the author, who can ask again)
        RegradeJob.objects.filter(pk=job_id).update(state=RegradeJob.State.FAILED, message=f"{type(exc).__name__}: {exc}"[:2000],
                                                    finished_at=timezone.now())
        raise
    RegradeJob.objects.filter(pk=job_id).update(state=RegradeJob.State.DONE, processed=processed, changed=changed,
                                                finished_at=timezone.now())
    return True


def _regrade_batch(job: RegradeJob, key, kind: str, batch: list[AttemptItem]) -> int:
    changed = 0
    with transaction.atomic():
        for item in batch:
            if kind == QuestionKind.WRITTEN:
                continue  # a person's grade; only its points could change, and a person regrades it
            credit, feedback = grading.item_grade(tenant=job.tenant, kind=kind, key=key, item=item)
            points = key.points
            earned = (points * credit).quantize(CENT, ROUND_HALF_UP) if credit is not None else None
            if (credit, earned, points) == (item.credit, item.earned, item.points):
                continue
            AttemptItem.objects.filter(pk=item.pk).update(credit=credit, earned=earned, points=points,
                                                          feedback={**feedback, "key_version": key.number})
            changed += attempt_rescore(attempt=item.attempt, actor=job.requested_by, why=job.reason)
    return changed
