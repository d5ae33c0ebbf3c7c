"""Assessments on the calendar (cohorts/calendar.py): each due date, and for a student their best
graded score beside it. Registered from AssessmentsConfig.ready; one query however many there are."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import OuterRef, Subquery
from django.utils import timezone

from assessments.models import Attempt, CohortAssessment
from assessments.results import policy_met
from cohorts.calendar import Event, Window
from lms.links import IdLink
from lms.models import Role


def assessment_due_dates(window: Window) -> Iterator[Event]:
    student = window.membership.role == Role.STUDENT
    cohorts = [c for c in window.cohorts if getattr(c, "seated", True)]
    if not cohorts:
        return
    rows = CohortAssessment.objects.filter(
        cohort__in=cohorts, due_at__gte=window.starts_at, due_at__lt=window.ends_at
    ).select_related("assessment", "cohort").only(
        "pk", "opens_at", "due_at", "closes_at", "cohort__section_code", "assessment__title",
        "assessment__is_published", "assessment__show_scores", "assessment__time_limit_minutes",
        "assessment__attempts_allowed",
    )
    if student:
        best = (Attempt.objects.filter(scheduled=OuterRef("pk"), enrollment__membership=window.membership,
                                       state=Attempt.State.GRADED)
                .order_by("-percent").values("percent")[:1])
        rows = rows.filter(assessment__is_published=True).annotate(best=Subquery(best))
    link = IdLink("assessments:schedule_detail")
    now = timezone.now()
    for row in rows:
        best_percent = getattr(row, "best", None)
        if best_percent is not None and not policy_met(row.assessment.show_scores, row, now, None):
            best_percent = None  # graded, but the assessment shows scores later
        score = f" · your best {float(best_percent):g}%" if best_percent is not None else ""
        yield Event(uid=window.uid(f"assessment-{row.pk}"), kind="assessment_due", title=f"{row.assessment.title} due{score}",
                    start=row.due_at, end=row.due_at, all_day=False, url=link(row.pk), cohort=row.cohort.section_code)
