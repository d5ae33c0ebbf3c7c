"""Pages of enrollment imports (registrars): upload and preview a CSV, apply it, watch it apply."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_http_methods, require_POST

from cohorts import imports
from cohorts.forms_imports import EnrollmentImportForm
from cohorts.models import EnrollmentImport
from cohorts.permissions import can_import_enrollments
from lms.forms import add_service_errors
from lms.permissions import member_required

REGISTRARS_ONLY = "Only the school's registrars can import enrollments."
# htmx stops polling an element when the response has this status.
HTMX_STOP_POLLING = 286
IMPORTS_PER_PAGE = 25
ROWS_PER_PAGE = 100
IN_PROGRESS = (EnrollmentImport.Status.QUEUED, EnrollmentImport.Status.APPLYING)


@member_required(can_import_enrollments, REGISTRARS_ONLY)
@require_http_methods(["GET", "POST"])
def import_list(request: HttpRequest) -> HttpResponse:
    form = EnrollmentImportForm(request.POST, request.FILES) if request.method == "POST" else EnrollmentImportForm()
    if request.method == "POST" and form.is_valid():
        try:
            record = imports.enrollment_import_preview(
                tenant=request.tenant, actor=request.membership,
                file_name=form.cleaned_data["file"].name, data=form.data_bytes(),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return redirect("cohorts:import_detail", import_id=record.pk)
    page = Paginator(imports.enrollment_import_list(tenant=request.tenant), IMPORTS_PER_PAGE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page}
    return render(request, "cohorts/imports/list.html", context, status=400 if form.errors else 200)


@member_required(can_import_enrollments, REGISTRARS_ONLY)
@require_http_methods(["GET"])
def import_detail(request: HttpRequest, import_id: int) -> HttpResponse:
    record = imports.enrollment_import_get(tenant=request.tenant, import_id=import_id)
    context = {"record": record, "in_progress": record.status in IN_PROGRESS}
    if request.htmx:
        context["polled"] = True
        status = 200 if context["in_progress"] else HTMX_STOP_POLLING
        return render(request, "cohorts/imports/partials/progress.html", context, status=status)
    context["counts"] = imports.import_counts(record)
    context["page"] = Paginator(imports.rows_for_display(record), ROWS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "cohorts/imports/detail.html", context)


@member_required(can_import_enrollments, REGISTRARS_ONLY)
@require_POST
def import_apply(request: HttpRequest, import_id: int) -> HttpResponse:
    record = imports.enrollment_import_get(tenant=request.tenant, import_id=import_id)
    try:
        queued = imports.enrollment_import_apply_request(
            tenant=request.tenant, actor=request.membership, enrollment_import=record
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if queued:
            messages.success(request, f"Applying {record.file_name}: every row, or none if one fails.")
        else:
            messages.info(request, f"{record.file_name} is already {record.get_status_display().lower()}; nothing more to do.")
    return redirect("cohorts:import_detail", import_id=record.pk)


urlpatterns = [
    path("enrollment-imports/", import_list, name="import_list"),
    path("enrollment-imports/<int:import_id>/", import_detail, name="import_detail"),
    path("enrollment-imports/<int:import_id>/apply/", import_apply, name="import_apply"),
]
