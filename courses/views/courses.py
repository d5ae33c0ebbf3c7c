"""Course pages of the catalogue: the registrar lists, creates and edits courses."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_http_methods

from courses import selectors, services
from courses.forms import CourseFilterForm, CourseForm
from courses.permissions import can_manage_catalogue
from lms.forms import add_service_errors
from lms.permissions import member_required

REGISTRARS_ONLY = "Only the school's registrars can manage programs and courses."
PAGE_SIZE = 50


def _querystring_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@member_required(can_manage_catalogue, REGISTRARS_ONLY)
def course_list(request: HttpRequest) -> HttpResponse:
    filters = CourseFilterForm(request.GET or None)
    cleaned = filters.cleaned_data if filters.is_valid() else {}
    courses = selectors.course_list(tenant=request.tenant, query=cleaned.get("q", ""))
    page = Paginator(courses, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"filters": filters, "page": page, "querystring": _querystring_without_page(request)}
    if request.htmx:
        return render(request, "courses/partials/course_table.html", context)
    return render(request, "courses/course_list.html", context)


def _save(request: HttpRequest, form: CourseForm, course=None):
    fields = dict(form.cleaned_data)
    prerequisites = fields.pop("prerequisites")
    return services.course_save(
        tenant=request.tenant, actor=request.user, course=course, prerequisites=prerequisites, **fields
    )


@member_required(can_manage_catalogue, REGISTRARS_ONLY)
@require_http_methods(["GET", "POST"])
def course_create(request: HttpRequest) -> HttpResponse:
    form = CourseForm(request.POST or None, tenant=request.tenant)
    if request.method == "POST" and form.is_valid():
        try:
            course = _save(request, form)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Created {course.code} {course.title}.")
            return redirect("courses:course_list")
    return render(request, "courses/course_form.html", {"form": form}, status=400 if form.errors else 200)


@member_required(can_manage_catalogue, REGISTRARS_ONLY)
@require_http_methods(["GET", "POST"])
def course_edit(request: HttpRequest, course_id: int) -> HttpResponse:
    course = selectors.course_get(tenant=request.tenant, course_id=course_id)
    form = CourseForm(request.POST or None, instance=course, tenant=request.tenant)
    if request.method == "POST" and form.is_valid():
        try:
            _save(request, form, course)
        except ValidationError as exc:
            add_service_errors(form, exc)
            course = selectors.course_get(tenant=request.tenant, course_id=course_id)  # as stored, not as refused
        else:
            messages.success(request, f"Saved {course.code} {course.title}.")
            return redirect("courses:course_list")
    context = {"form": form, "course": course}
    return render(request, "courses/course_form.html", context, status=400 if form.errors else 200)


urlpatterns = [
    path("courses/", course_list, name="course_list"),
    path("courses/new/", course_create, name="course_create"),
    path("courses/<int:course_id>/edit/", course_edit, name="course_edit"),
]
