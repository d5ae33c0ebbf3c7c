"""Program pages: the registrar creates and edits programs, their course order, costs and plans;
students read published programs with what they cost."""

from __future__ import annotations

from decimal import Decimal

import pytest

from courses.models import CostItem, PaymentPlan, Prerequisite, Program, ProgramCourse
from lms.models import AuditLogEntry
from tests.conftest import text
from tests.factories import (
    CohortFactory,
    CohortStaffFactory,
    CourseFactory,
    ProgramCourseFactory,
    ProgramFactory,
)

PROGRAM_INPUT = {
    "name": "CPC Preparation Certificate",
    "slug": "cpc-certificate",
    "kind": "certificate",
    "description": "Prepares graduates to sit the AAPC CPC exam and code for physician practices.",
    "length_months": "12",
    "admission_requirement": "diploma_or_ged",
    "practicum_hours": "80",
    "is_published": "on",
}


def program_in(school, **fields) -> Program:
    return ProgramFactory(tenant=school.tenant, **fields)


def positions(program) -> list[tuple[int, str]]:
    return list(ProgramCourse.objects.filter(program=program).order_by("position").values_list("position", "course__code"))


def with_courses(school, codes: list[str]) -> Program:
    program = program_in(school)
    for number, code in enumerate(codes, start=1):
        ProgramCourseFactory(program=program, course=CourseFactory(tenant=school.tenant, code=code), position=number)
    return program


# --- creating and editing a program ---------------------------------------------------


def test_registrar_creates_a_program_and_it_is_audited(school_a):
    response = school_a.client(school_a.registrar).post("/programs/new/", PROGRAM_INPUT)
    program = Program.objects.get(tenant=school_a.tenant)
    assert response.status_code == 302
    assert response.url == f"/programs/{program.pk}/edit/"
    assert (program.name, program.slug, program.practicum_hours, program.is_published) == (
        "CPC Preparation Certificate", "cpc-certificate", 80, True,
    )
    entry = AuditLogEntry.objects.get(tenant=school_a.tenant, action="program.created")
    assert entry.after["name"] == "CPC Preparation Certificate"


def test_program_with_30_practicum_hours_is_refused_and_nothing_is_saved(school_a):
    response = school_a.client(school_a.registrar).post("/programs/new/", {**PROGRAM_INPUT, "practicum_hours": "30"})
    assert response.status_code == 400
    assert "A program requires at least 40 practicum hours." in text(response)
    assert not Program.objects.exists()
    assert not AuditLogEntry.objects.filter(action="program.created").exists()


def test_blank_short_name_is_made_from_the_program_name(school_a):
    school_a.client(school_a.registrar).post("/programs/new/", {**PROGRAM_INPUT, "slug": ""})
    assert Program.objects.get(tenant=school_a.tenant).slug == "cpc-preparation-certificate"


def test_a_short_name_used_by_another_program_is_refused(school_a):
    program_in(school_a, slug="cpc-certificate")
    response = school_a.client(school_a.registrar).post("/programs/new/", PROGRAM_INPUT)
    assert response.status_code == 400
    assert "Another program already uses the address name “cpc-certificate”." in text(response)
    assert Program.objects.filter(tenant=school_a.tenant).count() == 1


def test_the_same_short_name_may_be_used_by_another_school(school_a, school_b):
    program_in(school_b, slug="cpc-certificate")
    response = school_a.client(school_a.registrar).post("/programs/new/", PROGRAM_INPUT)
    assert response.status_code == 302


def test_registrar_edits_a_program_and_the_change_is_audited(school_a):
    program = program_in(school_a, name="Coding Certificate", slug="coding")
    response = school_a.client(school_a.registrar).post(
        f"/programs/{program.pk}/edit/", {**PROGRAM_INPUT, "slug": "coding", "is_published": ""}
    )
    assert response.status_code == 302
    program.refresh_from_db()
    assert (program.name, program.is_published) == ("CPC Preparation Certificate", False)
    entry = AuditLogEntry.objects.get(action="program.changed")
    assert entry.before["name"] == "Coding Certificate"
    assert entry.after["is_published"] is False


def test_editing_with_too_few_practicum_hours_changes_nothing(school_a):
    program = program_in(school_a, name="Coding Certificate", practicum_hours=60)
    response = school_a.client(school_a.registrar).post(
        f"/programs/{program.pk}/edit/", {**PROGRAM_INPUT, "practicum_hours": "30"}
    )
    assert response.status_code == 400
    assert "A program requires at least 40 practicum hours." in text(response)
    program.refresh_from_db()
    assert (program.name, program.practicum_hours) == ("Coding Certificate", 60)


@pytest.mark.parametrize("who", ["instructor", "student"])
@pytest.mark.parametrize("page", ["/programs/new/", "/programs/{id}/edit/", "/programs/{id}/costs/new/", "/programs/{id}/plans/new/"])
def test_only_registrars_open_program_management_pages(school_a, who, page):
    program = program_in(school_a)
    response = school_a.client(getattr(school_a, who)).get(page.format(id=program.pk))
    assert response.status_code == 403
    assert "Only the school's registrars can manage programs and courses." in text(response)


@pytest.mark.parametrize("who", ["instructor", "student"])
def test_others_cannot_post_to_program_management(school_a, who):
    program = program_in(school_a, name="Coding Certificate")
    course = CourseFactory(tenant=school_a.tenant)
    client = school_a.client(getattr(school_a, who))
    assert client.post(f"/programs/{program.pk}/edit/", PROGRAM_INPUT).status_code == 403
    assert client.post(f"/programs/{program.pk}/courses/add/", {"course": course.pk}).status_code == 403
    program.refresh_from_db()
    assert program.name == "Coding Certificate"
    assert not ProgramCourse.objects.exists()


# --- the program's courses in order ------------------------------------------------------


def test_registrar_adds_a_course_at_a_position(school_a):
    program = with_courses(school_a, ["MCC-101", "MCC-102", "MCC-103"])
    course = CourseFactory(tenant=school_a.tenant, code="MCC-110")
    response = school_a.client(school_a.registrar).post(
        f"/programs/{program.pk}/courses/add/", {"course": course.pk, "position": "2"}
    )
    assert response.status_code == 302
    assert positions(program) == [(1, "MCC-101"), (2, "MCC-110"), (3, "MCC-102"), (4, "MCC-103")]
    assert AuditLogEntry.objects.get(action="program.course_added").after == {"course": "MCC-110", "position": 2}


def test_a_course_added_without_a_position_goes_at_the_end(school_a):
    program = with_courses(school_a, ["MCC-101", "MCC-102"])
    course = CourseFactory(tenant=school_a.tenant, code="MCC-290")
    school_a.client(school_a.registrar).post(f"/programs/{program.pk}/courses/add/", {"course": course.pk})
    assert positions(program) == [(1, "MCC-101"), (2, "MCC-102"), (3, "MCC-290")]


def test_a_course_of_another_school_cannot_be_added(school_a, school_b):
    program = with_courses(school_a, ["MCC-101"])
    foreign = CourseFactory(tenant=school_b.tenant, code="RCA-101")
    response = school_a.client(school_a.registrar).post(f"/programs/{program.pk}/courses/add/", {"course": foreign.pk})
    assert response.status_code == 400
    assert "Select a valid choice" in text(response)
    assert positions(program) == [(1, "MCC-101")]


@pytest.mark.parametrize(
    ("code", "direction", "expected"),
    [
        ("MCC-103", "up", ["MCC-101", "MCC-103", "MCC-102"]),
        ("MCC-101", "down", ["MCC-102", "MCC-101", "MCC-103"]),
    ],
)
def test_registrar_moves_a_course_and_positions_stay_unique(school_a, code, direction, expected):
    program = with_courses(school_a, ["MCC-101", "MCC-102", "MCC-103"])
    course = program.program_courses.get(course__code=code).course
    response = school_a.client(school_a.registrar).post(
        f"/programs/{program.pk}/courses/{course.pk}/move/", {"direction": direction}
    )
    assert response.status_code == 302
    assert positions(program) == list(enumerate(expected, start=1))
    assert AuditLogEntry.objects.filter(action="program.course_moved").count() == 1


def test_moving_the_first_course_up_says_it_is_already_first(school_a):
    program = with_courses(school_a, ["MCC-101", "MCC-102"])
    first = program.program_courses.get(position=1).course
    response = school_a.client(school_a.registrar).post(
        f"/programs/{program.pk}/courses/{first.pk}/move/", {"direction": "up"}, follow=True
    )
    assert "MCC-101 is already first." in text(response)
    assert positions(program) == [(1, "MCC-101"), (2, "MCC-102")]


def test_removing_a_course_closes_the_gap(school_a):
    program = with_courses(school_a, ["MCC-101", "MCC-102", "MCC-103"])
    middle = program.program_courses.get(position=2).course
    response = school_a.client(school_a.registrar).post(f"/programs/{program.pk}/courses/{middle.pk}/remove/")
    assert response.status_code == 302
    assert positions(program) == [(1, "MCC-101"), (2, "MCC-103")]
    assert AuditLogEntry.objects.get(action="program.course_removed").before == {"course": "MCC-102", "position": 2}


def test_a_course_not_in_the_program_answers_404_and_nothing_moves(school_a):
    program = with_courses(school_a, ["MCC-101", "MCC-102"])
    other = with_courses(school_a, ["MCC-201"])
    outside = other.program_courses.get().course
    client = school_a.client(school_a.registrar)
    assert client.post(f"/programs/{program.pk}/courses/{outside.pk}/move/", {"direction": "up"}).status_code == 404
    assert client.post(f"/programs/{program.pk}/courses/{outside.pk}/remove/").status_code == 404
    assert positions(other) == [(1, "MCC-201")]


def test_edit_page_lists_the_courses_in_order_with_move_buttons(school_a):
    program = with_courses(school_a, ["MCC-101", "MCC-102"])
    body = text(school_a.client(school_a.registrar).get(f"/programs/{program.pk}/edit/"))
    assert body.index("MCC-101") < body.index("MCC-102")
    assert "Move down" in body and "Move up" in body
    assert "No payment is taken in CodeCohort" in body


# --- what it costs ----------------------------------------------------------------------


def test_registrar_adds_and_changes_a_cost_item(school_a):
    program = program_in(school_a)
    client = school_a.client(school_a.registrar)
    response = client.post(
        f"/programs/{program.pk}/costs/new/", {"kind": "tuition", "label": "Tuition", "amount": "3900.00", "position": "1"}
    )
    assert response.status_code == 302
    item = CostItem.objects.get(program=program)
    client.post(
        f"/programs/{program.pk}/costs/{item.pk}/", {"kind": "tuition", "label": "Tuition", "amount": "4200.00", "position": "1"}
    )
    item.refresh_from_db()
    assert item.amount == Decimal("4200.00")
    entries = AuditLogEntry.objects.filter(action="program.cost_changed").order_by("id")
    assert [e.after.get("amount") for e in entries] == ["3900.00", "4200.00"]


def test_a_negative_amount_is_refused_and_nothing_is_saved(school_a):
    program = program_in(school_a)
    response = school_a.client(school_a.registrar).post(
        f"/programs/{program.pk}/costs/new/", {"kind": "fee", "label": "Technology fee", "amount": "-50", "position": "1"}
    )
    assert response.status_code == 400
    assert "Ensure this value is greater than or equal to 0" in text(response)
    assert not CostItem.objects.exists()


def test_registrar_removes_a_cost_item(school_a):
    program = program_in(school_a)
    item = CostItem.objects.create(program=program, label="Technology fee", amount=Decimal("150"))
    response = school_a.client(school_a.registrar).post(f"/programs/{program.pk}/costs/{item.pk}/delete/")
    assert response.status_code == 302
    assert not CostItem.objects.exists()
    assert AuditLogEntry.objects.get(action="program.cost_changed").before["label"] == "Technology fee"


def test_registrar_adds_a_payment_plan(school_a):
    program = program_in(school_a)
    response = school_a.client(school_a.registrar).post(
        f"/programs/{program.pk}/plans/new/",
        {"name": "Six monthly payments", "down_payment": "300", "instalments": "6", "interval": "monthly", "note": ""},
    )
    assert response.status_code == 302
    plan = PaymentPlan.objects.get(program=program)
    assert (plan.instalments, plan.down_payment) == (6, Decimal("300"))
    assert AuditLogEntry.objects.filter(action="program.plan_changed").count() == 1


def test_a_plan_with_no_instalments_is_refused(school_a):
    program = program_in(school_a)
    response = school_a.client(school_a.registrar).post(
        f"/programs/{program.pk}/plans/new/",
        {"name": "Nothing", "down_payment": "0", "instalments": "0", "interval": "monthly"},
    )
    assert response.status_code == 400
    assert "Ensure this value is greater than or equal to 1" in text(response)
    assert not PaymentPlan.objects.exists()


def test_cost_items_and_plans_of_another_program_answer_404(school_a):
    program = program_in(school_a)
    other = program_in(school_a)
    item = CostItem.objects.create(program=other, label="Tuition", amount=Decimal("4200"))
    plan = PaymentPlan.objects.create(program=other, name="Four payments", instalments=4)
    client = school_a.client(school_a.registrar)
    assert client.get(f"/programs/{program.pk}/costs/{item.pk}/").status_code == 404
    assert client.post(f"/programs/{program.pk}/costs/{item.pk}/delete/").status_code == 404
    assert client.get(f"/programs/{program.pk}/plans/{plan.pk}/").status_code == 404
    assert client.post(f"/programs/{program.pk}/plans/{plan.pk}/delete/").status_code == 404
    assert CostItem.objects.filter(pk=item.pk).exists() and PaymentPlan.objects.filter(pk=plan.pk).exists()


# --- the program page students read ----------------------------------------------------------


def costed_program(school) -> Program:
    program = with_courses(school, ["MCC-101", "MCC-103"])
    CostItem.objects.create(program=program, kind="tuition", label="Tuition", amount=Decimal("4200.00"), position=1)
    CostItem.objects.create(program=program, kind="books", label="2026 code books", amount=Decimal("380.00"), position=2)
    CostItem.objects.create(program=program, kind="exam", label="CPC exam voucher", amount=Decimal("499.00"), position=3)
    PaymentPlan.objects.create(program=program, name="Six monthly payments", down_payment=Decimal("500"), instalments=6)
    return program


def test_program_page_shows_costs_itemised_with_total_and_per_instalment_amount(school_a):
    program = costed_program(school_a)
    body = text(school_a.client(school_a.student).get(f"/programs/{program.pk}/"))
    assert "No payment is taken in CodeCohort" in body
    assert "CPC exam voucher" in body and "$499.00" in body
    assert "$5,079.00" in body  # 4200 + 380 + 499
    assert "$763.17" in body  # (5079 - 500) / 6, rounded to the cent
    assert "Six monthly payments" in body


def test_program_page_lists_courses_in_order_with_credit_hours_and_prerequisites(school_a):
    program = with_courses(school_a, ["MCC-101", "MCC-103"])
    first, second = (link.course for link in program.program_courses.order_by("position"))
    second.credential = "cpc"
    second.save()
    Prerequisite.objects.create(course=second, required=first)
    body = text(school_a.client(school_a.student).get(f"/programs/{program.pk}/"))
    assert body.index("MCC-101") < body.index("MCC-103")
    assert "6 in total" in body  # two courses of 3 credit hours
    assert "CPC (AAPC Certified Professional Coder)" in body
    assert f"{program.practicum_hours} hours of supervised coding practice" in body


def test_program_page_links_each_course_to_its_open_cohorts(school_a):
    program = with_courses(school_a, ["MCC-101"])
    course = program.program_courses.get().course
    cohort = CohortFactory(tenant=school_a.tenant, course=course, capacity=3)
    body = text(school_a.client(school_a.student).get(f"/programs/{program.pk}/"))
    assert f"/catalogue/{cohort.pk}/apply/" in body
    assert "3 seats left" in body


def test_students_see_published_programs_only(school_a):
    program_in(school_a, name="CPC Preparation Certificate")
    draft = program_in(school_a, name="Inpatient Coding (draft)", is_published=False)
    client = school_a.client(school_a.student)
    body = text(client.get("/programs/"))
    assert "CPC Preparation Certificate" in body
    assert "Inpatient Coding (draft)" not in body
    assert client.get(f"/programs/{draft.pk}/").status_code == 404


def test_registrars_see_drafts_in_the_management_list(school_a):
    draft = program_in(school_a, name="Inpatient Coding", is_published=False)
    client = school_a.client(school_a.registrar)
    body = text(client.get("/programs/"))
    assert "Inpatient Coding" in body and "Draft" in body and "New program" in body
    assert "students do not see this program" in text(client.get(f"/programs/{draft.pk}/"))


def test_program_list_shows_courses_credit_hours_and_total_cost(school_a):
    costed_program(school_a)
    body = text(school_a.client(school_a.student).get("/programs/"))
    assert "2 (6 credit hours)" in body
    assert "$5,079.00" in body


def test_another_schools_program_is_not_listed(school_a, school_b):
    program_in(school_b, name="Riverside Billing Diploma")
    assert "Riverside Billing Diploma" not in text(school_a.client(school_a.registrar).get("/programs/"))


# --- queries stay constant as the catalogue grows ----------------------------------------------


def _many_programs(school, n: int) -> None:
    for _ in range(n):
        program = program_in(school)
        ProgramCourseFactory(program=program, course=CourseFactory(tenant=school.tenant), position=1)
        CostItem.objects.create(program=program, label="Tuition", amount=Decimal("4200"))


@pytest.mark.parametrize("n", [3, 40])
@pytest.mark.parametrize("who", ["registrar", "student"])
def test_program_list_query_count_does_not_grow(school_a, n, who, django_assert_max_num_queries):
    _many_programs(school_a, n)
    client = school_a.client(getattr(school_a, who))
    with django_assert_max_num_queries(8):
        response = client.get("/programs/")
    assert response.status_code == 200


@pytest.mark.parametrize("n", [3, 40])
def test_program_page_query_count_does_not_grow(school_a, n, django_assert_max_num_queries):
    program = program_in(school_a)
    for position in range(1, n + 1):
        course = CourseFactory(tenant=school_a.tenant)
        ProgramCourseFactory(program=program, course=course, position=position)
        Prerequisite.objects.create(course=course, required=CourseFactory(tenant=school_a.tenant))
        cohort = CohortFactory(tenant=school_a.tenant, course=course)
        CohortStaffFactory(cohort=cohort, membership=school_a.membership(school_a.instructor))
        CostItem.objects.create(program=program, label=f"Item {position}", amount=Decimal("10"))
        PaymentPlan.objects.create(program=program, name=f"Plan {position}", instalments=position)
    client = school_a.client(school_a.student)
    with django_assert_max_num_queries(12):
        response = client.get(f"/programs/{program.pk}/")
    assert response.status_code == 200
