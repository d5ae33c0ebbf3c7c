"""Cohort pages: the registrar's list, creation and editing, and the cohort page its people read."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_http_methods

from cohorts import selectors, services
from cohorts.forms import CohortFilterForm, CohortForm
from cohorts.permissions import can_manage_cohorts, can_view_roster
from lms.forms import add_service_errors
from lms.permissions import member_required

REGISTRARS_ONLY = "Only the school's registrars can manage cohorts."
PAGE_SIZE = 50


def _querystring_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@member_required(can_manage_cohorts, REGISTRARS_ONLY)
def cohort_list(request: HttpRequest) -> HttpResponse:
    filters = CohortFilterForm(request.GET or None, tenant=request.tenant)
    cleaned = filters.cleaned_data if filters.is_valid() else {}
    cohorts = selectors.cohort_list(
        membership=request.membership,
        term_id=getattr(cleaned.get("term"), "pk", None),
        course_id=getattr(cleaned.get("course"), "pk", None),
        query=cleaned.get("q", ""),
    )
    page = Paginator(cohorts, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"filters": filters, "page": page, "querystring": _querystring_without_page(request)}
    if request.htmx:
        return render(request, "cohorts/cohorts/partials/cohort_table.html", context)
    return render(request, "cohorts/cohorts/cohort_list.html", context)


@member_required()
def cohort_detail(request: HttpRequest, cohort_id: int) -> HttpResponse:
    cohort = selectors.cohort_get_for(membership=request.membership, cohort_id=cohort_id)
    cohort.seats_left = selectors.seats_left(cohort)
    context = {
        "cohort": cohort,
        "can_edit": can_manage_cohorts(request.membership),
        "can_view_roster": can_view_roster(request.membership, cohort),
    }
    return render(request, "cohorts/cohorts/cohort_detail.html", context)


@member_required(can_manage_cohorts, REGISTRARS_ONLY)
@require_http_methods(["GET", "POST"])
def cohort_create(request: HttpRequest) -> HttpResponse:
    form = CohortForm(request.POST or None, tenant=request.tenant)
    if request.method == "POST" and form.is_valid():
        fields, staff = form.service_fields()
        try:
            cohort = services.cohort_save(tenant=request.tenant, actor=request.user, staff=staff, **fields)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Created the cohort {cohort.section_code}.")
            return redirect("cohorts:cohort_detail", cohort_id=cohort.pk)
    return render(request, "cohorts/cohorts/cohort_form.html", {"form": form}, status=400 if form.errors else 200)


@member_required()
@require_http_methods(["GET", "POST"])
def cohort_edit(request: HttpRequest, cohort_id: int) -> HttpResponse:
    # The cohort first: someone who may not see it gets the same 404 as for a missing one.
    cohort = selectors.cohort_get_for(membership=request.membership, cohort_id=cohort_id)
    if not can_manage_cohorts(request.membership):
        return render(request, "lms/forbidden.html", {"message": REGISTRARS_ONLY}, status=403)
    form = CohortForm(request.POST or None, instance=cohort, tenant=request.tenant)
    if request.method == "POST" and form.is_valid():
        fields, staff = form.service_fields()
        try:
            saved = services.cohort_save(tenant=request.tenant, actor=request.user, cohort=cohort, staff=staff, **fields)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Saved the cohort {saved.section_code}.")
            return redirect("cohorts:cohort_detail", cohort_id=saved.pk)
    context = {"form": form, "cohort": cohort}
    return render(request, "cohorts/cohorts/cohort_form.html", context, status=400 if form.errors else 200)


urlpatterns = [
    path("cohorts/", cohort_list, name="cohort_list"),
    path("cohorts/new/", cohort_create, name="cohort_create"),
    path("cohorts/<int:cohort_id>/", cohort_detail, name="cohort_detail"),
    path("cohorts/<int:cohort_id>/edit/", cohort_edit, name="cohort_edit"),
]
