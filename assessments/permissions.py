"""Who may do what with banks, assessments, attempts and accommodations. One function per rule."""

from __future__ import annotations

from assessments.models import QuestionBank
from cohorts.models import Cohort
from cohorts.permissions import can_change_cohort_work, can_view_roster
from courses.models import Course
from courses.permissions import can_author_course
from lms.models import Membership
from lms.permissions import is_registrar


def can_author_bank(membership: Membership | None, bank: QuestionBank) -> bool:
    """A bank is written by its course's authors: registrars and the school's instructors."""
    return can_author_course(membership, bank.course)


def can_author_assessments(membership: Membership | None, course: Course) -> bool:
    return can_author_course(membership, course)


def can_schedule(membership: Membership | None, cohort: Cohort) -> bool:
    """Dates for a cohort: its staff while it runs, registrars always."""
    return can_change_cohort_work(membership, cohort)


def can_grade(membership: Membership | None, cohort: Cohort) -> bool:
    """Hand grading, retrying a failed grading: the cohort's staff and registrars."""
    return can_change_cohort_work(membership, cohort)


def can_see_attempts(membership: Membership | None, cohort: Cohort) -> bool:
    return can_view_roster(membership, cohort)


can_set_accommodations = is_registrar
