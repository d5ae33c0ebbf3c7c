"""Course content as one member may read it: the API's modules and lessons, and lesson files.

Who sees what, in one place:

- the course's staff (``is_course_staff``: its authors and whoever staffs
  one of its cohorts) see every module and lesson, drafts included;
- a student with an ACTIVE enrollment in one of its cohorts sees the
  published modules with their state for that cohort, and the published
  lessons of the modules that are open to them (released and unlocked);
- anyone else, and any other school's id, gets the same 404.

A student's view is judged by ``course_outline`` for their cohort, so the
API, the course page and the lesson page agree on what is locked.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, QuerySet
from django.http import Http404

from cohorts.models import Enrollment
from courses.models import Course, KeyLine, Lesson, LessonFile, Module, ModulePrerequisite
from courses.permissions import can_author_course, is_course_staff
from courses.selectors.learning import CourseOutline, ModuleState, course_modules, course_outline
from lms.models import Membership
from lms.permissions import is_member
from lms.selectors import object_id


@dataclass
class ContentAccess:
    """A member's reach into one course: staff see all; a student sees it through one active enrollment."""

    course: Course
    is_staff: bool
    enrollment: Enrollment | None = None
    outline: CourseOutline | None = None
    _states: dict[int, ModuleState] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        if self.outline is not None:
            self._states = {state.module.pk: state for state in self.outline.modules}

    def module_state(self, module_id: int) -> ModuleState | None:
        return self._states.get(module_id)

    def open_lesson_ids(self) -> list[int]:
        """A student's lessons in course order, the locked modules' left out."""
        assert self.outline is not None
        return [
            lesson.lesson.pk for state in self.outline.modules if not state.is_locked for lesson in state.lessons
        ]

    def progress_of(self, lesson_id: int):
        if self.outline is None:
            return None
        found = self.outline.find(lesson_id)
        return found[1].progress if found else None


def _not_found(what: str = "No such course.") -> Http404:
    return Http404(what)


def _active_enrollment(membership: Membership, course: Course, cohort_id: object | None) -> Enrollment | None:
    """The student's active place in a cohort of the course (the newest term's, unless a cohort is chosen)."""
    rows = Enrollment.objects.filter(
        tenant_id=membership.tenant_id, membership=membership, state=Enrollment.State.ACTIVE, cohort__course=course
    )
    if cohort_id not in (None, ""):
        rows = rows.filter(cohort_id=object_id(cohort_id))
    return rows.select_related("cohort__term").order_by("-cohort__term__starts_on", "-id").first()


def content_access(
    *, membership: Membership | None, course: Course, cohort_id: object | None = None,
    now: datetime.datetime | None = None,
) -> ContentAccess:
    """How far the member reaches into ``course`` (already found in the member's school); 404 for no reach."""
    if not is_member(membership) or course.tenant_id != membership.tenant_id:
        raise _not_found()
    if is_course_staff(membership, course):
        return ContentAccess(course=course, is_staff=True)
    enrollment = _active_enrollment(membership, course, cohort_id)
    if enrollment is None:
        raise _not_found()
    enrollment.cohort.course = course  # the cohort's course is this one (the query says so): no second read
    outline = course_outline(cohort=enrollment.cohort, enrollment=enrollment, now=now)
    return ContentAccess(course=course, is_staff=False, enrollment=enrollment, outline=outline)


def course_content_for(
    *, membership: Membership | None, course_id: object, cohort_id: object | None = None,
    now: datetime.datetime | None = None,
) -> ContentAccess:
    if not is_member(membership):
        raise _not_found()
    course = Course.objects.filter(tenant_id=membership.tenant_id, pk=object_id(course_id)).first()
    if course is None:
        raise _not_found()
    return content_access(membership=membership, course=course, cohort_id=cohort_id, now=now)


# --- modules -------------------------------------------------------------------


def content_modules(*, access: ContentAccess) -> list[Module]:
    """The course's modules in order, each with ``lesson_list`` and ``required_ids``: drafts for staff only."""
    if access.is_staff:
        return course_modules(course=access.course, published_only=False)
    return [state.module for state in access.outline.modules]


def module_for(
    *, membership: Membership | None, module_id: object, cohort_id: object | None = None,
    now: datetime.datetime | None = None,
) -> tuple[ContentAccess, Module]:
    """One module the member may read, with its lessons and prerequisites loaded; 404 otherwise."""
    if not is_member(membership):
        raise _not_found("No such module.")
    found = (
        Module.objects.filter(tenant_id=membership.tenant_id, pk=object_id(module_id)).select_related("course").first()
    )
    if found is None:
        raise _not_found("No such module.")
    access = content_access(membership=membership, course=found.course, cohort_id=cohort_id, now=now)
    for module in content_modules(access=access):
        if module.pk == found.pk:
            return access, module
    raise _not_found("No such module.")


# --- lessons -------------------------------------------------------------------


def _lesson_rows(*, staff: bool) -> QuerySet[Lesson]:
    rows = Lesson.objects.select_related("module", "icd10cm_release", "hcpcs_release").prefetch_related(
        Prefetch("files", queryset=LessonFile.objects.order_by("role", "name", "id"))
    )
    if staff:
        rows = rows.prefetch_related(Prefetch("key_lines", queryset=KeyLine.objects.order_by("position", "id")))
    return rows


def content_lessons(*, access: ContentAccess) -> list[Lesson]:
    """Every lesson the member may read, in course order, with files (and, for staff, answer keys)."""
    rows = _lesson_rows(staff=access.is_staff).filter(tenant_id=access.course.tenant_id)
    if access.is_staff:
        return list(rows.filter(module__course=access.course).order_by("module__position", "module_id", "position", "id"))
    ids = access.open_lesson_ids()
    by_id = {lesson.pk: lesson for lesson in rows.filter(pk__in=ids)}
    return [by_id[i] for i in ids if i in by_id]


def lesson_for(
    *, membership: Membership | None, lesson_id: object, cohort_id: object | None = None,
    now: datetime.datetime | None = None,
) -> tuple[ContentAccess, Lesson]:
    """One lesson the member may read; a student's locked, draft or other course's lesson is a 404."""
    if not is_member(membership):
        raise _not_found("No such lesson.")
    lesson = (
        _lesson_rows(staff=True)
        .select_related("module__course")
        .filter(tenant_id=membership.tenant_id, pk=object_id(lesson_id))
        .first()
    )
    if lesson is None:
        raise _not_found("No such lesson.")
    access = content_access(membership=membership, course=lesson.module.course, cohort_id=cohort_id, now=now)
    if not access.is_staff and lesson.pk not in access.open_lesson_ids():
        raise _not_found("No such lesson.")
    return access, lesson


# --- files -----------------------------------------------------------------------


def lesson_file_for(*, membership: Membership | None, file_id: object) -> LessonFile:
    """A stored file of a lesson, for the course's staff and its actively enrolled students; 404 for anyone else.

    Students get the files of the lessons open to them, judged as the lesson
    page judges them (published, released, prerequisites done), so a file id
    guessed from a module that has not opened yet answers 404 too.
    """
    if not is_member(membership):
        raise _not_found("No such file.")
    found = (
        LessonFile.objects.filter(tenant_id=membership.tenant_id, pk=object_id(file_id))
        .select_related("lesson__module__course")
        .first()
    )
    if found is None:
        raise _not_found("No such file.")
    access = content_access(membership=membership, course=found.lesson.module.course)
    if access.is_staff or found.lesson_id in access.open_lesson_ids():
        return found
    raise _not_found("No such file.")


# --- authoring: by id within the school, then the author rule --------------------------


def _authored(membership: Membership | None, course: Course) -> None:
    if not can_author_course(membership, course):
        raise PermissionDenied


def authored_course_get(*, tenant, membership: Membership | None, course_id: object) -> Course:
    course = Course.objects.filter(tenant=tenant, pk=object_id(course_id)).first()
    if course is None:
        raise Http404("No such course in this school.")
    _authored(membership, course)
    return course


def authored_module_get(*, tenant, membership: Membership | None, module_id: object) -> Module:
    module = Module.objects.select_related("course").filter(tenant=tenant, pk=object_id(module_id)).first()
    if module is None:
        raise Http404("No such module in this school.")
    _authored(membership, module.course)
    return module


def authored_lesson_get(*, tenant, membership: Membership | None, lesson_id: object) -> Lesson:
    lesson = (
        Lesson.objects.select_related("module__course", "icd10cm_release", "hcpcs_release")
        .filter(tenant=tenant, pk=object_id(lesson_id))
        .first()
    )
    if lesson is None:
        raise Http404("No such lesson in this school.")
    _authored(membership, lesson.module.course)
    return lesson


def authored_file_get(*, tenant, membership: Membership | None, file_id: object) -> LessonFile:
    found = LessonFile.objects.select_related("lesson__module__course").filter(tenant=tenant, pk=object_id(file_id)).first()
    if found is None:
        raise Http404("No such file in this school.")
    _authored(membership, found.lesson.module.course)
    return found


def builder_modules(course: Course) -> list[Module]:
    """Every module of the course in order, drafts too, each with ``lesson_list`` (with
    ``key_line_count``) and ``prerequisite_list``: three queries, whatever the size."""
    lessons = (
        Lesson.objects.defer("body", "body_html", "transcript", "record_text")
        .annotate(key_line_count=Count("key_lines"))
        .order_by("position", "id")
    )
    links = ModulePrerequisite.objects.select_related("required").order_by("required__position", "required_id")
    return list(
        Module.objects.filter(tenant_id=course.tenant_id, course=course)
        .order_by("position", "id")
        .prefetch_related(
            Prefetch("lessons", queryset=lessons, to_attr="lesson_list"),
            Prefetch("prerequisite_links", queryset=links, to_attr="prerequisite_list"),
        )
    )
