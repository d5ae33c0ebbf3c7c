"""What the forum pages and the API read: topics and threads with unread counts, and a thread's
posts arranged one level deep, each in a fixed number of queries however much the forum holds.

Unread means posts by others after the person's read mark (all of them when never opened), not
hidden, and, in a question-and-answer topic, only those the student may see yet.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, F, Max, OuterRef, Q, Subquery

from cohorts.forums import mark_read
from cohorts.models import Cohort, CohortStaff, ForumPost, ForumReadState, ForumThread, ForumTopic
from lms.models import Membership


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
    mark = ForumReadState.objects.filter(thread=OuterRef("thread_id"), user_id=user_id).values("read_until")[:1]
    posts = ForumPost.objects.filter(thread__topic__cohort=cohort, hidden_at__isnull=True).exclude(author_id=user_id)
    if not sees_all:
        posts = posts.alias(answers_first_open=~Q(thread__topic__answers_first=True)).filter(
            _visible_to_answer_first(user_id, "thread_id", "pk"))
    unread = dict(
        posts.annotate(read_until=Subquery(mark))
        .filter(Q(read_until__isnull=True) | Q(created_at__gt=F("read_until")))
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
    if visible:
        mark_read(user_id=user_id, thread=thread, until=max(p.created_at for p in visible))
    return ThreadPage(
        thread=thread, opening=opening, replies=replies, sees_replies=sees, hidden_reply_count=kept_back,
        first_unread_id=first_unread, endorsed=[p for p in visible if p.endorsed_at and not p.hidden_at],
        staff_roles={uid: labels.get(role, "Staff") for uid, role in roles.items()}, last_seen=mark,
    )
