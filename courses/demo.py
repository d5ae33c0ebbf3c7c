"""Put the demo program's course content (courses/demo_content.py) into a demo school.

Only courses without modules get content, so a second ``seed_demo`` keeps
whatever an instructor changed. The one local lecture (made once with ffmpeg
and espeak-ng, see courses/demo_media/README.md) is stored once and shared
by every lesson that shows it, as a duplicated course shares its files.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from codesets.models import Release, System
from codesets.search import current_releases
from cohorts.models import Cohort, Enrollment
from courses import demo_content as content
from courses.markdown import render_reading
from courses.models import Course, KeyLine, Lesson, LessonFile, Module, ModulePrerequisite
from courses.services.learning import exercise_attempt, lesson_opened, lesson_report_position
from lms.models import Tenant

MEDIA_DIR = Path(__file__).resolve().parent / "demo_media"
LOCAL_MEDIA = {
    "icd10cm-code-structure": [
        (LessonFile.Role.VIDEO, "icd10cm-code-structure.mp4", "video/mp4"),
        (LessonFile.Role.CAPTIONS, "icd10cm-code-structure.vtt", "text/vtt"),
    ],
}


def seed_course_content(*, tenant: Tenant) -> str:
    """Modules and lessons for each demo course of the school that has none yet. Returns a summary line."""
    releases = {r.system: r for r in current_releases(tenant=tenant)}
    seeded = []
    for course in Course.objects.filter(tenant=tenant, code__in=content.COURSES, version=1).order_by("code"):
        if course.modules.exists():
            continue
        with transaction.atomic():
            _course(course, content.COURSES[course.code], releases)
        seeded.append(course.code)
    _demo_progress(tenant)
    lessons = Lesson.objects.filter(tenant=tenant)
    exercises = lessons.filter(kind=Lesson.Kind.EXERCISE).count()
    note = f" Content added to {', '.join(seeded)}." if seeded else " Course content already there; left as is."
    return f"{tenant.name}: {lessons.count()} lessons ({exercises} coding exercises).{note}"


def _course(course: Course, modules: tuple, releases: dict[str, Release]) -> None:
    by_title: dict[str, Module] = {}
    for position, spec in enumerate(modules):
        module = Module.objects.create(
            tenant=course.tenant, course=course, title=spec.title, kind=spec.kind, specialty=spec.specialty,
            summary=spec.summary, position=position, release_offset_days=spec.release_offset_days,
            requirements=[dict(r) for r in spec.requirements], is_published=True,
        )
        for title in spec.requires:
            ModulePrerequisite.objects.create(tenant=course.tenant, module=module, required=by_title[title])
        by_title[spec.title] = module
        for lesson_position, lesson in enumerate(spec.lessons):
            _lesson(module, lesson_position, lesson, releases)


def _lesson(module: Module, position: int, spec, releases: dict[str, Release]) -> Lesson:
    lesson = Lesson(tenant=module.tenant, module=module, title=spec.title, summary=spec.summary,
                    position=position, is_published=True)
    if isinstance(spec, content.Video):
        lesson.kind = Lesson.Kind.VIDEO
        lesson.video_url, lesson.duration_seconds, lesson.transcript = spec.video_url, spec.duration_seconds, spec.transcript
    elif isinstance(spec, content.Reading):
        lesson.kind = Lesson.Kind.READING
        lesson.body, lesson.body_html = spec.body, render_reading(spec.body, images={})
        if spec.textbook:
            lesson.textbook_title, lesson.textbook_chapter, lesson.textbook_pages = spec.textbook
    else:
        _exercise(lesson, spec, releases)
    lesson.save()
    if isinstance(spec, content.Video) and spec.media:
        _attach_local_media(lesson, spec.media)
    if isinstance(spec, content.Exercise):
        KeyLine.objects.bulk_create([
            KeyLine(tenant=lesson.tenant, lesson=lesson, position=i, role=k.role, code=k.code,
                    requirement=k.requirement, group=k.group, modifiers=", ".join(k.modifiers), units=k.units,
                    rationale=k.rationale)
            for i, k in enumerate(spec.key)
        ])
    return lesson


def _exercise(lesson: Lesson, spec, releases: dict[str, Release]) -> None:
    patient = spec.patient
    lesson.kind = Lesson.Kind.EXERCISE
    lesson.instructions, lesson.record_kind, lesson.record_text = spec.instructions, spec.record_kind, spec.note
    lesson.order_scored = spec.order_scored
    lesson.patient_name, lesson.patient_sex = patient.get("name", ""), patient.get("sex", "")
    lesson.record_number, lesson.provider = patient.get("mrn", ""), patient.get("provider", "")
    lesson.facility = patient.get("facility", "")
    lesson.patient_birth_date = _date(patient.get("date_of_birth"))
    lesson.service_date = _date(patient.get("date_of_service"))
    lesson.icd10cm_release = releases.get(System.ICD10CM)
    lesson.hcpcs_release = releases.get(System.HCPCS)


def _date(text: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(text) if text else None


def _attach_local_media(lesson: Lesson, media: str) -> None:
    for role, file_name, content_type in LOCAL_MEDIA[media]:
        path = MEDIA_DIR / file_name
        stored = f"lessons/demo/{file_name}"
        if not default_storage.exists(stored):
            with path.open("rb") as handle:
                stored = default_storage.save(stored, File(handle))
        row = LessonFile(tenant=lesson.tenant, lesson=lesson, role=role, name=file_name,
                         content_type=content_type, size=path.stat().st_size)
        row.file.name = stored
        row.save()


def _demo_progress(tenant: Tenant) -> None:
    """The first active student of each running cohort has made a start, so the grid shows something."""
    now = timezone.now()
    for cohort in Cohort.objects.filter(tenant=tenant, term__starts_on__lte=now.date(), term__ends_on__gte=now.date()):
        enrollment = cohort.enrollments.filter(state=Enrollment.State.ACTIVE).order_by("pk").first()
        if enrollment is None or enrollment.lesson_progress.exists():
            continue
        first = Module.objects.filter(course=cohort.course, release_offset_days=0).order_by("position").first()
        for lesson in Lesson.objects.filter(module=first).order_by("position") if first else []:
            lesson_opened(enrollment=enrollment, lesson=lesson, now=now - datetime.timedelta(minutes=30))
            if lesson.kind == Lesson.Kind.VIDEO and lesson.duration_seconds:
                half = lesson.duration_seconds / 2
                lesson_report_position(enrollment=enrollment, lesson=lesson, position=half, seconds_watched=half, now=now)
            elif lesson.kind == Lesson.Kind.EXERCISE:
                first_line = lesson.key_lines.order_by("position").first()
                if first_line is not None:
                    exercise_attempt(enrollment=enrollment, lesson=lesson, lines=[{"code": first_line.code}], now=now)
