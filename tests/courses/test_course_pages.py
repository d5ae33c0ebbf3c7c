"""Course pages: the registrar lists, creates and edits the school's courses and their prerequisites."""

from __future__ import annotations

from decimal import Decimal

import pytest

from courses.models import Course, Prerequisite
from lms.models import AuditLogEntry
from tests.conftest import text
from tests.factories import CourseFactory, ProgramCourseFactory, ProgramFactory

COURSE_INPUT = {
    "code": "mcc-103",
    "title": "ICD-10-CM Diagnosis Coding",
    "summary": "Conventions, guidelines and the Tabular List, chapter by chapter.",
    "credit_hours": "4",
    "credential": "cca",
}


def course_in(school, code: str, **fields) -> Course:
    return CourseFactory(tenant=school.tenant, code=code, **fields)


def test_registrar_creates_a_course_with_its_code_in_capitals(school_a):
    response = school_a.client(school_a.registrar).post("/courses/new/", COURSE_INPUT)
    assert response.status_code == 302
    course = Course.objects.get(tenant=school_a.tenant)
    assert (course.code, course.credit_hours, course.credential) == ("MCC-103", Decimal("4"), "cca")
    assert AuditLogEntry.objects.get(action="course.created").after["code"] == "MCC-103"


def test_a_course_code_not_like_mcc_101_is_refused(school_a):
    response = school_a.client(school_a.registrar).post("/courses/new/", {**COURSE_INPUT, "code": "ICD 10"})
    assert response.status_code == 400
    assert "Enter a course code like MCC-101" in text(response)
    assert not Course.objects.exists()


def test_a_code_already_used_in_the_school_is_refused(school_a):
    course_in(school_a, "MCC-103")
    response = school_a.client(school_a.registrar).post("/courses/new/", COURSE_INPUT)
    assert response.status_code == 400
    assert "There is already a course MCC-103 in this school." in text(response)
    assert Course.objects.filter(tenant=school_a.tenant).count() == 1


def test_registrar_creates_a_course_with_prerequisites(school_a):
    terminology = course_in(school_a, "MCC-101")
    anatomy = course_in(school_a, "MCC-102")
    school_a.client(school_a.registrar).post(
        "/courses/new/", {**COURSE_INPUT, "prerequisites": [terminology.pk, anatomy.pk]}
    )
    course = Course.objects.get(code="MCC-103")
    assert set(course.prerequisites.values_list("code", flat=True)) == {"MCC-101", "MCC-102"}
    assert AuditLogEntry.objects.get(action="course.created").after["prerequisites"] == "MCC-101, MCC-102"


def test_registrar_edits_a_course_and_its_prerequisites(school_a):
    terminology = course_in(school_a, "MCC-101")
    anatomy = course_in(school_a, "MCC-102")
    course = course_in(school_a, "MCC-103", title="Diagnosis coding")
    Prerequisite.objects.create(course=course, required=terminology)
    response = school_a.client(school_a.registrar).post(
        f"/courses/{course.pk}/edit/", {**COURSE_INPUT, "prerequisites": [anatomy.pk]}
    )
    assert response.status_code == 302
    course.refresh_from_db()
    assert course.title == "ICD-10-CM Diagnosis Coding"
    assert list(course.prerequisites.values_list("code", flat=True)) == ["MCC-102"]
    entry = AuditLogEntry.objects.get(action="course.changed")
    assert (entry.before["prerequisites"], entry.after["prerequisites"]) == ("MCC-101", "MCC-102")


def test_edit_form_shows_the_current_prerequisites_and_programs(school_a):
    terminology = course_in(school_a, "MCC-101")
    course = course_in(school_a, "MCC-103")
    Prerequisite.objects.create(course=course, required=terminology)
    ProgramCourseFactory(program=ProgramFactory(tenant=school_a.tenant, name="CPC Preparation Certificate"), course=course)
    body = text(school_a.client(school_a.registrar).get(f"/courses/{course.pk}/edit/"))
    assert f'value="{terminology.pk}" id="id_prerequisites_0" checked' in body
    assert "Part of: " in body and "CPC Preparation Certificate" in body


def test_a_prerequisite_loop_is_refused_with_the_models_message_and_nothing_changes(school_a):
    terminology = course_in(school_a, "MCC-101", title="Medical Terminology")
    diagnosis = course_in(school_a, "MCC-103")
    Prerequisite.objects.create(course=diagnosis, required=terminology)
    response = school_a.client(school_a.registrar).post(
        f"/courses/{terminology.pk}/edit/",
        {"code": "MCC-101", "title": "Terminology renamed", "credit_hours": "3", "credential": "none",
         "prerequisites": [diagnosis.pk]},
    )
    assert response.status_code == 400
    assert "MCC-103 already requires MCC-101; that would be a loop." in text(response)
    terminology.refresh_from_db()
    assert terminology.title == "Medical Terminology"
    assert not Prerequisite.objects.filter(course=terminology).exists()
    assert not AuditLogEntry.objects.filter(action="course.changed").exists()


def test_a_course_is_not_offered_as_its_own_prerequisite(school_a):
    course = course_in(school_a, "MCC-101")
    response = school_a.client(school_a.registrar).post(
        f"/courses/{course.pk}/edit/",
        {"code": "MCC-101", "title": "Terminology", "credit_hours": "3", "credential": "none", "prerequisites": [course.pk]},
    )
    assert response.status_code == 400
    assert "Select a valid choice" in text(response)
    assert not Prerequisite.objects.exists()


def test_a_course_of_another_school_cannot_be_a_prerequisite(school_a, school_b):
    foreign = course_in(school_b, "RCA-101")
    response = school_a.client(school_a.registrar).post("/courses/new/", {**COURSE_INPUT, "prerequisites": [foreign.pk]})
    assert response.status_code == 400
    assert not Course.objects.filter(tenant=school_a.tenant).exists()


def test_course_list_shows_prerequisites_programs_and_credential(school_a, school_b):
    terminology = course_in(school_a, "MCC-101")
    cpt = course_in(school_a, "MCC-104", title="CPT Procedure Coding", credential="cpc")
    Prerequisite.objects.create(course=cpt, required=terminology)
    ProgramCourseFactory(program=ProgramFactory(tenant=school_a.tenant, name="CPC Preparation Certificate"), course=cpt)
    course_in(school_b, "RCA-900", title="Riverside only")
    body = text(school_a.client(school_a.registrar).get("/courses/"))
    assert "CPT Procedure Coding" in body and "CPC (AAPC Certified Professional Coder)" in body
    assert "CPC Preparation Certificate" in body
    assert "Riverside only" not in body
    assert "2 courses" in body


def test_course_list_searches_code_and_title_and_answers_htmx_with_the_table(school_a):
    course_in(school_a, "MCC-101", title="Medical Terminology")
    course_in(school_a, "MCC-104", title="CPT Procedure Coding")
    response = school_a.client(school_a.registrar).get("/courses/?q=cpt", HTTP_HX_REQUEST="true")
    body = text(response)
    assert "<html" not in body
    assert "CPT Procedure Coding" in body and "Medical Terminology" not in body


@pytest.mark.parametrize("who", ["instructor", "student"])
@pytest.mark.parametrize("page", ["/courses/", "/courses/new/", "/courses/{id}/edit/"])
def test_only_registrars_open_course_pages(school_a, who, page):
    course = course_in(school_a, "MCC-101")
    response = school_a.client(getattr(school_a, who)).get(page.format(id=course.pk))
    assert response.status_code == 403


@pytest.mark.parametrize("who", ["instructor", "student"])
def test_others_cannot_create_courses(school_a, who):
    response = school_a.client(getattr(school_a, who)).post("/courses/new/", COURSE_INPUT)
    assert response.status_code == 403
    assert not Course.objects.exists()


@pytest.mark.parametrize("n", [3, 40])
def test_course_list_query_count_does_not_grow(school_a, n, django_assert_max_num_queries):
    program = ProgramFactory(tenant=school_a.tenant)
    previous = None
    for position in range(1, n + 1):
        course = CourseFactory(tenant=school_a.tenant)
        ProgramCourseFactory(program=program, course=course, position=position)
        if previous is not None:
            Prerequisite.objects.create(course=course, required=previous)
        previous = course
    client = school_a.client(school_a.registrar)
    with django_assert_max_num_queries(9):
        response = client.get("/courses/")
    assert response.status_code == 200


def test_an_impossible_prerequisite_id_is_a_clear_error_not_a_crash(school_a):
    response = school_a.client(school_a.registrar).post(
        "/courses/new/",
        {"code": "MCC-150", "title": "Coding lab", "credit_hours": "1", "credential": "none",
         "prerequisites": ["999999999999999999999999999999"]},
    )
    assert response.status_code == 400
    assert "is not a valid value" in text(response)
    assert not school_a.tenant.courses.filter(code="MCC-150").exists()
