"""Pages for a school's licensed CPT file. Thin: validate, call a service or selector, render."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from codesets import cpt
from codesets.forms import CptUploadForm
from codesets.models import Release
from codesets.permissions import can_manage_code_sets
from lms.forms import add_service_errors
from lms.permissions import member_required

REGISTRARS_ONLY = "Only the school's registrars can manage its CPT codes."
# htmx stops polling an element when the response has this status.
HTMX_STOP_POLLING = 286
PREVIEW_SIZE = 10
IN_PROGRESS = (Release.Status.PENDING, Release.Status.LOADING)


@member_required(can_manage_code_sets, REGISTRARS_ONLY)
@require_http_methods(["GET", "POST"])
def cpt_releases(request: HttpRequest) -> HttpResponse:
    form = CptUploadForm(request.POST, request.FILES) if request.method == "POST" else CptUploadForm()
    if request.method == "POST" and form.is_valid():
        try:
            release = cpt.cpt_upload_create(
                tenant=request.tenant,
                actor=request.user,
                upload_file=form.cleaned_data["upload_file"],
                version=form.cleaned_data["version"],
                effective_from=form.cleaned_data["effective_from"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Received the file for {release}. This page shows its codes as they load.")
            return redirect("codes:cpt_release", release_id=release.pk)
    context = {"form": form, "releases": cpt.cpt_release_list(tenant=request.tenant)}
    return render(request, "codesets/cpt_releases.html", context, status=400 if form.errors else 200)


@member_required(can_manage_code_sets, REGISTRARS_ONLY)
@require_http_methods(["GET"])
def cpt_release(request: HttpRequest, release_id: int) -> HttpResponse:
    release = cpt.cpt_release_get(tenant=request.tenant, release_id=release_id)
    context = {"release": release, "in_progress": release.status in IN_PROGRESS}
    if request.htmx:
        status = 200 if context["in_progress"] else HTMX_STOP_POLLING
        context["polled"] = True
        return render(request, "codesets/partials/cpt_release_progress.html", context, status=status)
    if release.is_ready:
        context["preview"] = cpt.cpt_code_list(tenant=request.tenant, release_id=release.pk)[:PREVIEW_SIZE]
    return render(request, "codesets/cpt_release.html", context)


@member_required(can_manage_code_sets, REGISTRARS_ONLY)
@require_http_methods(["GET", "POST"])
def cpt_release_delete(request: HttpRequest, release_id: int) -> HttpResponse:
    release = cpt.cpt_release_get(tenant=request.tenant, release_id=release_id)
    if request.method == "GET":
        return render(request, "codesets/cpt_release_delete.html", {"release": release})
    try:
        cpt.cpt_release_delete(tenant=request.tenant, actor=request.user, release_id=release.pk)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("codes:cpt_release", release_id=release.pk)
    messages.success(request, f"Removed {release} and its {release.item_count:,} codes.")
    return redirect("codes:cpt_releases")
