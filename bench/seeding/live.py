"""Live sessions and announcements: what the dashboard's lists and the calendar show.

Every cohort meets for office hours on Tuesdays at 7 pm and a workshop on Thursdays
at noon, all term; the sessions already held have a linked recording. The school, the
term and every cohort have an announcement, as the registrar and instructors would post.
"""

from __future__ import annotations

import datetime
import zoneinfo

from bench.seeding.base import TIME_ZONE, Counts, Seeding
from bench.seeding.bulk import Inserter
from bench.seeding.cohorts import TERM_WEEKS
from cohorts.models import Announcement, CohortStaff, LiveSession, Term

SLOTS = ((1, 19, LiveSession.Kind.OFFICE_HOURS, "Office hours, week {w}"), (3, 12, LiveSession.Kind.WORKSHOP, "Coding workshop, week {w}"))


def seed_live_sessions(ctx: Seeding) -> Counts:
    zone = zoneinfo.ZoneInfo(TIME_ZONE)
    hosts = dict(CohortStaff.objects.filter(cohort_id__in=ctx.cohort_ids).values_list("cohort_id", "membership_id"))
    monday = ctx.term_starts_on - datetime.timedelta(days=ctx.term_starts_on.weekday())
    with Inserter(LiveSession) as sessions:  # bulk_create: COPY does not write file fields
        for cohort_id in ctx.cohort_ids:
            for week in range(TERM_WEEKS):
                for weekday, hour, kind, title in SLOTS:
                    day = monday + datetime.timedelta(weeks=week, days=weekday)
                    starts = datetime.datetime.combine(day, datetime.time(hour), tzinfo=zone)
                    held = starts + datetime.timedelta(hours=1) < ctx.now
                    sessions.add({
                        "tenant_id": ctx.tenant.pk, "cohort_id": cohort_id, "title": title.format(w=week + 1), "kind": kind,
                        "description": "", "starts_at": starts, "duration_minutes": 60, "host_id": hosts[cohort_id],
                        "join_url": f"https://meet.example.edu/bench-{cohort_id}", "cancelled_at": None, "cancel_reason": "",
                        "recording_url": f"https://video.example.edu/bench/{cohort_id}/{week}/{weekday}" if held else "",
                        "recording_file": "", "recording_type": "", "captions_file": "", "captions_language": "en",
                        "transcript": "", "recording_posted_at": starts + datetime.timedelta(hours=2) if held else None,
                        "created_by_id": None, "created_at": ctx.now,
                    })
    term = Term.objects.get(tenant=ctx.tenant)
    posted = ctx.now - datetime.timedelta(days=2)
    announcements = [
        Announcement(tenant=ctx.tenant, audience="school", title="Practice exams open in week 10",
                     body="Timed CPC practice exams open in week 10.", body_html="<p>Timed CPC practice exams open in week 10.</p>",
                     author_id=ctx.registrar_user_id, publish_at=posted, published_at=posted, created_at=posted),
        Announcement(tenant=ctx.tenant, audience="term", term=term, title="Drop deadline reminder",
                     body="The last day to drop is in the second week.", body_html="<p>The last day to drop is in the second week.</p>",
                     author_id=ctx.registrar_user_id, publish_at=posted, published_at=posted, created_at=posted),
    ]
    announcements += [
        Announcement(tenant=ctx.tenant, audience="cohort", cohort_id=cohort_id, title="This week's office hours",
                     body="Bring your sequencing questions.", body_html="<p>Bring your sequencing questions.</p>",
                     author_id=None, publish_at=posted, published_at=posted, created_at=posted)
        for cohort_id in ctx.cohort_ids
    ]
    Announcement.objects.bulk_create(announcements, batch_size=1000)
    return {"LiveSession": sessions.count, "Announcement": len(announcements)}
