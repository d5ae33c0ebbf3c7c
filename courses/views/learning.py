"""Students learn: the course within a cohort, the lesson viewer, the player's reports; the staff's progress pages.

The cohort's staff and registrars open the student pages as a preview (no
enrollment: nothing is stored), and a course's authors preview every module,
hidden ones included, without a cohort. Access answers 404 for other schools,
other cohorts and students without an active place, like every lookup.
"""

from __future__ import annotations

import csv
import json
import math
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods, require_POST

from cohorts.models import Cohort, Enrollment
from cohorts.selectors import cohort_get_for
from cohorts.views.enrollment import csv_safe
from courses.models import Course, KeyRole, Lesson, LessonFile
from courses.permissions import can_author_course, can_see_progress
from courses.selectors.catalogue import course_get
from courses.selectors.learning import (
    STATE_LABELS,
    CourseOutline,
    ModuleState,
    attempts_of,
    cohort_enrollment_get,
    cohort_for_learning,
    course_modules,
    course_outline,
    learners_of,
    lesson_detail,
    lesson_in_outline,
    outlines_for,
    preview_outline,
)
from courses.services.learning import clean_answer_lines, exercise_attempt, lesson_opened, lesson_report_position
from courses.views.files import lesson_file_url
from lms.links import IdLink
from lms.permissions import member_required

STAFF_ONLY = "Only the cohort's staff can see its students' progress."
AUTHORS_ONLY = "Only the course's authors can preview it."
GRID_PAGE_SIZE = 100
ANSWER_ROWS = 6
SPEEDS = ("0.75", "1", "1.25", "1.5", "1.75", "2")
LONGEST_LECTURE_SECONDS = 24 * 3600
STATUS_WORDS = {
    "correct": "Correct", "partial": "Partly correct", "wrong": "Wrong code",
    "extra": "Extra code", "missing": "Missing",
}


@dataclass
class Place:
    """Where the student pages are shown: a cohort (a student, or its staff previewing) or an author's preview."""

    course: Course
    cohort: Cohort | None = None
    enrollment: Enrollment | None = None
    _lesson_link: IdLink | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def is_preview(self) -> bool:
        return self.enrollment is None

    @property
    def is_author_preview(self) -> bool:
        return self.cohort is None

    @property
    def course_url(self) -> str:
        if self.cohort is None:
            return reverse("courses:course_preview", args=[self.course.pk])
        return reverse("courses:cohort_course", args=[self.cohort.pk])

    def lesson_url(self, lesson_id: int) -> str:
        # An outline links every lesson: reverse once, then fill in each id.
        if self._lesson_link is None:
            if self.cohort is None:
                self._lesson_link = IdLink("courses:course_preview_lesson", self.course.pk)
            else:
                self._lesson_link = IdLink("courses:cohort_lesson", self.cohort.pk)
        return self._lesson_link(lesson_id)


def _cohort_place(request: HttpRequest, cohort_id: int) -> Place:
    cohort, enrollment = cohort_for_learning(membership=request.membership, cohort_id=cohort_id)
    return Place(course=cohort.course, cohort=cohort, enrollment=enrollment)


def _forbidden(request: HttpRequest, message: str) -> HttpResponse:
    return render(request, "lms/forbidden.html", {"message": message}, status=403)


def _author_place(request: HttpRequest, course_id: int) -> Place | HttpResponse:
    course = course_get(tenant=request.tenant, course_id=course_id)
    if not can_author_course(request.membership, course):
        return _forbidden(request, AUTHORS_ONLY)
    return Place(course=course)


def _with_urls(place: Place, outline: CourseOutline) -> CourseOutline:
    for module in outline.modules:
        for lesson in module.lessons:
            lesson.url = place.lesson_url(lesson.lesson.pk)
    return outline


# --- the course page -------------------------------------------------------------------


KIND_WORDS = dict(Lesson.Kind.choices)


def _lesson_items(place: Place, module: ModuleState) -> list[dict]:
    """The lines of a module's lesson list as plain values: the course page lists every lesson of the course."""
    linked = place.is_preview or not module.is_locked
    items = []
    for state in module.lessons:
        lesson = state.lesson
        meta = KIND_WORDS.get(lesson.kind, lesson.kind)
        if lesson.kind == Lesson.Kind.VIDEO and lesson.duration_seconds:
            meta += f", {round(lesson.duration_seconds / 60)} min"
        items.append({
            "title": lesson.title, "url": place.lesson_url(lesson.pk) if linked else "", "meta": meta,
            "complete": state.complete, "started": state.started, "hidden": not lesson.is_published,
        })
    return items


def _course_page(request: HttpRequest, place: Place, outline: CourseOutline) -> HttpResponse:
    for module in outline.modules:
        module.items = _lesson_items(place, module)
    context = {
        "place": place, "course": place.course, "cohort": place.cohort, "outline": outline,
        "preview": place.is_preview, "author_preview": place.is_author_preview,
    }
    return render(request, "courses/learning/course.html", context)


@member_required()
def cohort_course(request: HttpRequest, cohort_id: int) -> HttpResponse:
    place = _cohort_place(request, cohort_id)
    return _course_page(request, place, course_outline(cohort=place.cohort, enrollment=place.enrollment))


@member_required()
def course_preview(request: HttpRequest, course_id: int) -> HttpResponse:
    place = _author_place(request, course_id)
    if isinstance(place, HttpResponse):
        return place
    return _course_page(request, place, preview_outline(course=place.course))


# --- the lesson viewer -------------------------------------------------------------------


def _files(lesson: Lesson) -> dict:
    files = list(lesson.files.all())
    for lesson_file in files:
        lesson_file.url = lesson_file_url(lesson_file)
    by_role = {role: [f for f in files if f.role == role] for role in LessonFile.Role.values}
    return {
        "video_file": next(iter(by_role[LessonFile.Role.VIDEO]), None),
        "captions": by_role[LessonFile.Role.CAPTIONS],
        "attachments": by_role[LessonFile.Role.ATTACHMENT],
    }


def clock(seconds: float | None) -> str:
    """Seconds as a player shows them: 4:05, 1:02:09."""
    total = int(seconds or 0)
    hours, rest = divmod(total, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


def _video_context(lesson: Lesson, progress) -> dict:
    position = progress.position_seconds if progress else 0.0
    return {
        "watched_percent": _watched_percent(lesson, progress),
        "resume_position": f"{position:.2f}",
        "resume_label": clock(position) if position >= 1 else "",
        "duration_label": clock(lesson.duration_seconds),
    }


def _watched_percent(lesson: Lesson, progress) -> int:
    if not progress or not lesson.duration_seconds:
        return 0
    return min(100, math.floor(100 * progress.watched_seconds / lesson.duration_seconds))


def _answer_rows(posted: list[dict] | None = None) -> list[dict]:
    """The rows of the answer form: what was entered, then blank ones up to at least six."""
    rows = [row for row in posted or [] if any(str(v).strip() for v in row.values())]
    rows += [{"code": "", "modifiers": "", "units": ""}] * max(ANSWER_ROWS - len(rows), 1 if rows else 0)
    return [{**row, "number": n} for n, row in enumerate(rows, start=1)]


def _posted_lines(post) -> list[dict]:
    codes, modifiers, units = post.getlist("code"), post.getlist("modifiers"), post.getlist("units")
    size = max(len(codes), len(modifiers), len(units))

    def at(values: list[str], i: int) -> str:
        return values[i].strip() if i < len(values) else ""

    return [{"code": at(codes, i), "modifiers": at(modifiers, i), "units": at(units, i)} for i in range(size)]


def _feedback(feedback: dict) -> dict:
    """The scorer's feedback with each status and role in words, for the template."""
    roles = dict(KeyRole.choices)

    def worded(line: dict) -> dict:
        status = str(line.get("status", ""))
        return {**line, "status_label": STATUS_WORDS.get(status, status.capitalize()),
                "role_label": roles.get(line.get("role"), "")}

    return {**feedback, "lines": [worded(x) for x in feedback.get("lines", [])],
            "missed": [worded(x) for x in feedback.get("missed", [])]}


def _lesson_page(request: HttpRequest, place: Place, outline: CourseOutline, lesson_id: int) -> HttpResponse:
    module_state, lesson_state = lesson_in_outline(_with_urls(place, outline), lesson_id)
    previous, following = outline.neighbours(lesson_state.lesson.pk)
    context = {
        "place": place, "course": place.course, "cohort": place.cohort, "outline": outline,
        "module_state": module_state, "lesson_state": lesson_state, "lesson": lesson_state.lesson,
        "previous": previous, "next": following, "locked": module_state.is_locked,
    }
    if module_state.is_locked and not place.is_preview:
        return render(request, "courses/learning/lesson.html", context, status=403 if request.method == "POST" else 200)
    lesson = lesson_detail(lesson=lesson_state.lesson)
    if request.method == "POST" and lesson.kind != Lesson.Kind.EXERCISE:
        return HttpResponseNotAllowed(["GET"])
    if place.enrollment is not None and request.method == "GET":
        lesson_state.progress = lesson_opened(enrollment=place.enrollment, lesson=lesson, known=lesson_state.progress)
    progress = lesson_state.progress
    context.update(**_files(lesson), **_video_context(lesson, progress), lesson=lesson, progress=progress,
                   speeds=SPEEDS, answer_rows=_answer_rows())
    if place.cohort is not None and lesson.kind == Lesson.Kind.VIDEO:
        context["progress_url"] = reverse("courses:lesson_progress", args=[place.cohort.pk, lesson.pk])
    if request.method == "POST":
        return _exercise_try(request, place, lesson, context)
    return render(request, "courses/learning/lesson.html", context)


def _exercise_try(request: HttpRequest, place: Place, lesson: Lesson, context: dict) -> HttpResponse:
    posted = _posted_lines(request.POST)
    context["answer_rows"] = _answer_rows(posted)
    status = 200
    try:
        lines = clean_answer_lines(posted)
    except ValidationError as exc:
        context["answer_error"] = " ".join(exc.messages)
        status = 400
    else:
        attempted = exercise_attempt(enrollment=place.enrollment, lesson=lesson, lines=lines)
        context["result"] = _feedback(attempted.feedback) | {"score": attempted.score}
        if attempted.progress is not None:
            context["progress"] = attempted.progress
    if request.htmx:
        # htmx swaps only successful responses; the message still has to reach the student.
        return render(request, "courses/learning/partials/feedback.html", context)
    return render(request, "courses/learning/lesson.html", context, status=status)


@member_required()
@require_http_methods(["GET", "POST"])
def cohort_lesson(request: HttpRequest, cohort_id: int, lesson_id: int) -> HttpResponse:
    place = _cohort_place(request, cohort_id)
    return _lesson_page(request, place, course_outline(cohort=place.cohort, enrollment=place.enrollment), lesson_id)


@member_required()
@require_http_methods(["GET", "POST"])
def course_preview_lesson(request: HttpRequest, course_id: int, lesson_id: int) -> HttpResponse:
    place = _author_place(request, course_id)
    if isinstance(place, HttpResponse):
        return place
    return _lesson_page(request, place, preview_outline(course=place.course), lesson_id)


# --- the player's reports ------------------------------------------------------------------


def _report(request: HttpRequest) -> tuple[float, float]:
    """Position and seconds watched from JSON (fetch) or form data (sendBeacon); ValueError when unusable."""
    if request.content_type == "application/json":
        try:
            data = json.loads(request.body or b"{}")
        except (json.JSONDecodeError, UnicodeDecodeError):
            raise ValueError("The report is not JSON.") from None
        if not isinstance(data, dict):
            raise ValueError("The report is not a JSON object.")
    else:
        data = request.POST
    numbers = []
    for name in ("position", "seconds_watched"):
        try:
            value = float(data.get(name))
        except (TypeError, ValueError):
            raise ValueError(f"{name} must be a number of seconds.") from None
        if not math.isfinite(value) or not 0 <= value <= LONGEST_LECTURE_SECONDS:
            raise ValueError(f"{name} must be between 0 and {LONGEST_LECTURE_SECONDS} seconds.")
        numbers.append(value)
    return numbers[0], numbers[1]


@member_required()
@require_POST
def lesson_progress(request: HttpRequest, cohort_id: int, lesson_id: int) -> HttpResponse:
    place = _cohort_place(request, cohort_id)
    module_state, lesson_state = lesson_in_outline(
        course_outline(cohort=place.cohort, enrollment=place.enrollment), lesson_id
    )
    lesson = lesson_state.lesson
    if lesson.kind != Lesson.Kind.VIDEO:
        return JsonResponse({"error": "Only lectures report a position."}, status=400)
    if place.is_preview:
        return HttpResponse(status=204)  # staff watching a preview: nothing to keep
    if module_state.is_locked:
        return JsonResponse({"error": "This lesson is not open yet."}, status=403)
    try:
        position, seconds_watched = _report(request)
    except ValueError as exc:
        return JsonResponse({"error": str(exc)}, status=400)
    progress = lesson_report_position(
        enrollment=place.enrollment, lesson=lesson, position=position, seconds_watched=seconds_watched
    )
    return JsonResponse({
        "position": progress.position_seconds,
        "watched_seconds": progress.watched_seconds,
        "watched_percent": _watched_percent(lesson, progress),
        "completed": progress.completed_at is not None,
    })


# --- the staff's progress pages ------------------------------------------------------------


def _staff_cohort(request: HttpRequest, cohort_id: int) -> Cohort | HttpResponse:
    cohort = cohort_get_for(membership=request.membership, cohort_id=cohort_id, counts=False)
    return cohort if can_see_progress(request.membership, cohort) else _forbidden(request, STAFF_ONLY)


def _grid_cells(outline: CourseOutline) -> str:
    """A row's module cells, built here rather than in the template: a page holds 100 rows of them.

    Nothing in them comes from a person: the state is one of four words of ours, its label
    ours, the share a number.
    """
    return mark_safe("".join(  # noqa: S308 (our own words and numbers only)
        f'<td class="grid-cell learn-cell-{m.state}">{STATE_LABELS[m.state]}<span class="grid-percent">{int(m.percent)}%</span></td>'
        for m in outline.modules
    ))


def _grid_rows(cohort: Cohort, enrollments: list, outlines: dict) -> list[dict]:
    student_url = IdLink("courses:progress_student", cohort.pk)
    rows = []
    for enrollment in enrollments:
        user, outline = enrollment.membership.user, outlines[enrollment.pk]
        rows.append({
            "url": student_url(enrollment.pk), "name": user.full_name, "email": user.email,
            "cells": _grid_cells(outline), "percent": outline.percent,
        })
    return rows


@member_required()
def progress_grid(request: HttpRequest, cohort_id: int) -> HttpResponse:
    cohort = _staff_cohort(request, cohort_id)
    if isinstance(cohort, HttpResponse):
        return cohort
    descending = request.GET.get("sort") == "-name"
    page = Paginator(learners_of(cohort=cohort, descending=descending), GRID_PAGE_SIZE).get_page(request.GET.get("page"))
    enrollments = list(page.object_list)
    modules = course_modules(course=cohort.course)
    outlines = outlines_for(cohort=cohort, enrollment_ids=[e.pk for e in enrollments], modules=modules, summary=True)
    context = {
        "cohort": cohort, "modules": modules, "page": page, "descending": descending,
        "rows": _grid_rows(cohort, enrollments, outlines),
        "sort": "-name" if descending else "name",
    }
    return render(request, "courses/learning/progress_grid.html", context)


@member_required()
def progress_csv(request: HttpRequest, cohort_id: int) -> HttpResponse:
    cohort = _staff_cohort(request, cohort_id)
    if isinstance(cohort, HttpResponse):
        return cohort
    enrollments = list(learners_of(cohort=cohort))
    modules = course_modules(course=cohort.course)
    outlines = outlines_for(cohort=cohort, enrollment_ids=[e.pk for e in enrollments], modules=modules, summary=True)
    file_name = re.sub(r"[^A-Za-z0-9_-]+", "-", cohort.section_code) or "cohort"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="progress-{file_name}.csv"'
    writer = csv.writer(response)
    writer.writerow(["name", "email", *(csv_safe(f"{m.title} (%)") for m in modules), "course (%)"])
    for enrollment in enrollments:
        user, outline = enrollment.membership.user, outlines[enrollment.pk]
        writer.writerow([csv_safe(user.full_name), csv_safe(user.email), *(m.percent for m in outline.modules), outline.percent])
    return response


def entered_codes(attempt) -> str:
    """The codes of a try as the student saw them in the feedback (E11.65, 99213-25), with units past 1."""
    shown = {line.get("index"): line.get("code") for line in (attempt.feedback or {}).get("lines", [])}
    parts = []
    for index, line in enumerate(attempt.answer or []):
        written = "-".join([shown.get(index) or line.get("code", ""), *line.get("modifiers", [])])
        parts.append(f"{written} ×{line['units']}" if line.get("units", 1) != 1 else written)
    return ", ".join(parts)


@member_required()
def progress_student(request: HttpRequest, cohort_id: int, enrollment_id: int) -> HttpResponse:
    cohort = _staff_cohort(request, cohort_id)
    if isinstance(cohort, HttpResponse):
        return cohort
    enrollment = cohort_enrollment_get(cohort=cohort, enrollment_id=enrollment_id)
    outline = course_outline(cohort=cohort, enrollment=enrollment)
    for module in outline.modules:
        for lesson in module.lessons:
            if lesson.progress is not None:
                lesson.position_label = clock(lesson.progress.position_seconds)
                lesson.watched_label = clock(lesson.progress.watched_seconds)
                lesson.watched_percent = _watched_percent(lesson.lesson, lesson.progress) if lesson.lesson.duration_seconds else None
    attempts = list(attempts_of(enrollment=enrollment))
    for attempt in attempts:
        attempt.entered = entered_codes(attempt)
    context = {"cohort": cohort, "enrollment": enrollment, "outline": outline, "attempts": attempts}
    return render(request, "courses/learning/progress_student.html", context)


urlpatterns = [
    path("cohorts/<int:cohort_id>/learn/", cohort_course, name="cohort_course"),
    path("cohorts/<int:cohort_id>/lessons/<int:lesson_id>/", cohort_lesson, name="cohort_lesson"),
    path("cohorts/<int:cohort_id>/lessons/<int:lesson_id>/progress/", lesson_progress, name="lesson_progress"),
    path("cohorts/<int:cohort_id>/progress/", progress_grid, name="progress_grid"),
    path("cohorts/<int:cohort_id>/progress.csv", progress_csv, name="progress_csv"),
    path("cohorts/<int:cohort_id>/progress/<int:enrollment_id>/", progress_student, name="progress_student"),
    path("courses/<int:course_id>/preview/", course_preview, name="course_preview"),
    path("courses/<int:course_id>/preview/lessons/<int:lesson_id>/", course_preview_lesson, name="course_preview_lesson"),
]
