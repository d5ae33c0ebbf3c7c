"""Seed the bench school: ``manage.py bench_seed --size XS|S|M|L|school [--fresh]``.

"Bench College" (slug ``bench``, host ``bench.localhost``) at one of the
sizes of Moodle's tool_generator, so our figures read beside theirs:

======  ==============================================================
XS      tests: 12 students, 2 courses x 2 sections = 4 cohorts of 6
S       one cohort of 100 students
M       one cohort of 1,000 students
L       one cohort of 10,000 students
school  5,000 students in 20 cohorts: 4 courses x 5 sections of 1,000;
        each student takes the 4 courses of their section (20,000
        enrollments), as a full-time cohort takes a term's courses
======  ==============================================================

Every course has full content (8 weekly modules x 6 lessons) and every
active enrollment has progress a month into term, and every student twenty
notices of that month, five unread. Logins: ``registrar@``,
``instructor{n}@``, ``student{n:05d}@`` and ``applicant{n:05d}@bench.test``,
all with the password ``bench-password``.

On PostgreSQL (2 shared cores) a fresh seed takes about 2 s at S, 5 s at M,
32 s at L and 62 s at ``school``; a second run at the same size only
rewrites bench/seeded.json. Steps print their rows and seconds.

Growing by app
--------------
``STEPS`` is the ordered list of what is seeded; each app's module
(``platform``, ``courses``, ``cohorts``) holds its own step functions. A
later app adds ``bench/seeding/<app>.py`` with functions ``(ctx: Seeding)
-> Counts`` and puts them into ``STEPS`` after the steps whose ids it reads
from ``ctx``. ``--fresh`` finds new tenant-owned tables by itself.

bench/seeded.json (read by the load runner; keys are stable)
------------------------------------------------------------
``host``                the school's host name (send it as Host)
``size``                the size seeded
``password``            every bench login's password
``tenant_id``           the school's id
``registrar_email``     the registrar (sees every cohort and the queue)
``instructor_email``    the instructor who staffs ``first_cohort_id``
``student_count``       students seeded (applicants not counted)
``student_emails``      up to 1,000 students active in ``first_cohort_id``, by email
``enrollment_ids``      their enrollments in ``first_cohort_id``: ``enrollment_ids[i]``
                        belongs to ``student_emails[i]``
``applicant_emails``    people applied or waitlisted in ``first_cohort_id``
``first_cohort_id``     the cohort the samples above are from
``cohort_ids``          every cohort, by section code
``course_ids``          every course, by code
``lesson_ids``          ``{"video": [...], "reading": [...], "exercise": [...]}``: the
                        first cohort's lessons open today, in course order
``upcoming_lesson_ids`` the same for lessons whose module opens later
``forum_topic_id``      the first cohort's general forum topic
``forum_thread_id``     its long thread (200 posts), the thread page the bench reads
``exam_schedule_id``    the first cohort's timed practice exam (open today), for the exam rush
``index_main_term_id``  the Alphabetic Index's "Fracture, traumatic", the main-term page the bench reads
``counts``              rows per table in the school (``User``: bench users)
``seeded_at``           when the school was created (ISO 8601)
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from allauth.account.models import EmailAddress
from django.db import models, transaction
from django.utils import timezone

from bench.seeding import assessments, cohorts, courses, forums, live, notifications, platform, reset, summary
from bench.seeding.base import SIZES, SLUG, Counts, Seeding, Size
from bench.seeding.bulk import analyze, vacuum
from lms.models import Tenant, User

__all__ = ["DEFAULT_OUTPUT", "SIZES", "STEPS", "Seeding", "Size", "SizeMismatch", "Step", "seed"]

DEFAULT_OUTPUT = Path(__file__).resolve().parents[1] / "seeded.json"


@dataclass(frozen=True)
class Step:
    name: str
    run: Callable[[Seeding], Counts]


# In the order the data depends on: each step reads ids the earlier ones left on ctx.
STEPS: list[Step] = [
    Step("platform: school and host", platform.seed_school),
    Step("platform: people", platform.seed_people),
    Step("courses: catalogue", courses.seed_catalogue),
    Step("courses: content", courses.seed_content),
    Step("cohorts: term, cohorts, staff", cohorts.seed_cohorts),
    Step("cohorts: enrollments", cohorts.seed_enrollments),
    Step("courses: progress", courses.seed_progress),
    Step("lms: notifications", notifications.seed_notifications),
    Step("cohorts: live sessions and announcements", live.seed_live_sessions),
    Step("cohorts: forums", forums.seed_forums),
    Step("assessments: banks and a timed exam per cohort", assessments.seed_assessments),
]

Say = Callable[[str], None]


class SizeMismatch(Exception):
    """The school exists at another size; reseeding it needs --fresh."""


def seed(*, size: Size, fresh: bool = False, use_copy: bool = True, say: Say = print) -> dict:
    """Seed (or find) the bench school and return what bench/seeded.json holds."""
    started = time.perf_counter()
    existing = Tenant.objects.filter(slug=SLUG).first()
    if existing is not None and not fresh:
        found = summary.existing_size(existing)
        if found != size.name:
            raise SizeMismatch(
                f"The bench school exists at size {found or 'unknown'}; use --fresh to reseed it at {size.name}."
            )
        say(f"The bench school already exists at size {size.name}; nothing to seed (use --fresh to reseed).")
        return summary.summary(existing, size.name)
    if fresh:
        _reset(say)  # also clears bench users left behind by a school deleted some other way
    tenant, seeded = _build(size, use_copy, say)
    _timed_line(say, "analyze", lambda: analyze(_tables(seeded)))
    _line(say, "total", time.perf_counter() - started)
    return summary.summary(tenant, size.name)


def _reset(say: Say) -> None:
    """Delete the old school in a transaction of its own, then vacuum what it emptied.

    Its own transaction, so its deferred key checks are timed here and not in
    the first load after it; the vacuum, because the load's key checks and
    index inserts would otherwise wade through the hundreds of thousands of
    dead rows a size ``school`` leaves. A crash between the two leaves no
    school, which the next run seeds.
    """
    with transaction.atomic():
        deleted = _timed(say, "reset: delete the old school", reset.delete_school)
        committing = time.perf_counter()
    _line(say, "reset: commit", time.perf_counter() - committing)
    _timed_line(say, "reset: vacuum", lambda: vacuum(_tables(deleted)))


def _build(size: Size, use_copy: bool, say: Say) -> tuple[Tenant, Counts]:
    """Every step in one transaction: a failed run leaves no half school to mistake for a seeded one."""
    with transaction.atomic():
        ctx = Seeding(size=size, now=timezone.now(), use_copy=use_copy)
        seeded: Counts = {}
        for step in STEPS:
            seeded |= _timed(say, step.name, lambda step=step: step.run(ctx))
        committing = time.perf_counter()
    # Foreign keys are deferred: rows not loaded by COPY (see bulk.foreign_keys_checked_after) are checked here.
    _line(say, "commit", time.perf_counter() - committing)
    return ctx.tenant, seeded


def _tables(counts: Counts) -> list[type[models.Model]]:
    """The models that ``counts`` names with rows (steps count by model name)."""
    return [m for m in [User, EmailAddress, *reset.tenant_tables()] if counts.get(m.__name__)]


def _timed(say: Say, name: str, work: Callable[[], Counts]) -> Counts:
    started = time.perf_counter()
    counts = work()
    seconds = time.perf_counter() - started
    detail = ", ".join(f"{table} {n:,}" for table, n in counts.items())
    say(f"{name:<32} {sum(counts.values()):>9,} rows {seconds:7.1f} s  ({detail})")
    return counts


def _timed_line(say: Say, name: str, work: Callable[[], object]) -> None:
    started = time.perf_counter()
    work()
    _line(say, name, time.perf_counter() - started)


def _line(say: Say, name: str, seconds: float) -> None:
    say(f"{name:<32} {'':>14} {seconds:7.1f} s")
