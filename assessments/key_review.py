"""Keys to review when a code set changes: questions and exercises pinned to an older release whose
keys name a code the new release deleted or revised.

A release that finishes loading sends ``codesets.signals.release_ready``; the receiver queues
``flag_keys_for_review`` on commit. The job compares each older pinned release with the new one
(codesets.diff, two queries each) and records one ``KeyReview`` per question or exercise and
release, so running it twice flags nothing twice.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from assessments.models import KeyReview, Question, QuestionVersion
from codesets.diff import ChangedCode, release_diff
from codesets.formats import to_key
from codesets.models import Release, System
from courses.models import KeyLine, Lesson
from lms.models import User

PINNED = {System.ICD10CM.value: "icd10cm_release", System.HCPCS.value: "hcpcs_release"}


def on_release_ready(sender, release: Release, **kwargs) -> None:
    if release.system in PINNED:
        from assessments.tasks import flag_keys_for_review

        flag_keys_for_review.delay_on_commit(release_id=release.pk)


def _why(change: ChangedCode, release: Release) -> str:
    if change.new_description is None:
        return f"{change.code} is not in {release}: it was deleted."
    if change.termination_changed and change.new_terminated_on:
        return f"{change.code} is terminated on {change.new_terminated_on:%Y-%m-%d} in {release}."
    return f"{change.code} was revised in {release}: “{change.old_description}” is now “{change.new_description}”."


def keys_flag_for_review(*, release_id: int) -> int:
    """Flag what the release changed under; returns how many reviews it added."""
    new = Release.objects.get(pk=release_id)
    field = PINNED.get(new.system)
    if field is None or not new.is_ready:
        return 0
    older = Release.objects.filter(system=new.system, tenant__isnull=True, status=Release.Status.READY,
                                   effective_from__lt=new.effective_from)
    added = 0
    for old in older:
        diff = release_diff(old=old, new=new)
        changes = {c.key: c for c in (*diff.deleted, *diff.revised)}
        if changes:
            added += _flag_questions(old, new, field, changes) + _flag_lessons(old, new, field, changes)
    return added


def _flag_questions(old: Release, new: Release, field: str, changes: dict[str, ChangedCode]) -> int:
    versions = QuestionVersion.objects.filter(**{field: old}, question__current_id=F("pk")).select_related("question")
    rows, flagged = [], []
    seen = set(KeyReview.objects.filter(release=new, question__isnull=False).values_list("question_id", flat=True))
    for version in versions.exclude(question_id__in=seen):
        named = [changes[to_key(k["code"])] for item in version.items for k in item.get("key", []) if to_key(k["code"]) in changes]
        if named:
            rows.append(KeyReview(tenant_id=version.tenant_id, question=version.question, release=new,
                                  reason=" ".join(_why(c, new) for c in named)))
            flagged.append(version.question_id)
    with transaction.atomic():
        made = KeyReview.objects.bulk_create(rows, ignore_conflicts=True)
        Question.objects.filter(pk__in=flagged).update(needs_review=True, review_reason=f"Codes changed in {new}.")
    return len(made)


def _flag_lessons(old: Release, new: Release, field: str, changes: dict[str, ChangedCode]) -> int:
    seen = KeyReview.objects.filter(release=new, lesson__isnull=False).values("lesson_id")
    lines = (KeyLine.objects.filter(**{f"lesson__{field}": old}).exclude(lesson_id__in=seen).select_related("lesson")
             .order_by("lesson_id", "position"))
    by_lesson: dict[int, tuple[Lesson, list[ChangedCode]]] = {}
    for line in lines:
        change = changes.get(to_key(line.code))
        if change is not None:
            by_lesson.setdefault(line.lesson_id, (line.lesson, []))[1].append(change)
    rows = [KeyReview(tenant_id=lesson.tenant_id, lesson=lesson, release=new, reason=" ".join(_why(c, new) for c in named))
            for lesson, named in by_lesson.values()]
    return len(KeyReview.objects.bulk_create(rows, ignore_conflicts=True))


def reviews_open(*, tenant_id: int):
    return KeyReview.objects.filter(tenant_id=tenant_id, resolved_at__isnull=True).select_related(
        "question__bank", "lesson__module__course", "release")


@transaction.atomic
def review_resolve(*, review: KeyReview, actor: User) -> bool:
    done = KeyReview.objects.filter(pk=review.pk, resolved_at__isnull=True).update(resolved_at=timezone.now(), resolved_by=actor)
    if done and review.question_id and not KeyReview.objects.filter(question_id=review.question_id, resolved_at__isnull=True).exists():
        Question.objects.filter(pk=review.question_id).update(needs_review=False, review_reason="")
    return bool(done)

