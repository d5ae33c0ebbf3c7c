"""What a student (or staff) may see of an attempt once it is submitted, per the assessment's release policy.

Scores and answers are released separately (as soon as graded, after the due
date, after the close, never); staff always see both. Practice exams report
each domain against the pass mark.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Max
from django.utils import timezone

from assessments.models import Accommodation, Attempt, AttemptItem, CohortAssessment, ShowWhen
from assessments.services.deadlines import window_for

CENT = Decimal("0.01")


def latest_extension(scheduled: CohortAssessment) -> Accommodation | None:
    """The longest close extension among the cohort's students: answers released "after the close" wait
    for it, so nobody still taking the exam under an accommodation can be shown the key by a classmate."""
    hours = Accommodation.objects.filter(membership__enrollments__cohort_id=scheduled.cohort_id).aggregate(
        most=Max("close_extension_hours"))["most"]
    return Accommodation(close_extension_hours=hours) if hours else None


def policy_met(policy: str, scheduled: CohortAssessment, now: datetime.datetime,
               accommodation: Accommodation | None) -> bool:
    """Has the time ``policy`` names come, for the dates extended by ``accommodation``?"""
    if policy == ShowWhen.AFTER_SUBMIT:
        return True
    window = window_for(scheduled, accommodation)
    if policy == ShowWhen.AFTER_DUE:
        return window.due_at is None or now >= window.due_at
    if policy == ShowWhen.AFTER_CLOSE:
        return window.closes_at is None or now >= window.closes_at
    return False


def released(policy: str, attempt: Attempt, now: datetime.datetime, accommodation: Accommodation | None) -> bool:
    return attempt.state == Attempt.State.GRADED and policy_met(policy, attempt.scheduled, now, accommodation)


@dataclass
class DomainResult:
    name: str
    group: str
    earned: Decimal
    possible: Decimal
    questions: int
    percent: Decimal
    passed: bool


@dataclass
class Results:
    attempt: Attempt
    show_scores: bool
    show_answers: bool
    domains: list[DomainResult] = field(default_factory=list)
    items: list[AttemptItem] = field(default_factory=list)


def _domains(items: list[AttemptItem], pass_mark: Decimal) -> list[DomainResult]:
    totals: dict[int, DomainResult] = {}
    for item in items:
        row = totals.get(item.domain_id)
        if row is None:
            row = totals[item.domain_id] = DomainResult(item.domain.name, item.domain.group, Decimal(0), Decimal(0), 0,
                                                        Decimal(0), False)
        row.earned += item.earned or Decimal(0)
        row.possible += item.points
        row.questions += 1
    for row in totals.values():
        row.percent = (row.earned / row.possible * 100).quantize(CENT, ROUND_HALF_UP) if row.possible else Decimal(0)
        row.passed = row.percent >= pass_mark
    return sorted(totals.values(), key=lambda r: (r.group, r.name))


def attempt_results(*, attempt: Attempt, staff: bool, now: datetime.datetime | None = None) -> Results:
    now = now or timezone.now()
    assessment = attempt.scheduled.assessment
    # A student's own score may show on their own dates; the key waits for the cohort's latest close.
    own = Accommodation.objects.filter(membership_id=attempt.enrollment.membership_id).first()
    show_scores = staff or released(assessment.show_scores, attempt, now, own)
    show_answers = staff or released(assessment.show_answers, attempt, now, latest_extension(attempt.scheduled))
    results = Results(attempt=attempt, show_scores=show_scores, show_answers=show_answers)
    if show_scores or show_answers:
        items = list(attempt.items.select_related("version__question", "domain").order_by("position"))
        results.items = items
        if show_scores:
            results.domains = _domains(items, assessment.passing_percent)
    return results
