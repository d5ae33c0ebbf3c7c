"""Cohort forums: topics, threads and posts, read state and subscriptions (the services; pages come on top).

Each cohort has a general topic and one per published module of its course, made on first use;
staff add others. A reply to a reply stays one level deep: it hangs under the top-level post and
quotes the reply it answers. Whoever starts a thread or replies follows it (unless they
unfollowed), and followers hear of new posts through the notification service, never of their own.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from codesets.references import CODE_REFERENCE, code_reference_links
from cohorts import permissions
from cohorts.models import (
    Cohort,
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
from lms.models import Membership, Role, Tenant, User
from lms.notifications.kinds import Kind, Mode, register
from lms.notifications.service import notify
from lms.permissions import is_member, is_registrar

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


def is_forum_staff(membership: Membership | None, cohort: Cohort) -> bool:
    return is_registrar(membership) or permissions.is_cohort_staff(membership, cohort)


def can_read(membership: Membership | None, cohort: Cohort) -> bool:
    """The cohort's staff and registrars, and students who hold (or held) a seat in it."""
    if not is_member(membership) or cohort.tenant_id != membership.tenant_id:
        return False
    if is_forum_staff(membership, cohort):
        return True
    return membership.role == Role.STUDENT and Enrollment.objects.filter(
        cohort=cohort, membership=membership, state__in=READERS
    ).exists()


def can_write(membership: Membership | None, cohort: Cohort) -> bool:
    """A concluded cohort's forum is read-only; a student writes while their seat is active."""
    if cohort.is_concluded or not can_read(membership, cohort):
        return False
    if is_forum_staff(membership, cohort):
        return True
    return Enrollment.objects.filter(cohort=cohort, membership=membership, state=Enrollment.State.ACTIVE).exists()


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
    try:
        return reverse("cohorts:forum_thread", args=[thread.pk])
    except NoReverseMatch:  # the pages land after the services
        return ""


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
        parent = ForumPost.objects.get(pk=reply_to.parent_id) if reply_to.parent_id else reply_to
        quoted = reply_to if reply_to.parent_id else None
    post = ForumPost.objects.create(tenant_id=thread.tenant_id, thread=thread, author_id=membership.user_id,
                                    parent=parent, quoted=quoted, body=body,
                                    body_html=render(tenant=membership.tenant, body=body), created_at=now)
    ForumThread.objects.filter(pk=thread.pk).update(post_count=F("post_count") + 1, last_post_at=now)
    _follow_on_posting(thread, membership.user_id)
    mark_read(user_id=membership.user_id, thread=thread, until=now)
    followers = ForumSubscription.objects.filter(thread=thread, following=True).values_list("user_id", flat=True)
    author = membership.user.get_full_name() or membership.user.email
    notify(tenant=membership.tenant, kind=FORUM_REPLY.code, recipients=set(followers), actor=membership.user,
           key=f"forum.post:{post.pk}", title=f"{author} replied: {thread.title}", subject=thread,
           body=body[:280], url=thread_url(thread), now=now)
    return post


@transaction.atomic
def post_edit(*, membership: Membership, post: ForumPost, body: str, now: datetime.datetime | None = None) -> ForumPost:
    """The author (while they may write) or the staff; the old text goes into the history."""
    now = now or timezone.now()
    post = ForumPost.objects.select_for_update().select_related("thread__topic__cohort").get(pk=post.pk)
    cohort = post.thread.topic.cohort
    own = post.author_id == membership.user_id and can_write(membership, cohort)
    _require(own or is_forum_staff(membership, cohort), "Only its author or the cohort's staff edit a post.")
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


def follow(*, user: User, thread: ForumThread, following: bool = True) -> None:
    ForumSubscription.objects.update_or_create(tenant_id=thread.tenant_id, thread=thread, user=user,
                                               defaults={"following": following})


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
    for thread in ForumThread.objects.filter(topic=topic):
        mark_read(user_id=user_id, thread=thread, until=now)


def with_unread(threads, *, user_id: int):
    """Annotate ``unread``: posts by others after the person's mark (all of them when never opened);
    one query for the whole list."""
    mark = ForumReadState.objects.filter(thread=OuterRef("pk"), user_id=user_id).values("read_until")[:1]
    others = ~Q(posts__author_id=user_id) & Q(posts__hidden_at__isnull=True)
    return threads.annotate(read_until=Subquery(mark)).annotate(
        unread=Count("posts", filter=others & (Q(read_until__isnull=True) | Q(posts__created_at__gt=F("read_until"))))
    )


def sees_others_replies(*, membership: Membership, thread: ForumThread) -> bool:
    """In a question-and-answer topic a student sees the others' replies once they have posted."""
    topic = thread.topic
    if not topic.answers_first or is_forum_staff(membership, topic.cohort):
        return True
    return ForumPost.objects.filter(thread=thread, author_id=membership.user_id).exists()


__all__ = [
    "FORUM_REPLY", "can_read", "can_write", "follow", "mark_read", "post_edit", "post_reply", "sees_others_replies",
    "thread_start", "topic_add", "topics_ensure", "with_unread",
]
