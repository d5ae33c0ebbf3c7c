"""Program pages: the list and program page every member reads, and the registrar's editing.

Costs and payment plans are shown to applicants; CodeCohort takes no payment.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_http_methods, require_POST

from cohorts.permissions import can_apply
from cohorts.selectors import cohort_catalogue, seats_left
from courses import selectors, services
from courses.forms import CostItemForm, MoveForm, PaymentPlanForm, ProgramCourseAddForm, ProgramForm
from courses.models import Program
from courses.permissions import can_manage_catalogue
from lms.forms import add_service_errors
from lms.permissions import member_required

REGISTRARS_ONLY = "Only the school's registrars can manage programs and courses."
PAGE_SIZE = 50


@member_required()
def program_list(request: HttpRequest) -> HttpResponse:
    programs = selectors.program_list(membership=request.membership)
    page = Paginator(programs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "courses/program_list.html", {"page": page, "manage": can_manage_catalogue(request.membership)})


@member_required()
def program_detail(request: HttpRequest, program_id: int) -> HttpResponse:
    program = selectors.program_get_for(membership=request.membership, program_id=program_id)
    cohorts = cohort_catalogue(tenant=request.tenant)
    for cohort in cohorts:
        cohort.seats_left = seats_left(cohort)
    open_cohorts = selectors.group_by_course(cohorts)
    for link in program.courses_in_order:
        link.open_cohorts = open_cohorts.get(link.course_id, [])
    context = {
        "program": program,
        "manage": can_manage_catalogue(request.membership),
        "can_apply": can_apply(request.membership),
    }
    return render(request, "courses/program_detail.html", context)


@member_required(can_manage_catalogue, REGISTRARS_ONLY)
@require_http_methods(["GET", "POST"])
def program_create(request: HttpRequest) -> HttpResponse:
    form = ProgramForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            program = services.program_save(tenant=request.tenant, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Created {program.name}. Add its courses and what it costs below.")
            return redirect("courses:program_edit", program_id=program.pk)
    return render(request, "courses/program_form.html", {"form": form}, status=400 if form.errors else 200)


def _edit_page(request: HttpRequest, program: Program, *, form=None, add_form=None, status: int = 200) -> HttpResponse:
    context = {
        "program": program,
        "form": form or ProgramForm(instance=program),
        "add_form": add_form or ProgramCourseAddForm(tenant=request.tenant, program=program),
    }
    return render(request, "courses/program_edit.html", context, status=status)


def _managed_program(request: HttpRequest, program_id: int) -> Program:
    return selectors.program_get_for(membership=request.membership, program_id=program_id)


@member_required(can_manage_catalogue, REGISTRARS_ONLY)
@require_http_methods(["GET", "POST"])
def program_edit(request: HttpRequest, program_id: int) -> HttpResponse:
    program = _managed_program(request, program_id)
    if request.method != "POST":
        return _edit_page(request, program)
    form = ProgramForm(request.POST, instance=program)
    if form.is_valid():
        try:
            services.program_save(tenant=request.tenant, actor=request.user, program=program, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Saved {program.name}.")
            return redirect("courses:program_edit", program_id=program.pk)
    program = _managed_program(request, program_id)  # the refused values never reach the page's other parts
    return _edit_page(request, program, form=form, status=400)


@member_required(can_manage_catalogue, REGISTRARS_ONLY)
@require_POST
def program_course_add(request: HttpRequest, program_id: int) -> HttpResponse:
    program = _managed_program(request, program_id)
    add_form = ProgramCourseAddForm(request.POST, tenant=request.tenant, program=program)
    if add_form.is_valid():
        course = add_form.cleaned_data["course"]
        try:
            link = services.program_course_add(
                tenant=request.tenant, actor=request.user, program=program,
                course=course, position=add_form.cleaned_data["position"],
            )
        except ValidationError as exc:
            add_service_errors(add_form, exc)
        else:
            messages.success(request, f"Added {course.code} at position {link.position}.")
            return redirect("courses:program_edit", program_id=program.pk)
    return _edit_page(request, program, add_form=add_form, status=400)


@member_required(can_manage_catalogue, REGISTRARS_ONLY)
@require_POST
def program_course_move(request: HttpRequest, program_id: int, course_id: int) -> HttpResponse:
    program = _managed_program(request, program_id)
    link = selectors.program_course_get(program=program, course_id=course_id)
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose whether to move the course up or down.")
        return redirect("courses:program_edit", program_id=program.pk)
    try:
        moved = services.program_course_move(
            tenant=request.tenant, actor=request.user, program=program,
            program_course=link, direction=form.cleaned_data["direction"],
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"{moved.course.code} is now number {moved.position}.")
    return redirect("courses:program_edit", program_id=program.pk)


@member_required(can_manage_catalogue, REGISTRARS_ONLY)
@require_POST
def program_course_remove(request: HttpRequest, program_id: int, course_id: int) -> HttpResponse:
    program = _managed_program(request, program_id)
    link = selectors.program_course_get(program=program, course_id=course_id)
    try:
        services.program_course_remove(tenant=request.tenant, actor=request.user, program=program, program_course=link)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Removed {link.course.code} from {program.name}.")
    return redirect("courses:program_edit", program_id=program.pk)


# --- cost items and payment plans: the same page shape for both ----------------------


def _child_form_page(request, program, *, form_class, obj, save, noun: str, template: str) -> HttpResponse:
    form = form_class(request.POST or None, instance=obj)
    if request.method == "POST" and form.is_valid():
        try:
            saved = save(tenant=request.tenant, actor=request.user, program=program, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Saved the {noun} “{saved}”.")
            return redirect("courses:program_edit", program_id=program.pk)
    context = {"program": program, "form": form, "obj": obj}
    return render(request, template, context, status=400 if form.errors else 200)


@member_required(can_manage_catalogue, REGISTRARS_ONLY)
@require_http_methods(["GET", "POST"])
def cost_item_create(request: HttpRequest, program_id: int) -> HttpResponse:
    program = _managed_program(request, program_id)
    return _child_form_page(
        request, program, form_class=CostItemForm, obj=None, save=services.cost_item_save,
        noun="cost item", template="courses/cost_item_form.html",
    )


@member_required(can_manage_catalogue, REGISTRARS_ONLY)
@require_http_methods(["GET", "POST"])
def cost_item_edit(request: HttpRequest, program_id: int, cost_item_id: int) -> HttpResponse:
    program = _managed_program(request, program_id)
    item = selectors.cost_item_get(program=program, cost_item_id=cost_item_id)

    def save(**kwargs):
        return services.cost_item_save(cost_item=item, **kwargs)

    return _child_form_page(
        request, program, form_class=CostItemForm, obj=item, save=save,
        noun="cost item", template="courses/cost_item_form.html",
    )


@member_required(can_manage_catalogue, REGISTRARS_ONLY)
@require_POST
def cost_item_delete(request: HttpRequest, program_id: int, cost_item_id: int) -> HttpResponse:
    program = _managed_program(request, program_id)
    item = selectors.cost_item_get(program=program, cost_item_id=cost_item_id)
    services.cost_item_delete(tenant=request.tenant, actor=request.user, program=program, cost_item=item)
    messages.success(request, f"Removed the cost item “{item.label}”.")
    return redirect("courses:program_edit", program_id=program.pk)


@member_required(can_manage_catalogue, REGISTRARS_ONLY)
@require_http_methods(["GET", "POST"])
def plan_create(request: HttpRequest, program_id: int) -> HttpResponse:
    program = _managed_program(request, program_id)
    return _child_form_page(
        request, program, form_class=PaymentPlanForm, obj=None, save=services.payment_plan_save,
        noun="payment plan", template="courses/plan_form.html",
    )


@member_required(can_manage_catalogue, REGISTRARS_ONLY)
@require_http_methods(["GET", "POST"])
def plan_edit(request: HttpRequest, program_id: int, plan_id: int) -> HttpResponse:
    program = _managed_program(request, program_id)
    plan = selectors.payment_plan_get(program=program, plan_id=plan_id)

    def save(**kwargs):
        return services.payment_plan_save(plan=plan, **kwargs)

    return _child_form_page(
        request, program, form_class=PaymentPlanForm, obj=plan, save=save,
        noun="payment plan", template="courses/plan_form.html",
    )


@member_required(can_manage_catalogue, REGISTRARS_ONLY)
@require_POST
def plan_delete(request: HttpRequest, program_id: int, plan_id: int) -> HttpResponse:
    program = _managed_program(request, program_id)
    plan = selectors.payment_plan_get(program=program, plan_id=plan_id)
    services.payment_plan_delete(tenant=request.tenant, actor=request.user, program=program, plan=plan)
    messages.success(request, f"Removed the payment plan “{plan.name}”.")
    return redirect("courses:program_edit", program_id=program.pk)


urlpatterns = [
    path("programs/", program_list, name="program_list"),
    path("programs/new/", program_create, name="program_create"),
    path("programs/<int:program_id>/", program_detail, name="program_detail"),
    path("programs/<int:program_id>/edit/", program_edit, name="program_edit"),
    path("programs/<int:program_id>/courses/add/", program_course_add, name="program_course_add"),
    path("programs/<int:program_id>/courses/<int:course_id>/move/", program_course_move, name="program_course_move"),
    path(
        "programs/<int:program_id>/courses/<int:course_id>/remove/", program_course_remove, name="program_course_remove"
    ),
    path("programs/<int:program_id>/costs/new/", cost_item_create, name="cost_item_create"),
    path("programs/<int:program_id>/costs/<int:cost_item_id>/", cost_item_edit, name="cost_item_edit"),
    path("programs/<int:program_id>/costs/<int:cost_item_id>/delete/", cost_item_delete, name="cost_item_delete"),
    path("programs/<int:program_id>/plans/new/", plan_create, name="plan_create"),
    path("programs/<int:program_id>/plans/<int:plan_id>/", plan_edit, name="plan_edit"),
    path("programs/<int:program_id>/plans/<int:plan_id>/delete/", plan_delete, name="plan_delete"),
]
