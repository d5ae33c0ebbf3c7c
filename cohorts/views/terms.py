"""Term pages: the registrar lists, creates and edits the school's terms."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_http_methods

from cohorts import selectors, services
from cohorts.forms import TermForm
from cohorts.permissions import can_manage_terms
from lms.forms import add_service_errors
from lms.permissions import member_required

REGISTRARS_ONLY = "Only the school's registrars can manage terms."
PAGE_SIZE = 50


@member_required(can_manage_terms, REGISTRARS_ONLY)
def term_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.term_list(tenant=request.tenant), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "cohorts/terms/term_list.html", {"page": page})


@member_required(can_manage_terms, REGISTRARS_ONLY)
@require_http_methods(["GET", "POST"])
def term_create(request: HttpRequest) -> HttpResponse:
    form = TermForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            term = services.term_save(tenant=request.tenant, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Created the term {term.name}.")
            return redirect("cohorts:term_list")
    return render(request, "cohorts/terms/term_form.html", {"form": form}, status=400 if form.errors else 200)


@member_required(can_manage_terms, REGISTRARS_ONLY)
@require_http_methods(["GET", "POST"])
def term_edit(request: HttpRequest, term_id: int) -> HttpResponse:
    term = selectors.term_get(tenant=request.tenant, term_id=term_id)
    form = TermForm(request.POST or None, instance=term)
    if request.method == "POST" and form.is_valid():
        try:
            services.term_save(tenant=request.tenant, actor=request.user, term=term, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
            term = selectors.term_get(tenant=request.tenant, term_id=term_id)  # as stored, not as refused
        else:
            messages.success(request, f"Saved the term {term.name}.")
            return redirect("cohorts:term_list")
    return render(
        request, "cohorts/terms/term_form.html", {"form": form, "term": term}, status=400 if form.errors else 200
    )


urlpatterns = [
    path("terms/", term_list, name="term_list"),
    path("terms/new/", term_create, name="term_create"),
    path("terms/<int:term_id>/edit/", term_edit, name="term_edit"),
]
