"""Who may do what with the catalogue. One function per rule; pages and the API both call these."""

from __future__ import annotations

from cohorts.permissions import can_view_roster
from courses.models import Course, Program
from lms.models import Membership
from lms.permissions import is_instructor, is_member, is_registrar

can_manage_catalogue = is_registrar
can_see_unpublished_programs = is_registrar


def can_view_program(membership: Membership | None, program: Program) -> bool:
    """Students and instructors read published programs; registrars read drafts too."""
    if not is_member(membership) or program.tenant_id != membership.tenant_id:
        return False
    return program.is_published or can_see_unpublished_programs(membership)


# --- course content ----------------------------------------------------------


def can_author_course(membership: Membership | None, course: Course) -> bool:
    """Registrars and the school's instructors write modules, lessons and answer keys."""
    if not is_member(membership) or course.tenant_id != membership.tenant_id:
        return False
    return is_registrar(membership) or is_instructor(membership)


def can_see_progress(membership: Membership | None, cohort) -> bool:
    """The progress grid and a student's detail: the cohort's staff and registrars."""
    return can_view_roster(membership, cohort)


def is_course_staff(membership: Membership | None, course: Course) -> bool:
    """Authors of the course, and whoever staffs one of its cohorts (teaching assistants too)."""
    if can_author_course(membership, course):
        return True
    return is_member(membership) and course.cohorts.filter(staff__membership=membership).exists()
