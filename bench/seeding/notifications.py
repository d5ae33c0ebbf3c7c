"""A month of notices for every student: what the bell counts and the notifications page lists.

Twenty per student, one every day and a half of the term so far, the newest five
unread: enrollment, schedule and module notices as the dispatchers would have made them.
"""

from __future__ import annotations

import datetime

from bench.seeding.base import Counts, Seeding
from bench.seeding.bulk import Inserter
from lms.models import Membership, Notification

PER_STUDENT = 20
UNREAD = 5

NOTICES = [
    ("module.released", "Module open: week {n}", "The module is open from today."),
    ("term.starting", "Bench term starts tomorrow", "Your cohorts open on the first day; the dashboard lists them."),
    ("drop.deadline", "Last day to drop Bench term cohorts is tomorrow", "After that day, only the registrar can drop you."),
    ("enrollment.approved", "You're enrolled in week {n}'s review session", "Spring cohorts start on Monday."),
]


def seed_notifications(ctx: Seeding) -> Counts:
    users = dict(Membership.objects.filter(pk__in=ctx.student_ids).values_list("pk", "user_id"))
    with Inserter(Notification, copy=ctx.use_copy) as notices:
        for membership_id in ctx.student_ids:
            user_id = users[membership_id]
            for n in range(PER_STUDENT):
                when = ctx.now - datetime.timedelta(hours=36 * (PER_STUDENT - n))
                kind, title, body = NOTICES[n % len(NOTICES)]
                notices.add({
                    "tenant_id": ctx.tenant.pk, "recipient_id": user_id, "kind": kind, "key": f"bench:{user_id}:{n}",
                    "actor_id": None, "subject_type": "", "subject_id": "", "title": title.format(n=n + 1),
                    "body": body, "url": "/", "created_at": when, "visible_at": when,
                    "read_at": None if n >= PER_STUDENT - UNREAD else when + datetime.timedelta(hours=2),
                    "email_mode": "immediate", "email_due_at": when, "email_claim": "", "email_claimed_at": when,
                    "emailed_at": when, "withdrawn_at": None,
                })
    return {"Notification": notices.count}
