"""A student's side: the cohort's assessments, one assessment's page, taking an attempt, its results.

The take page works without JavaScript (one form, "Save answers" and
"Submit"); with it, static/js/attempt.js saves each answer as it is given
through the API, keeps a copy on the device and follows the server's timer.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from assessments import permissions, selectors
from assessments.grades import counted_percent
from assessments.models import Attempt, CohortAssessment, QuestionKind
from assessments.presenting import attempt_items, item_for_student
from assessments.results import attempt_results, policy_met
from assessments.services import attempts as attempt_services
from assessments.services import grading
from assessments.services.deadlines import seconds_left, window_for
from cohorts.selectors import cohort_get_for
from lms.models import Role
from lms.permissions import member_required

LINES_PER_ITEM = 6


@dataclass
class Row:
    scheduled: CohortAssessment
    attempts: list[Attempt]
    open_attempt: Attempt | None
    grade: Decimal | None  # by the assessment's scoring policy; None until scores are released

    @property
    def passed(self) -> bool:
        return self.grade is not None and self.grade >= self.scheduled.assessment.passing_percent


def _rows(scheduled_list: list[CohortAssessment], membership) -> list[Row]:
    mine = {}
    now = timezone.now()
    own = selectors.accommodation_of(membership) if membership.role == Role.STUDENT else None
    if membership.role == Role.STUDENT:
        for attempt in Attempt.objects.filter(scheduled__in=scheduled_list, enrollment__membership=membership).order_by("number"):
            mine.setdefault(attempt.scheduled_id, []).append(attempt)
    rows = []
    for scheduled in scheduled_list:
        attempts = mine.get(scheduled.pk, [])
        shown = policy_met(scheduled.assessment.show_scores, scheduled, now, own)
        rows.append(Row(scheduled, attempts, next((a for a in attempts if a.is_open), None),
                        counted_percent(attempts, scheduled.assessment.scoring_policy) if shown else None))
    return rows


@member_required()
def cohort_assessments(request: HttpRequest, cohort_id: int) -> HttpResponse:
    cohort = cohort_get_for(membership=request.membership, cohort_id=cohort_id, counts=False)
    scheduled = list(selectors.schedules_visible_to(membership=request.membership).filter(cohort=cohort)
                     .order_by("opens_at", "id"))
    return render(request, "assessments/cohort_list.html", {
        "cohort": cohort, "rows": _rows(scheduled, request.membership), "now": timezone.now(),
        "is_staff_view": permissions.can_see_attempts(request.membership, cohort),
    })


@member_required()
@require_http_methods(["GET", "POST"])
def schedule_detail(request: HttpRequest, schedule_id: int) -> HttpResponse:
    scheduled = selectors.schedule_get_for(membership=request.membership, schedule_id=schedule_id)
    membership = request.membership
    if request.method == "POST":
        if membership.role != Role.STUDENT:
            raise Http404
        try:
            attempt = attempt_services.attempt_start(membership=membership, scheduled=scheduled)
        except attempt_services.AttemptRefused as exc:
            messages.error(request, exc.messages[0])
            return redirect("assessments:schedule_detail", schedule_id=scheduled.pk)
        return redirect("assessments:attempt_take", attempt_id=attempt.pk)
    staff = permissions.can_see_attempts(membership, scheduled.cohort)
    window = window_for(scheduled, selectors.accommodation_of(membership) if membership.role == Role.STUDENT else None)
    row = _rows([scheduled], membership)[0]
    staff_attempts = []
    if staff:
        staff_attempts = list(scheduled.attempts.select_related("enrollment__membership__user")
                              .order_by("enrollment__membership__user__full_name", "number")[:500])
    now = timezone.now()
    return render(request, "assessments/schedule_detail.html", {
        "scheduled": scheduled, "assessment": scheduled.assessment, "cohort": scheduled.cohort, "window": window,
        "row": row, "staff": staff, "staff_attempts": staff_attempts, "now": now,
        "may_start": membership.role == Role.STUDENT and row.open_attempt is None and now >= window.opens_at
        and (window.closes_at is None or now < window.closes_at) and len(row.attempts) < window.attempts_allowed,
        "limit_minutes": int(window.time_limit.total_seconds() // 60) if window.time_limit else None,
    })


def _own_open(request: HttpRequest, attempt_id: int) -> Attempt:
    attempt = selectors.attempt_get_for(membership=request.membership, attempt_id=attempt_id)
    if attempt.enrollment.membership_id != request.membership.pk:
        raise Http404
    return attempt


def _line_rows(response_lines: list[dict]) -> list[dict]:
    rows = [{"code": line.get("code", ""), "modifiers": ", ".join(line.get("modifiers", [])), "units": line.get("units", "")}
            for line in response_lines]
    return rows + [{"code": "", "modifiers": "", "units": ""}] * max(0, LINES_PER_ITEM - len(rows))


def _shown_items(attempt: Attempt) -> list[dict]:
    shown = []
    for item in attempt_items(attempt):
        data = item_for_student(item)
        response = data["response"] or {}
        if data["kind"] in (QuestionKind.CODE, QuestionKind.CASE):
            groups = response.get("items") or []
            data["coding"] = [{"number": n, **spec, "lines": _line_rows(groups[n - 1] if n - 1 < len(groups) else [])}
                              for n, spec in enumerate(data["items"], start=1)]
        data["chosen"] = response.get("choices") or ([response["choice"]] if response.get("choice") else [])
        data["text"] = response.get("text", "")
        shown.append(data)
    return shown


@member_required()
def attempt_take(request: HttpRequest, attempt_id: int) -> HttpResponse:
    attempt = selectors.attempt_get_for(membership=request.membership, attempt_id=attempt_id)
    mine = attempt.enrollment.membership_id == request.membership.pk
    if not mine or not attempt.is_open:
        return redirect("assessments:attempt_results", attempt_id=attempt.pk)
    return render(request, "assessments/take.html", {
        "attempt": attempt, "assessment": attempt.scheduled.assessment, "items": _shown_items(attempt),
        "seconds_left": seconds_left(attempt.deadline_at, timezone.now()),
        "api_base": reverse("api:attempt-detail", args=[attempt.pk]),
    })


def _posted_response(post, item: dict) -> dict | None:
    prefix = f"q{item['position']}"
    kind = item["kind"]
    if kind == QuestionKind.SINGLE:
        return {"choice": post.get(f"{prefix}-choice") or None}
    if kind == QuestionKind.MULTIPLE:
        return {"choices": post.getlist(f"{prefix}-choices")}
    if kind == QuestionKind.WRITTEN:
        return {"text": post.get(f"{prefix}-text", "")}
    groups = []
    for number in range(1, len(item["items"]) + 1):
        codes = post.getlist(f"{prefix}-i{number}-code")
        mods = post.getlist(f"{prefix}-i{number}-modifiers")
        units = post.getlist(f"{prefix}-i{number}-units")
        groups.append([{"code": c, "modifiers": m, "units": u or 1} for c, m, u in zip(codes, mods, units, strict=False)
                       if c.strip()])
    return {"items": groups}


@member_required()
@require_POST
def attempt_answers(request: HttpRequest, attempt_id: int) -> HttpResponse:
    """The page's plain form: save every answer shown, then submit when that button was pressed."""
    attempt = _own_open(request, attempt_id)
    problems = []
    try:
        for item in _shown_items(attempt):
            try:
                attempt_services.answer_save(attempt=attempt, position=item["position"],
                                             response=_posted_response(request.POST, item), seq=None)
            except attempt_services.AttemptRefused:
                raise
            except ValidationError as exc:
                problems.append(f"Question {item['position']}: {exc.messages[0]}")
    except attempt_services.AttemptRefused as exc:
        messages.error(request, exc.messages[0])
        return redirect("assessments:attempt_results", attempt_id=attempt.pk)
    if problems:
        for problem in problems:
            messages.error(request, problem)
        return redirect("assessments:attempt_take", attempt_id=attempt.pk)
    if "submit" in request.POST:
        attempt_services.attempt_submit(attempt=attempt)
        messages.success(request, "Your attempt is submitted.")
        return redirect("assessments:attempt_results", attempt_id=attempt.pk)
    messages.success(request, "Your answers are saved.")
    return redirect("assessments:attempt_take", attempt_id=attempt.pk)


@member_required()
def attempt_results_page(request: HttpRequest, attempt_id: int) -> HttpResponse:
    attempt = selectors.attempt_get_for(membership=request.membership, attempt_id=attempt_id)
    membership = request.membership
    staff = membership.role != Role.STUDENT and permissions.can_see_attempts(membership, attempt.scheduled.cohort)
    shown = attempt_results(attempt=attempt, staff=staff)
    waiting = attempt.state in (Attempt.State.SUBMITTED, Attempt.State.GRADING)
    if request.htmx and request.GET.get("status"):
        response = render(request, "assessments/partials/attempt_state.html",
                          {"attempt": attempt, "waiting": waiting, "staff": staff})
        if not waiting:
            response["HX-Refresh"] = "true"
        return response
    return render(request, "assessments/results.html", {
        "attempt": attempt, "assessment": attempt.scheduled.assessment, "shown": shown, "staff": staff,
        "waiting": waiting, "may_retry": attempt.state == Attempt.State.FAILED and permissions.can_grade(membership, attempt.scheduled.cohort),
        "is_practice": attempt.scheduled.assessment.kind == "practice_exam",
    })


@member_required()
@require_POST
def attempt_retry(request: HttpRequest, attempt_id: int) -> HttpResponse:
    attempt = selectors.attempt_get_for(membership=request.membership, attempt_id=attempt_id)
    if not permissions.can_grade(request.membership, attempt.scheduled.cohort):
        raise Http404
    if grading.attempt_retry(attempt=attempt):
        messages.success(request, "Grading was queued again.")
    return redirect("assessments:attempt_results", attempt_id=attempt.pk)


urlpatterns = [
    path("cohorts/<int:cohort_id>/assessments/", cohort_assessments, name="cohort_assessments"),
    path("assessments/<int:schedule_id>/", schedule_detail, name="schedule_detail"),
    path("attempts/<int:attempt_id>/", attempt_take, name="attempt_take"),
    path("attempts/<int:attempt_id>/answers/", attempt_answers, name="attempt_answers"),
    path("attempts/<int:attempt_id>/results/", attempt_results_page, name="attempt_results"),
    path("attempts/<int:attempt_id>/retry/", attempt_retry, name="attempt_retry"),
]
