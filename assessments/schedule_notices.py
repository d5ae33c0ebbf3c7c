"""Dated notices of assessments, found by the term-schedule dispatcher (cohorts/schedule.py):
an assessment opens, and one is due tomorrow for the students who have not submitted it.

Each dedupe key names the date it is about, so a moved date tells people again and a
dispatcher run twice tells them once; a notice found after its date moved is not sent.
"""

from __future__ import annotations

import datetime
from functools import partial

from django.urls import reverse

from assessments.models import Attempt, CohortAssessment
from assessments.notices import ASSESSMENT_DUE, ASSESSMENT_OPENED
from cohorts.schedule import Due, collect, people

DUE_AHEAD = datetime.timedelta(hours=24)
HANDED_IN = (Attempt.State.SUBMITTED, Attempt.State.GRADING, Attempt.State.NEEDS_GRADING, Attempt.State.GRADED,
             Attempt.State.FAILED)


def _when(moment: datetime.datetime, zone: str) -> str:
    import zoneinfo

    local = moment.astimezone(zoneinfo.ZoneInfo(zone))
    return f"{local:%A, %B} {local.day} at {local:%-I:%M %p}".replace("AM", "am").replace("PM", "pm")


def _still(schedule_id: int, field: str, value: datetime.datetime) -> bool:
    return CohortAssessment.objects.filter(pk=schedule_id, assessment__is_published=True, **{field: value}).exists()


def assessment_notices(since: datetime.datetime, until: datetime.datetime) -> list[Due]:
    opening = CohortAssessment.objects.filter(opens_at__gt=since, opens_at__lte=until)
    due = CohortAssessment.objects.filter(due_at__gt=since + DUE_AHEAD, due_at__lte=until + DUE_AHEAD)
    rows = list((opening | due).filter(assessment__is_published=True, tenant__is_active=True)
                .select_related("assessment", "cohort", "tenant"))
    students, _ = people(list({r.cohort_id for r in rows}))
    handed_in: dict[int, set[int]] = {}
    for schedule_id, user_id in Attempt.objects.filter(scheduled__in=[r for r in rows if r.due_at], state__in=HANDED_IN) \
            .values_list("scheduled_id", "enrollment__membership__user_id"):
        handed_in.setdefault(schedule_id, set()).add(user_id)
    found: dict[str, Due] = {}
    for row in rows:
        title, url, zone = row.assessment.title, reverse("assessments:schedule_detail", args=[row.pk]), row.cohort.time_zone
        collect(found, Due(
            row.tenant, ASSESSMENT_OPENED.code, f"assessment.opened:{row.pk}:{row.opens_at:%Y-%m-%dT%H:%M}", row.opens_at,
            f"{title} is open", f"{row.cohort.section_code}: open until {_when(row.closes_at, zone)}." if row.closes_at else
            f"{row.cohort.section_code}: open now.", url, row, still_true=partial(_still, row.pk, "opens_at", row.opens_at),
        ), since, until, students[row.cohort_id])
        if row.due_at:
            collect(found, Due(
                row.tenant, ASSESSMENT_DUE.code, f"assessment.due:{row.pk}:{row.due_at:%Y-%m-%dT%H:%M}", row.due_at - DUE_AHEAD,
                f"{title} is due tomorrow", f"Due {_when(row.due_at, zone)}.", url, row,
                still_true=partial(_still, row.pk, "due_at", row.due_at),
            ), since, until, students[row.cohort_id] - handed_in.get(row.pk, set()))
    return list(found.values())
