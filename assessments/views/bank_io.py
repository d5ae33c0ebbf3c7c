"""Pages that move a question bank in and out as a file: export, upload and preview, confirm, watch it import."""

from __future__ import annotations

import json

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_GET, require_http_methods

from assessments import selectors
from assessments.models import QuestionBank
from assessments.permissions import can_author_bank
from assessments.services import bank_files, bank_io
from lms.forms import add_service_errors
from lms.permissions import member_required
from lms.uploads import read_upload

AUTHORS_ONLY = "Only the course's authors (registrars and the school's instructors) can import questions into its banks."
# htmx stops polling an element when the response has this status.
HTMX_STOP_POLLING = 286
IMPORTS_PER_PAGE = 25
ROWS_PER_PAGE = 100
EXPORTS = {"json": "application/json", "csv": "text/csv; charset=utf-8"}


class BankImportForm(forms.Form):
    file = forms.FileField(
        label="Question file (JSON or CSV)",
        help_text=(
            f"At most 2 MB and {bank_files.MAX_ROWS:,} questions, UTF-8. JSON: a file exported from a CodeCohort bank, "
            "with every kind of question. CSV: single and multiple choice questions only, with the columns "
            f"{', '.join(bank_files.CSV_COLUMNS)}; correct lists the right choices' letters separated by ; (b, or a;c)."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".json,.csv,application/json,text/csv"}),
    )

    def clean_file(self) -> UploadedFile:
        upload = self.cleaned_data["file"]
        try:
            self.file_bytes = read_upload(upload, max_bytes=bank_files.MAX_FILE_BYTES)
        except ValidationError as error:
            raise forms.ValidationError(error.messages) from None
        return upload


def _forbidden(request: HttpRequest) -> HttpResponse:
    return render(request, "lms/forbidden.html", {"message": AUTHORS_ONLY}, status=403)


@member_required()
@require_GET
def bank_export(request: HttpRequest, bank_id: int) -> HttpResponse:
    bank = selectors.bank_get_for(membership=request.membership, bank_id=bank_id)
    kind = request.GET.get("format") or "json"
    if kind not in EXPORTS:
        return HttpResponseBadRequest("Choose format=json or format=csv.", content_type="text/plain; charset=utf-8")
    if kind == "json":
        body = json.dumps(bank_io.bank_export_json(bank=bank), indent=2, ensure_ascii=False) + "\n"
    else:
        body = bank_io.bank_export_csv(bank=bank)
    response = HttpResponse(body, content_type=EXPORTS[kind])
    response["Content-Disposition"] = f'attachment; filename="{bank_io.export_file_name(bank, kind)}"'
    return response


@member_required()
@require_http_methods(["GET", "POST"])
def bank_import(request: HttpRequest, bank_id: int) -> HttpResponse:
    bank = selectors.bank_get_for(membership=request.membership, bank_id=bank_id)
    if not can_author_bank(request.membership, bank):
        return _forbidden(request)
    form = BankImportForm(request.POST, request.FILES) if request.method == "POST" else BankImportForm()
    if request.method == "POST" and form.is_valid():
        try:
            record = bank_io.bank_import_preview(
                tenant=request.tenant, actor=request.membership, bank=bank,
                file_name=form.cleaned_data["file"].name, data=form.file_bytes,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return redirect("assessments:bank_import_detail", bank_import_id=record.pk)
    page = Paginator(bank_io.bank_imports_of(bank=bank), IMPORTS_PER_PAGE).get_page(request.GET.get("page"))
    context = {"bank": bank, "form": form, "page": page, "columns": ",".join(bank_files.CSV_COLUMNS)}
    return render(request, "assessments/bank_io/import.html", context, status=400 if form.errors else 200)


def _confirm(request: HttpRequest, record) -> HttpResponse:
    try:
        queued = bank_io.bank_import_apply_request(tenant=request.tenant, actor=request.membership, bank_import=record)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if queued:
            messages.success(request, f"Importing {record.file_name}: every question, or none if one fails.")
        else:
            messages.info(request, f"{record.file_name} is already {record.get_status_display().lower()}; nothing more to do.")
    return redirect("assessments:bank_import_detail", bank_import_id=record.pk)


@member_required()
@require_http_methods(["GET", "POST"])
def bank_import_detail(request: HttpRequest, bank_import_id: int) -> HttpResponse:
    record = bank_io.bank_import_get_for(membership=request.membership, bank_import_id=bank_import_id)
    bank: QuestionBank = record.bank
    if not can_author_bank(request.membership, bank):
        return _forbidden(request)
    if request.method == "POST":
        return _confirm(request, record)
    in_progress = record.status in bank_io.IN_PROGRESS
    context = {"record": record, "bank": bank, "in_progress": in_progress, "percent": bank_io.import_percent(record)}
    if request.htmx:
        context["polled"] = True
        return render(request, "assessments/bank_io/partials/progress.html", context,
                      status=200 if in_progress else HTMX_STOP_POLLING)
    context["page"] = Paginator(bank_io.rows_for_display(record), ROWS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "assessments/bank_io/detail.html", context)


urlpatterns = [
    path("authoring/banks/<int:bank_id>/export/", bank_export, name="bank_export"),
    path("authoring/banks/<int:bank_id>/import/", bank_import, name="bank_import"),
    path("authoring/bank-imports/<int:bank_import_id>/", bank_import_detail, name="bank_import_detail"),
]
