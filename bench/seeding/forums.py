"""Forums: every cohort's general topic and a topic per module, with its students' threads.

The first cohort's general topic holds the long thread the bench reads (200 posts, as the
issue asks of a thread page) and up to 500 others; each other cohort gets the same shape.
Posts carry rendered HTML as the service would store it; the sample students have read
half the threads, so unread counts have work to do.
"""

from __future__ import annotations

import datetime

from bench.seeding.base import Counts, Seeding
from bench.seeding.bulk import Inserter
from cohorts.models import CohortStaff, ForumPost, ForumReadState, ForumThread, ForumTopic
from courses.models import Module

LONG_THREAD_TITLE = "Sequencing diabetes with CKD: E11.22 and N18.31"
LONG_THREAD_POSTS = 200
MAX_THREADS = 500
READERS = 50  # the first students of each cohort have read every other thread
REPLIES = (
    "E11.22 first: the combination code says diabetes caused the kidney disease, then N18.31 for the stage.",
    "Add Z79.4 when the patient uses insulin every day, or Z79.84 for oral drugs only.",
    "The guidelines presume the link between diabetes and CKD unless the provider says otherwise.",
    "Check the Tabular List: E11.22 has a use-additional-code note for the CKD stage.",
)


def seed_forums(ctx: Seeding) -> Counts:
    modules: dict[int, list[tuple[int, str]]] = {}
    for module_id, course_id, title in Module.objects.filter(tenant=ctx.tenant, is_published=True).order_by(
            "course_id", "position").values_list("id", "course_id", "title"):
        modules.setdefault(course_id, []).append((module_id, title))
    topics = []
    for cohort_id in ctx.cohort_ids:
        topics.append(ForumTopic(tenant=ctx.tenant, cohort_id=cohort_id, kind="general", title="General discussion",
                                 position=0, created_at=ctx.now))
        topics += [ForumTopic(tenant=ctx.tenant, cohort_id=cohort_id, kind="module", module_id=module_id, title=title[:150],
                              position=n + 1, created_at=ctx.now)
                   for n, (module_id, title) in enumerate(modules.get(ctx.cohort_course[cohort_id], []))]
    ForumTopic.objects.bulk_create(topics, batch_size=1000)
    general = dict(ForumTopic.objects.filter(tenant=ctx.tenant, kind="general").values_list("cohort_id", "id"))
    students: dict[int, list[int]] = {}
    for membership_id, cohort_id, user_id in _places(ctx):
        students.setdefault(cohort_id, []).append(user_id)
    staff = dict(CohortStaff.objects.filter(cohort_id__in=ctx.cohort_ids).values_list("cohort_id", "membership__user_id"))

    started = ctx.now - datetime.timedelta(days=20)
    threads = []
    for cohort_id in ctx.cohort_ids:
        people = students.get(cohort_id) or [staff[cohort_id]]
        count = min(MAX_THREADS, max(1, len(people) // 2))
        for n in range(count + 1):
            long = n == 0 and cohort_id == ctx.cohort_ids[0]
            posts = LONG_THREAD_POSTS if long else 1 + n % 6
            last = started + datetime.timedelta(minutes=20 * n + posts)
            threads.append(ForumThread(
                tenant=ctx.tenant, topic_id=general[cohort_id], author_id=people[n % len(people)],
                title=LONG_THREAD_TITLE if long else f"Question {n + 1}: which code comes first?",
                pinned=long, post_count=posts, last_post_at=last, created_at=started + datetime.timedelta(minutes=20 * n),
            ))
    ForumThread.objects.bulk_create(threads, batch_size=1000)
    made = list(ForumThread.objects.filter(tenant=ctx.tenant).order_by("id").values_list(
        "id", "topic__cohort_id", "post_count", "created_at"))
    with Inserter(ForumPost) as posts, Inserter(ForumReadState) as reads:
        for n, (thread_id, cohort_id, count, created) in enumerate(made):
            people = students.get(cohort_id) or [staff[cohort_id]]
            for p in range(count):
                body = "Which code comes first here?" if p == 0 else REPLIES[p % len(REPLIES)]
                author = staff[cohort_id] if p % 5 == 4 else people[(n + p) % len(people)]
                posts.add({"tenant_id": ctx.tenant.pk, "thread_id": thread_id, "author_id": author, "body": body,
                           "body_html": f"<p>{body}</p>\n", "created_at": created + datetime.timedelta(minutes=p)})
            if n % 2 == 0:
                for user_id in people[:READERS]:
                    reads.add({"tenant_id": ctx.tenant.pk, "thread_id": thread_id, "user_id": user_id,
                               "read_until": created + datetime.timedelta(minutes=count)})
    return {"ForumTopic": len(topics), "ForumThread": len(threads), "ForumPost": posts.count,
            "ForumReadState": reads.count}


def _places(ctx: Seeding):
    from cohorts.models import Enrollment

    return (Enrollment.objects.filter(tenant=ctx.tenant, state=Enrollment.State.ACTIVE)
            .order_by("cohort_id", "membership__user__email").values_list("membership_id", "cohort_id", "membership__user_id"))
