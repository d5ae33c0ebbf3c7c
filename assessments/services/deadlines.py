"""When a student's attempt must end, from the assessment, the cohort's window and their accommodation.

The deadline is the earlier of start + limit x the student's multiplier and the
close time extended for that student. It is stored on the attempt when it
starts, so the server checks one column on every save; a registrar's later
change to an accommodation moves the open attempts' deadlines too.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings

from assessments.models import Accommodation, CohortAssessment

NO_ACCOMMODATION = Accommodation(time_multiplier=Decimal("1.00"), extra_attempts=0, close_extension_hours=0)


def grace() -> datetime.timedelta:
    """Saves sent just before the deadline may arrive a little after it: they are still taken."""
    return datetime.timedelta(seconds=getattr(settings, "ASSESSMENT_SAVE_GRACE_SECONDS", 30))


@dataclass(frozen=True)
class Window:
    opens_at: datetime.datetime
    due_at: datetime.datetime | None  # extended like the close: using an extension is never late
    closes_at: datetime.datetime | None
    time_limit: datetime.timedelta | None
    attempts_allowed: int


def window_for(scheduled: CohortAssessment, accommodation: Accommodation | None) -> Window:
    accommodation = accommodation or NO_ACCOMMODATION
    extension = datetime.timedelta(hours=accommodation.close_extension_hours)
    assessment = scheduled.assessment
    limit = None
    if assessment.time_limit_minutes:
        seconds = Decimal(assessment.time_limit_minutes * 60) * accommodation.time_multiplier
        limit = datetime.timedelta(seconds=int(seconds))
    return Window(
        opens_at=scheduled.opens_at,
        due_at=scheduled.due_at + extension if scheduled.due_at else None,
        closes_at=scheduled.closes_at + extension if scheduled.closes_at else None,
        time_limit=limit,
        attempts_allowed=assessment.attempts_allowed + accommodation.extra_attempts,
    )


def deadline_for(window: Window, started_at: datetime.datetime) -> datetime.datetime | None:
    ends = [end for end in (started_at + window.time_limit if window.time_limit else None, window.closes_at) if end]
    return min(ends) if ends else None


def seconds_left(deadline: datetime.datetime | None, now: datetime.datetime) -> int | None:
    if deadline is None:
        return None
    return max(0, int((deadline - now).total_seconds()))


def late_penalty(window: Window, submitted_at: datetime.datetime, percent_per_day: Decimal) -> Decimal:
    """The share lost for lateness: ``percent_per_day`` for each day begun after the (extended) due time."""
    if window.due_at is None or submitted_at <= window.due_at or not percent_per_day:
        return Decimal(0)
    late = submitted_at - window.due_at
    days = late.days + (1 if late - datetime.timedelta(days=late.days) > datetime.timedelta(0) else 0)
    return min(Decimal(100), percent_per_day * days)
