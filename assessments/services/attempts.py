"""Taking an assessment: start (draw the questions), save each answer as it is given, submit.

Nothing is lost: every save is one conditional update keyed by the client's
sequence number, so an older save arriving late never overwrites a newer one,
and every answer stays saved when time runs out. The server alone decides
when an attempt ends (``deadlines``); the beat dispatcher submits what was
saved once that time and the grace have passed.
"""

from __future__ import annotations

import datetime
import random
import zoneinfo
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from assessments.models import Accommodation, Assessment, Attempt, AttemptItem, CohortAssessment, Question, QuestionKind
from assessments.services.deadlines import deadline_for, grace, seconds_left, window_for
from cohorts.models import Enrollment
from lms.models import Membership

MAX_LINES = 25
WRITTEN_MAX = 10_000


class AttemptRefused(ValidationError):
    """A save or a start the server will not take, with the message to show."""


def _local(moment: datetime.datetime, scheduled: CohortAssessment) -> str:
    zone = zoneinfo.ZoneInfo(scheduled.cohort.time_zone)
    return moment.astimezone(zone).strftime("%-I:%M %p on %b %-d").replace("AM", "am").replace("PM", "pm")


def _enrollment(membership: Membership, scheduled: CohortAssessment) -> Enrollment:
    enrollment = Enrollment.objects.select_for_update().filter(
        tenant_id=membership.tenant_id, cohort_id=scheduled.cohort_id, membership=membership, state=Enrollment.State.ACTIVE
    ).first()
    if enrollment is None:
        raise AttemptRefused("Only the cohort's active students take its assessments.")
    return enrollment


def _draw(assessment: Assessment, rng: random.Random) -> list[Question]:
    usable = Question.objects.filter(bank_id=assessment.bank_id, is_archived=False, current__isnull=False)
    rules = list(assessment.blueprint.select_related("domain"))
    if not rules:
        fixed = [row.question for row in assessment.fixed_questions.select_related("question__current")
                 if not row.question.is_archived and row.question.current_id]
        if not fixed:
            raise AttemptRefused("This assessment has no questions yet. Tell your instructor.")
        return rng.sample(fixed, len(fixed)) if assessment.shuffle_questions else fixed
    by_domain: dict[int, list[Question]] = {}
    for question in usable.filter(domain_id__in=[r.domain_id for r in rules]).select_related("current"):
        by_domain.setdefault(question.domain_id, []).append(question)
    drawn: list[Question] = []
    for rule in rules:
        pool = sorted(by_domain.get(rule.domain_id, []), key=lambda q: q.pk)
        if len(pool) < rule.count:
            raise AttemptRefused(
                f"The bank has {len(pool)} questions in {rule.domain.name} and the blueprint asks for {rule.count}. "
                "Tell your instructor."
            )
        drawn += rng.sample(pool, rule.count)
    return rng.sample(drawn, len(drawn)) if assessment.shuffle_questions else drawn


def _items(attempt: Attempt, questions: list[Question], shuffle_choices: bool, rng: random.Random) -> list[AttemptItem]:
    items = []
    for position, question in enumerate(questions, start=1):
        version = question.current
        order = [c["id"] for c in version.choices]
        if shuffle_choices and order:
            rng.shuffle(order)
        items.append(AttemptItem(tenant_id=attempt.tenant_id, attempt=attempt, position=position, version=version,
                                 domain_id=question.domain_id, points=version.points, choice_order=order))
    return items


@transaction.atomic
def attempt_start(*, membership: Membership, scheduled: CohortAssessment, now: datetime.datetime | None = None,
                  rng: random.Random | None = None) -> Attempt:
    """The student's open attempt, or a new one drawn for them; refused outside the window or past their attempts."""
    now = now or timezone.now()
    enrollment = _enrollment(membership, scheduled)  # locked: two tabs starting at once make one attempt
    open_attempt = Attempt.objects.filter(scheduled=scheduled, enrollment=enrollment, state=Attempt.State.IN_PROGRESS).first()
    if open_attempt is not None:
        return open_attempt
    assessment = scheduled.assessment
    if not assessment.is_published:
        raise AttemptRefused("This assessment is not published yet.")
    window = window_for(scheduled, Accommodation.objects.filter(membership=membership).first())
    if now < window.opens_at:
        raise AttemptRefused(f"This opens at {_local(window.opens_at, scheduled)}.")
    if window.closes_at and now >= window.closes_at:
        raise AttemptRefused(f"This closed at {_local(window.closes_at, scheduled)}.")
    taken = Attempt.objects.filter(scheduled=scheduled, enrollment=enrollment).count()
    if taken >= window.attempts_allowed:
        raise AttemptRefused(f"You have used all {window.attempts_allowed} of your attempts.")
    rng = rng or random.SystemRandom()
    questions = _draw(assessment, rng)
    attempt = Attempt.objects.create(
        tenant_id=enrollment.tenant_id, scheduled=scheduled, enrollment=enrollment, number=taken + 1,
        started_at=now, deadline_at=deadline_for(window, now),
    )
    items = AttemptItem.objects.bulk_create(_items(attempt, questions, assessment.shuffle_choices, rng))
    attempt.max_points = sum((item.points for item in items), start=attempt.max_points)
    attempt.save(update_fields=["max_points"])
    return attempt


@dataclass(frozen=True)
class Saved:
    saved: bool  # False: a newer save had already arrived, and it stands
    seq: int
    saved_at: datetime.datetime | None
    seconds_left: int | None


def clean_response(kind: str, choice_ids: list[str], raw: object, item_count: int = 1) -> object:
    """An answer in its stored shape, or a refusal naming what is wrong. None clears the answer."""
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise ValidationError("Send the answer as an object.")
    if kind == QuestionKind.SINGLE:
        choice = raw.get("choice")
        if choice is not None and choice not in choice_ids:
            raise ValidationError("That is not one of this question's choices.")
        return {"choice": choice}
    if kind == QuestionKind.MULTIPLE:
        chosen = raw.get("choices")
        if not isinstance(chosen, list) or any(c not in choice_ids for c in chosen):
            raise ValidationError("Choose from this question's choices.")
        return {"choices": sorted(set(chosen))}
    if kind == QuestionKind.WRITTEN:
        text = raw.get("text")
        if not isinstance(text, str) or len(text) > WRITTEN_MAX:
            raise ValidationError(f"Write the answer as text of at most {WRITTEN_MAX:,} characters.")
        return {"text": text}
    groups = raw.get("items")
    if not isinstance(groups, list) or len(groups) != item_count:
        raise ValidationError(f"Send the codes for each of the {item_count} items.")
    return {"items": [_lines(group, number) for number, group in enumerate(groups, start=1)]}


def _lines(group: object, number: int) -> list[dict]:
    if not isinstance(group, list) or len(group) > MAX_LINES:
        raise ValidationError(f"Item {number}: send at most {MAX_LINES} code lines.")
    lines = []
    for line in group:
        if not isinstance(line, dict):
            raise ValidationError(f"Item {number}: each line is a code with its modifiers and units.")
        code = str(line.get("code") or "").strip().upper()[:12]
        modifiers = line.get("modifiers") or []
        if isinstance(modifiers, str):
            modifiers = modifiers.replace(",", " ").split()
        if not isinstance(modifiers, list) or len(modifiers) > 4:
            raise ValidationError(f"Item {number}: a line has at most four modifiers.")
        units = line.get("units") or 1
        try:
            units = int(units)
        except (TypeError, ValueError):
            raise ValidationError(f"Item {number}: units are a whole number.") from None
        if not 1 <= units <= 999:
            raise ValidationError(f"Item {number}: units are from 1 to 999.")
        if code or modifiers:
            lines.append({"code": code, "modifiers": [str(m).strip().upper()[:4] for m in modifiers], "units": units})
    return lines


def _refuse_if_closed(attempt: Attempt, now: datetime.datetime) -> None:
    if attempt.state != Attempt.State.IN_PROGRESS:
        raise AttemptRefused("This attempt has been submitted; the answers it saved are kept.")
    if attempt.deadline_at and now > attempt.deadline_at + grace():
        attempt_submit(attempt=attempt, now=now, by_deadline=True)
        raise AttemptRefused(
            f"Time ran out at {_local(attempt.deadline_at, attempt.scheduled)}. This answer arrived too late to be "
            "saved; every answer saved before then is kept and has been submitted."
        )


def answer_save(*, attempt: Attempt, position: object, response: object, seq: object | None,
                now: datetime.datetime | None = None) -> Saved:
    """Save the answer to one item if ``seq`` is newer than the one stored. ``attempt`` is the student's own.

    ``seq`` None (the page's plain form) takes the next number after the stored one.
    """
    now = now or timezone.now()
    _refuse_if_closed(attempt, now)
    try:
        position = int(str(position))
        seq = None if seq is None else int(str(seq))
    except ValueError:
        raise ValidationError("seq and position are whole numbers.") from None
    if seq is not None and not 0 < seq < 2**31:
        raise ValidationError("seq counts the page's saves from 1.")
    item = (AttemptItem.objects.filter(attempt_id=attempt.pk, position=position)
            .select_related("version__question").only("pk", "seq", "saved_at", "version__choices", "version__items",
                                                      "version__question__kind").first())
    if item is None:
        raise ValidationError("This attempt has no such question.")
    version = item.version
    stored = clean_response(version.question.kind, [c["id"] for c in version.choices], response, max(1, len(version.items)))
    rows = AttemptItem.objects.filter(pk=item.pk, attempt__state=Attempt.State.IN_PROGRESS)
    if seq is None:
        changed = rows.update(response=stored, seq=F("seq") + 1, saved_at=now)
    else:
        changed = rows.filter(seq__lt=seq).update(response=stored, seq=seq, saved_at=now)
    if not changed and not Attempt.objects.filter(pk=attempt.pk, state=Attempt.State.IN_PROGRESS).exists():
        raise AttemptRefused("This attempt was submitted a moment ago; the answers it saved are kept.")
    if not changed or seq is None:
        item.refresh_from_db(fields=["seq", "saved_at"])
        return Saved(saved=bool(changed), seq=item.seq, saved_at=item.saved_at, seconds_left=seconds_left(attempt.deadline_at, now))
    return Saved(saved=True, seq=seq, saved_at=now, seconds_left=seconds_left(attempt.deadline_at, now))


def attempt_submit(*, attempt: Attempt, now: datetime.datetime | None = None, by_deadline: bool = False) -> bool:
    """Hand the attempt in (once: a second submit, or the dispatcher after the student, changes nothing)
    and queue its grading when the transaction commits."""
    from assessments.tasks import grade_attempt

    now = now or timezone.now()
    if attempt.deadline_at and now > attempt.deadline_at + grace():
        by_deadline = True  # time ran out before this submit: it hands in what was saved by the deadline
    submitted_at = min(now, attempt.deadline_at) if by_deadline and attempt.deadline_at else now
    with transaction.atomic():
        changed = Attempt.objects.filter(pk=attempt.pk, state=Attempt.State.IN_PROGRESS).update(
            state=Attempt.State.SUBMITTED, submitted_at=submitted_at, submitted_by_deadline=by_deadline
        )
        if changed:
            grade_attempt.delay_on_commit(tenant_id=attempt.tenant_id, attempt_id=attempt.pk)
    if changed:
        attempt.state, attempt.submitted_at, attempt.submitted_by_deadline = Attempt.State.SUBMITTED, submitted_at, by_deadline
    return bool(changed)


def overdue_attempts(*, now: datetime.datetime | None = None, limit: int = 500) -> list[int]:
    now = now or timezone.now()
    return list(Attempt.objects.filter(state=Attempt.State.IN_PROGRESS, deadline_at__lt=now - grace())
                .order_by("deadline_at").values_list("pk", flat=True)[:limit])


def close_overdue_attempts(*, now: datetime.datetime | None = None) -> int:
    """Beat dispatcher: submit the last saved answers of every attempt whose time and grace have run out."""
    now = now or timezone.now()
    closed = 0
    for attempt in Attempt.objects.filter(pk__in=overdue_attempts(now=now)).select_related("scheduled"):
        closed += attempt_submit(attempt=attempt, now=now, by_deadline=True)
    return closed


@transaction.atomic
def deadlines_follow_schedule(*, scheduled: CohortAssessment) -> int:
    """New dates for a cohort move its open attempts' deadlines (an extended close gives them the time;
    an earlier one never ends an attempt before now)."""
    now = timezone.now()
    moved = 0
    open_attempts = Attempt.objects.filter(scheduled=scheduled, state=Attempt.State.IN_PROGRESS)
    profiles = {a.membership_id: a for a in Accommodation.objects.filter(
        membership_id__in=open_attempts.values("enrollment__membership_id"))}
    for attempt in open_attempts.select_related("enrollment"):
        attempt.scheduled = scheduled
        deadline = deadline_for(window_for(scheduled, profiles.get(attempt.enrollment.membership_id)), attempt.started_at)
        if deadline != attempt.deadline_at:
            attempt.deadline_at = max(deadline, now) if deadline else None
            attempt.save(update_fields=["deadline_at"])
            moved += 1
    return moved


@transaction.atomic
def deadlines_follow_accommodation(*, accommodation: Accommodation) -> int:
    """A changed accommodation moves the deadlines of the student's open attempts (they never shrink below now)."""
    now = timezone.now()
    moved = 0
    open_attempts = Attempt.objects.filter(enrollment__membership_id=accommodation.membership_id, state=Attempt.State.IN_PROGRESS)
    for attempt in open_attempts.select_related("scheduled__assessment"):
        deadline = deadline_for(window_for(attempt.scheduled, accommodation), attempt.started_at)
        if deadline != attempt.deadline_at:
            attempt.deadline_at = max(deadline, now) if deadline else None
            attempt.save(update_fields=["deadline_at"])
            moved += 1
    return moved
