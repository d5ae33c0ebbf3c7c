"""What the content writes share: stored files, field setting, ordering."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.exceptions import ValidationError
from django.db import transaction

from courses.invalidation import content_changed
from courses.models import KeyRole, Lesson, LessonFile

MODULE_FIELDS = ("title", "kind", "specialty", "summary", "release_offset_days", "requirements", "is_published")
LESSON_FIELDS = ("title", "summary", "is_published")
KIND_FIELDS = {
    Lesson.Kind.VIDEO: ("video_url", "duration_seconds", "transcript"),
    Lesson.Kind.READING: ("body", "textbook_title", "textbook_chapter", "textbook_pages"),
    Lesson.Kind.EXERCISE: (
        "instructions", "record_kind", "patient_name", "patient_sex", "patient_birth_date", "record_number",
        "service_date", "provider", "facility", "record_text", "icd10cm_release", "hcpcs_release", "order_scored",
    ),
}
LONG_TEXT = ("transcript", "body", "record_text")  # audited as an excerpt, not in full
MAX_KEY_LINES = 25
DIAGNOSES = (KeyRole.PRINCIPAL, KeyRole.SECONDARY)
EXTENSIONS = {"video/mp4": ".mp4", "video/webm": ".webm", "text/vtt": ".vtt", "image/jpeg": ".jpg"}


# --- shared ------------------------------------------------------------------------


def _storage():
    return LessonFile._meta.get_field("file").storage


_OUTER_STORING: ContextVar[list[str] | None] = ContextVar("outer_storing", default=None)


@contextmanager
def _storing() -> Iterator[list[str]]:
    """Collects the names of files stored in the block; a refusal (any exception) removes them again.

    Nested in ``storing_files`` (a caller that saves more after the lesson, in one transaction),
    the names go to the outer block, which removes them if anything later refuses.
    """
    outer = _OUTER_STORING.get()
    if outer is not None:
        yield outer
        return
    with storing_files() as stored:
        yield stored


@contextmanager
def storing_files() -> Iterator[list[str]]:
    """Wrap a transaction that calls several content writes: a refusal anywhere removes every file stored."""
    stored: list[str] = []
    token = _OUTER_STORING.set(stored)
    try:
        yield stored
    except BaseException:
        for name in stored:
            _storage().delete(name)
        raise
    finally:
        _OUTER_STORING.reset(token)


def _forget_files(names: Iterable[str]) -> None:
    """Once the transaction commits, remove the stored files that no row names any more."""
    names = {name for name in names if name}
    if not names:
        return

    def forget() -> None:
        still_used = set(LessonFile.objects.filter(file__in=names).values_list("file", flat=True))
        for name in names - still_used:
            _storage().delete(name)

    transaction.on_commit(forget)


def _set_fields(obj: object, fields: dict, allowed: tuple[str, ...], kind: str) -> None:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise ValidationError(f"Unknown {kind} fields: {', '.join(sorted(unknown))}.")
    for name, value in fields.items():
        setattr(obj, name, value)


def _in_order(rows: list, moved: object, direction: str, what: str) -> list:
    """``rows`` with ``moved`` swapped with its neighbour; a ValidationError at either end."""
    if direction not in ("up", "down"):
        raise ValidationError({"direction": f"Move a {what} up or down."})
    index = next((i for i, row in enumerate(rows) if row.pk == moved.pk), None)
    if index is None:
        raise ValidationError(f"That {what} is not in this list any more; reload the page.")
    target = index - 1 if direction == "up" else index + 1
    if not 0 <= target < len(rows):
        raise ValidationError(f"“{rows[index].title}” is already {'first' if direction == 'up' else 'last'}.")
    rows[index], rows[target] = rows[target], rows[index]
    return rows


def _renumber(model, rows: list, *, course_id: int) -> None:
    """Positions 1..n in the order given (positions carry no unique key, so one bulk update does).

    A bulk update sends no signal, so the course's outline revision moves on here.
    """
    changed = []
    for number, row in enumerate(rows, start=1):
        if row.position != number:
            row.position = number
            changed.append(row)
    if changed:
        model.objects.bulk_update(changed, ["position"])
        content_changed(course_id)
