"""The catalogue of open cohorts and a student's application, with each outcome."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from cohorts.models import Enrollment, PrerequisiteWaiver
from courses.models import Prerequisite
from lms.models import Role
from tests.conftest import text
from tests.factories import (
    CohortFactory,
    CohortStaffFactory,
    CourseFactory,
    EnrollmentFactory,
    MembershipFactory,
    TermFactory,
)


def closed_term(school, *, days_from_now: int):
    """A term whose enrollment window is wholly in the past (negative) or the future (positive)."""
    today = timezone.localdate() + timedelta(days=days_from_now)
    return TermFactory(
        tenant=school.tenant,
        enrollment_opens_on=today - timedelta(days=10),
        enrollment_closes_on=today - timedelta(days=5),
        starts_on=today,
        ends_on=today + timedelta(days=100),
        drop_deadline=today + timedelta(days=10),
    )


def fill(cohort, n: int) -> None:
    for _ in range(n):
        EnrollmentFactory(cohort=cohort, state="active")


def apply_url(cohort) -> str:
    return f"/catalogue/{cohort.pk}/apply/"


# --- the catalogue ---------------------------------------------------------------------------


def test_catalogue_shows_open_cohorts_with_course_dates_staff_and_seats_left(school_a):
    cohort = CohortFactory(
        tenant=school_a.tenant, capacity=5, meeting_pattern="Live office hours Tuesdays 7 pm",
        course=CourseFactory(tenant=school_a.tenant, code="MCC-103", title="ICD-10-CM Diagnosis Coding"),
    )
    CohortStaffFactory(cohort=cohort, membership=school_a.membership(school_a.instructor))
    fill(cohort, 2)
    body = text(school_a.client(school_a.student).get("/catalogue/"))
    assert "ICD-10-CM Diagnosis Coding" in body
    assert "Live office hours Tuesdays 7 pm" in body
    assert "3 seats left" in body
    assert (school_a.instructor.full_name or school_a.instructor.email) in body
    assert f"{cohort.term.starts_on:%b} {cohort.term.starts_on.day}, {cohort.term.starts_on.year}" in body
    assert apply_url(cohort) in body


def test_a_full_cohort_says_new_applicants_join_the_waitlist(school_a):
    cohort = CohortFactory(tenant=school_a.tenant, capacity=2)
    fill(cohort, 2)
    body = text(school_a.client(school_a.student).get("/catalogue/"))
    assert "Full: you will join the waitlist" in body


@pytest.mark.parametrize("days_from_now", [-60, 60])
def test_catalogue_hides_cohorts_whose_window_is_closed(school_a, days_from_now):
    closed = CohortFactory(tenant=school_a.tenant, term=closed_term(school_a, days_from_now=days_from_now), section_code="CLOSED-01")
    if days_from_now > 0:  # a window that has not opened yet
        closed.term.enrollment_opens_on = timezone.localdate() + timedelta(days=5)
        closed.term.enrollment_closes_on = timezone.localdate() + timedelta(days=20)
        closed.term.save()
    CohortFactory(tenant=school_a.tenant, section_code="OPEN-01")
    body = text(school_a.client(school_a.student).get("/catalogue/"))
    assert "OPEN-01" in body
    assert "CLOSED-01" not in body


def test_catalogue_shows_the_schools_cohorts_only(school_a, school_b):
    CohortFactory(tenant=school_b.tenant, section_code="RIVER-01")
    assert "RIVER-01" not in text(school_a.client(school_a.student).get("/catalogue/"))


def test_catalogue_shows_a_students_current_application_instead_of_apply(school_a):
    cohort = CohortFactory(tenant=school_a.tenant)
    EnrollmentFactory(cohort=cohort, membership=school_a.membership(school_a.student), state="applied")
    body = text(school_a.client(school_a.student).get("/catalogue/"))
    assert "Applied" in body
    assert apply_url(cohort) not in body


def test_staff_read_the_catalogue_without_apply_links(school_a):
    cohort = CohortFactory(tenant=school_a.tenant)
    body = text(school_a.client(school_a.instructor).get("/catalogue/"))
    assert cohort.section_code in body
    assert apply_url(cohort) not in body


@pytest.mark.parametrize("n", [3, 40])
def test_catalogue_query_count_does_not_grow(school_a, n, django_assert_max_num_queries):
    instructor = school_a.membership(school_a.instructor)
    student = school_a.membership(school_a.student)
    for number in range(n):
        cohort = CohortFactory(tenant=school_a.tenant)
        CohortStaffFactory(cohort=cohort, membership=instructor)
        EnrollmentFactory(cohort=cohort, state="active")
        if number % 2:
            EnrollmentFactory(cohort=cohort, membership=student, state="applied")
    client = school_a.client(school_a.student)
    with django_assert_max_num_queries(9):
        response = client.get("/catalogue/")
    assert response.status_code == 200


# --- the apply page ---------------------------------------------------------------------------


def test_apply_page_shows_prerequisites_and_whether_the_student_has_them(school_a):
    terminology = CourseFactory(tenant=school_a.tenant, code="MCC-101", title="Medical Terminology")
    anatomy = CourseFactory(tenant=school_a.tenant, code="MCC-102", title="Anatomy and Physiology")
    cohort = CohortFactory(tenant=school_a.tenant)
    Prerequisite.objects.create(course=cohort.course, required=terminology)
    Prerequisite.objects.create(course=cohort.course, required=anatomy)
    student = school_a.membership(school_a.student)
    PrerequisiteWaiver.objects.create(membership=student, course=terminology, reason="Transfer credit")
    body = text(school_a.client(school_a.student).get(apply_url(cohort)))
    has_it = body[body.index("Medical Terminology"):body.index("Anatomy and Physiology")]
    missing = body[body.index("Anatomy and Physiology"):]
    assert "you have it" in has_it
    assert "missing" in missing[:200]
    assert "I hold a high-school diploma or GED" in body
    assert 'type="checkbox" name="attested_admission"' in body


def test_applying_with_seats_free_waits_for_the_registrar(school_a):
    cohort = CohortFactory(tenant=school_a.tenant)
    response = school_a.client(school_a.student).post(apply_url(cohort), {"attested_admission": "on"}, follow=True)
    assert response.redirect_chain[-1][0] == "/"
    assert "the registrar will review it" in text(response)
    enrollment = Enrollment.objects.get(cohort=cohort)
    assert (enrollment.state, enrollment.attested_admission) == ("applied", True)


def test_applying_to_a_full_cohort_gives_the_waitlist_number(school_a):
    cohort = CohortFactory(tenant=school_a.tenant, capacity=1)
    fill(cohort, 1)
    EnrollmentFactory(cohort=cohort, state="waitlisted", waitlisted_at=timezone.now() - timedelta(hours=1))
    response = school_a.client(school_a.student).post(apply_url(cohort), {"attested_admission": "on"}, follow=True)
    assert "The cohort is full: you are number 2 on the waitlist" in text(response)
    assert Enrollment.objects.get(cohort=cohort, membership__user=school_a.student).state == "waitlisted"


def test_applying_without_a_prerequisite_says_the_registrar_must_waive_it(school_a):
    terminology = CourseFactory(tenant=school_a.tenant, code="MCC-101")
    cohort = CohortFactory(tenant=school_a.tenant)
    Prerequisite.objects.create(course=cohort.course, required=terminology)
    response = school_a.client(school_a.student).post(apply_url(cohort), {"attested_admission": "on"}, follow=True)
    assert "Missing prerequisite MCC-101: the registrar must waive it before approving" in text(response)
    assert Enrollment.objects.get(cohort=cohort).state == "applied"


def test_applying_without_the_attestation_is_refused_and_saves_nothing(school_a):
    cohort = CohortFactory(tenant=school_a.tenant)
    response = school_a.client(school_a.student).post(apply_url(cohort), {})
    assert response.status_code == 400
    assert "Confirm that you hold a high-school diploma or GED" in text(response)
    assert not Enrollment.objects.exists()


def test_applying_twice_is_refused_with_the_current_state(school_a):
    cohort = CohortFactory(tenant=school_a.tenant)
    EnrollmentFactory(cohort=cohort, membership=school_a.membership(school_a.student), state="applied")
    client = school_a.client(school_a.student)
    assert "You already have a place in this cohort: applied." in text(client.get(apply_url(cohort)))
    response = client.post(apply_url(cohort), {"attested_admission": "on"})
    assert response.status_code == 400
    assert f"You already have a place in {cohort.section_code} (applied)." in text(response)
    assert Enrollment.objects.count() == 1


def test_a_student_who_dropped_may_apply_again(school_a):
    cohort = CohortFactory(tenant=school_a.tenant)
    EnrollmentFactory(cohort=cohort, membership=school_a.membership(school_a.student), state="dropped")
    client = school_a.client(school_a.student)
    assert 'name="attested_admission"' in text(client.get(apply_url(cohort)))
    client.post(apply_url(cohort), {"attested_admission": "on"})
    assert Enrollment.objects.get(cohort=cohort).state == "applied"


def test_apply_answers_404_for_another_schools_cohort(school_a, school_b):
    foreign = CohortFactory(tenant=school_b.tenant)
    client = school_a.client(school_a.student)
    assert client.get(apply_url(foreign)).status_code == 404
    assert client.post(apply_url(foreign), {"attested_admission": "on"}).status_code == 404
    assert not Enrollment.objects.exists()


def test_apply_answers_404_for_a_cohort_not_taking_applications(school_a):
    closed = CohortFactory(tenant=school_a.tenant, term=closed_term(school_a, days_from_now=-60))
    client = school_a.client(school_a.student)
    assert client.get(apply_url(closed)).status_code == 404
    assert client.post(apply_url(closed), {"attested_admission": "on"}).status_code == 404
    assert not Enrollment.objects.exists()


@pytest.mark.parametrize("who", ["registrar", "instructor"])
def test_staff_see_the_apply_page_but_cannot_apply(school_a, who):
    cohort = CohortFactory(tenant=school_a.tenant)
    client = school_a.client(getattr(school_a, who))
    body = text(client.get(apply_url(cohort)))
    assert "Only students apply" in body
    assert client.post(apply_url(cohort), {"attested_admission": "on"}).status_code == 403
    assert not Enrollment.objects.exists()


def test_an_inactive_student_cannot_apply(school_a):
    cohort = CohortFactory(tenant=school_a.tenant)
    member = MembershipFactory(tenant=school_a.tenant, role=Role.STUDENT, is_active=False)
    response = school_a.client(member.user).post(apply_url(cohort), {"attested_admission": "on"})
    assert response.status_code == 403
    assert not Enrollment.objects.exists()


@pytest.mark.parametrize("enrollments", [20, 1000])
def test_catalogue_query_count_does_not_grow_with_enrollments(school_a, enrollments, django_assert_max_num_queries):
    from tests.cohorts.test_enrollment_pages import bulk_enrollments

    cohorts = [CohortFactory(tenant=school_a.tenant, capacity=2000) for _ in range(4)]
    for index, cohort in enumerate(cohorts):
        bulk_enrollments(cohort, enrollments // 4, state=["active", "applied", "waitlisted", "active"][index], tag=f"c{index}")
    client = school_a.client(school_a.student)
    with django_assert_max_num_queries(9):
        response = client.get("/catalogue/")
    assert response.status_code == 200
    left = 2000 - enrollments // 4  # an all-active cohort
    assert f"{left:,} seats left" in text(response) or f"{left} seats left" in text(response)
