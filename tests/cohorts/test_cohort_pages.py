"""Cohort pages: the registrar's list, creation and editing, and the cohort page its people read."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from cohorts.models import Cohort, CohortStaff, Enrollment
from lms.models import AuditLogEntry, Role
from tests.conftest import text
from tests.factories import (
    CohortFactory,
    CohortStaffFactory,
    CourseFactory,
    EnrollmentFactory,
    MembershipFactory,
    TermFactory,
)


def cohort_input(school, **changes) -> dict:
    course = changes.pop("course", None) or CourseFactory(tenant=school.tenant, code="MCC-103")
    term = changes.pop("term", None) or TermFactory(tenant=school.tenant, name="Spring 2027")
    return {
        "course": course.pk,
        "term": term.pk,
        "section_code": "mcc-103-s27-01",
        "capacity": "25",
        "time_zone": "America/Chicago",
        "meeting_pattern": "Live office hours Tuesdays 7 pm",
        "instructors": [school.membership(school.instructor).pk],
        "teaching_assistants": [],
        **changes,
    }


def past_term(school):
    today = timezone.localdate()
    return TermFactory(
        tenant=school.tenant,
        enrollment_opens_on=today - timedelta(days=200),
        enrollment_closes_on=today - timedelta(days=150),
        starts_on=today - timedelta(days=160),
        ends_on=today - timedelta(days=30),
        drop_deadline=today - timedelta(days=140),
    )


# --- creating and editing ------------------------------------------------------------------


def test_registrar_creates_a_cohort_with_its_staff(school_a):
    assistant = MembershipFactory(tenant=school_a.tenant, role=Role.INSTRUCTOR, user__email="ta@northwind.test")
    data = cohort_input(school_a, teaching_assistants=[assistant.pk])
    response = school_a.client(school_a.registrar).post("/cohorts/new/", data)
    cohort = Cohort.objects.get(tenant=school_a.tenant)
    assert response.status_code == 302
    assert response.url == f"/cohorts/{cohort.pk}/"
    assert (cohort.section_code, cohort.capacity, cohort.time_zone) == ("MCC-103-S27-01", 25, "America/Chicago")
    staff = set(CohortStaff.objects.filter(cohort=cohort).values_list("membership__user__email", "role"))
    assert staff == {(school_a.instructor.email, "instructor"), ("ta@northwind.test", "ta")}
    assert AuditLogEntry.objects.get(action="cohort.created").after["section_code"] == "MCC-103-S27-01"


def test_a_section_code_used_before_is_refused_and_nothing_is_saved(school_a):
    CohortFactory(tenant=school_a.tenant, section_code="MCC-103-S27-01")
    response = school_a.client(school_a.registrar).post("/cohorts/new/", cohort_input(school_a))
    assert response.status_code == 400
    assert "Section MCC-103-S27-01 already exists in this school." in text(response)
    assert Cohort.objects.filter(tenant=school_a.tenant).count() == 1


def test_capacity_zero_is_refused_with_a_clear_message(school_a):
    response = school_a.client(school_a.registrar).post("/cohorts/new/", cohort_input(school_a, capacity="0"))
    assert response.status_code == 400
    assert "A cohort needs at least 1 seat." in text(response)
    assert not Cohort.objects.exists()


def test_the_same_person_cannot_be_instructor_and_assistant(school_a):
    instructor = school_a.membership(school_a.instructor)
    response = school_a.client(school_a.registrar).post(
        "/cohorts/new/", cohort_input(school_a, teaching_assistants=[instructor.pk])
    )
    assert response.status_code == 400
    assert "choose either instructor or teaching assistant, not both." in text(response)
    assert not Cohort.objects.exists()


def test_students_are_not_offered_as_staff(school_a):
    student = school_a.membership(school_a.student)
    response = school_a.client(school_a.registrar).post("/cohorts/new/", cohort_input(school_a, instructors=[student.pk]))
    assert response.status_code == 400
    assert "Select a valid choice" in text(response)
    assert not Cohort.objects.exists()


def test_courses_and_terms_of_another_school_are_not_offered(school_a, school_b):
    data = cohort_input(school_a, course=CourseFactory(tenant=school_b.tenant), term=TermFactory(tenant=school_b.tenant))
    response = school_a.client(school_a.registrar).post("/cohorts/new/", data)
    assert response.status_code == 400
    assert not Cohort.objects.exists()


def test_registrar_edits_a_cohort_and_replaces_its_staff(cohort_a):
    school, cohort = cohort_a.school, cohort_a.cohort
    other = MembershipFactory(tenant=school.tenant, role=Role.INSTRUCTOR)
    data = cohort_input(school, course=cohort.course, term=cohort.term, section_code=cohort.section_code,
                        instructors=[other.pk], meeting_pattern="Live review Thursdays 6 pm")
    response = school.client(school.registrar).post(f"/cohorts/{cohort.pk}/edit/", data)
    assert response.status_code == 302
    cohort.refresh_from_db()
    assert cohort.meeting_pattern == "Live review Thursdays 6 pm"
    assert list(CohortStaff.objects.filter(cohort=cohort).values_list("membership_id", flat=True)) == [other.pk]
    assert AuditLogEntry.objects.filter(action="cohort.changed").count() == 1


def test_edit_form_starts_with_the_current_staff(cohort_a):
    school, cohort = cohort_a.school, cohort_a.cohort
    body = text(school.client(school.registrar).get(f"/cohorts/{cohort.pk}/edit/"))
    instructor = school.membership(school.instructor)
    assert f'value="{instructor.pk}" id="id_instructors_' in body
    assert "checked" in body.split(f'value="{instructor.pk}" id="id_instructors_')[1][:40]


def test_capacity_below_the_active_students_is_refused(cohort_a):
    school, cohort = cohort_a.school, cohort_a.cohort
    EnrollmentFactory(cohort=cohort, membership=school.membership(school.student2), state="active")
    data = cohort_input(school, course=cohort.course, term=cohort.term, section_code=cohort.section_code, capacity="1")
    response = school.client(school.registrar).post(f"/cohorts/{cohort.pk}/edit/", data)
    assert response.status_code == 400
    assert "2 students are active in this cohort; capacity cannot go below that." in text(response)
    cohort.refresh_from_db()
    assert cohort.capacity == 25


def test_raising_capacity_admits_the_first_on_the_waitlist(cohort_a):
    school, cohort = cohort_a.school, cohort_a.cohort
    cohort.capacity = 1
    cohort.save()
    waiting = EnrollmentFactory(cohort=cohort, membership=school.membership(school.student2), state="waitlisted")
    data = cohort_input(school, course=cohort.course, term=cohort.term, section_code=cohort.section_code, capacity="2")
    school.client(school.registrar).post(f"/cohorts/{cohort.pk}/edit/", data)
    waiting.refresh_from_db()
    assert waiting.state == Enrollment.State.ACTIVE


@pytest.mark.parametrize("who", ["instructor", "student"])
@pytest.mark.parametrize("page", ["/cohorts/", "/cohorts/new/", "/cohorts/{id}/edit/"])
def test_only_registrars_open_cohort_management_pages(cohort_a, who, page):
    school = cohort_a.school
    response = school.client(getattr(school, who)).get(page.format(id=cohort_a.cohort.pk))
    assert response.status_code == 403
    assert "Only the school's registrars can manage cohorts." in text(response)


@pytest.mark.parametrize("who", ["instructor", "student"])
def test_others_cannot_change_a_cohort(cohort_a, who):
    school, cohort = cohort_a.school, cohort_a.cohort
    data = cohort_input(school, course=cohort.course, term=cohort.term, capacity="3")
    assert school.client(getattr(school, who)).post(f"/cohorts/{cohort.pk}/edit/", data).status_code == 403
    cohort.refresh_from_db()
    assert cohort.capacity == 25


# --- the list -------------------------------------------------------------------------------


def test_cohort_list_shows_state_dates_seats_waitlist_and_staff(cohort_a):
    school, cohort = cohort_a.school, cohort_a.cohort
    EnrollmentFactory(cohort=cohort, membership=school.membership(school.student2), state="waitlisted")
    body = text(school.client(school.registrar).get("/cohorts/"))
    assert cohort.section_code in body
    assert "Open for enrollment" in body
    assert "1 of 25" in body
    assert cohort.term.starts_on.strftime("%b") in body and str(cohort.term.starts_on.year) in body
    assert (school.instructor.full_name or school.instructor.email) in body
    row = body[body.index(cohort.section_code):]
    assert "<td>1</td>" in row  # one on the waitlist


def test_cohort_list_filters_by_term_and_course_and_searches(school_a):
    spring = TermFactory(tenant=school_a.tenant, name="Spring 2027")
    coding = CourseFactory(tenant=school_a.tenant, code="MCC-104", title="CPT Procedure Coding")
    CohortFactory(tenant=school_a.tenant, term=spring, section_code="SPRING-01")
    CohortFactory(tenant=school_a.tenant, course=coding, section_code="CPT-01")
    CohortFactory(tenant=school_a.tenant, section_code="OTHER-01")
    client = school_a.client(school_a.registrar)
    by_term = text(client.get(f"/cohorts/?term={spring.pk}"))
    assert "SPRING-01" in by_term and "CPT-01" not in by_term and "OTHER-01" not in by_term
    by_course = text(client.get(f"/cohorts/?course={coding.pk}"))
    assert "CPT-01" in by_course and "SPRING-01" not in by_course
    searched = text(client.get("/cohorts/?q=procedure", HTTP_HX_REQUEST="true"))
    assert "<html" not in searched
    assert "CPT-01" in searched and "OTHER-01" not in searched


def test_cohort_list_shows_the_schools_cohorts_only(cohort_a, cohort_b):
    body = text(cohort_a.school.client(cohort_a.school.registrar).get("/cohorts/"))
    assert cohort_a.cohort.section_code in body
    assert cohort_b.cohort.section_code not in body


@pytest.mark.parametrize("n", [3, 40])
def test_cohort_list_query_count_does_not_grow(school_a, n, django_assert_max_num_queries):
    instructor = school_a.membership(school_a.instructor)
    for _ in range(n):
        cohort = CohortFactory(tenant=school_a.tenant)
        CohortStaffFactory(cohort=cohort, membership=instructor)
        EnrollmentFactory(cohort=cohort, membership=school_a.membership(school_a.student))
    client = school_a.client(school_a.registrar)
    with django_assert_max_num_queries(10):
        response = client.get("/cohorts/")
    assert response.status_code == 200


# --- the cohort page -------------------------------------------------------------------------


def test_registrar_sees_the_cohort_page_with_an_edit_link(cohort_a):
    school, cohort = cohort_a.school, cohort_a.cohort
    cohort.time_zone = "America/New_York"
    cohort.save()
    body = text(school.client(school.registrar).get(f"/cohorts/{cohort.pk}/"))
    assert cohort.course.title in body and cohort.section_code in body
    assert f"/cohorts/{cohort.pk}/edit/" in body
    assert "1 of 25 taken" in body
    assert "America/New York" in body


def test_staff_see_the_cohort_page_with_a_roster_link_and_no_edit_link(cohort_a):
    school, cohort = cohort_a.school, cohort_a.cohort
    body = text(school.client(school.instructor).get(f"/cohorts/{cohort.pk}/"))
    assert f"/cohorts/{cohort.pk}/edit/" not in body
    assert f"/cohorts/{cohort.pk}/roster/" in body


def test_an_enrolled_student_sees_the_cohort_page_without_staff_links(cohort_a):
    school, cohort = cohort_a.school, cohort_a.cohort
    cohort.meeting_pattern = "Live office hours Tuesdays 7 pm"
    cohort.save()
    body = text(school.client(school.student).get(f"/cohorts/{cohort.pk}/"))
    assert "Live office hours Tuesdays 7 pm" in body
    assert f"/cohorts/{cohort.pk}/edit/" not in body
    assert f"/cohorts/{cohort.pk}/roster/" not in body


@pytest.mark.parametrize("who", ["student2", "other_instructor"])
def test_people_outside_the_cohort_get_404(cohort_a, who):
    school = cohort_a.school
    user = school.student2 if who == "student2" else MembershipFactory(tenant=school.tenant, role=Role.INSTRUCTOR).user
    assert school.client(user).get(f"/cohorts/{cohort_a.cohort.pk}/").status_code == 404


def test_a_concluded_cohort_says_it_is_read_only_and_registrars_may_still_edit_it(school_a):
    cohort = CohortFactory(tenant=school_a.tenant, term=past_term(school_a))
    client = school_a.client(school_a.registrar)
    body = text(client.get(f"/cohorts/{cohort.pk}/"))
    assert "This cohort has concluded; it is read-only." in body
    assert "Concluded" in body
    assert client.get(f"/cohorts/{cohort.pk}/edit/").status_code == 200


@pytest.mark.parametrize("bad_id", ["999999999999999999999999999999", "-3", "abc", "1\x00"])
def test_an_impossible_staff_id_is_a_clear_error_not_a_crash(school_a, bad_id):
    from tests.factories import CourseFactory, TermFactory

    course, term = CourseFactory(tenant=school_a.tenant), TermFactory(tenant=school_a.tenant)
    response = school_a.client(school_a.registrar).post(
        "/cohorts/new/",
        {"course": course.pk, "term": term.pk, "section_code": "MCC-1-X", "capacity": 5,
         "time_zone": "UTC", "instructors": [bad_id]},
    )
    assert response.status_code == 400
    assert "is not a valid value" in text(response)
    assert not school_a.tenant.cohorts.exists()
