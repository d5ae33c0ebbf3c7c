"""Cohort forums: who may read and write, topics, posting, following and read marks.

Moderation is in ``forum_moderation``, what the pages read (unread counts, a thread's layout) in
``forum_reading``, search in ``forum_search``.

Each cohort has a general topic and one per published module of its course, made on first use;
staff add others. A reply to a reply stays one level deep: it hangs under the top-level post and
quotes the reply it answers. Whoever starts a thread or replies follows it (unless they
unfollowed), and followers hear of new posts through the notification service, never of their own.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone

from codesets.references import CODE_REFERENCE, code_reference_links
from cohorts import permissions
from cohorts.models import (
    Cohort,
    CohortStaff,
    Enrollment,
    ForumPost,
    ForumPostRevision,
    ForumReadState,
    ForumSubscription,
    ForumThread,
    ForumTopic,
)
from courses.markdown import render_post
from courses.models import Module
from lms.models import Membership, Role, Tenant
from lms.notifications.kinds import Kind, Mode, register
from lms.notifications.service import notify
from lms.permissions import is_member, is_registrar
from lms.selectors import object_id

FORUM_REPLY = register(Kind(
    "forum.reply", "Forum reply", "Forums",
    "Someone posted in a thread you follow.",
    {Role.STUDENT: (Mode.IMMEDIATE, Mode.DIGEST), Role.INSTRUCTOR: (Mode.IMMEDIATE, Mode.DIGEST),
     Role.REGISTRAR: (Mode.IMMEDIATE, Mode.DIGEST)},
))
TITLE_MAX = 150
BODY_MAX = 20_000
READERS = (Enrollment.State.ACTIVE, Enrollment.State.COMPLETED)


# --- who may read and write --------------------------------------------------------------------


@dataclass(frozen=True)
class Access:
    staff: bool
    read: bool
    write: bool


def access(membership: Membership | None, cohort: Cohort) -> Access:
    """What a person may do in a cohort's forum, worked out once per cohort object (a page asks often)."""
    memo = cohort.__dict__.setdefault("_forum_access", {})
    key = getattr(membership, "pk", None)
    if key not in memo:
        memo[key] = _access(membership, cohort)
    return memo[key]


def _access(membership: Membership | None, cohort: Cohort) -> Access:
    if not is_member(membership) or cohort.tenant_id != membership.tenant_id:
        return Access(staff=False, read=False, write=False)
    if is_registrar(membership) or permissions.is_cohort_staff(membership, cohort):
        return Access(staff=True, read=True, write=not cohort.is_concluded)
    state = None
    if membership.role == Role.STUDENT:
        state = Enrollment.objects.filter(cohort=cohort, membership=membership).values_list("state", flat=True).first()
    return Access(staff=False, read=state in READERS,
                  write=state == Enrollment.State.ACTIVE and not cohort.is_concluded)


def is_forum_staff(membership: Membership | None, cohort: Cohort) -> bool:
    return access(membership, cohort).staff


def can_read(membership: Membership | None, cohort: Cohort) -> bool:
    """The cohort's staff and registrars, and students who hold (or held) a seat in it."""
    return access(membership, cohort).read


def can_write(membership: Membership | None, cohort: Cohort) -> bool:
    """A concluded cohort's forum is read-only; a student writes while their seat is active."""
    return access(membership, cohort).write


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise ValidationError(message)


# --- topics ------------------------------------------------------------------------------------


def topics_ensure(*, cohort: Cohort) -> list[ForumTopic]:
    """The cohort's topics, making the general one and one per published module if missing
    (safe to run twice at once: the unique constraints decide)."""
    have = {(t.kind, t.module_id) for t in ForumTopic.objects.filter(cohort=cohort)}
    wanted = [(ForumTopic.Kind.GENERAL, None, "General discussion", 0)]
    modules = Module.objects.filter(course_id=cohort.course_id, is_published=True).order_by("position", "id")
    wanted += [(ForumTopic.Kind.MODULE, m.pk, m.title[:TITLE_MAX], 1 + n) for n, m in enumerate(modules)]
    for kind, module_id, title, position in wanted:
        if (kind, module_id) in have:
            continue
        try:
            with transaction.atomic():
                ForumTopic.objects.create(tenant_id=cohort.tenant_id, cohort=cohort, kind=kind, module_id=module_id,
                                          title=title, position=position)
        except IntegrityError:
            pass  # made by a request at the same moment
    return list(ForumTopic.objects.filter(cohort=cohort).order_by("position", "id"))


@transaction.atomic
def topic_add(*, membership: Membership, cohort: Cohort, title: str, description: str = "",
              answers_first: bool = False) -> ForumTopic:
    _require(is_forum_staff(membership, cohort) and can_write(membership, cohort),
             "Only the cohort's staff add topics, and not once it has concluded.")
    title = _title(title)
    last = ForumTopic.objects.filter(cohort=cohort).order_by("-position").values_list("position", flat=True).first()
    return ForumTopic.objects.create(tenant_id=cohort.tenant_id, cohort=cohort, kind=ForumTopic.Kind.CUSTOM, title=title,
                                     description=(description or "").strip()[:300], answers_first=answers_first,
                                     position=(last or 0) + 1)


# --- posting -----------------------------------------------------------------------------------


def _title(title: str) -> str:
    title = " ".join((title or "").split())
    if not title:
        raise ValidationError({"title": "Give the thread a title."})
    if len(title) > TITLE_MAX:
        raise ValidationError({"title": f"Keep the title under {TITLE_MAX} characters."})
    return title


def _body(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": "Write something first."})
    if len(body) > BODY_MAX:
        raise ValidationError({"body": f"The post is {len(body):,} characters long; the limit is {BODY_MAX:,}."})
    return body


def render(*, tenant: Tenant, body: str) -> str:
    """Sanitised HTML, its code references linked to the codes the school has."""
    return render_post(body, pattern=CODE_REFERENCE,
                       code_links=lambda found: code_reference_links(tenant=tenant, candidates=found))


def thread_url(thread: ForumThread) -> str:
    return reverse("cohorts:forum_thread", args=[thread.pk])


@transaction.atomic
def thread_start(*, membership: Membership, topic: ForumTopic, title: str, body: str,
                 now: datetime.datetime | None = None) -> ForumThread:
    now = now or timezone.now()
    cohort = topic.cohort
    _require(can_write(membership, cohort), "You cannot post in this forum.")
    title, body = _title(title), _body(body)
    thread = ForumThread.objects.create(tenant_id=cohort.tenant_id, topic=topic, author_id=membership.user_id,
                                        title=title, post_count=1, last_post_at=now, created_at=now)
    ForumPost.objects.create(tenant_id=cohort.tenant_id, thread=thread, author_id=membership.user_id, body=body,
                             body_html=render(tenant=membership.tenant, body=body), created_at=now)
    _follow_on_posting(thread, membership.user_id)
    mark_read(user_id=membership.user_id, thread=thread, until=now)
    return thread


@transaction.atomic
def post_reply(*, membership: Membership, thread: ForumThread, body: str, reply_to: ForumPost | None = None,
               now: datetime.datetime | None = None) -> ForumPost:
    """Reply to the thread, or to a post in it (a reply to a reply hangs under its top-level post)."""
    now = now or timezone.now()
    thread = ForumThread.objects.select_for_update().select_related("topic__cohort").get(pk=thread.pk)
    cohort = thread.topic.cohort
    _require(can_write(membership, cohort), "You cannot post in this forum.")
    _require(not thread.locked or is_forum_staff(membership, cohort), "This thread is locked.")
    body = _body(body)
    parent = quoted = None
    if reply_to is not None:
        if reply_to.thread_id != thread.pk:
            raise ValidationError("Reply to a post of this thread.")
        if reply_to.pk != opening_post_id(thread.pk):  # replying to the question is replying to the thread
            parent = ForumPost.objects.get(pk=reply_to.parent_id) if reply_to.parent_id else reply_to
            quoted = reply_to if reply_to.parent_id else None
    post = ForumPost.objects.create(tenant_id=thread.tenant_id, thread=thread, author_id=membership.user_id,
                                    parent=parent, quoted=quoted, body=body,
                                    body_html=render(tenant=membership.tenant, body=body), created_at=now)
    ForumThread.objects.filter(pk=thread.pk).update(post_count=F("post_count") + 1, last_post_at=now)
    _follow_on_posting(thread, membership.user_id)
    mark_read(user_id=membership.user_id, thread=thread, until=now)
    followers = set(ForumSubscription.objects.filter(thread=thread, following=True).values_list("user_id", flat=True))
    author = membership.user.get_full_name() or membership.user.email
    notify(tenant=membership.tenant, kind=FORUM_REPLY.code, recipients=readers_among(thread, followers), actor=membership.user,
           key=f"forum.post:{post.pk}", title=f"{author} replied: {thread.title}", subject=thread,
           body=body[:280], url=thread_url(thread), now=now)
    return post


@transaction.atomic
def post_edit(*, membership: Membership, post: ForumPost, body: str, now: datetime.datetime | None = None) -> ForumPost:
    """The author (while they may write) or the staff; the old text goes into the history."""
    now = now or timezone.now()
    post = ForumPost.objects.select_for_update().select_related("thread__topic__cohort").get(pk=post.pk)
    _require(can_edit(membership, post), "Only its author (while the thread is open) or the cohort's staff edit a post.")
    body = _body(body)
    if body == post.body:
        return post
    ForumPostRevision.objects.create(tenant_id=post.tenant_id, post=post, body=post.body, edited_by_id=membership.user_id,
                                     edited_at=now)
    post.body, post.body_html, post.edited_at = body, render(tenant=membership.tenant, body=body), now
    post.save(update_fields=["body", "body_html", "edited_at"])
    return post


# --- following and reading ---------------------------------------------------------------------


def _follow_on_posting(thread: ForumThread, user_id: int) -> None:
    """Posting follows the thread, unless the person unfollowed it before."""
    try:
        with transaction.atomic():
            ForumSubscription.objects.get_or_create(tenant_id=thread.tenant_id, thread=thread, user_id=user_id)
    except IntegrityError:
        pass


def readers_among(thread: ForumThread, user_ids: set[int]) -> set[int]:
    """Those of ``user_ids`` who may read the thread's replies today (a follower who dropped the course,
    left the cohort's staff or has not yet answered a question-and-answer case hears nothing)."""
    if not user_ids:
        return set()
    cohort = thread.topic.cohort
    staff = set(CohortStaff.objects.filter(cohort=cohort, membership__is_active=True, membership__user_id__in=user_ids)
                .values_list("membership__user_id", flat=True))
    staff |= set(Membership.objects.filter(tenant_id=cohort.tenant_id, role=Role.REGISTRAR, is_active=True,
                                           user_id__in=user_ids).values_list("user_id", flat=True))
    students = set(Enrollment.objects.filter(cohort=cohort, state__in=READERS, membership__is_active=True,
                                             membership__user_id__in=user_ids - staff)
                   .values_list("membership__user_id", flat=True))
    if students and thread.topic.answers_first:
        students &= set(ForumPost.objects.filter(thread=thread, author_id__in=students).values_list("author_id", flat=True))
    return staff | students


def follow(*, membership: Membership, thread: ForumThread, following: bool = True) -> None:
    """Follow a thread (its new posts reach you) or stop; in a question-and-answer topic a student
    follows once they have answered, so no notice shows them the others' answers first."""
    if following:
        _require(can_read(membership, thread.topic.cohort), "You cannot follow this thread.")
        _require(sees_others_replies(membership=membership, thread=thread),
                 "Post your own answer first; then you can follow the others' replies.")
    ForumSubscription.objects.update_or_create(tenant_id=thread.tenant_id, thread=thread, user_id=membership.user_id,
                                               defaults={"following": following})


def can_edit(membership: Membership | None, post: ForumPost) -> bool:
    """The cohort's staff; or the author while they may post (and the thread is not locked)."""
    cohort = post.thread.topic.cohort
    if is_forum_staff(membership, cohort):
        return True
    return (membership is not None and post.author_id == membership.user_id and can_write(membership, cohort)
            and not post.thread.locked)


def mark_read(*, user_id: int, thread: ForumThread, until: datetime.datetime | None = None) -> None:
    """Read up to ``until`` (now by default); reading never moves the mark back."""
    until = until or timezone.now()
    updated = ForumReadState.objects.filter(thread=thread, user_id=user_id, read_until__lt=until).update(read_until=until)
    if not updated and not ForumReadState.objects.filter(thread=thread, user_id=user_id).exists():
        try:
            with transaction.atomic():
                ForumReadState.objects.create(tenant_id=thread.tenant_id, thread=thread, user_id=user_id, read_until=until)
        except IntegrityError:
            mark_read(user_id=user_id, thread=thread, until=until)


def mark_topic_read(*, user_id: int, topic: ForumTopic, now: datetime.datetime | None = None) -> None:
    """Every thread of the topic read up to now, in three queries however many threads it has."""
    now = now or timezone.now()
    ForumReadState.objects.filter(thread__topic=topic, user_id=user_id, read_until__lt=now).update(read_until=now)
    have = ForumReadState.objects.filter(thread__topic=topic, user_id=user_id).values("thread_id")
    missing = ForumThread.objects.filter(topic=topic).exclude(pk__in=have).values_list("pk", flat=True)
    ForumReadState.objects.bulk_create(
        [ForumReadState(tenant_id=topic.tenant_id, thread_id=pk, user_id=user_id, read_until=now) for pk in missing],
        batch_size=500, ignore_conflicts=True,
    )


def sees_others_replies(*, membership: Membership, thread: ForumThread) -> bool:
    """In a question-and-answer topic a student sees the others' replies once they have posted."""
    topic = thread.topic
    if not topic.answers_first or is_forum_staff(membership, topic.cohort):
        return True
    return ForumPost.objects.filter(thread=thread, author_id=membership.user_id).exists()


# --- finding what a member may read (404 for the rest) -----------------------------------------


def _readable(membership: Membership | None, cohort: Cohort) -> None:
    if not can_read(membership, cohort):
        raise Http404("No such forum.")


def cohort_get_for(*, membership: Membership | None, cohort_id: object) -> Cohort:
    cohort = get_object_or_404(Cohort.objects.select_related("course", "term"), pk=object_id(cohort_id),
                               tenant_id=getattr(membership, "tenant_id", None))
    _readable(membership, cohort)
    return cohort


def topic_get_for(*, membership: Membership | None, topic_id: object) -> ForumTopic:
    topic = get_object_or_404(ForumTopic.objects.select_related("cohort__course", "cohort__term", "module"),
                              pk=object_id(topic_id), tenant_id=getattr(membership, "tenant_id", None))
    _readable(membership, topic.cohort)
    return topic


def thread_get_for(*, membership: Membership | None, thread_id: object) -> ForumThread:
    thread = get_object_or_404(ForumThread.objects.select_related("topic__cohort__course", "topic__cohort__term", "author"),
                               pk=object_id(thread_id), tenant_id=getattr(membership, "tenant_id", None))
    _readable(membership, thread.topic.cohort)
    return thread


def post_get_for(*, membership: Membership | None, post_id: object) -> ForumPost:
    post = get_object_or_404(
        ForumPost.objects.select_related("thread__topic__cohort__course", "author"),
        pk=object_id(post_id), tenant_id=getattr(membership, "tenant_id", None),
    )
    _readable(membership, post.thread.topic.cohort)
    if post.author_id != membership.user_id and post.pk != opening_post_id(post.thread_id) \
            and not sees_others_replies(membership=membership, thread=post.thread):
        raise Http404("No such post.")  # a question-and-answer reply the student may not see yet
    return post


def opening_post_id(thread_id: int) -> int | None:
    return ForumPost.objects.filter(thread_id=thread_id).order_by("created_at", "id").values_list("pk", flat=True).first()


def is_following(*, user_id: int, thread: ForumThread) -> bool:
    return ForumSubscription.objects.filter(thread=thread, user_id=user_id, following=True).exists()


__all__ = [
    "FORUM_REPLY", "can_edit", "can_read", "can_write", "follow", "mark_read", "post_edit", "post_reply", "sees_others_replies",
    "thread_start", "topic_add", "topics_ensure",
]
