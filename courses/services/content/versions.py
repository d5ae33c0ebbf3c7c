"""A new version of a course: its content copied, its files shared."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max

from courses.markdown import render_reading
from courses.models import Course, KeyLine, Lesson, LessonFile, Module, ModulePrerequisite, Prerequisite
from courses.services.catalogue import _own
from courses.services.content.lessons import _file_url
from lms.models import Tenant, User
from lms.services import audit_record, save_unique

# --- a new version of a course -------------------------------------------------------------


def _copy(obj, **changes):
    """An unsaved copy of ``obj`` (every concrete field but the key and the timestamps), with ``changes``."""
    values = {
        field.attname: getattr(obj, field.attname)
        for field in obj._meta.concrete_fields
        if not field.primary_key and field.name not in ("created_at", "updated_at")
    }
    values.update(changes)
    return type(obj)(**values)


@transaction.atomic
def course_duplicate(*, tenant: Tenant, actor: User, course: Course) -> Course:
    """A new version of ``course``: same code, the next version number, its content copied.

    Modules (with their prerequisites among themselves), lessons, answer keys
    and file rows are copied with their order and publish state; the stored
    files are shared, not copied. Cohorts keep the version they run.
    """
    _own(course, tenant)
    versions = Course.objects.select_for_update().filter(tenant=tenant, code=course.code)
    top = versions.aggregate(top=Max("version"))["top"] or course.version
    copy = _copy(course, version=top + 1, previous_version_id=course.pk)
    copy.full_clean(validate_constraints=False)
    save_unique(copy, field="code", message=f"Version {top + 1} of {course.code} was just made; reload the page.")
    Prerequisite.objects.bulk_create(
        Prerequisite(tenant=tenant, course=copy, required_id=required_id)
        for required_id in Prerequisite.objects.filter(course=course).values_list("required_id", flat=True)
    )
    modules = list(Module.objects.filter(tenant=tenant, course=course).order_by("position", "id"))
    new_modules = Module.objects.bulk_create([_copy(m, course_id=copy.pk) for m in modules])
    module_ids = {old.pk: new.pk for old, new in zip(modules, new_modules)}
    ModulePrerequisite.objects.bulk_create(
        ModulePrerequisite(tenant=tenant, module_id=module_ids[a], required_id=module_ids[b])
        for a, b in ModulePrerequisite.objects.filter(module__course=course).values_list("module_id", "required_id")
    )
    lessons = list(Lesson.objects.filter(tenant=tenant, module__course=course).order_by("id"))
    new_lessons = Lesson.objects.bulk_create([_copy(row, module_id=module_ids[row.module_id]) for row in lessons])
    lesson_ids = {old.pk: new.pk for old, new in zip(lessons, new_lessons)}
    KeyLine.objects.bulk_create(
        _copy(line, lesson_id=lesson_ids[line.lesson_id]) for line in KeyLine.objects.filter(lesson__in=lessons)
    )
    # Locked: a delete of one of these rows waits, so it never removes a stored file the copy is about to share.
    files = LessonFile.objects.select_for_update().filter(lesson__in=lessons)
    # The same stored name: both versions' rows point at one file.
    LessonFile.objects.bulk_create(_copy(row, lesson_id=lesson_ids[row.lesson_id], file=row.file.name) for row in files)
    _rerender_copies(new_lessons)
    audit_record(
        tenant=tenant, actor=actor, action="course.duplicated", target=copy,
        after={"code": copy.code, "version": copy.version, "previous_version": course.version,
               "modules": len(new_modules), "lessons": len(new_lessons)},
    )
    return copy


def _rerender_copies(lessons: list[Lesson]) -> None:
    """A copied reading's images must be its own rows' URLs, not the original's."""
    readings = {row.pk: row for row in lessons if row.kind == Lesson.Kind.READING}
    images: dict[int, dict[str, str]] = {}
    rows = LessonFile.objects.filter(lesson_id__in=list(readings), role=LessonFile.Role.IMAGE)
    for pk, lesson_id, name in rows.values_list("pk", "lesson_id", "name"):
        images.setdefault(lesson_id, {})[name] = _file_url(pk, name)
    changed = []
    for lesson_id, urls in images.items():
        reading = readings[lesson_id]
        reading.body_html = render_reading(reading.body, images=urls)
        changed.append(reading)
    if changed:
        Lesson.objects.bulk_update(changed, ["body_html"])
