"""The catalogue's services: course order stays dense and unique, bad input is refused whole."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from courses import services
from courses.models import CostItem, ProgramCourse
from tests.factories import CourseFactory, ProgramCourseFactory, ProgramFactory


@pytest.fixture
def program(school_a):
    program = ProgramFactory(tenant=school_a.tenant)
    for number in range(1, 6):
        ProgramCourseFactory(program=program, course=CourseFactory(tenant=school_a.tenant, code=f"MCC-10{number}"), position=number)
    return program


def order(program) -> list[str]:
    return list(ProgramCourse.objects.filter(program=program).order_by("position").values_list("course__code", flat=True))


def assert_dense(program) -> None:
    numbers = list(ProgramCourse.objects.filter(program=program).order_by("position").values_list("position", flat=True))
    assert numbers == list(range(1, len(numbers) + 1))


def test_moving_the_last_course_to_the_top_one_step_at_a_time(school_a, program):
    last = ProgramCourse.objects.get(program=program, position=5)
    for _ in range(4):
        services.program_course_move(
            tenant=school_a.tenant, actor=school_a.registrar, program=program, program_course=last, direction="up"
        )
    assert order(program) == ["MCC-105", "MCC-101", "MCC-102", "MCC-103", "MCC-104"]
    assert_dense(program)


def test_adding_at_position_one_shifts_every_course(school_a, program):
    capstone = CourseFactory(tenant=school_a.tenant, code="MCC-100")
    services.program_course_add(tenant=school_a.tenant, actor=school_a.registrar, program=program, course=capstone, position=1)
    assert order(program)[:2] == ["MCC-100", "MCC-101"]
    assert_dense(program)


def test_a_position_past_the_end_appends(school_a, program):
    course = CourseFactory(tenant=school_a.tenant, code="MCC-290")
    link = services.program_course_add(
        tenant=school_a.tenant, actor=school_a.registrar, program=program, course=course, position=99
    )
    assert link.position == 6
    assert_dense(program)


def test_a_course_already_in_the_program_is_refused(school_a, program):
    course = ProgramCourse.objects.get(program=program, position=2).course
    with pytest.raises(ValidationError) as caught:
        services.program_course_add(tenant=school_a.tenant, actor=school_a.registrar, program=program, course=course)
    assert "MCC-102 is already part of" in str(caught.value)
    assert len(order(program)) == 5


def test_an_unknown_direction_is_refused(school_a, program):
    link = ProgramCourse.objects.get(program=program, position=2)
    with pytest.raises(ValidationError):
        services.program_course_move(
            tenant=school_a.tenant, actor=school_a.registrar, program=program, program_course=link, direction="sideways"
        )
    assert order(program) == ["MCC-101", "MCC-102", "MCC-103", "MCC-104", "MCC-105"]


def test_a_program_of_another_school_is_refused(school_a, school_b, program):
    with pytest.raises(ValidationError):
        services.program_save(tenant=school_b.tenant, actor=school_b.registrar, program=program, name="Taken over")
    program.refresh_from_db()
    assert program.name != "Taken over"


def test_a_cost_item_of_another_program_is_refused(school_a, program):
    other = ProgramFactory(tenant=school_a.tenant)
    item = CostItem.objects.create(program=other, label="Tuition", amount=Decimal("4200"))
    with pytest.raises(ValidationError):
        services.cost_item_save(
            tenant=school_a.tenant, actor=school_a.registrar, program=program, cost_item=item, amount=Decimal("1")
        )
    item.refresh_from_db()
    assert item.amount == Decimal("4200")


def test_children_take_the_programs_school(school_a, program):
    item = services.cost_item_save(
        tenant=school_a.tenant, actor=school_a.registrar, program=program, kind="exam", label="CPC exam voucher",
        amount=Decimal("499"), position=3,
    )
    assert item.tenant_id == school_a.tenant.pk


def test_the_service_refuses_fewer_than_40_practicum_hours_with_the_models_message(school_a, program):
    with pytest.raises(ValidationError) as caught:
        services.program_save(tenant=school_a.tenant, actor=school_a.registrar, program=program, practicum_hours=30)
    assert caught.value.message_dict["practicum_hours"] == ["A program requires at least 40 practicum hours."]
    program.refresh_from_db()
    assert program.practicum_hours == 40
