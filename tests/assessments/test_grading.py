"""Grading jobs: claimed once, idempotent, their state recorded; written answers wait for staff."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

import pytest
from django.utils import timezone

from assessments.models import Attempt, AttemptItem
from assessments.services import attempts, grading, questions
from lms.models import Notification
from tests.assessments.conftest import make_exam, right_answer

pytestmark = pytest.mark.django_db


def taken(cast, exam, *, right: int, capture) -> Attempt:
    """An attempt with the first ``right`` items answered correctly and the rest wrong, submitted."""
    attempt = attempts.attempt_start(membership=cast.school.membership(cast.school.student), scheduled=exam.scheduled,
                                     rng=random.Random(3))
    for n, item in enumerate(AttemptItem.objects.filter(attempt=attempt).select_related("version__question").order_by("position")):
        wrong = next(c["id"] for c in item.version.choices if not c["correct"])
        attempts.answer_save(attempt=attempt, position=item.position, seq=1,
                             response=right_answer(item) if n < right else {"choice": wrong})
    with capture(execute=False):
        attempts.attempt_submit(attempt=attempt)
    return attempt


def test_grading_scores_the_attempt_and_tells_the_student(cohort_a, exam, django_capture_on_commit_callbacks):
    attempt = taken(cohort_a, exam, right=5, capture=django_capture_on_commit_callbacks)
    assert grading.attempt_grade(tenant_id=attempt.tenant_id, attempt_id=attempt.pk)
    attempt.refresh_from_db()
    assert (attempt.state, attempt.points, attempt.percent, attempt.passed) == (
        Attempt.State.GRADED, Decimal("5.00"), Decimal("83.33"), True)
    assert Notification.objects.filter(kind="assessment.graded", recipient=cohort_a.school.student).count() == 1


def test_grading_twice_leaves_one_result(cohort_a, exam, django_capture_on_commit_callbacks):
    attempt = taken(cohort_a, exam, right=3, capture=django_capture_on_commit_callbacks)
    assert grading.attempt_grade(tenant_id=attempt.tenant_id, attempt_id=attempt.pk)
    assert not grading.attempt_grade(tenant_id=attempt.tenant_id, attempt_id=attempt.pk)
    attempt.refresh_from_db()
    assert attempt.percent == Decimal("50.00") and attempt.passed is False
    assert Notification.objects.filter(kind="assessment.graded").count() == 1


def test_a_fresh_claim_is_not_taken_by_a_second_job(cohort_a, exam, django_capture_on_commit_callbacks):
    attempt = taken(cohort_a, exam, right=3, capture=django_capture_on_commit_callbacks)
    now = timezone.now()
    assert grading._claim(attempt.tenant_id, attempt.pk, now)
    assert not grading.attempt_grade(tenant_id=attempt.tenant_id, attempt_id=attempt.pk, now=now + datetime.timedelta(seconds=5))


def test_a_stale_claim_is_retaken_and_the_dead_claim_cannot_write(cohort_a, exam, django_capture_on_commit_callbacks):
    attempt = taken(cohort_a, exam, right=6, capture=django_capture_on_commit_callbacks)
    dead = timezone.now() - datetime.timedelta(minutes=10)
    assert grading._claim(attempt.tenant_id, attempt.pk, dead)
    assert (attempt.tenant_id, attempt.pk) in grading.attempts_to_requeue()
    assert grading.attempt_grade(tenant_id=attempt.tenant_id, attempt_id=attempt.pk)
    assert not grading._finish(attempt, [], dead)
    attempt.refresh_from_db()
    assert attempt.percent == Decimal("100.00")


def test_a_failed_grading_records_its_reason_and_can_be_retried(cohort_a, exam, django_capture_on_commit_callbacks, monkeypatch):
    attempt = taken(cohort_a, exam, right=6, capture=django_capture_on_commit_callbacks)

    def broken(**kwargs):
        raise RuntimeError("the code-set table is being reloaded")

    monkeypatch.setattr(grading, "item_grade", broken)
    with pytest.raises(RuntimeError):
        grading.attempt_grade(tenant_id=attempt.tenant_id, attempt_id=attempt.pk)
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.FAILED and "being reloaded" in attempt.failure_reason
    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        assert grading.attempt_retry(attempt=attempt)
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.GRADED and attempt.failure_reason == ""


def test_a_late_submission_loses_its_penalty(cohort_a, django_capture_on_commit_callbacks):
    exam = make_exam(cohort_a, time_limit=None)
    exam.scheduled.due_at = timezone.now() - datetime.timedelta(hours=30)
    exam.scheduled.opens_at = timezone.now() - datetime.timedelta(days=3)
    exam.scheduled.late_penalty_percent = Decimal("10")
    exam.scheduled.save()
    attempt = taken(cohort_a, exam, right=6, capture=django_capture_on_commit_callbacks)
    grading.attempt_grade(tenant_id=attempt.tenant_id, attempt_id=attempt.pk)
    attempt.refresh_from_db()
    assert (attempt.late_penalty_percent, attempt.percent) == (Decimal("20.00"), Decimal("80.00"))


def test_a_written_answer_waits_for_hand_grading(cohort_a, django_capture_on_commit_callbacks):
    school = cohort_a.school
    exam = make_exam(cohort_a, per_domain=1)
    written = questions.question_create(tenant=school.tenant, actor=school.instructor, bank=exam.bank, data={
        "kind": "written", "domain": "cpc:compliance", "prompt": "Explain when modifier 25 applies.",
        "rubric": "Significant, separately identifiable E/M on the day of a procedure.",
    })
    from assessments.services import delivery

    delivery.blueprint_set(tenant=school.tenant, actor=school.instructor, assessment=exam.assessment,
                           rules=[{"domain": written.domain_id, "count": 1}])
    attempt = attempts.attempt_start(membership=school.membership(school.student), scheduled=exam.scheduled)
    attempts.answer_save(attempt=attempt, position=1, response={"text": "When the visit stands on its own."}, seq=1)
    with django_capture_on_commit_callbacks(execute=False):
        attempts.attempt_submit(attempt=attempt)
    grading.attempt_grade(tenant_id=attempt.tenant_id, attempt_id=attempt.pk)
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.NEEDS_GRADING and attempt.percent is None


def test_multiple_answer_credit_takes_back_a_share_for_each_wrong_choice():
    from assessments.models import QuestionVersion

    version = QuestionVersion(choices=[{"id": "a", "correct": True}, {"id": "b", "correct": True}, {"id": "c", "correct": False}])
    item = AttemptItem(response={"choices": ["a", "c"]})
    credit, _ = grading.item_grade(tenant=None, kind="multiple", key=version, item=item)
    assert credit == Decimal("0")
    item.response = {"choices": ["a"]}
    assert grading.item_grade(tenant=None, kind="multiple", key=version, item=item)[0] == Decimal("0.5")


@pytest.mark.parametrize(("policy", "grade"), [("highest", "90.00"), ("latest", "60.00"), ("average", "75.00")])
def test_the_scoring_policy_picks_the_grade(policy, grade):
    from assessments.grades import counted_percent

    tries = [Attempt(number=1, state=Attempt.State.GRADED, percent=Decimal("90")),
             Attempt(number=2, state=Attempt.State.GRADED, percent=Decimal("60")),
             Attempt(number=3, state=Attempt.State.IN_PROGRESS)]
    assert counted_percent(tries, policy) == Decimal(grade)


def test_the_beat_task_regrades_an_attempt_whose_worker_died(cohort_a, exam, django_capture_on_commit_callbacks):
    from assessments import tasks

    attempt = taken(cohort_a, exam, right=6, capture=django_capture_on_commit_callbacks)
    grading._claim(attempt.tenant_id, attempt.pk, timezone.now() - datetime.timedelta(minutes=10))  # the dead worker's claim
    tasks.close_overdue_attempts()
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.GRADED and attempt.times_graded == 1


def test_the_beat_task_submits_an_overdue_attempt_and_grades_it(cohort_a, exam, django_capture_on_commit_callbacks):
    from assessments import tasks

    attempt = attempts.attempt_start(membership=cohort_a.school.membership(cohort_a.school.student), scheduled=exam.scheduled)
    Attempt.objects.filter(pk=attempt.pk).update(deadline_at=timezone.now() - datetime.timedelta(minutes=5))
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.close_overdue_attempts() == 1
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.GRADED and attempt.submitted_by_deadline and attempt.percent == 0


def test_a_key_changed_after_an_attempt_was_graded_is_read_afresh(cohort_a, django_capture_on_commit_callbacks):
    """The worker keeps the keys of versions it has graded; a new version is a new key it reads."""
    from assessments.services import questions as question_services

    exam = make_exam(cohort_a, per_domain=1)
    first = taken(cohort_a, exam, right=3, capture=django_capture_on_commit_callbacks)
    grading.attempt_grade(tenant_id=first.tenant_id, attempt_id=first.pk)
    item = AttemptItem.objects.filter(attempt=first).select_related("version__question").first()
    question, version = item.version.question, item.version
    data = {"kind": "single", "domain": str(question.domain_id), "prompt": version.prompt, "points": "5",
            "choices": [{"text": c["text"], "correct": c["correct"]} for c in version.choices]}
    with django_capture_on_commit_callbacks(execute=False):
        question_services.question_update(tenant=first.tenant, actor=cohort_a.school.instructor, question=question, data=data)
    second = taken(cohort_a, exam, right=3, capture=django_capture_on_commit_callbacks)
    grading.attempt_grade(tenant_id=second.tenant_id, attempt_id=second.pk)
    assert AttemptItem.objects.get(attempt=second, version__question=question).points == Decimal("5.00")
