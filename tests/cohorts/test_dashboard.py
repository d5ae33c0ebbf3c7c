"""The dashboard's enrollment parts: my courses, cohorts taught, applications waiting; the navigation link."""

from __future__ import annotations

import pytest
from django.utils import timezone

from cohorts.models import Enrollment
from tests.cohorts.test_enrollment_pages import bulk_enrollments
from tests.conftest import text
from tests.factories import CohortFactory, EnrollmentFactory


def test_student_sees_my_courses_with_term_dates_and_a_link(cohort_a):
    school = cohort_a.school
    cohort = cohort_a.cohort
    body = text(school.client(school.student).get("/"))
    assert "My courses" in body
    assert f"{cohort.course.code} {cohort.course.title}" in body
    assert f"Section {cohort.section_code}" in body
    assert cohort.term.starts_on.strftime("%b ") + str(cohort.term.starts_on.day) in body
    assert "Your place: <strong>Active</strong>" in body
    assert f'href="/enrollments/{cohort_a.enrollment.pk}/"' in body


def test_student_sees_their_waitlist_position(school_a, cohort_a):
    full = CohortFactory(tenant=school_a.tenant, capacity=1)
    bulk_enrollments(full, 1, state="waitlisted", tag="ahead")
    mine = EnrollmentFactory(cohort=full, membership=school_a.membership(school_a.student), state="waitlisted")
    Enrollment.objects.filter(pk=mine.pk).update(waitlisted_at=timezone.now())
    body = text(school_a.client(school_a.student).get("/"))
    assert "Waitlisted: number 2 in line" in body


def test_student_without_courses_sees_an_empty_state(school_a):
    body = text(school_a.client(school_a.student2).get("/"))
    assert "My courses" in body
    assert "You are not enrolled in a course yet." in body


def test_student_does_not_see_another_schools_courses(cohort_a, cohort_b):
    body = text(cohort_a.school.client(cohort_a.school.student).get("/"))
    assert cohort_b.cohort.section_code not in body


def test_instructor_sees_cohorts_they_teach_with_roster_links(school_a, cohort_a):
    elsewhere = CohortFactory(tenant=school_a.tenant)
    body = text(school_a.client(school_a.instructor).get("/"))
    assert "Cohorts you teach" in body
    assert f'href="/cohorts/{cohort_a.cohort.pk}/roster/"' in body
    assert elsewhere.section_code not in body
    assert "My courses" not in body


def test_registrar_sees_applications_waiting_with_a_link_to_the_queue(school_a, cohort_a):
    bulk_enrollments(cohort_a.cohort, 3, tag="new")
    body = text(school_a.client(school_a.registrar).get("/"))
    assert "<dt>Applications waiting</dt><dd>3</dd>" in body
    assert 'href="/enrollments/"' in body


def test_enrollment_is_in_the_navigation_for_registrars_only(school_a):
    registrar = text(school_a.client(school_a.registrar).get("/enrollments/"))
    assert '<a href="/enrollments/" aria-current="page">Enrollment</a>' in registrar
    assert 'href="/enrollments/"' not in text(school_a.client(school_a.student).get("/"))


@pytest.mark.parametrize("rows", [20, 1000])
def test_dashboard_keeps_a_constant_number_of_queries(school_a, cohort_a, rows, django_assert_max_num_queries):
    bulk_enrollments(cohort_a.cohort, rows // 2, tag="new")
    bulk_enrollments(cohort_a.cohort, rows - rows // 2, state="waitlisted", tag="wait")
    for user, limit in ((school_a.student, 8), (school_a.instructor, 9), (school_a.registrar, 10)):
        client = school_a.client(user)
        client.get("/profile/")  # the session's first-request writes are not the dashboard's
        with django_assert_max_num_queries(limit):
            assert client.get("/").status_code == 200
