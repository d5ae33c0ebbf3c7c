"""What the forum pages and the API read: topics and threads with unread counts, and a thread's
posts arranged one level deep, each in a fixed number of queries however much the forum holds.

Unread means posts by others after the person's read mark (all of them when never opened), not
hidden, and, in a question-and-answer topic, only those the student may see yet.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, F, Max, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from cohorts.forums import can_write, mark_read
from cohorts.models import Cohort, CohortStaff, ForumPost, ForumReadState, ForumThread, ForumTopic
from lms.models import Membership

NEVER = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)  # the read mark of a thread never opened


def _visible_to_answer_first(user_id: int, thread_ref: str, post_ref: str) -> Q:
    """In a question-and-answer topic a student who has not posted sees only the opening post, so only
    it can be unread to them."""
    posted = ForumPost.objects.filter(thread=OuterRef(thread_ref), author_id=user_id)
    opening = ForumPost.objects.filter(thread=OuterRef(thread_ref)).order_by("created_at", "id").values("pk")[:1]
    return Q(answers_first_open=True) | Exists(posted) | Q(**{post_ref: Subquery(opening)})


def with_unread(threads, *, user_id: int, sees_all: bool = False):
    """Annotate ``unread``: posts by others after the person's mark (all of them when never opened),
    hidden posts and question-and-answer replies they cannot see yet left out; one query for the list."""
    mark = ForumReadState.objects.filter(thread=OuterRef("pk"), user_id=user_id).values("read_until")[:1]
    counted = ~Q(posts__author_id=user_id) & Q(posts__hidden_at__isnull=True)
    counted &= Q(read_until__isnull=True) | Q(posts__created_at__gt=F("read_until"))
    if not sees_all:
        threads = threads.alias(answers_first_open=~Q(topic__answers_first=True))
        counted &= _visible_to_answer_first(user_id, "pk", "posts__pk")
    return threads.annotate(read_until=Subquery(mark)).annotate(unread=Count("posts", filter=counted))


def topics_with_counts(*, cohort: Cohort, user_id: int, sees_all: bool = False) -> list[ForumTopic]:
    """The cohort's topics with ``thread_count``, ``last_post_at`` and ``unread`` (posts by others the
    person has not read): three queries for any number of topics."""
    topics = list(ForumTopic.objects.filter(cohort=cohort).select_related("module")
                  .annotate(thread_count=Count("threads", distinct=True), latest=Max("threads__last_post_at"))
                  .order_by("position", "id"))
    # Threads as semi-joins and the read mark as one subquery: joining the posts to their topics made
    # PostgreSQL pair every post with every thread (88 ms at 500 threads).
    mark = ForumReadState.objects.filter(thread=OuterRef("thread_id"), user_id=user_id).values("read_until")[:1]
    threads = ForumThread.objects.filter(topic__cohort=cohort)
    posts = ForumPost.objects.filter(hidden_at__isnull=True).exclude(author_id=user_id)
    if sees_all:
        posts = posts.filter(thread_id__in=threads.values("pk"))
    else:
        posted = ForumPost.objects.filter(thread=OuterRef("thread_id"), author_id=user_id)
        opening = ForumPost.objects.filter(thread=OuterRef("thread_id")).order_by("created_at", "id").values("pk")[:1]
        posts = posts.filter(
            Q(thread_id__in=threads.filter(topic__answers_first=False).values("pk"))
            | Q(thread_id__in=threads.filter(topic__answers_first=True).values("pk"))
            & (Exists(posted) | Q(pk=Subquery(opening)))
        )
    unread = dict(
        posts.alias(read_until=Coalesce(Subquery(mark), Value(NEVER)))
        .filter(created_at__gt=F("read_until"))
        .values("thread__topic_id").annotate(n=Count("id")).values_list("thread__topic_id", "n")
    )
    for topic in topics:
        topic.unread = unread.get(topic.pk, 0)
    return topics


def threads_for_topic(*, topic: ForumTopic, user_id: int, sees_all: bool = False):
    """The topic's threads, pinned first then by latest post, with ``unread`` (one query per page)."""
    threads = ForumThread.objects.filter(topic=topic).select_related("author")
    return with_unread(threads, user_id=user_id, sees_all=sees_all).order_by(
        "-pinned", "-last_post_at", "-id")


@dataclass
class ThreadPage:
    thread: ForumThread
    opening: ForumPost | None
    replies: list  # top-level replies, each with ``children`` (replies to it, in order)
    sees_replies: bool  # False in a question-and-answer topic until the student has posted
    hidden_reply_count: int  # replies kept from a student who has not posted yet
    first_unread_id: int | None
    endorsed: list
    staff_roles: dict  # user id -> "Instructor" / "Teaching assistant"
    last_seen: datetime.datetime | None


def thread_page(*, membership: Membership, thread: ForumThread, staff: bool) -> ThreadPage:
    """Every post of the thread in reading order (one query), arranged one level deep, and where the
    person's unread posts begin. Reading it moves their mark to its newest post."""
    posts = ForumPost.objects.filter(thread=thread).select_related("author", "quoted__author").order_by("created_at", "id")
    if staff:
        posts = posts.annotate(open_reports=Count("reports", filter=Q(reports__resolved_at__isnull=True)))
    posts = list(posts)
    opening = posts[0] if posts else None
    user_id = membership.user_id
    sees = staff or not thread.topic.answers_first or any(p.author_id == user_id for p in posts)
    mark = ForumReadState.objects.filter(thread=thread, user_id=user_id).values_list("read_until", flat=True).first()
    by_parent: dict[int, list] = {}
    replies, kept_back = [], 0
    for post in posts[1:]:
        if not sees and post.author_id != user_id:
            kept_back += 1
            continue
        post.children = []
        if post.parent_id and post.parent_id != (opening.pk if opening else None):
            by_parent.setdefault(post.parent_id, []).append(post)
        else:
            replies.append(post)
    for reply in replies:
        reply.children = by_parent.pop(reply.pk, [])
    for orphans in by_parent.values():  # a reply whose parent was kept back: shown at the top level
        replies.extend(orphans)
    visible = [p for p in posts if sees or p.author_id == user_id or p is opening]
    first_unread = next((p.pk for p in visible if p.author_id != user_id and p.hidden_at is None
                         and (mark is None or p.created_at > mark)), None)
    roles = dict(CohortStaff.objects.filter(cohort_id=thread.topic.cohort_id)
                 .values_list("membership__user_id", "role"))
    labels = dict(CohortStaff.Role.choices)
    staff_roles = {uid: labels.get(role, "Staff") for uid, role in roles.items()}
    _dress(visible, thread=thread, user_id=user_id, staff=staff, roles=staff_roles,
           writes=can_write(membership, thread.topic.cohort))
    if visible:
        mark_read(user_id=user_id, thread=thread, until=max(p.created_at for p in visible))
    return ThreadPage(
        thread=thread, opening=opening, replies=replies, sees_replies=sees, hidden_reply_count=kept_back,
        first_unread_id=first_unread, endorsed=[p for p in visible if p.endorsed_at and not p.hidden_at],
        staff_roles=staff_roles, last_seen=mark,
    )


def _dress(posts: list, *, thread: ForumThread, user_id: int, staff: bool, roles: dict, writes: bool) -> None:
    """What each post shows, worked out here once: a thread of 200 posts spent most of its time in
    template lookups, date filters and {% url %} tags (168 ms of CPU at the bench's size M)."""
    link = {name: reverse(f"cohorts:{name}", args=[0]) for name in
            ("forum_post_edit", "forum_post_report", "forum_post_moderate", "forum_post_history")}
    reply = reverse("cohorts:forum_reply", args=[thread.pk])
    for post in posts:
        post.author_name = post.author.display_name if post.author else "A former member"
        post.role_label = roles.get(post.author_id, "")
        local = timezone.localtime(post.created_at)
        post.when_iso, post.when_text = local.isoformat(), when_text(local)
        post.reply_url = f"{reply}?to={post.pk}"
        post.edit_url, post.report_url, post.moderate_url, post.history_url = (
            link[name].replace("/0/", f"/{post.pk}/", 1) for name in
            ("forum_post_edit", "forum_post_report", "forum_post_moderate", "forum_post_history"))
        post.may_edit = staff or (post.author_id == user_id and writes and not thread.locked)
        post.may_report = not staff and post.author_id != user_id and post.hidden_at is None
        quoted = post.quoted
        if quoted is not None:
            post.quoted_name = quoted.author.display_name if quoted.author else "A former member"


def when_text(moment: datetime.datetime) -> str:
    """``Dec 3, 2026 2:59 p.m.``: Django's "M j, Y g:i a", without the template machinery."""
    hour = moment.hour % 12 or 12
    return f"{moment:%b} {moment.day}, {moment.year} {hour}:{moment:%M} {'a.m.' if moment.hour < 12 else 'p.m.'}"
