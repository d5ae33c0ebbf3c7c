"""Reads of assessments: who sees which bank, question, schedule and attempt.

Banks and questions belong to a course: its authors (registrars, the school's
instructors) and whoever staffs one of its cohorts read them; students never
do. A scheduled assessment is seen by the members of its cohort; an attempt by
its student, the cohort's staff and registrars. Missing, foreign and not-yours
answer the same 404.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from assessments.models import Accommodation, Assessment, Attempt, CohortAssessment, Question, QuestionBank
from cohorts.models import CohortStaff
from cohorts.selectors import cohort_ids_of
from lms.models import Membership, Role
from lms.permissions import is_instructor, is_member, is_registrar
from lms.selectors import object_id

STUDENT_STATES = ("active", "completed")


def _authors_course_filter(membership: Membership | None) -> Q | None:
    """None when the member reads every course's banks; a filter on the course otherwise."""
    if is_registrar(membership) or is_instructor(membership):
        return None
    staffed = CohortStaff.objects.filter(membership=membership, cohort__course_id=OuterRef("course_id"))
    return Q(Exists(staffed))


def _course_staff_rows(model, membership: Membership | None) -> QuerySet:
    """A course's rows (banks, assessments) for its authors and the staff of its cohorts; none for students."""
    if not is_member(membership) or membership.role == Role.STUDENT:
        return model.objects.none()
    rows = model.objects.filter(tenant_id=membership.tenant_id)
    course_filter = _authors_course_filter(membership)
    return rows.filter(course_filter) if course_filter is not None else rows


def banks_visible_to(*, membership: Membership | None) -> QuerySet[QuestionBank]:
    return _course_staff_rows(QuestionBank, membership)


def bank_get_for(*, membership: Membership | None, bank_id: object) -> QuestionBank:
    try:
        return banks_visible_to(membership=membership).select_related("course").get(pk=object_id(bank_id))
    except QuestionBank.DoesNotExist:
        raise Http404("No such question bank.") from None


def questions_visible_to(*, membership: Membership | None) -> QuerySet[Question]:
    return Question.objects.filter(bank__in=banks_visible_to(membership=membership)).select_related(
        "current", "domain", "bank"
    )


def question_get_for(*, membership: Membership | None, question_id: object) -> Question:
    try:
        return questions_visible_to(membership=membership).select_related("bank__course").get(pk=object_id(question_id))
    except Question.DoesNotExist:
        raise Http404("No such question.") from None


def assessments_visible_to(*, membership: Membership | None) -> QuerySet[Assessment]:
    """Authoring view of assessments: as banks (students see theirs through their cohorts' schedules)."""
    return _course_staff_rows(Assessment, membership)


def assessment_get_for(*, membership: Membership | None, assessment_id: object) -> Assessment:
    try:
        return assessments_visible_to(membership=membership).select_related("course", "bank").get(pk=object_id(assessment_id))
    except Assessment.DoesNotExist:
        raise Http404("No such assessment.") from None


def schedules_visible_to(*, membership: Membership | None) -> QuerySet[CohortAssessment]:
    """What each cohort takes and when: its students see the published ones."""
    if not is_member(membership):
        return CohortAssessment.objects.none()
    rows = CohortAssessment.objects.filter(
        tenant_id=membership.tenant_id, cohort_id__in=cohort_ids_of(membership=membership, student_states=STUDENT_STATES)
    )
    if membership.role == Role.STUDENT:
        rows = rows.filter(assessment__is_published=True)
    return rows.select_related("assessment", "cohort__course")


def schedule_get_for(*, membership: Membership | None, schedule_id: object) -> CohortAssessment:
    try:
        return schedules_visible_to(membership=membership).get(pk=object_id(schedule_id))
    except CohortAssessment.DoesNotExist:
        raise Http404("No such assessment.") from None


def attempts_visible_to(*, membership: Membership | None) -> QuerySet[Attempt]:
    if not is_member(membership):
        return Attempt.objects.none()
    attempts = Attempt.objects.filter(tenant_id=membership.tenant_id)
    if membership.role == Role.STUDENT:
        return attempts.filter(enrollment__membership=membership)
    if is_registrar(membership):
        return attempts
    return attempts.filter(scheduled__cohort_id__in=CohortStaff.objects.filter(membership=membership).values("cohort_id"))


def attempt_get_for(*, membership: Membership | None, attempt_id: object) -> Attempt:
    try:
        return attempts_visible_to(membership=membership).select_related(
            "scheduled__assessment", "scheduled__cohort", "enrollment__membership__user"
        ).get(pk=object_id(attempt_id))
    except Attempt.DoesNotExist:
        raise Http404("No such attempt.") from None


def accommodation_of(membership: Membership) -> Accommodation | None:
    return Accommodation.objects.filter(tenant_id=membership.tenant_id, membership=membership).first()


def accommodations_visible_to(*, membership: Membership | None) -> QuerySet[Accommodation]:
    """Registrars set and read them all; instructors read those of their cohorts' students; a student their own."""
    if not is_member(membership):
        return Accommodation.objects.none()
    rows = Accommodation.objects.filter(tenant_id=membership.tenant_id).select_related("membership__user")
    if is_registrar(membership):
        return rows
    if membership.role == Role.STUDENT:
        return rows.filter(membership=membership)
    taught = CohortStaff.objects.filter(membership=membership).values("cohort_id")
    return rows.filter(membership__enrollments__cohort_id__in=taught).distinct()
