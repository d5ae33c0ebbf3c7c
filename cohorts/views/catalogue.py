"""The catalogue every member reads (cohorts taking applications) and a student's application."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_http_methods

from cohorts import selectors, services
from cohorts.forms import ApplyForm
from cohorts.models import Cohort, Enrollment
from cohorts.permissions import can_apply, is_student
from lms.forms import add_service_errors
from lms.permissions import member_required

PAGE_SIZE = 50


@member_required()
def catalogue(request: HttpRequest) -> HttpResponse:
    cohorts = selectors.cohort_catalogue(tenant=request.tenant)
    page = Paginator(cohorts, PAGE_SIZE).get_page(request.GET.get("page"))
    for cohort in page.object_list:
        cohort.seats_left = selectors.seats_left(cohort)
    mine = {}
    if is_student(request.membership):
        mine = {e.cohort_id: e for e in selectors.enrollments_of_student(membership=request.membership)}
    for cohort in page.object_list:
        cohort.my_enrollment = mine.get(cohort.pk)
    context = {"page": page, "can_apply": can_apply(request.membership)}
    return render(request, "cohorts/catalogue/catalogue.html", context)


def _prerequisite_rows(request: HttpRequest, cohort: Cohort) -> list[dict]:
    """Each prerequisite of the cohort's course and whether this student has it (completed or waived)."""
    required = [link.required for link in cohort.course.prerequisite_links.select_related("required").order_by("required__code")]
    if not required or not is_student(request.membership):
        return [{"course": course, "met": None} for course in required]
    pair = (request.membership.pk, cohort.course_id)
    missing = {c.pk for c in selectors.missing_prerequisites([pair])[pair]}
    return [{"course": course, "met": course.pk not in missing} for course in required]


def _applied_message(enrollment: Enrollment, cohort: Cohort, missing: list) -> str:
    name = f"{cohort.course.code} {cohort.course.title} ({cohort.section_code})"
    if enrollment.state == Enrollment.State.WAITLISTED:
        position = selectors.waitlist_position(enrollment)
        return f"The cohort is full: you are number {position} on the waitlist for {name}."
    if missing:
        codes = ", ".join(c.code for c in missing)
        plural = len(missing) > 1
        return (
            f"Missing prerequisite{'s' if plural else ''} {codes}: the registrar must waive "
            f"{'them' if plural else 'it'} before approving your application to {name}."
        )
    return f"Applied to {name}: the registrar will review it."


@member_required()
@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest, cohort_id: int) -> HttpResponse:
    cohort = selectors.catalogue_cohort_get(tenant=request.tenant, cohort_id=cohort_id)
    cohort.seats_left = selectors.seats_left(cohort)
    form = ApplyForm(request.POST if request.method == "POST" else None)  # an unticked box posts nothing
    student = can_apply(request.membership)
    if request.method == "POST":
        if not student:
            return render(
                request, "lms/forbidden.html", {"message": "Only students of the school can apply to a cohort."}, status=403
            )
        if form.is_valid():
            try:
                enrollment = services.enrollment_apply(
                    membership=request.membership, cohort=cohort,
                    attested_admission=form.cleaned_data["attested_admission"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                pair = (request.membership.pk, cohort.course_id)
                missing = selectors.missing_prerequisites([pair])[pair]
                messages.success(request, _applied_message(enrollment, cohort, missing))
                return redirect("lms:dashboard")
    current = None
    if student:
        current = selectors.enrollments_visible_to(membership=request.membership).filter(cohort=cohort).first()
    context = {
        "cohort": cohort,
        "form": form,
        "can_apply": student,
        "prerequisites": _prerequisite_rows(request, cohort),
        "current": current if current and current.state not in (Enrollment.State.DROPPED, Enrollment.State.DECLINED) else None,
    }
    return render(request, "cohorts/catalogue/apply.html", context, status=400 if form.errors else 200)


urlpatterns = [
    path("catalogue/", catalogue, name="catalogue"),
    path("catalogue/<int:cohort_id>/apply/", apply, name="apply"),
]
