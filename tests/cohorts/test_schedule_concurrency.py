"""Two term-schedule dispatchers at the same moment, with a real worker sending the emails:
every notice exactly once (PostgreSQL, Redis, threads)."""

from __future__ import annotations

import datetime
import time

import pytest
from django.utils import timezone

from cohorts import live_sessions, schedule
from lms.celery import app as celery_app
from lms.models import DispatchMark, Notification, Role
from tests.cohorts.test_concurrency import run_at_once, school  # noqa: F401  (the PostgreSQL school fixture)
from tests.factories import (
    CohortFactory,
    CohortStaffFactory,
    EnrollmentFactory,
    LiveSessionFactory,
    MembershipFactory,
    TermFactory,
)
from tests.lms.test_real_services import real_worker  # noqa: F401  (the fixture)

pytestmark = pytest.mark.services

STUDENTS = 6


def test_two_dispatchers_at_once_tell_everyone_once_and_email_once(school, real_worker):  # noqa: F811  (fixtures)
    queue, log = real_worker
    # The worker sends what is due by its own clock, so the dates are today's: the term starts in
    # six days, so its week-ahead notice came due yesterday, while the dispatcher was down.
    now = timezone.now()
    START = now.date() + datetime.timedelta(days=6)
    DispatchMark.objects.create(name=schedule.DISPATCHER, looked_until=now - datetime.timedelta(days=3))
    term = TermFactory(tenant=school.tenant, name="Spring 2027", starts_on=START, ends_on=START + datetime.timedelta(days=110),
                       enrollment_opens_on=START - datetime.timedelta(days=40), enrollment_closes_on=START + datetime.timedelta(days=5),
                       drop_deadline=START + datetime.timedelta(days=14))
    cohort = CohortFactory(tenant=school.tenant, term=term, time_zone="UTC")
    CohortStaffFactory(cohort=cohort, membership=school.membership(school.instructor))
    for n in range(STUDENTS):
        member = MembershipFactory(tenant=school.tenant, role=Role.STUDENT, user__email=f"learner{n}@example.test")
        EnrollmentFactory(cohort=cohort, membership=member, state="active")
    # A live session in half an hour: its day-before reminder also fell in the outage, so only the
    # hour-before one is still true.
    session = LiveSessionFactory(cohort=cohort, title="Office hours: sequencing", starts_at=now + datetime.timedelta(minutes=30))

    default_queue = celery_app.conf.task_default_queue
    celery_app.conf.task_default_queue = queue  # the emails go to this test's worker
    try:
        results = run_at_once([lambda: schedule.dispatch_term_schedule(now=now)] * 2)
    finally:
        celery_app.conf.task_default_queue = default_queue
    assert not [r for r in results if isinstance(r, Exception)], results

    rows = Notification.objects.filter(kind="term.starting")
    assert rows.count() == STUDENTS + 1  # the students and the instructor, once each
    assert rows.values("recipient").distinct().count() == STUDENTS + 1
    reminders = Notification.objects.filter(kind="live.reminder")
    assert sorted(set(reminders.values_list("key", flat=True))) == [live_sessions.reminder_key(session, 1)]
    assert reminders.count() == STUDENTS + 1
    # The students' emails (the instructor's term email waits for the digest; live reminders are in the app only).
    students = Notification.objects.filter(email_mode="immediate")
    deadline = time.monotonic() + 60
    while students.filter(emailed_at__isnull=True).exists() and time.monotonic() < deadline:
        time.sleep(0.5)
    assert not students.filter(emailed_at__isnull=True).exists(), "the worker did not send every email"
    time.sleep(1)  # let a duplicate, if there were one, reach the log
    log.seek(0)
    sent = log.read()
    assert sent.count("Subject: Spring 2027 starts in a week") == STUDENTS
    assert sent.count("Subject: Office hours: sequencing starts in an hour") == STUDENTS
    assert DispatchMark.objects.get().looked_until == now
