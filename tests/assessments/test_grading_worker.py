"""A real worker grades 1,000 submitted attempts exactly once, though it is killed (SIGKILL) mid-run and
started again: the dead worker's claim goes stale, the dispatcher queues its attempt again, and no
attempt is written twice."""

from __future__ import annotations

import time

import pytest
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from assessments.models import Attempt, AttemptItem, Question
from assessments.services import grading
from cohorts.models import Enrollment
from lms.models import Role
from tests.assessments.conftest import make_exam
from tests.conftest import make_cohort, make_school, require_service
from tests.factories import MembershipFactory
from tests.workers import Worker, new_queue, routed, services_available

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]
ATTEMPTS = 1000
STALE_SECONDS = 3


def _submitted_attempts(exam, cohort, tenant) -> list[int]:
    """ATTEMPTS submitted attempts, built in bulk: 20 students x 50 attempts, each answering two questions."""
    questions = list(Question.objects.filter(bank=exam.bank).select_related("current")[:2])
    students = [MembershipFactory(tenant=tenant, role=Role.STUDENT) for _ in range(20)]
    enrollments = Enrollment.objects.bulk_create(
        Enrollment(tenant=tenant, cohort=cohort, membership=m, state=Enrollment.State.ACTIVE) for m in students
    )
    now = timezone.now()
    attempts = Attempt.objects.bulk_create(
        Attempt(tenant=tenant, scheduled=exam.scheduled, enrollment=e, number=n, state=Attempt.State.SUBMITTED,
                started_at=now, submitted_at=now, max_points=2)
        for e in enrollments for n in range(1, ATTEMPTS // len(enrollments) + 1)
    )
    AttemptItem.objects.bulk_create(
        AttemptItem(tenant=tenant, attempt=a, position=p, version=q.current, domain_id=q.domain_id, points=1,
                    choice_order=[c["id"] for c in q.current.choices], seq=1, saved_at=now,
                    response={"choice": q.current.correct_choice_ids[0] if (a.pk + p) % 3 else "d"})
        for a in attempts for p, q in enumerate(questions, start=1)
    )
    return [a.pk for a in attempts]


def _graded() -> int:
    return Attempt.objects.filter(state=Attempt.State.GRADED).count()


def test_a_killed_worker_leaves_every_attempt_graded_exactly_once():
    if not services_available():
        require_service("the worker needs PostgreSQL (DATABASE_URL) and Redis (REDIS_URL)")
    from assessments.tasks import grade_attempt

    school = make_school("northwind", "Northwind College of Health")
    cast = make_cohort(school)
    exam = make_exam(cast)
    ids = _submitted_attempts(exam, cast.cohort, school.tenant)
    worker = Worker(new_queue(), env={"ASSESSMENT_GRADING_STALE_SECONDS": str(STALE_SECONDS)})
    worker.start()
    try:
        with routed(worker.queue), override_settings(ASSESSMENT_GRADING_STALE_SECONDS=STALE_SECONDS):
            for attempt_id in ids:
                grade_attempt.delay(tenant_id=school.tenant.pk, attempt_id=attempt_id)
            deadline = time.monotonic() + 120
            while _graded() < ATTEMPTS // 4 and time.monotonic() < deadline:
                time.sleep(0.05)
            worker.kill()  # SIGKILL, mid-run: one attempt may be left claimed, its message unacknowledged
            killed_at = _graded()
            assert 0 < killed_at < ATTEMPTS, f"the kill came at {killed_at} graded; the test proves nothing"
            worker.start()
            deadline = time.monotonic() + 240
            while _graded() < ATTEMPTS and time.monotonic() < deadline:
                time.sleep(STALE_SECONDS)
                for tenant_id, attempt_id in grading.attempts_to_requeue():  # what the beat dispatcher does
                    grade_attempt.delay(tenant_id=tenant_id, attempt_id=attempt_id)
    finally:
        worker.stop()
    output = worker.output()
    worker.cleanup()
    connection.close()
    rows = Attempt.objects.filter(pk__in=ids)
    assert rows.filter(state=Attempt.State.GRADED).count() == ATTEMPTS, output[-3000:]
    assert set(rows.values_list("times_graded", flat=True)) == {1}
    # Answer (a.pk + p) % 3 == 0 is wrong: every attempt's score follows from its own answers, once.
    for attempt in rows.only("pk", "points"):
        expected = sum(1 for p in (1, 2) if (attempt.pk + p) % 3)
        assert attempt.points == expected
    assert "succeeded" in output
