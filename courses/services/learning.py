"""A student's progress: opening lessons, watching lectures, trying coding exercises.

A lecture counts as watched when the stretches the player reported playing
cover 90% of its length. The server judges that: each report ("I played
``seconds_watched`` seconds ending at ``position``") is capped by the time
that really passed since the last one at the fastest playback speed, and
stretches are merged, so replaying a minute ten times or jumping to the end
never completes a lecture.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from codesets.formats import MODIFIER_KEY, to_key
from cohorts.models import Enrollment
from courses.models import ExerciseAttempt, Lesson, LessonProgress

WATCHED_SHARE = 0.9
FASTEST_RATE = 2.0  # the player's top speed
REPORT_SLACK_SECONDS = 5.0  # network delay between the player's clock and ours
LONGEST_REPORT_SECONDS = 30.0  # the player reports every 10 s of playback; a report never covers more wall time
MAX_ANSWER_LINES = 25


def _progress_row(enrollment: Enrollment, lesson: Lesson, now: datetime.datetime) -> LessonProgress:
    """The row, locked; created on first touch (a unique key makes a double request harmless)."""
    progress, _ = LessonProgress.objects.select_for_update().get_or_create(
        tenant_id=enrollment.tenant_id, enrollment=enrollment, lesson=lesson,
        defaults={"first_viewed_at": now, "reported_at": now},
    )
    return progress


def lesson_opened(
    *, enrollment: Enrollment, lesson: Lesson, now: datetime.datetime | None = None, known: LessonProgress | None = None
) -> LessonProgress:
    """A student opened the lesson: a reading is then done; lectures and exercises start.

    ``known``: the row as the page already read it (the course outline loads
    it). A lesson opened before then costs one UPDATE, and ``known`` is
    brought up to date in memory instead of being read again.
    """
    now = now or timezone.now()
    done = now if lesson.kind == Lesson.Kind.READING else None
    # A new viewing starts the player's clock again: time spent away is never time watched.
    changes = {"reported_at": now, "updated_at": now}
    if done is not None:
        changes["completed_at"] = Coalesce(F("completed_at"), Value(done))
    rows = LessonProgress.objects.filter(tenant_id=enrollment.tenant_id, enrollment=enrollment, lesson=lesson)
    if known is not None and rows.update(**changes):
        known.reported_at = known.updated_at = now
        known.completed_at = known.completed_at or done
        return known
    with transaction.atomic():
        progress, created = LessonProgress.objects.select_for_update().get_or_create(
            tenant_id=enrollment.tenant_id, enrollment=enrollment, lesson=lesson,
            defaults={"first_viewed_at": now, "reported_at": now, "completed_at": done},
        )
        if not created:
            progress.reported_at = now
            progress.completed_at = progress.completed_at or done
            progress.save(update_fields=["completed_at", "reported_at", "updated_at"])
    return progress


def merge_ranges(ranges: list[list[float]], start: float, end: float) -> list[list[float]]:
    """Add [start, end] to sorted, disjoint stretches and merge what touches."""
    merged: list[list[float]] = []
    for low, high in sorted([*ranges, [start, end]]):
        if merged and low <= merged[-1][1] + 0.5:
            merged[-1][1] = max(merged[-1][1], high)
        else:
            merged.append([low, high])
    return merged


def lesson_report_position(
    *, enrollment: Enrollment, lesson: Lesson, position: float, seconds_watched: float,
    now: datetime.datetime | None = None,
) -> LessonProgress:
    """The player reports where it is and how long it played up to there."""
    now = now or timezone.now()
    duration = float(lesson.duration_seconds or 0)
    position = max(0.0, min(float(position), duration)) if duration else max(0.0, float(position))
    with transaction.atomic():
        progress = _progress_row(enrollment, lesson, now)
        played = max(0.0, min(float(seconds_watched), _playable(progress, now), position))
        if played > 0:
            progress.watched_ranges = merge_ranges(progress.watched_ranges or [], round(position - played, 2), round(position, 2))
            progress.watched_seconds = round(sum(high - low for low, high in progress.watched_ranges), 2)
        progress.position_seconds = position
        progress.reported_at = now
        if duration and progress.completed_at is None and progress.watched_seconds >= WATCHED_SHARE * duration:
            progress.completed_at = now
        progress.save()
    return progress


def _playable(progress: LessonProgress, now: datetime.datetime) -> float:
    """The most a report may claim: the wall time since the last one (at most 30 s) at top speed,
    plus a slack that never exceeds that time, so many tiny reports cannot add slack up."""
    elapsed = max(0.0, (now - (progress.reported_at or progress.first_viewed_at)).total_seconds())
    return min(elapsed, LONGEST_REPORT_SECONDS) * FASTEST_RATE + min(REPORT_SLACK_SECONDS, elapsed)


@dataclass(frozen=True)
class Attempted:
    score: float
    feedback: dict
    attempt: ExerciseAttempt | None  # None for a staff preview, which stores nothing
    progress: LessonProgress | None


def exercise_score(*, lesson: Lesson, lines: list[dict]):
    """Score answer lines against the lesson's key with the school's partial-credit policy."""
    from assessments.scoring import AnswerLine, KeyLine, score_coding_answer

    key = [
        KeyLine(role=k.role, code=k.code, requirement=k.requirement, group=k.group, modifiers=k.modifier_list,
                units=k.units, rationale=k.rationale)
        for k in lesson.key_lines.all()
    ]
    answer = [AnswerLine(code=line["code"], modifiers=tuple(line.get("modifiers", ())), units=line.get("units", 1))
              for line in lines]
    releases = {system: release for system, release in
                (("icd10cm", lesson.icd10cm_release), ("hcpcs", lesson.hcpcs_release)) if release is not None}
    return score_coding_answer(
        tenant=lesson.tenant, key=key, answer=answer, releases=releases,
        partial_credit=lesson.tenant.coding_partial_credit, order_scored=lesson.order_scored,
    )


def exercise_attempt(
    *, enrollment: Enrollment | None, lesson: Lesson, lines: list[dict], now: datetime.datetime | None = None
) -> Attempted:
    """Score a try. Practice: feedback at once, unlimited tries, the best score kept."""
    now = now or timezone.now()
    result = exercise_score(lesson=lesson, lines=lines)
    feedback = result.as_dict()
    if enrollment is None:
        return Attempted(score=result.score, feedback=feedback, attempt=None, progress=None)
    with transaction.atomic():
        progress = _progress_row(enrollment, lesson, now)
        attempt = ExerciseAttempt.objects.create(
            tenant_id=enrollment.tenant_id, enrollment=enrollment, lesson=lesson, answer=lines,
            score=result.score, feedback=feedback, created_at=now,
        )
        progress.tries += 1
        progress.best_score = max(progress.best_score or 0.0, result.score)
        progress.completed_at = progress.completed_at or now
        progress.reported_at = now
        progress.save()
    return Attempted(score=result.score, feedback=feedback, attempt=attempt, progress=progress)


def clean_answer_lines(raw: list) -> list[dict]:
    """The answer as lines {code, modifiers, units}; blank lines dropped, bad ones refused with a message.

    Pages and the API both call this, so a typing slip reads the same everywhere.
    """
    lines = []
    for number, item in enumerate(raw or [], start=1):
        if not isinstance(item, dict):
            raise ValidationError(f"Line {number} is not a code line.")
        code = to_key(str(item.get("code") or ""))
        if not code:
            continue
        if len(code) > 8:
            raise ValidationError(f"Line {number}: “{str(item.get('code'))[:20]}” is too long to be a code.")
        modifiers = item.get("modifiers") or []
        if isinstance(modifiers, str):
            modifiers = modifiers.replace(",", " ").split()
        modifiers = [to_key(str(m)) for m in modifiers if str(m).strip()]
        if len(modifiers) > 4 or any(not MODIFIER_KEY.match(m) for m in modifiers):
            raise ValidationError(f"Line {number}: modifiers are up to four two-character codes such as 25, 59, LT.")
        try:
            units = int(item.get("units") or 1)
        except (TypeError, ValueError):
            raise ValidationError(f"Line {number}: units must be a whole number.") from None
        if not 1 <= units <= 999:
            raise ValidationError(f"Line {number}: units must be between 1 and 999.")
        lines.append({"code": code, "modifiers": modifiers, "units": units})
    if not lines:
        raise ValidationError("Enter at least one code.")
    if len(lines) > MAX_ANSWER_LINES:
        raise ValidationError(f"Enter at most {MAX_ANSWER_LINES} codes.")
    return lines
