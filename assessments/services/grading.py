"""Grading an attempt in the background: claimed once, idempotent, its state where people see it.

The task claims the attempt with a conditional update (submitted -> grading,
stamped with the claim's time); only the claim that is still current may write
the result, so a job that runs twice, or one whose worker was killed and whose
message came back, leaves one result. Written answers wait for staff.
"""

from __future__ import annotations

import datetime
import json
import time
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import OperationalError, connection, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from assessments.models import Accommodation, Attempt, AttemptItem, QuestionKind, QuestionVersion
from assessments.scoring import AnswerLine, KeyLine, score_coding_answer
from assessments.services.deadlines import late_penalty, window_for
from codesets.memo import remembered
from codesets.models import Release, System
from lms.models import Tenant
from lms.notifications.service import notify

CENT = Decimal("0.01")
SHARE = Decimal("0.0001")


def stale_after() -> datetime.timedelta:
    """A claim older than this belongs to a worker that died: the attempt may be claimed again."""
    return datetime.timedelta(seconds=getattr(settings, "ASSESSMENT_GRADING_STALE_SECONDS", 120))


def item_grade(*, tenant: Tenant, kind: str, key: QuestionVersion, item: AttemptItem) -> tuple[Decimal | None, dict]:
    """The share of the item's points earned (None: a person grades it) and the feedback, by ``key``'s version."""
    response = item.response or {}
    if kind == QuestionKind.WRITTEN:
        return None, {}
    if kind == QuestionKind.SINGLE:
        right = key.correct_choice_ids
        return Decimal(1 if response.get("choice") in right else 0), {"correct": right}
    if kind == QuestionKind.MULTIPLE:
        right, chosen = set(key.correct_choice_ids), set(response.get("choices") or [])
        # Canvas's "partial credit": each right choice earns its share, each wrong one takes a share back.
        share = max(Decimal(0), Decimal(len(chosen & right) - len(chosen - right)) / Decimal(len(right)))
        return share.quantize(SHARE), {"correct": sorted(right)}
    groups = response.get("items") or []
    releases = {System.ICD10CM.value: key.icd10cm_release, System.HCPCS.value: key.hcpcs_release}
    results = []
    for number, spec in enumerate(key.items):
        lines = groups[number] if number < len(groups) else []
        answer = [AnswerLine(code=line["code"], modifiers=tuple(line.get("modifiers", ())), units=line.get("units", 1))
                  for line in lines if line.get("code")]
        if not answer:
            results.append({"score": 0.0, "lines": [], "missed": [], "empty": True})
            continue
        result = score_coding_answer(
            tenant=tenant, key=[KeyLine(role=k["role"], code=k["code"], requirement=k["requirement"], group=k["group"],
                                        modifiers=tuple(k["modifiers"]), units=k["units"], rationale=k["rationale"])
                                for k in spec["key"]],
            answer=answer, releases=releases, partial_credit=tenant.coding_partial_credit, order_scored=key.order_scored,
        )
        results.append(result.as_dict())
    share = Decimal(str(sum(r["score"] for r in results) / len(results))) if results else Decimal(0)
    return share.quantize(SHARE), {"items": results}


def _claim(tenant_id: int, attempt_id: int, now: datetime.datetime) -> bool:
    claimable = Q(state=Attempt.State.SUBMITTED) | Q(state=Attempt.State.GRADING, claimed_at__lt=now - stale_after())
    return bool(Attempt.objects.filter(claimable, pk=attempt_id, tenant_id=tenant_id).update(
        state=Attempt.State.GRADING, claimed_at=now
    ))


def attempt_grade(*, tenant_id: int, attempt_id: int, now: datetime.datetime | None = None) -> bool:
    """Grade the submitted attempt once. False when there was nothing to claim (graded, or someone has it)."""
    claimed_at = now or timezone.now()
    if not _claim(tenant_id, attempt_id, claimed_at):
        return False
    attempt = Attempt.objects.select_related("scheduled__assessment", "scheduled__cohort", "tenant",
                                             "enrollment__membership__accommodation").get(pk=attempt_id)
    try:
        # The student answered the version they were given; it is scored by the question's current key,
        # so a key corrected while the attempt was open grades it as a regrade would.
        items = _items_with_keys(attempt)
        with remembered():  # the code-set rows this exam names, kept for the next attempt (codesets/memo.py)
            _grade_items(attempt, items)
    except OperationalError:
        # Transient (the database went away): hand the attempt back so the task's retry can claim it.
        Attempt.objects.filter(pk=attempt_id, state=Attempt.State.GRADING, claimed_at=claimed_at).update(
            state=Attempt.State.SUBMITTED
        )
        raise
    except Exception as exc:  # noqa: BLE001  (the reason is recorded where staff see it, and they can retry)
        Attempt.objects.filter(pk=attempt_id, state=Attempt.State.GRADING, claimed_at=claimed_at).update(
            state=Attempt.State.FAILED, failure_reason=f"{type(exc).__name__}: {exc}"[:2000]
        )
        raise
    return _finish(attempt, items, claimed_at)


# Keys already read, by version id: a version that has been given to a student is frozen (editing it
# makes a new one), so its key does not change under this cache; entries still expire after
# GIVEN_SECONDS, in case the attempts that froze it were deleted and it was edited in place since.
# The pinned releases are read afresh for every attempt (a release may be reloaded).
_GIVEN_KEYS: dict[int, tuple[float, QuestionVersion]] = {}
_GIVEN_LIMIT = 20_000
GIVEN_SECONDS = 300.0


def _items_with_keys(attempt: Attempt) -> list[AttemptItem]:
    """The attempt's items, each with ``kind`` and ``key`` (its question's current version, releases
    loaded): two queries, and one more for keys not read lately."""
    items = list(attempt.items.defer("feedback", "hand_feedback").annotate(
        kind=F("version__question__kind"), current_id=F("version__question__current_id"),
    ).order_by("position"))
    now = time.monotonic()
    keys = {pk: version for pk, (until, version) in _GIVEN_KEYS.items() if until > now}
    wanted = {i.current_id for i in items if i.current_id not in keys}
    if wanted:
        loaded = {v.pk: v for v in QuestionVersion.objects.filter(pk__in=wanted)
                  .defer("prompt", "prompt_html", "record_title", "record_text", "rationale", "rubric")}
        keys.update(loaded)
        for item in items:
            if item.current_id == item.version_id and item.current_id in loaded:  # given to this attempt: frozen
                if len(_GIVEN_KEYS) >= _GIVEN_LIMIT:
                    _GIVEN_KEYS.clear()
                _GIVEN_KEYS[item.current_id] = (now + GIVEN_SECONDS, loaded[item.current_id])
    mine = [keys[i.current_id] for i in items]
    pins = {pk for v in mine for pk in (v.icd10cm_release_id, v.hcpcs_release_id) if pk}
    releases = Release.objects.in_bulk(pins) if pins else {}
    for item in items:
        item.key = keys[item.current_id]
        item.key.icd10cm_release = releases.get(item.key.icd10cm_release_id)
        item.key.hcpcs_release = releases.get(item.key.hcpcs_release_id)
    return items


def forget_keys() -> None:
    _GIVEN_KEYS.clear()


def _grade_items(attempt: Attempt, items: list[AttemptItem]) -> None:
    for item in items:
        if item.kind == QuestionKind.WRITTEN and item.graded_at:
            item.feedback = {}
            continue  # a person's grade stands
        key = item.key
        item.points = key.points
        item.credit, item.feedback = item_grade(tenant=attempt.tenant, kind=item.kind, key=key, item=item)
        if key.pk != item.version_id:
            item.feedback = {**item.feedback, "key_version": key.number}
        item.earned = (item.points * item.credit).quantize(CENT, ROUND_HALF_UP) if item.credit is not None else None


def _accommodation(attempt: Attempt) -> Accommodation | None:
    """The student's accommodation, joined when the attempt was loaded (else read now)."""
    try:
        return attempt.enrollment.membership.accommodation
    except Accommodation.DoesNotExist:
        return None


def _totals(attempt: Attempt, items: list[AttemptItem]) -> dict:
    pending = any(item.credit is None for item in items)
    earned = sum((item.earned or Decimal(0) for item in items), start=Decimal(0))
    attempt.max_points = sum((item.points for item in items), start=Decimal(0))
    accommodation = _accommodation(attempt)
    penalty = late_penalty(window_for(attempt.scheduled, accommodation), attempt.submitted_at,
                           attempt.scheduled.late_penalty_percent)
    percent = None
    if attempt.max_points:
        percent = (earned / attempt.max_points * 100 * (100 - penalty) / 100).quantize(CENT, ROUND_HALF_UP)
    state = Attempt.State.NEEDS_GRADING if pending else Attempt.State.GRADED
    return {"state": state, "points": earned, "max_points": attempt.max_points, "late_penalty_percent": penalty,
            "percent": None if pending else percent,
            "passed": None if pending or percent is None else percent >= attempt.scheduled.assessment.passing_percent}


def _finish(attempt: Attempt, items: list[AttemptItem], claimed_at: datetime.datetime) -> bool:
    totals = _totals(attempt, items)
    with transaction.atomic():
        # Only the current claim writes: a worker that lost its claim to a retaker stops here.
        done = Attempt.objects.filter(pk=attempt.pk, state=Attempt.State.GRADING, claimed_at=claimed_at).update(
            graded_at=timezone.now(), failure_reason="", times_graded=F("times_graded") + 1, **totals
        )
        if not done:
            return False
        _write_items(items)
        if totals["state"] == Attempt.State.GRADED:
            _tell_graded(attempt)
        else:
            _tell_graders(attempt)
    return True


def _write_items(items: list[AttemptItem]) -> None:
    """Store every item's grade in one statement. (``bulk_update`` builds a CASE per field and row in
    Python: for a 50-question attempt that cost more than grading it.)"""
    rows = [(item.pk, item.points, item.credit, item.earned, json.dumps(item.feedback, cls=DjangoJSONEncoder)) for item in items]
    if not rows:
        return
    table = AttemptItem._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            from psycopg2.extras import execute_values

            execute_values(
                cursor.cursor,
                f"UPDATE {table} AS item SET points = v.points, credit = v.credit, earned = v.earned, feedback = v.feedback "
                "FROM (VALUES %s) AS v(id, points, credit, earned, feedback) WHERE item.id = v.id",
                rows, template="(%s, %s::numeric, %s::numeric, %s::numeric, %s::jsonb)", page_size=500,
            )
        else:
            cursor.executemany(f"UPDATE {table} SET points = %s, credit = %s, earned = %s, feedback = %s WHERE id = %s",
                               [(str(p), None if c is None else str(c), None if e is None else str(e), f, pk)
                                for pk, p, c, e, f in rows])


def _tell_graded(attempt: Attempt) -> None:
    assessment = attempt.scheduled.assessment
    notify(
        tenant=attempt.tenant, kind="assessment.graded", recipients=[attempt.enrollment.membership.user_id],
        key=f"assessment.graded:{attempt.pk}", title=f"{assessment.title}: your attempt {attempt.number} is graded",
        subject=attempt, url=reverse("assessments:attempt_results", args=[attempt.pk]),
    )


def _tell_graders(attempt: Attempt) -> None:
    """Written answers wait: the cohort's staff hear of it once per attempt."""
    from cohorts.models import CohortStaff

    staff = CohortStaff.objects.filter(cohort_id=attempt.scheduled.cohort_id).values_list("membership__user_id", flat=True)
    notify(
        tenant=attempt.tenant, kind="assessment.needs_grading", recipients=list(staff),
        key=f"assessment.needs_grading:{attempt.pk}", subject=attempt,
        title=f"{attempt.scheduled.assessment.title}: written answers to grade",
        url=reverse("assessments:grading_queue", args=[attempt.scheduled.cohort_id]),
    )


def attempts_to_requeue(*, now: datetime.datetime | None = None, limit: int = 500) -> list[tuple[int, int]]:
    """(tenant_id, attempt_id) of attempts submitted but never picked up, or held by a claim gone stale."""
    now = now or timezone.now()
    waiting = Q(state=Attempt.State.SUBMITTED, submitted_at__lt=now - stale_after())
    stuck = Q(state=Attempt.State.GRADING, claimed_at__lt=now - stale_after())
    return list(Attempt.objects.filter(waiting | stuck).order_by("submitted_at").values_list("tenant_id", "pk")[:limit])


def attempt_retry(*, attempt: Attempt) -> bool:
    """Staff ask for a failed grading to run again."""
    from assessments.tasks import grade_attempt

    with transaction.atomic():
        changed = Attempt.objects.filter(pk=attempt.pk, state=Attempt.State.FAILED).update(
            state=Attempt.State.SUBMITTED, failure_reason=""
        )
        if changed:
            grade_attempt.delay_on_commit(tenant_id=attempt.tenant_id, attempt_id=attempt.pk)
    return bool(changed)
