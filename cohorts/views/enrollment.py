"""Enrollment pages: the registrar's queue and its decisions, an enrollment's own page
(where a student may drop), and a cohort's roster with its CSV export.

Each decision looks the enrollment up through ``enrollment_get_for`` (404 for
missing, foreign and not-yours), then checks the rule, then calls one service;
the services audit every change.
"""

from __future__ import annotations

import csv
import datetime
import re
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import dateformat, timezone
from django.views.decorators.http import require_http_methods, require_POST

from cohorts import permissions, selectors, services
from cohorts.forms_enrollment import (
    DEFAULT_QUEUE_STATE,
    DeclineForm,
    DropForm,
    EnrollmentQueueFilterForm,
    RosterFilterForm,
    WaiveForm,
)
from cohorts.models import Enrollment
from lms.forms import add_service_errors
from lms.links import IdLink
from lms.models import AuditLogEntry
from lms.permissions import member_required

PAGE_SIZE = 50
QUEUE_FILTERS = ("cohort", "state", "q", "page")
REGISTRARS_ONLY = "Only the school's registrars can manage enrollment."
OWNER_OR_REGISTRAR = "Only registrars and the student can open this enrollment."
ROSTER_STAFF_ONLY = "Only the cohort's staff can see its roster."
State = Enrollment.State


# --- helpers ---------------------------------------------------------------------


def _forbidden(request: HttpRequest, message: str) -> HttpResponse:
    return render(request, "lms/forbidden.html", {"message": message}, status=403)


def _queue_querystring(raw: str | None) -> str:
    """The queue's own filters out of a query string; anything else is dropped, so
    "back" can never send the browser elsewhere."""
    given = QueryDict(raw or "")
    kept = QueryDict(mutable=True)
    for key in QUEUE_FILTERS:
        if key in given:  # an empty state means "any state", unlike no state at all
            kept[key] = given.get(key)[:100]
    return kept.urlencode()


def _back_to_queue(raw: str | None) -> HttpResponse:
    querystring = _queue_querystring(raw)
    url = reverse("cohorts:enrollment_queue")
    return redirect(f"{url}?{querystring}" if querystring else url)


def _querystring_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _back(request: HttpRequest) -> str:
    return _queue_querystring(request.POST.get("back") if request.method == "POST" else request.GET.get("back"))


def _student_name(enrollment: Enrollment) -> str:
    user = enrollment.membership.user
    return user.full_name or user.email


def _is_own(request: HttpRequest, enrollment: Enrollment) -> bool:
    return enrollment.membership_id == request.membership.pk


def seen_label(when: datetime.datetime | None, now: datetime.datetime | None = None) -> str:
    """When someone was last here, in the viewer's time zone, as a person says it."""
    if when is None:
        return "Never"
    now = now or timezone.now()
    delta = now - when
    if delta < datetime.timedelta(minutes=1):
        return "Just now"
    if delta < datetime.timedelta(hours=1):
        minutes = int(delta.total_seconds() // 60)
        return f"{minutes} minute{'s' if minutes != 1 else ''} ago"
    local, today = timezone.localtime(when), timezone.localtime(now).date()
    at = dateformat.format(local, "g:i A")
    if local.date() == today:
        return f"Today at {at}"
    if local.date() == today - datetime.timedelta(days=1):
        return f"Yesterday at {at}"
    return dateformat.format(local, "M j, Y")


# --- the queue and its decisions ------------------------------------------------------


def _attach_queue_links(enrollments: list[Enrollment]) -> None:
    """Each row's links (a page of 50 rows has up to 250): one reverse per route, not per row."""
    links = {
        name: IdLink(f"cohorts:enrollment_{name}") for name in ("detail", "approve", "decline", "waive", "drop")
    }
    for enrollment in enrollments:
        enrollment.links = {name: link(enrollment.pk) for name, link in links.items()}


@member_required(permissions.can_manage_enrollment, REGISTRARS_ONLY)
def enrollment_queue(request: HttpRequest) -> HttpResponse:
    cohorts = (
        selectors.cohorts_visible_to(membership=request.membership)
        .select_related("course", "term")
        .order_by("-term__starts_on", "section_code")
    )
    filters = EnrollmentQueueFilterForm(request.GET, cohorts=cohorts)
    filters.is_valid()
    cleaned = filters.cleaned_data
    cohort = cleaned.get("cohort")
    rows = selectors.enrollment_queue(
        tenant=request.tenant,
        cohort_id=cohort.pk if cohort else None,
        state=cleaned.get("state", DEFAULT_QUEUE_STATE),
        query=cleaned.get("q", ""),
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    enrollments = list(page.object_list)
    selectors.attach_waitlist_positions(enrollments, Enrollment.objects.filter(pk__in=[e.pk for e in enrollments]))
    selectors.attach_missing_prerequisites(enrollments)
    _attach_queue_links(enrollments)
    context = {
        "filters": filters,
        "page": page,
        "enrollments": enrollments,
        "querystring": _querystring_without_page(request),
        "back": _queue_querystring(request.GET.urlencode()),
    }
    if request.htmx:
        return render(request, "cohorts/partials/enrollment_table.html", context)
    return render(request, "cohorts/enrollment/queue.html", context)


@member_required()
@require_POST
def enrollment_approve(request: HttpRequest, enrollment_id: int) -> HttpResponse:
    enrollment = selectors.enrollment_get_for(membership=request.membership, enrollment_id=enrollment_id)
    if not permissions.can_manage_enrollment(request.membership):
        return _forbidden(request, REGISTRARS_ONLY)
    name = _student_name(enrollment)
    try:
        enrollment = services.enrollment_approve(actor=request.membership, enrollment=enrollment)
    except ValidationError as exc:
        messages.error(request, f"{name} was not approved: {' '.join(exc.messages)}")
    else:
        section = enrollment.cohort.section_code
        if enrollment.state == State.ACTIVE:
            messages.success(request, f"Approved {name} for {section}; they have a seat.")
        else:
            position = selectors.waitlist_position(enrollment)
            messages.success(request, f"Approved {name}, but {section} is full: they are number {position} on the waitlist.")
    return _back_to_queue(request.POST.get("back"))


@member_required()
@require_http_methods(["GET", "POST"])
def enrollment_decline(request: HttpRequest, enrollment_id: int) -> HttpResponse:
    enrollment = selectors.enrollment_get_for(membership=request.membership, enrollment_id=enrollment_id)
    if not permissions.can_manage_enrollment(request.membership):
        return _forbidden(request, REGISTRARS_ONLY)
    form = DeclineForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.enrollment_decline(actor=request.membership, enrollment=enrollment, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Declined {_student_name(enrollment)}'s application to {enrollment.cohort.section_code}.")
            return _back_to_queue(request.POST.get("back"))
    context = {
        "enrollment": enrollment,
        "form": form,
        "back": _back(request),
        "declinable": enrollment.state in (State.APPLIED, State.WAITLISTED),
    }
    return render(request, "cohorts/enrollment/decline.html", context, status=400 if form.errors else 200)


@member_required()
@require_http_methods(["GET", "POST"])
def enrollment_waive(request: HttpRequest, enrollment_id: int) -> HttpResponse:
    enrollment = selectors.enrollment_get_for(membership=request.membership, enrollment_id=enrollment_id)
    if not permissions.can_waive_prerequisites(request.membership):
        return _forbidden(request, "Only the school's registrars can waive prerequisites.")
    missing = selectors.attach_missing_prerequisites([enrollment])[0].missing_prerequisites
    form = WaiveForm(request.POST if request.method == "POST" else None, courses=missing)
    if request.method == "POST" and form.is_valid():
        course = form.cleaned_data["course"]
        try:
            services.prerequisite_waive(
                actor=request.membership, student=enrollment.membership, course=course, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            still = [c for c in missing if c.pk != course.pk]
            follow = f" Still missing: {', '.join(c.code for c in still)}." if still else " You can approve the application now."
            messages.success(request, f"Waived {course.code} for {_student_name(enrollment)}.{follow}")
            return _back_to_queue(request.POST.get("back"))
    context = {"enrollment": enrollment, "form": form, "missing": missing, "back": _back(request)}
    return render(request, "cohorts/enrollment/waive.html", context, status=400 if form.errors else 200)


@member_required()
@require_http_methods(["GET", "POST"])
def enrollment_drop(request: HttpRequest, enrollment_id: int) -> HttpResponse:
    """Registrars drop with a reason; a student drops their own place until the drop deadline."""
    enrollment = selectors.enrollment_get_for(membership=request.membership, enrollment_id=enrollment_id)
    own = _is_own(request, enrollment)
    registrar = permissions.can_manage_enrollment(request.membership)
    if not (own or registrar):
        return _forbidden(request, OWNER_OR_REGISTRAR)
    form = DropForm(request.POST if request.method == "POST" else None, reason_required=registrar and not own)
    if request.method == "POST" and form.is_valid():
        try:
            services.enrollment_drop(actor=request.membership, enrollment=enrollment, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            section = enrollment.cohort.section_code
            if own:
                messages.success(request, f"You have dropped {section}.")
                return redirect("cohorts:enrollment_detail", enrollment_id=enrollment.pk)
            messages.success(request, f"Dropped {_student_name(enrollment)} from {section}.")
            if request.POST.get("return_to") == "detail":
                return redirect("cohorts:enrollment_detail", enrollment_id=enrollment.pk)
            return _back_to_queue(request.POST.get("back"))
    context = {
        "enrollment": enrollment,
        "form": form,
        "back": _back(request),
        "own": own,
        "return_to": request.GET.get("return_to") or request.POST.get("return_to", ""),
        "may_drop": permissions.can_drop(request.membership, enrollment),
        "droppable": enrollment.state in selectors.OPEN_STATES,
    }
    return render(request, "cohorts/enrollment/drop.html", context, status=400 if form.errors else 200)


# --- an enrollment's page ------------------------------------------------------------

ACTION_WORDS = {
    "enrollment.applied": "Applied",
    "enrollment.approved": "Approved, with a seat",
    "enrollment.waitlisted": "Approved; the cohort was full, so placed on the waitlist",
    "enrollment.promoted": "A seat opened: moved from the waitlist into the cohort",
    "enrollment.declined": "Application declined",
    "enrollment.dropped": "Dropped",
    "enrollment.completed": "Completed the course",
    "enrollment.admitted": "Enrolled by the registrar",
}


@dataclass(frozen=True)
class HistoryRow:
    when: datetime.datetime
    what: str
    who: str
    state_before: str
    state_after: str
    notes: list[str]


def _state_words(value: object) -> str:
    return State(value).label if value in State.values else ""


def history_rows(entries: list[AuditLogEntry]) -> list[HistoryRow]:
    rows = []
    for entry in entries:
        after = entry.after or {}
        notes = []
        if after.get("missing_prerequisites"):
            notes.append(f"Missing prerequisites at the time: {after['missing_prerequisites']}")
        if entry.action in ("enrollment.declined", "enrollment.dropped") and after.get("reason"):
            notes.append(f"Reason: {after['reason']}")
        if after.get("final_grade") and entry.action == "enrollment.completed":
            notes.append(f"Final grade: {after['final_grade']}")
        rows.append(
            HistoryRow(
                when=entry.created_at,
                what=ACTION_WORDS.get(entry.action) or entry.action.split(".")[-1].replace("_", " ").capitalize(),
                who=entry.actor.display_name if entry.actor else "CodeCohort (automatic)",
                state_before=_state_words((entry.before or {}).get("state")),
                state_after=_state_words(after.get("state")),
                notes=notes,
            )
        )
    return rows


@member_required()
def enrollment_detail(request: HttpRequest, enrollment_id: int) -> HttpResponse:
    enrollment = selectors.enrollment_get_for(membership=request.membership, enrollment_id=enrollment_id)
    own = _is_own(request, enrollment)
    registrar = permissions.can_manage_enrollment(request.membership)
    if not (own or registrar):
        return _forbidden(request, OWNER_OR_REGISTRAR)
    is_open = enrollment.state in selectors.OPEN_STATES
    context = {
        "enrollment": enrollment,
        "cohort": enrollment.cohort,
        "term": enrollment.cohort.term,
        "own": own,
        "registrar": registrar,
        "is_open": is_open,
        "may_drop": is_open and permissions.can_drop(request.membership, enrollment),
        "position": selectors.waitlist_position(enrollment),
        "missing": selectors.attach_missing_prerequisites([enrollment])[0].missing_prerequisites if registrar else [],
        "history": history_rows(list(selectors.enrollment_history(enrollment=enrollment))),
    }
    return render(request, "cohorts/enrollment/detail.html", context)


# --- the roster ------------------------------------------------------------------------


def _roster(request: HttpRequest, cohort_id: int):
    """The cohort and its filtered roster rows, or a 403 response (404 comes from the lookup)."""
    cohort = selectors.cohort_get_for(membership=request.membership, cohort_id=cohort_id)
    if not permissions.can_view_roster(request.membership, cohort):
        return cohort, None, _forbidden(request, ROSTER_STAFF_ONLY)
    filters = RosterFilterForm(request.GET)
    filters.is_valid()
    rows = selectors.cohort_roster(
        cohort=cohort, state=filters.cleaned_data.get("state", ""), query=filters.cleaned_data.get("q", "")
    )
    return cohort, (filters, rows), None


@member_required()
def cohort_roster(request: HttpRequest, cohort_id: int) -> HttpResponse:
    cohort, found, refusal = _roster(request, cohort_id)
    if refusal:
        return refusal
    filters, rows = found
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    enrollments = selectors.attach_waitlist_positions(list(page.object_list), rows)
    now = timezone.now()
    for enrollment in enrollments:
        enrollment.last_seen = seen_label(enrollment.membership.last_seen_at, now)
    context = {
        "cohort": cohort,
        "filters": filters,
        "page": page,
        "enrollments": enrollments,
        "querystring": _querystring_without_page(request),
    }
    if request.htmx:
        return render(request, "cohorts/partials/roster_table.html", context)
    return render(request, "cohorts/enrollment/roster.html", context)


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value: object) -> str:
    """A spreadsheet must not run a student's name as a formula (CSV injection)."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def _iso(when: datetime.datetime | None) -> str:
    return timezone.localtime(when).isoformat(timespec="seconds") if when else ""


@member_required()
def cohort_roster_csv(request: HttpRequest, cohort_id: int) -> HttpResponse:
    cohort, found, refusal = _roster(request, cohort_id)
    if refusal:
        return refusal
    _, rows = found
    enrollments = selectors.attach_waitlist_positions(list(rows), rows)
    file_name = re.sub(r"[^A-Za-z0-9_-]+", "-", cohort.section_code) or "cohort"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="roster-{file_name}.csv"'
    writer = csv.writer(response)
    writer.writerow(["name", "email", "state", "waitlist position", "applied at", "last seen"])
    for enrollment in enrollments:
        user = enrollment.membership.user
        writer.writerow(
            [
                csv_safe(user.full_name),
                csv_safe(user.email),
                enrollment.state,
                enrollment.waitlist_position or "",
                _iso(enrollment.applied_at),
                _iso(enrollment.membership.last_seen_at),
            ]
        )
    return response


urlpatterns = [
    path("enrollments/", enrollment_queue, name="enrollment_queue"),
    path("enrollments/<int:enrollment_id>/", enrollment_detail, name="enrollment_detail"),
    path("enrollments/<int:enrollment_id>/approve/", enrollment_approve, name="enrollment_approve"),
    path("enrollments/<int:enrollment_id>/decline/", enrollment_decline, name="enrollment_decline"),
    path("enrollments/<int:enrollment_id>/waive/", enrollment_waive, name="enrollment_waive"),
    path("enrollments/<int:enrollment_id>/drop/", enrollment_drop, name="enrollment_drop"),
    path("cohorts/<int:cohort_id>/roster/", cohort_roster, name="roster"),
    path("cohorts/<int:cohort_id>/roster.csv", cohort_roster_csv, name="roster_csv"),
]
