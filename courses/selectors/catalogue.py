"""Reads of the catalogue: programs with their courses, costs and plans, and courses.

``programs_visible_to`` is the one place that says who sees which program:
a registrar every program of the school, everyone else the published ones.
Lookups by id go through it, so missing, foreign and unpublished all 404.
Children (a program's course, cost item or plan) are looked up within their
program and its school.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, DecimalField, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.http import Http404

from courses.models import CostItem, Course, PaymentPlan, Prerequisite, Program, ProgramCourse
from courses.permissions import can_see_unpublished_programs
from lms.models import Membership, Tenant
from lms.permissions import is_member
from lms.selectors import object_id

ZERO = Decimal("0")


def _sum_of(rows: QuerySet, field: str, digits: int = 11) -> Coalesce:
    """A per-program sum as a subquery, so several sums never multiply each other's rows."""
    summed = rows.values("program").annotate(total=Sum(field)).values("total")[:1]
    output = DecimalField(max_digits=digits, decimal_places=2)
    return Coalesce(Subquery(summed, output_field=output), Value(ZERO), output_field=output)


def _prerequisites_prefetch(lookup: str = "prerequisite_links") -> Prefetch:
    return Prefetch(
        lookup,
        queryset=Prerequisite.objects.select_related("required").order_by("required__code"),
        to_attr="prerequisites_in_order",
    )


# --- programs ------------------------------------------------------------------


def programs_visible_to(*, membership: Membership | None) -> QuerySet[Program]:
    if not is_member(membership):
        return Program.objects.none()
    programs = Program.objects.filter(tenant_id=membership.tenant_id)
    if not can_see_unpublished_programs(membership):
        programs = programs.filter(is_published=True)
    return programs


def program_list(*, membership: Membership) -> QuerySet[Program]:
    """Programs with their number of courses, credit hours and total cost."""
    links = ProgramCourse.objects.filter(program=OuterRef("pk"))
    counted = links.values("program").annotate(n=Count("pk")).values("n")[:1]
    return (
        programs_visible_to(membership=membership)
        .annotate(
            course_count=Coalesce(Subquery(counted), Value(0)),
            credit_hours_total=_sum_of(links, "course__credit_hours"),
            cost_total=_sum_of(CostItem.objects.filter(program=OuterRef("pk")), "amount"),
        )
        .order_by("name", "id")
    )


def _program_detail(programs: QuerySet[Program]) -> QuerySet[Program]:
    return programs.prefetch_related(
        Prefetch(
            "program_courses",
            queryset=ProgramCourse.objects.select_related("course")
            .prefetch_related(_prerequisites_prefetch("course__prerequisite_links"))
            .order_by("position"),
            to_attr="courses_in_order",
        ),
        Prefetch("cost_items", queryset=CostItem.objects.order_by("position", "id"), to_attr="costs_in_order"),
        Prefetch("payment_plans", queryset=PaymentPlan.objects.order_by("instalments", "id"), to_attr="plans_in_order"),
    )


def program_list_detailed(*, membership: Membership) -> QuerySet[Program]:
    """``program_list`` with each program's courses in order, costs and plans prefetched (the API's list)."""
    return _program_detail(program_list(membership=membership))


def program_get_for(*, membership: Membership | None, program_id: object) -> Program:
    """One program the member may read, with its courses in order, costs and plans.

    Adds ``credit_hours_total``, ``cost_total`` and on each plan ``per_instalment``.
    """
    try:
        program = _program_detail(programs_visible_to(membership=membership)).get(pk=object_id(program_id))
    except Program.DoesNotExist:
        raise Http404("No such program.") from None
    program.credit_hours_total = sum((pc.course.credit_hours for pc in program.courses_in_order), ZERO)
    program.cost_total = sum((item.amount for item in program.costs_in_order), ZERO)
    for plan in program.plans_in_order:
        plan.per_instalment = plan.instalment_amount(program.cost_total)
    return program


def program_course_get(*, program: Program, course_id: object) -> ProgramCourse:
    """A course's place in ``program``; 404 when the course is not in it (or is another school's)."""
    try:
        return ProgramCourse.objects.select_related("course").get(
            tenant_id=program.tenant_id, program=program, course_id=object_id(course_id)
        )
    except ProgramCourse.DoesNotExist:
        raise Http404("That course is not part of this program.") from None


def cost_item_get(*, program: Program, cost_item_id: object) -> CostItem:
    try:
        return CostItem.objects.get(tenant_id=program.tenant_id, program=program, pk=object_id(cost_item_id))
    except CostItem.DoesNotExist:
        raise Http404("No such cost item in this program.") from None


def payment_plan_get(*, program: Program, plan_id: object) -> PaymentPlan:
    try:
        return PaymentPlan.objects.get(tenant_id=program.tenant_id, program=program, pk=object_id(plan_id))
    except PaymentPlan.DoesNotExist:
        raise Http404("No such payment plan in this program.") from None


# --- courses ---------------------------------------------------------------------


def course_list(*, tenant: Tenant, query: str = "", include_unpublished_programs: bool = True) -> QuerySet[Course]:
    """The school's courses with their prerequisites and the programs that include them."""
    links = ProgramCourse.objects.select_related("program").order_by("program__name")
    if not include_unpublished_programs:
        links = links.filter(program__is_published=True)
    courses = Course.objects.filter(tenant=tenant)
    if query:
        courses = courses.filter(Q(code__icontains=query) | Q(title__icontains=query))
    return courses.prefetch_related(
        _prerequisites_prefetch(), Prefetch("program_courses", queryset=links, to_attr="program_links")
    ).order_by("code", "id")


def course_get(*, tenant: Tenant, course_id: object) -> Course:
    try:
        return course_list(tenant=tenant).get(pk=object_id(course_id))
    except Course.DoesNotExist:
        raise Http404("No such course in this school.") from None


def course_choices(*, tenant: Tenant) -> QuerySet[Course]:
    return Course.objects.filter(tenant=tenant).order_by("code", "id")


def group_by_course(cohorts: list) -> dict[int, list]:
    """Cohorts keyed by their course id (for a program page's open cohorts)."""
    grouped: dict[int, list] = defaultdict(list)
    for cohort in cohorts:
        grouped[cohort.course_id].append(cohort)
    return grouped
