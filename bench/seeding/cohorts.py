"""The current term, its cohorts and staff, and the students' places in them.

The term started 30 days ago, so every cohort is in progress and the first
five weekly modules are open. Students come in blocks, one per section; a
block takes every course of its section. A few applicants wait in the first
cohort (applied or waitlisted) so the registrar's queue has rows to show.
"""

from __future__ import annotations

import datetime
import zoneinfo

from bench.seeding.base import TERM_STARTED_DAYS_AGO, TIME_ZONE, Counts, Seeding
from bench.seeding.bulk import Inserter, insert
from cohorts.models import Cohort, CohortStaff, Enrollment, Term
from courses.models import Course

TERM_WEEKS = 12


def seed_cohorts(ctx: Seeding) -> Counts:
    """One term, a cohort per course and section (section-major), and an instructor for each."""
    today = ctx.now.astimezone(zoneinfo.ZoneInfo(TIME_ZONE)).date()
    ctx.term_starts_on = starts = today - datetime.timedelta(days=TERM_STARTED_DAYS_AGO)
    term = Term.objects.create(
        tenant=ctx.tenant, name="Bench term", starts_on=starts,
        ends_on=starts + datetime.timedelta(weeks=TERM_WEEKS, days=-1),
        enrollment_opens_on=starts - datetime.timedelta(days=28),
        enrollment_closes_on=starts + datetime.timedelta(days=7),
        drop_deadline=starts + datetime.timedelta(days=14),
    )
    codes = dict(Course.objects.filter(pk__in=ctx.course_ids).values_list("id", "code"))
    blocks = sections(ctx.size.students, ctx.size.sections)
    cohorts = [
        Cohort(tenant=ctx.tenant, course_id=course_id, term=term, section_code=f"{codes[course_id]}-S{s + 1:02d}",
               capacity=len(blocks[s]), time_zone=TIME_ZONE, meeting_pattern="Live office hours Tuesdays 7 pm")
        for s in range(ctx.size.sections) for course_id in ctx.course_ids
    ]
    insert(Cohort, cohorts)
    rows = Cohort.objects.filter(tenant=ctx.tenant).values_list("section_code", "id", "course_id")
    by_code = {code: (cohort_id, course_id) for code, cohort_id, course_id in rows}
    ctx.cohort_ids = [by_code[c.section_code][0] for c in cohorts]
    ctx.cohort_course = dict(by_code.values())
    staff = [CohortStaff(tenant=ctx.tenant, cohort_id=cohort_id, membership_id=ctx.instructor_ids[n])
             for n, cohort_id in enumerate(ctx.cohort_ids)]
    insert(CohortStaff, staff)
    return {"Term": 1, "Cohort": len(cohorts), "CohortStaff": len(staff)}


def sections(students: int, count: int) -> list[range]:
    """Student indexes (0-based) of each section: contiguous blocks, the first ones one larger if uneven."""
    size, extra = divmod(students, count)
    bounds = [0]
    for s in range(count):
        bounds.append(bounds[-1] + size + (1 if s < extra else 0))
    return [range(bounds[s], bounds[s + 1]) for s in range(count)]


def seed_enrollments(ctx: Seeding) -> Counts:
    """Active places for every student in the cohorts of their section, then the first cohort's queue."""
    starts = datetime.datetime.combine(ctx.term_starts_on, datetime.time(9), tzinfo=zoneinfo.ZoneInfo(TIME_ZONE))
    applied, admitted = starts - datetime.timedelta(days=21), starts - datetime.timedelta(days=7)
    per_section = ctx.size.courses
    with Inserter(Enrollment, copy=ctx.use_copy) as places:
        for s, block in enumerate(sections(ctx.size.students, ctx.size.sections)):
            for cohort_id in ctx.cohort_ids[s * per_section:(s + 1) * per_section]:
                for index in block:
                    places.add(Enrollment(
                        tenant=ctx.tenant, cohort_id=cohort_id, membership_id=ctx.student_ids[index],
                        state=Enrollment.State.ACTIVE, attested_admission=True, applied_at=applied,
                        activated_at=admitted, decided_by_id=ctx.registrar_user_id,
                    ))
        for n, membership_id in enumerate(ctx.applicant_ids):
            hours_ago = datetime.timedelta(hours=len(ctx.applicant_ids) - n)  # oldest first, as a queue reads
            places.add(_applicant(ctx, membership_id, n, ctx.now - hours_ago))
    active = Enrollment.objects.filter(tenant=ctx.tenant, state=Enrollment.State.ACTIVE).order_by("id")
    ctx.enrollments = list(active.values_list("id", "cohort_id"))
    return {"Enrollment": places.count}


def _applicant(ctx: Seeding, membership_id: int, n: int, when: datetime.datetime) -> Enrollment:
    """Every other applicant is waitlisted: the first cohort is full (its capacity is its block)."""
    waitlisted = n % 2 == 1
    return Enrollment(
        tenant=ctx.tenant, cohort_id=ctx.cohort_ids[0], membership_id=membership_id, attested_admission=True,
        state=Enrollment.State.WAITLISTED if waitlisted else Enrollment.State.APPLIED, applied_at=when,
        waitlisted_at=when if waitlisted else None,
    )
