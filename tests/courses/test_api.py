"""The catalogue API: programs with their courses in order and costs, and courses. Read-only."""

from __future__ import annotations

from decimal import Decimal

import pytest

from courses.models import CostItem, Course, PaymentPlan, Prerequisite, Program, ProgramCourse
from tests.factories import CourseFactory, ProgramCourseFactory, ProgramFactory


@pytest.fixture
def coding_certificate(school_a) -> Program:
    """Terminology, then ICD-10-CM (which requires it), with tuition, books and a monthly plan."""
    program = ProgramFactory(tenant=school_a.tenant, name="Medical Coding Certificate", slug="coding-certificate")
    terminology = CourseFactory(tenant=school_a.tenant, code="MCC-101", title="Medical Terminology", credit_hours=3)
    icd = CourseFactory(
        tenant=school_a.tenant, code="MCC-110", title="ICD-10-CM Diagnosis Coding", credit_hours=4, credential="cpc"
    )
    Prerequisite.objects.create(course=icd, required=terminology)
    ProgramCourseFactory(program=program, course=icd, position=2)
    ProgramCourseFactory(program=program, course=terminology, position=1)
    CostItem.objects.create(program=program, kind="tuition", label="Tuition", amount=Decimal("4200.00"), position=1)
    CostItem.objects.create(program=program, kind="books", label="Code manuals", amount=Decimal("300.00"), position=2)
    PaymentPlan.objects.create(program=program, name="Twelve monthly payments", down_payment=Decimal("600"), instalments=12)
    return program


@pytest.fixture
def draft_program(school_a) -> Program:
    program = ProgramFactory(tenant=school_a.tenant, name="Associate of Health Information", slug="ahi", is_published=False)
    ProgramCourseFactory(program=program, course=CourseFactory(tenant=school_a.tenant, code="HIM-201"), position=1)
    return program


# --- programs ------------------------------------------------------------------


def test_program_list_shows_courses_in_order_with_prerequisites_costs_and_plans(school_a, coding_certificate):
    data = school_a.client(school_a.student).get("/api/v1/programs/").json()
    assert data["count"] == 1
    program = data["results"][0]
    assert program["name"] == "Medical Coding Certificate"
    assert [(c["position"], c["code"]) for c in program["courses"]] == [(1, "MCC-101"), (2, "MCC-110")]
    assert program["courses"][1]["prerequisites"] == ["MCC-101"]
    assert program["courses"][1]["credential"] == "cpc"
    assert program["courses"][1]["credit_hours"] == "4.0"
    assert [item["label"] for item in program["cost_items"]] == ["Tuition", "Code manuals"]
    assert program["total_cost"] == "4500.00"
    assert program["payment_plans"][0]["instalment_amount"] == "325.00"


def test_program_detail_matches_the_list(school_a, coding_certificate):
    client = school_a.client(school_a.student)
    detail = client.get(f"/api/v1/programs/{coding_certificate.pk}/").json()
    assert detail == client.get("/api/v1/programs/").json()["results"][0]


@pytest.mark.parametrize("who", ["student", "instructor"])
def test_unpublished_programs_are_hidden_from_students_and_instructors(school_a, coding_certificate, draft_program, who):
    client = school_a.client(getattr(school_a, who))
    names = [p["name"] for p in client.get("/api/v1/programs/").json()["results"]]
    assert names == ["Medical Coding Certificate"]
    assert client.get(f"/api/v1/programs/{draft_program.pk}/").status_code == 404


def test_registrar_sees_unpublished_programs(school_a, coding_certificate, draft_program):
    client = school_a.client(school_a.registrar)
    data = client.get("/api/v1/programs/").json()
    assert {p["name"]: p["is_published"] for p in data["results"]} == {
        "Associate of Health Information": False,
        "Medical Coding Certificate": True,
    }
    assert client.get(f"/api/v1/programs/{draft_program.pk}/").status_code == 200


def test_another_schools_program_is_not_found(school_a, school_b, coding_certificate):
    response = school_b.client(school_b.registrar).get(f"/api/v1/programs/{coding_certificate.pk}/")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert "Medical Coding Certificate" not in response.content.decode()


@pytest.mark.parametrize("method", ["post", "patch", "put", "delete"])
def test_programs_api_is_read_only(school_a, coding_certificate, method):
    client = school_a.client(school_a.registrar)
    url = "/api/v1/programs/" if method == "post" else f"/api/v1/programs/{coding_certificate.pk}/"
    response = getattr(client, method)(url, {"name": "Renamed"}, content_type="application/json")
    assert response.status_code == 405
    assert Program.objects.get(pk=coding_certificate.pk).name == "Medical Coding Certificate"


def test_anonymous_program_list_is_refused_with_the_platform_message(school_a, coding_certificate):
    response = school_a.client().get("/api/v1/programs/")
    assert response.status_code in (401, 403)
    assert response.json()["error"]["message"] == "Authentication credentials were not provided."


def test_member_of_another_school_gets_the_platform_refusal(school_a, school_b, coding_certificate):
    response = school_a.client(school_b.registrar).get("/api/v1/programs/")
    assert response.status_code == 403
    assert response.json()["error"]["message"] == "You are not a member of this school."


def _catalogue(school, programs: int) -> None:
    """``programs`` programs, each with two courses (one requiring the other), a cost item and a plan."""
    tenant = school.tenant
    made = Program.objects.bulk_create(
        Program(tenant=tenant, name=f"Program {n:03d}", slug=f"program-{n}") for n in range(programs)
    )
    courses = Course.objects.bulk_create(
        Course(tenant=tenant, code=f"MCC-{n:03d}", title=f"Course {n}") for n in range(2 * programs)
    )
    Prerequisite.objects.bulk_create(
        Prerequisite(tenant=tenant, course=courses[2 * n + 1], required=courses[2 * n]) for n in range(programs)
    )
    ProgramCourse.objects.bulk_create(
        ProgramCourse(tenant=tenant, program=p, course=courses[2 * n + k], position=k + 1)
        for n, p in enumerate(made)
        for k in (0, 1)
    )
    CostItem.objects.bulk_create(CostItem(tenant=tenant, program=p, label="Tuition", amount=Decimal("3900")) for p in made)
    PaymentPlan.objects.bulk_create(PaymentPlan(tenant=tenant, program=p, name="Monthly", instalments=10) for p in made)


@pytest.mark.parametrize("programs", [3, 40])
def test_program_list_query_count_does_not_grow(school_a, programs, django_assert_max_num_queries):
    _catalogue(school_a, programs)
    client = school_a.client(school_a.registrar)
    with django_assert_max_num_queries(11):
        data = client.get("/api/v1/programs/?page_size=200").json()
    assert data["count"] == programs
    assert data["results"][0]["courses"][1]["prerequisites"] == ["MCC-000"]


# --- courses -------------------------------------------------------------------------


def test_course_list_shows_prerequisites_and_programs(school_a, coding_certificate):
    data = school_a.client(school_a.student).get("/api/v1/courses/").json()
    by_code = {c["code"]: c for c in data["results"]}
    assert set(by_code) == {"MCC-101", "MCC-110"}
    assert by_code["MCC-110"]["title"] == "ICD-10-CM Diagnosis Coding"
    assert by_code["MCC-110"]["prerequisites"] == ["MCC-101"]
    assert by_code["MCC-110"]["programs"] == [coding_certificate.pk]
    assert by_code["MCC-101"]["prerequisites"] == []


def test_course_list_filters_by_code_or_title(school_a, coding_certificate):
    client = school_a.client(school_a.instructor)
    assert [c["code"] for c in client.get("/api/v1/courses/?q=icd-10").json()["results"]] == ["MCC-110"]
    assert [c["code"] for c in client.get("/api/v1/courses/?q=mcc-101").json()["results"]] == ["MCC-101"]
    assert client.get("/api/v1/courses/?q=radiology").json()["count"] == 0


def test_a_student_is_not_told_of_unpublished_programs_through_a_course(school_a, draft_program):
    course = draft_program.program_courses.get().course
    assert school_a.client(school_a.student).get(f"/api/v1/courses/{course.pk}/").json()["programs"] == []
    assert school_a.client(school_a.registrar).get(f"/api/v1/courses/{course.pk}/").json()["programs"] == [draft_program.pk]


def test_course_detail(school_a, coding_certificate):
    course = Course.objects.get(code="MCC-110")
    data = school_a.client(school_a.student).get(f"/api/v1/courses/{course.pk}/").json()
    assert data["code"] == "MCC-110" and data["credit_hours"] == "4.0" and data["credential"] == "cpc"


def test_another_schools_course_is_not_found(school_a, school_b, coding_certificate):
    course = Course.objects.get(code="MCC-110")
    assert school_b.client(school_b.registrar).get(f"/api/v1/courses/{course.pk}/").status_code == 404


def test_courses_api_is_read_only(school_a, coding_certificate):
    course = Course.objects.get(code="MCC-110")
    client = school_a.client(school_a.registrar)
    assert client.post("/api/v1/courses/", {"code": "MCC-999"}, content_type="application/json").status_code == 405
    assert client.patch(f"/api/v1/courses/{course.pk}/", {"title": "X"}, content_type="application/json").status_code == 405
    assert not Course.objects.filter(code="MCC-999").exists()
    assert Course.objects.get(pk=course.pk).title == "ICD-10-CM Diagnosis Coding"


@pytest.mark.parametrize("programs", [3, 40])
def test_course_list_query_count_does_not_grow(school_a, programs, django_assert_max_num_queries):
    _catalogue(school_a, programs)
    client = school_a.client(school_a.student)
    with django_assert_max_num_queries(9):
        data = client.get("/api/v1/courses/?page_size=200").json()
    assert data["count"] == 2 * programs


def test_schema_documents_the_catalogue_routes(school_a):
    schema = school_a.client().get("/api/schema/")
    assert schema.status_code == 200
    body = schema.content.decode()
    for path in ("/api/v1/programs/", "/api/v1/programs/{program_id}/", "/api/v1/courses/{course_id}/"):
        assert path in body
