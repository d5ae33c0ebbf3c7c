"""Lessons of a module and their files: lectures, readings, exercises; order, publish, delete."""

from __future__ import annotations

import mimetypes
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.db import transaction
from django.db.models import Q
from django.urls import reverse

from codesets.models import Release, System
from codesets.search import current_releases
from courses.content_files import (
    check_attachment,
    check_image,
    check_video,
    parse_webvtt,
    safe_file_name,
    transcript_from_cues,
)
from courses.markdown import reading_problems, render_reading
from courses.models import KeyLine, Lesson, LessonFile, Module
from courses.services.catalogue import _audited, _own
from courses.services.content._shared import (
    EXTENSIONS,
    KIND_FIELDS,
    LESSON_FIELDS,
    LONG_TEXT,
    _forget_files,
    _in_order,
    _renumber,
    _storing,
)
from lms.models import Tenant, User
from lms.services import audit_record, save_unique
from lms.uploads import read_upload

# --- lessons ---------------------------------------------------------------------


@dataclass
class _Upload:
    """A checked upload waiting to be stored once everything else is valid."""

    role: str
    upload: File
    content_type: str
    name: str


@dataclass
class _Plan:
    uploads: list[_Upload]
    dropped: list[LessonFile]  # stored files the new ones (or a URL) replace
    errors: dict[str, list[str]]


def _lock_lessons(module: Module) -> list[Lesson]:
    return list(
        Lesson.objects.select_for_update()
        .filter(tenant_id=module.tenant_id, module=module)
        .only("id", "position", "title")
        .order_by("position", "id")
    )


def _files_by_role(lesson: Lesson) -> dict[str, list[LessonFile]]:
    found: dict[str, list[LessonFile]] = {}
    if lesson.pk is not None:
        for row in LessonFile.objects.filter(tenant_id=lesson.tenant_id, lesson=lesson).order_by("name", "id"):
            found.setdefault(row.role, []).append(row)
    return found


def _lesson_snapshot(lesson: Lesson, files: dict[str, list[LessonFile]]) -> dict[str, object]:
    found = _audited(lesson, (*LESSON_FIELDS, *KIND_FIELDS[lesson.kind]))
    for name in LONG_TEXT:
        if isinstance(found.get(name), str) and len(found[name]) > 120:
            found[name] = found[name][:119] + "…"
    if lesson.kind == Lesson.Kind.VIDEO:
        for role in (LessonFile.Role.VIDEO, LessonFile.Role.CAPTIONS):
            found[f"{role}_file"] = ", ".join(row.name for row in files.get(role, []))
    return found


def _set_lesson_fields(lesson: Lesson, fields: dict) -> None:
    """Apply ``fields``; another kind's fields are refused unless blank (a client may send every field)."""
    own = (*LESSON_FIELDS, *KIND_FIELDS[lesson.kind])
    others = {name for names in KIND_FIELDS.values() for name in names} - set(own)
    unknown = set(fields) - set(own) - others
    if unknown:
        raise ValidationError(f"Unknown lesson fields: {', '.join(sorted(unknown))}.")
    for name, value in fields.items():
        field = Lesson._meta.get_field(name)
        if name in others:
            if value not in (None, "", False):
                raise ValidationError({name: f"{field.verbose_name.capitalize()} is not part of {_kind_phrase(lesson.kind)}."})
            continue
        if value is None and not field.null:
            value = field.get_default()
        if field.is_relation and value is not None and not isinstance(value, Release):
            setattr(lesson, field.attname, _release_id(name, value))
        else:
            setattr(lesson, name, value)


def _release_id(name: str, value: object) -> int:
    try:
        return int(str(value))
    except ValueError:
        raise ValidationError({name: "Choose a code-set release from the list."}) from None


def _kind_phrase(kind: str) -> str:
    return {"video": "a video lecture", "reading": "a reading", "exercise": "a coding exercise"}[kind]


@transaction.atomic
def lesson_save(
    *, tenant: Tenant, actor: User, module: Module, lesson: Lesson | None = None, fields: dict,
    video: File | None = None, captions: File | None = None,
) -> Lesson:
    """Create a lesson (it goes last in ``module``; ``fields["kind"]`` says which) or change ``lesson``.

    A video lecture has an uploaded video (MP4 or WebM, replacing the one
    before) or an external URL, which then replaces the upload; its length;
    and optional WebVTT captions, from which a blank transcript is taken. A
    reading's Markdown is checked (``reading_problems``) and stored rendered.
    An exercise pins the current ICD-10-CM and HCPCS releases unless told which.
    """
    _own(module, tenant)
    _own(lesson, tenant)
    if lesson is not None and lesson.module_id != module.pk:
        raise ValidationError("This lesson belongs to another module.")
    fields = dict(fields)
    kind = fields.pop("kind", None)
    creating = lesson is None
    if creating:
        if kind not in Lesson.Kind.values:
            raise ValidationError({"kind": "Choose a video lecture, a reading or a coding exercise."})
        lesson = Lesson(tenant=tenant, module=module, kind=kind)
    elif kind not in (None, "", lesson.kind):
        raise ValidationError({"kind": (
            f"This lesson is {_kind_phrase(lesson.kind)}; a lesson's kind is fixed when it is created. "
            "Add a new lesson of the other kind instead."
        )})
    existing = _files_by_role(lesson)
    before = {} if creating else _lesson_snapshot(lesson, existing)
    _set_lesson_fields(lesson, fields)
    plan = _plan_lesson(tenant, lesson, existing, video=video, captions=captions)
    try:
        lesson.full_clean(validate_constraints=False)
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            plan.errors.setdefault(name, []).extend(messages)
    if plan.errors:
        raise ValidationError(plan.errors)
    if creating:
        lesson.position = max((row.position for row in _lock_lessons(module)), default=0) + 1
    _forget_files([row.file.name for row in plan.dropped])
    LessonFile.objects.filter(pk__in=[row.pk for row in plan.dropped]).delete()
    with _storing() as stored:
        lesson.save()
        for upload in plan.uploads:
            _store(lesson, upload, stored)
    after = _lesson_snapshot(lesson, _files_by_role(lesson))
    if after != before:
        action = "lesson.created" if creating else "lesson.changed"
        audit_record(tenant=tenant, actor=actor, action=action, target=lesson, before=before, after=after)
    return lesson


def _plan_lesson(tenant: Tenant, lesson: Lesson, existing: dict, *, video, captions) -> _Plan:
    plan = _Plan(uploads=[], dropped=[], errors={})
    if lesson.kind == Lesson.Kind.VIDEO:
        _plan_video(plan, lesson, existing, video)
        _plan_captions(plan, lesson, existing, captions)
        return plan
    if video is not None or captions is not None:
        plan.errors["__all__"] = ["Only video lectures take a video or captions."]
    if lesson.kind == Lesson.Kind.READING:
        images = _image_urls(lesson)
        problems = reading_problems(lesson.body, images=images)
        if problems:
            plan.errors["body"] = problems
        else:
            lesson.body_html = render_reading(lesson.body, images=images)
    else:
        _plan_exercise(plan, tenant, lesson)
    return plan


def _plan_video(plan: _Plan, lesson: Lesson, existing: dict, video: File | None) -> None:
    uploaded = existing.get(LessonFile.Role.VIDEO, [])
    if video is not None:
        try:
            content_type = check_video(video)
        except ValidationError as exc:
            plan.errors["video"] = exc.messages
        else:
            plan.uploads.append(_Upload(LessonFile.Role.VIDEO, video, content_type, safe_file_name(video.name or "lecture")))
        if lesson.video_url:
            plan.errors["video_url"] = ["Give either an uploaded video or a URL, not both."]
        plan.dropped += uploaded
    elif lesson.video_url:
        plan.dropped += uploaded  # the URL replaces the uploaded video
    elif not uploaded:
        plan.errors["video"] = ["Upload the lecture's video (MP4 or WebM) or give its URL."]
    if not lesson.duration_seconds:
        plan.errors.setdefault("duration_seconds", []).append(
            "Give the lecture's length, for example 12:30: a lecture counts as watched at 90% of it."
        )


def _plan_captions(plan: _Plan, lesson: Lesson, existing: dict, captions: File | None) -> None:
    stored = existing.get(LessonFile.Role.CAPTIONS, [])
    if captions is None:
        if not lesson.transcript.strip() and stored:
            lesson.transcript = _stored_transcript(stored[0])
        return
    try:
        cues = parse_webvtt(_read(captions))
    except ValidationError as exc:
        plan.errors["captions"] = exc.messages
        return
    plan.uploads.append(_Upload(LessonFile.Role.CAPTIONS, captions, "text/vtt", safe_file_name(captions.name or "captions.vtt")))
    plan.dropped += stored  # one captions track per lecture: the new file replaces the old
    if not lesson.transcript.strip():
        lesson.transcript = transcript_from_cues(cues)


def _read(upload: File) -> bytes:
    return read_upload(upload, max_bytes=settings.LESSON_CAPTIONS_MAX_BYTES)


def _stored_transcript(row: LessonFile) -> str:
    try:
        with row.file.open("rb") as handle:
            return transcript_from_cues(parse_webvtt(handle.read()))
    except (OSError, ValidationError):
        return ""


def _plan_exercise(plan: _Plan, tenant: Tenant, lesson: Lesson) -> None:
    if not lesson.record_kind:
        plan.errors["record_kind"] = ["Choose the kind of health record the student codes from."]
    if not lesson.record_text.strip():
        plan.errors["record_text"] = ["Write the note the student codes from."]
    for name, system, label in (
        ("icd10cm_release", System.ICD10CM, "ICD-10-CM"), ("hcpcs_release", System.HCPCS, "HCPCS Level II"),
    ):
        release_id = getattr(lesson, f"{name}_id")
        if release_id is None:
            current = current_releases(tenant=tenant, system=system)
            setattr(lesson, name, current[0] if current else None)
            continue
        usable = Release.objects.filter(pk=release_id, system=system, status=Release.Status.READY).filter(
            Q(tenant__isnull=True) | Q(tenant=tenant)
        )
        if not usable.exists():
            plan.errors[name] = [f"Choose a loaded {label} release."]


def _image_urls(lesson: Lesson) -> dict[str, str]:
    """The lesson's images by the name readings use (``image:NAME``), each with the URL that serves it."""
    if lesson.pk is None:
        return {}
    rows = LessonFile.objects.filter(tenant_id=lesson.tenant_id, lesson=lesson, role=LessonFile.Role.IMAGE)
    return {name: _file_url(pk, name) for pk, name in rows.values_list("pk", "name")}


def _file_url(pk: int, name: str) -> str:
    return reverse("courses:lesson_file", kwargs={"file_id": pk, "name": name.replace("/", "-") or "file"})


def _storage_name(upload: _Upload) -> str:
    """A random stored name: nothing of the uploader's name reaches the storage path."""
    content_type = upload.content_type.split(";")[0].strip()
    extension = EXTENSIONS.get(content_type) or mimetypes.guess_extension(content_type) or ""
    if not extension and "." in upload.name:
        extension = "." + upload.name.rsplit(".", 1)[1]
    return f"{uuid.uuid4().hex}{extension}"


def _store(lesson: Lesson, upload: _Upload, stored: list[str]) -> LessonFile:
    row = LessonFile(
        tenant_id=lesson.tenant_id, lesson=lesson, role=upload.role, name=upload.name,
        content_type=upload.content_type, size=upload.upload.size or 0,
        language="en" if upload.role == LessonFile.Role.CAPTIONS else "",
    )
    row.file.save(_storage_name(upload), upload.upload, save=False)
    stored.append(row.file.name)
    role = row.get_role_display().lower()
    save_unique(row, field="name", message=f"This lesson already has {role} named “{row.name}”; choose another name.")
    return row


@transaction.atomic
def lesson_move(*, tenant: Tenant, actor: User, lesson: Lesson, direction: str) -> None:
    """Move a lesson one place earlier ("up") or later ("down") in its module."""
    _own(lesson, tenant)
    ordered = _in_order(_lock_lessons(lesson.module), lesson, direction, "lesson")
    before = lesson.position
    _renumber(Lesson, ordered, course_id=lesson.module.course_id)
    lesson.position = next(row.position for row in ordered if row.pk == lesson.pk)
    audit_record(
        tenant=tenant, actor=actor, action="lesson.moved", target=lesson,
        before={"position": before}, after={"position": lesson.position},
    )


@transaction.atomic
def lesson_set_published(*, tenant: Tenant, actor: User, lesson: Lesson, published: bool) -> Lesson:
    """Show the lesson to students or hide it; an exercise is published only with an answer key."""
    _own(lesson, tenant)
    if published and lesson.kind == Lesson.Kind.EXERCISE and not KeyLine.objects.filter(lesson=lesson).exists():
        raise ValidationError(f"“{lesson.title}” has no answer key yet; write the key before publishing the exercise.")
    if lesson.is_published != published:
        lesson.is_published = published
        lesson.save(update_fields=["is_published", "updated_at"])
        audit_record(
            tenant=tenant, actor=actor, action="lesson.published" if published else "lesson.hidden", target=lesson,
            before={"is_published": not published}, after={"is_published": published},
        )
    return lesson


@transaction.atomic
def lesson_delete(*, tenant: Tenant, actor: User, lesson: Lesson) -> None:
    """Delete a lesson with its files, answer key and the students' progress in it."""
    _own(lesson, tenant)
    ordered = _lock_lessons(lesson.module)
    files = list(LessonFile.objects.filter(lesson=lesson).values_list("file", flat=True))
    before = _lesson_snapshot(lesson, _files_by_role(lesson))
    lesson_pk, module = lesson.pk, lesson.module
    lesson.delete()
    _renumber(Lesson, [row for row in ordered if row.pk != lesson_pk], course_id=module.course_id)
    _forget_files(files)
    audit_record(
        tenant=tenant, actor=actor, action="lesson.deleted", target=module, before={"kind": lesson.kind, **before}
    )


# --- a reading's images and attachments ------------------------------------------------


@transaction.atomic
def lesson_file_add(*, tenant: Tenant, actor: User, lesson: Lesson, role: str, upload: File, name: str = "") -> LessonFile:
    """Add an image (shown in the reading as ``image:NAME``) or an attachment to a reading.

    The file is judged by its bytes; ``name`` (else the file's own name) is
    made safe and must be new among the lesson's files of that role.
    """
    _own(lesson, tenant)
    if role not in (LessonFile.Role.IMAGE, LessonFile.Role.ATTACHMENT):
        raise ValidationError({"role": "Upload an image or an attachment."})
    if lesson.kind != Lesson.Kind.READING:
        raise ValidationError("Images and attachments belong to readings.")
    check = check_image if role == LessonFile.Role.IMAGE else check_attachment
    try:
        content_type = check(upload)
    except ValidationError as exc:
        raise ValidationError({"upload": exc.messages}) from None
    name = safe_file_name(name.strip() or upload.name or "file")
    role_label = "an image" if role == LessonFile.Role.IMAGE else "an attachment"
    if LessonFile.objects.filter(tenant=tenant, lesson=lesson, role=role, name=name).exists():
        raise ValidationError({"name": f"This reading already has {role_label} named “{name}”; choose another name."})
    with _storing() as stored:
        row = _store(lesson, _Upload(role, upload, content_type, name), stored)
        _rerender(lesson)
    audit_record(
        tenant=tenant, actor=actor, action="lesson.file_added", target=lesson,
        after={"role": role, "file": name, "content_type": content_type},
    )
    return row


def _rerender(lesson: Lesson) -> None:
    lesson.body_html = render_reading(lesson.body, images=_image_urls(lesson))
    Lesson.objects.filter(pk=lesson.pk).update(body_html=lesson.body_html)


@transaction.atomic
def lesson_file_delete(*, tenant: Tenant, actor: User, lesson_file: LessonFile) -> None:
    """Remove a lesson's file; an image the reading still shows, or a lecture's only video, stays."""
    _own(lesson_file, tenant)
    lesson = lesson_file.lesson
    if lesson_file.role == LessonFile.Role.IMAGE:
        images = _image_urls(lesson)
        remaining = {name: url for name, url in images.items() if name != lesson_file.name}
        if len(reading_problems(lesson.body, images=remaining)) > len(reading_problems(lesson.body, images=images)):
            raise ValidationError(
                f"The reading still shows image:{lesson_file.name}. Take it out of the reading first, then delete the image."
            )
    if lesson_file.role == LessonFile.Role.VIDEO and not lesson.video_url:
        raise ValidationError(
            "A lecture needs its video. Upload another one or give the video's URL instead; that replaces this file."
        )
    name, stored = lesson_file.name, lesson_file.file.name
    role = lesson_file.role
    lesson_file.delete()
    _forget_files([stored])
    if lesson.kind == Lesson.Kind.READING:
        _rerender(lesson)
    audit_record(tenant=tenant, actor=actor, action="lesson.file_deleted", target=lesson, before={"role": role, "file": name})
