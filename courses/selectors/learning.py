"""A course as one student of a cohort sees it: each module locked, available, in progress or complete.

Dates: a module opens at midnight, in the cohort's time zone, on the cohort's
first day plus its offset; the page shows that moment in the viewer's zone.
Everything here is computed from a fixed handful of queries, whatever the
number of modules, lessons or students (``outlines_for`` serves the staff's
progress grid as well as one student's course page).
"""

from __future__ import annotations

import copy
import datetime
import threading
import zoneinfo
from collections import OrderedDict, defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db.models import Prefetch
from django.http import Http404
from django.utils import timezone

from cohorts.models import Cohort, Enrollment
from cohorts.permissions import is_cohort_staff, is_student
from cohorts.selectors import cohort_get_for
from courses.models import Course, Lesson, LessonProgress, Module, ModulePrerequisite
from courses.requirements import ModuleFacts, RequirementStatus, module_requirements
from lms.permissions import is_registrar
from lms.selectors import object_id

LOCKED, AVAILABLE, IN_PROGRESS, COMPLETE = "locked", "available", "in_progress", "complete"
STATE_LABELS = {LOCKED: "Locked", AVAILABLE: "Available", IN_PROGRESS: "In progress", COMPLETE: "Complete"}


@dataclass
class LessonState:
    lesson: Lesson
    progress: LessonProgress | None

    @property
    def complete(self) -> bool:
        return self.progress is not None and self.progress.completed_at is not None

    @property
    def started(self) -> bool:
        return self.progress is not None


@dataclass
class ModuleState:
    """A module for one enrollment. ``lessons`` is empty in a summary (the progress grid), whose counts stand alone."""

    module: Module
    lessons: list[LessonState]
    opens_at: datetime.datetime
    state: str = AVAILABLE
    locked_reasons: list[str] = field(default_factory=list)
    requirements: list[RequirementStatus] = field(default_factory=list)
    done: int = 0
    total: int = 0
    started: bool = False

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else (100 if self.state == COMPLETE else 0)

    @property
    def is_locked(self) -> bool:
        return self.state == LOCKED


@dataclass
class CourseOutline:
    cohort: Cohort
    enrollment_id: int | None
    modules: list[ModuleState]

    @property
    def done(self) -> int:
        return sum(m.done for m in self.modules)

    @property
    def total(self) -> int:
        return sum(m.total for m in self.modules)

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0

    def find(self, lesson_id: int) -> tuple[ModuleState, LessonState] | None:
        for module in self.modules:
            for lesson in module.lessons:
                if lesson.lesson.pk == lesson_id:
                    return module, lesson
        return None

    def neighbours(self, lesson_id: int) -> tuple[LessonState | None, LessonState | None]:
        """The lessons before and after, in course order (across modules)."""
        ordered = [lesson for module in self.modules for lesson in module.lessons]
        for i, lesson in enumerate(ordered):
            if lesson.lesson.pk == lesson_id:
                return (ordered[i - 1] if i else None), (ordered[i + 1] if i + 1 < len(ordered) else None)
        return None, None


def course_modules(*, course: Course, published_only: bool = True) -> list[Module]:
    """The course's modules in order with their lessons and prerequisite ids.

    Read once per process for each revision of the course's content (three
    queries), then copied from memory: every student page of a course starts
    from this. The key is the course's id, creation time and
    ``content_revision``, which every change to the structure moves on
    (courses/invalidation.py); the course row comes with the page's own
    lookup, so finding out costs nothing. The copies are the caller's to
    annotate.
    """
    key = (course.pk, course.created_at, course.content_revision, published_only)
    with _STRUCTURES_LOCK:
        kept = _STRUCTURES.get(key)
        if kept is not None:
            _STRUCTURES.move_to_end(key)
    if kept is None:
        kept = _load_modules(course_id=course.pk, published_only=published_only)
        with _STRUCTURES_LOCK:
            _STRUCTURES[key] = kept
            while len(_STRUCTURES) > STRUCTURES_KEPT:
                _STRUCTURES.popitem(last=False)
    return [_copy_module(module) for module in kept]


STRUCTURES_KEPT = 256  # courses whose structure a process keeps (an LRU); a structure is tens of kilobytes
_STRUCTURES: OrderedDict[tuple, list[Module]] = OrderedDict()
_STRUCTURES_LOCK = threading.Lock()


def forget_structures() -> None:
    """Drop every kept structure (tests; a process never needs to, the revision keys them)."""
    with _STRUCTURES_LOCK:
        _STRUCTURES.clear()


def _copy_row(row):
    clone = row.__class__.__new__(row.__class__)
    clone.__dict__.update(row.__dict__)
    clone._state = copy.copy(row._state)
    clone._state.fields_cache = {}
    return clone


def _copy_module(module: Module) -> Module:
    clone = _copy_row(module)
    clone.lesson_list = [_copy_row(lesson) for lesson in module.lesson_list]
    for lesson in clone.lesson_list:
        lesson._state.fields_cache["module"] = clone  # as the prefetch left it: lesson.module asks nothing
    clone.required_ids = list(module.required_ids)
    return clone


def _load_modules(*, course_id: int, published_only: bool) -> list[Module]:
    modules = Module.objects.filter(course_id=course_id)
    lessons = Lesson.objects.order_by("position", "id")
    if published_only:
        modules = modules.filter(is_published=True)
        lessons = lessons.filter(is_published=True)
    modules = list(
        modules.order_by("position", "id").prefetch_related(
            Prefetch("lessons", queryset=lessons.defer(*LONG_TEXTS), to_attr="lesson_list")
        )
    )
    required: dict[int, list[int]] = defaultdict(list)
    links = ModulePrerequisite.objects.filter(module__in=[m.pk for m in modules]).values_list("module_id", "required_id")
    for module_id, required_id in links:
        required[module_id].append(required_id)
    for module in modules:
        module.required_ids = required.get(module.pk, [])
        module._state.fields_cache = {}
        for lesson in module.lesson_list:
            lesson._state.fields_cache = {}  # no link back to the module: a copy stands alone
    return modules


LONG_TEXTS = ("body", "body_html", "record_text", "transcript")  # the outline never shows them; lesson_detail reads them


def module_opens_at(cohort: Cohort, module: Module) -> datetime.datetime:
    day = cohort.term.starts_on + datetime.timedelta(days=module.release_offset_days)
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=zoneinfo.ZoneInfo(cohort.time_zone))


class ProgressFacts(NamedTuple):
    """The two columns of a progress row that requirements and summaries read (the grid loads no more)."""

    completed_at: datetime.datetime | None
    best_score: float | None


def outlines_for(
    *, cohort: Cohort, enrollment_ids: list[int | None], modules: list[Module], now: datetime.datetime | None = None,
    summary: bool = False,
) -> dict[int | None, CourseOutline]:
    """Course outlines of many enrollments of one cohort (None: a preview with no progress).

    ``summary``: per module only the state and the counts, from two columns of
    each progress row (the progress grid and its CSV, where a page holds 100
    students); otherwise every lesson with its full progress row.
    """
    now = now or timezone.now()
    real_ids = [i for i in enrollment_ids if i is not None]
    lesson_ids = [lesson.pk for module in modules for lesson in module.lesson_list]
    progress: dict[int, dict[int, LessonProgress | ProgressFacts]] = defaultdict(dict)
    if real_ids and lesson_ids:
        rows = LessonProgress.objects.filter(enrollment_id__in=real_ids, lesson_id__in=lesson_ids)
        if summary:
            for enrollment_id, lesson_id, completed_at, best_score in rows.values_list(
                "enrollment_id", "lesson_id", "completed_at", "best_score"
            ):
                progress[enrollment_id][lesson_id] = ProgressFacts(completed_at, best_score)
        else:
            for row in rows.defer("watched_ranges"):
                progress[row.enrollment_id][row.lesson_id] = row
    course = _CourseFacts(cohort, modules, _gather(modules, real_ids))
    return {
        enrollment_id: _outline(course, enrollment_id, progress.get(enrollment_id, {}), now, summary=summary)
        for enrollment_id in enrollment_ids
    }


class _CourseFacts:
    """What every enrollment's outline shares: computed once per call, not once per student."""

    def __init__(self, cohort: Cohort, modules: list[Module], gathered: dict[str, object]) -> None:
        self.cohort = cohort
        self.modules = modules
        self.gathered = gathered
        self.opens_at = {module.pk: module_opens_at(cohort, module) for module in modules}
        self.requirements = {module.pk: module_requirements(module) for module in modules}
        self.titles = {module.pk: module.title for module in modules}


def _gather(modules: list[Module], enrollment_ids: list[int]) -> dict[str, object]:
    """One batch load per requirement kind in use."""
    kinds = {}
    for module in modules:
        for requirement, _ in module_requirements(module):
            kinds.setdefault(requirement.kind, requirement)
    return {kind: requirement.gather(modules=modules, enrollment_ids=enrollment_ids) for kind, requirement in kinds.items()}


def _outline(course: _CourseFacts, enrollment_id, progress, now, *, summary: bool = False) -> CourseOutline:
    states = []
    complete: dict[int, bool] = {}
    for module in course.modules:
        rows = [progress.get(lesson.id) for lesson in module.lesson_list]
        done = sum(1 for row in rows if row is not None and row.completed_at is not None)
        state = ModuleState(
            module=module, opens_at=course.opens_at[module.id],
            lessons=[] if summary else [LessonState(lesson, row) for lesson, row in zip(module.lesson_list, rows)],
            done=done, total=len(rows), started=any(row is not None for row in rows),
        )
        facts = ModuleFacts(
            module=module, lessons=module.lesson_list, progress=progress, enrollment_id=enrollment_id, done=done
        )
        for requirement, params in course.requirements[module.id]:
            facts.gathered = course.gathered.get(requirement.kind)
            state.requirements.append(requirement.status(params, facts))
        # A module with nothing published yet holds nobody back: its dependants open once it is released.
        complete[module.id] = all(r.met for r in state.requirements)
        states.append(state)
    for state in states:
        _judge(state, complete, course.titles, now)
    return CourseOutline(cohort=course.cohort, enrollment_id=enrollment_id, modules=states)


def _judge(state: ModuleState, complete: dict[int, bool], titles: dict[int, str], now: datetime.datetime) -> None:
    if now < state.opens_at:
        state.locked_reasons.append("opens")
    waiting = [titles[i] for i in state.module.required_ids if i in titles and not complete.get(i)]
    state.locked_reasons.extend(f"Complete “{title}” first." for title in waiting)
    if state.locked_reasons:
        state.state = LOCKED
    elif complete[state.module.pk]:
        state.state = COMPLETE
    elif state.started:
        state.state = IN_PROGRESS


def course_outline(*, cohort: Cohort, enrollment: Enrollment | None, now: datetime.datetime | None = None,
                   published_only: bool = True) -> CourseOutline:
    modules = course_modules(course=cohort.course, published_only=published_only)
    key = enrollment.pk if enrollment else None
    return outlines_for(cohort=cohort, enrollment_ids=[key], modules=modules, now=now)[key]


def lesson_in_outline(outline: CourseOutline, lesson_id: object) -> tuple[ModuleState, LessonState]:
    """The lesson of this course the viewer may open; 404 for any other id, like every lookup."""
    found = outline.find(object_id(lesson_id))
    if found is None:
        raise Http404("No such lesson in this course.")
    return found


def progress_percents(enrollments: list[Enrollment]) -> dict[int, int]:
    """Share of published lessons done, per enrollment, for the dashboard.

    The published lessons come from each course's kept structure (``course_modules``), so
    the one query counts completed progress rows among them, with no join.
    """
    published: dict[int, set[int]] = {}
    for e in enrollments:
        course = e.cohort.course
        if course.pk not in published:
            published[course.pk] = {lesson.id for m in course_modules(course=course) for lesson in m.lesson_list}
    lesson_ids = set().union(*published.values()) if published else set()
    done: dict[int, set[int]] = {}
    if lesson_ids:
        rows = (
            LessonProgress.objects.filter(
                enrollment__in=[e.pk for e in enrollments], completed_at__isnull=False, lesson_id__in=lesson_ids
            )
            .values_list("enrollment_id", "lesson_id")
        )
        for enrollment_id, lesson_id in rows:
            done.setdefault(enrollment_id, set()).add(lesson_id)
    result = {}
    for e in enrollments:
        lessons = published[e.cohort.course.pk]
        count = len(done.get(e.pk, set()) & lessons)
        result[e.pk] = round(100 * count / len(lessons)) if lessons else 0
    return result


# --- access ------------------------------------------------------------------


def cohort_for_learning(*, membership, cohort_id: object) -> tuple[Cohort, Enrollment | None]:
    """The cohort whose course the member may study or preview, and the student's active enrollment.

    Students reach content only through an active place in the cohort; the
    cohort's staff and registrars open it as a preview (no enrollment).
    Anyone else, and any other school's cohort, gets the same 404.
    """
    if is_student(membership):
        # Students are never cohort staff (cohorts.services refuses them), so their active
        # place is the whole question: one query for the place with its cohort, course and term.
        enrollment = (
            Enrollment.objects.select_related("cohort__course", "cohort__term")
            .filter(tenant_id=membership.tenant_id, cohort__tenant_id=membership.tenant_id,
                    cohort_id=object_id(cohort_id), membership=membership, state=Enrollment.State.ACTIVE)
            .first()
        )
        if enrollment is None:
            raise Http404("No such cohort.")
        enrollment.cohort.staff_ids = frozenset()
        return enrollment.cohort, enrollment
    cohort = cohort_get_for(membership=membership, cohort_id=cohort_id, counts=False)
    if is_registrar(membership) or is_cohort_staff(membership, cohort):
        return cohort, None
    raise Http404("No such cohort.")


# --- pages: previews, the lesson viewer, the staff's progress pages ---------------------------------


def preview_outline(*, course) -> CourseOutline:
    """The course as its authors preview it: every module open, hidden ones too, no progress and no dates."""
    modules = course_modules(course=course, published_only=False)
    gathered = _gather(modules, [])
    states = []
    for module in modules:
        state = ModuleState(module=module, lessons=[LessonState(lesson, None) for lesson in module.lesson_list],
                            opens_at=None, total=len(module.lesson_list))
        facts = ModuleFacts(module=module, lessons=module.lesson_list, progress={}, enrollment_id=None)
        for requirement, params in module_requirements(module):
            facts.gathered = gathered.get(requirement.kind)
            state.requirements.append(requirement.status(params, facts))
        states.append(state)
    return CourseOutline(cohort=None, enrollment_id=None, modules=states)


def lesson_detail(*, lesson: Lesson) -> Lesson:
    """The whole lesson the viewer shows (the outline defers the long texts), with its files: two queries."""
    return (
        Lesson.objects.filter(tenant_id=lesson.tenant_id, pk=lesson.pk)
        .select_related("icd10cm_release", "hcpcs_release")
        .prefetch_related("files")
        .get()
    )


def learners_of(*, cohort: Cohort, descending: bool = False):
    """The cohort's active enrollments with each person, by name (the progress grid's rows)."""
    order = ["membership__user__full_name", "membership__user__email", "id"]
    rows = Enrollment.objects.filter(tenant_id=cohort.tenant_id, cohort=cohort, state=Enrollment.State.ACTIVE)
    return rows.select_related("membership__user").order_by(*(f"-{o}" for o in order) if descending else order)


def cohort_enrollment_get(*, cohort: Cohort, enrollment_id: object) -> Enrollment:
    """One enrollment of this cohort (any state); 404 for another cohort's, missing and malformed alike."""
    found = (
        Enrollment.objects.filter(tenant_id=cohort.tenant_id, cohort=cohort, pk=object_id(enrollment_id))
        .select_related("membership__user").first()
    )
    if found is None:
        raise Http404("No such student in this cohort.")
    return found


def attempts_of(*, enrollment: Enrollment, limit: int = 100):
    """The enrollment's exercise tries, latest first."""
    from courses.models import ExerciseAttempt

    return (
        ExerciseAttempt.objects.filter(tenant_id=enrollment.tenant_id, enrollment=enrollment)
        .select_related("lesson").defer("lesson__body", "lesson__record_text", "lesson__transcript", "lesson__body_html")
        .order_by("-created_at", "-id")[:limit]
    )


def attach_progress_percents(enrollments: list[Enrollment]) -> list[Enrollment]:
    """``progress_percent`` on each active enrollment (None on the others), for the dashboard: two queries."""
    active = [e for e in enrollments if e.state == Enrollment.State.ACTIVE]
    percents = progress_percents(active) if active else {}
    for enrollment in enrollments:
        enrollment.progress_percent = percents.get(enrollment.pk)
    return enrollments
