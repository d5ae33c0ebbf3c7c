"""Who may do what with terms, cohorts and enrollments. One function per rule.

Rules that depend on a cohort take it; staff membership is read from
``cohort.staff_ids`` when a selector annotated it, so lists ask no more queries.
"""

from __future__ import annotations

from rest_framework.permissions import BasePermission

from cohorts.models import Cohort, CohortStaff, Enrollment
from lms.models import Membership, Role
from lms.permissions import api_membership, is_member, is_registrar

can_manage_terms = is_registrar
can_manage_cohorts = is_registrar
can_manage_enrollment = is_registrar
can_import_enrollments = is_registrar
can_waive_prerequisites = is_registrar


def is_student(membership: Membership | None) -> bool:
    return is_member(membership) and membership.role == Role.STUDENT


can_apply = is_student


def is_cohort_staff(membership: Membership | None, cohort: Cohort) -> bool:
    if not is_member(membership):
        return False
    staff_ids = getattr(cohort, "staff_ids", None)
    if staff_ids is not None:
        return membership.pk in staff_ids
    return CohortStaff.objects.filter(cohort=cohort, membership=membership).exists()


def can_view_roster(membership: Membership | None, cohort: Cohort) -> bool:
    return is_registrar(membership) or is_cohort_staff(membership, cohort)


def can_change_cohort_work(membership: Membership | None, cohort: Cohort) -> bool:
    """A concluded cohort is read-only for everyone but registrars."""
    if is_registrar(membership):
        return True
    return is_cohort_staff(membership, cohort) and not cohort.is_concluded


def can_drop(membership: Membership | None, enrollment: Enrollment) -> bool:
    """Registrars drop at any time; students drop their own place until the term's drop deadline."""
    if is_registrar(membership):
        return True
    if not is_student(membership) or enrollment.membership_id != membership.pk:
        return False
    cohort = enrollment.cohort
    if cohort.is_concluded:
        return False
    # The deadline is for a seat; an application or a waitlisted place may be withdrawn while the cohort runs.
    if enrollment.state in (Enrollment.State.APPLIED, Enrollment.State.WAITLISTED):
        return True
    return cohort.local_today() <= cohort.term.drop_deadline


def can_complete(membership: Membership | None, enrollment: Enrollment) -> bool:
    return is_registrar(membership) or is_cohort_staff(membership, enrollment.cohort)


# --- API -------------------------------------------------------------------


class IsRegistrarOrReadOnly(BasePermission):
    message = "Only the school's registrars can change this."

    def has_permission(self, request, view) -> bool:
        membership = api_membership(request)
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return is_member(membership)
        return is_registrar(membership)
