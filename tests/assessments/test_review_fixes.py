"""What a whole-change review found: scores and keys kept until released, choices that keep their ids,
dates that move open attempts, saves and submits at the edges, and the grading caches."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

import pytest
from django.utils import timezone

from assessments.models import Attempt, AttemptItem
from assessments.results import attempt_results
from assessments.services import attempts, delivery, grading, questions, regrade
from assessments.services.attempts import AttemptRefused
from lms.models import Notification
from tests.assessments.conftest import make_exam, right_answer
from tests.conftest import text
from tests.factories import EnrollmentFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def _graded(cast, exam, capture):
    attempt = attempts.attempt_start(membership=cast.school.membership(cast.school.student), scheduled=exam.scheduled,
                                     rng=random.Random(4))
    for item in AttemptItem.objects.filter(attempt=attempt).select_related("version__question"):
        attempts.answer_save(attempt=attempt, position=item.position, response=right_answer(item), seq=1)
    with capture(execute=False):
        attempts.attempt_submit(attempt=attempt)
    grading.attempt_grade(tenant_id=attempt.tenant_id, attempt_id=attempt.pk)
    attempt.refresh_from_db()
    return attempt


def test_a_grade_stays_off_the_list_until_scores_are_released(school_a, cohort_a, django_capture_on_commit_callbacks):
    exam = make_exam(cohort_a, show_scores="after_close")
    _graded(cohort_a, exam, django_capture_on_commit_callbacks)
    page = text(school_a.client(school_a.student).get(f"/cohorts/{cohort_a.cohort.pk}/assessments/"))
    assert "100.00%" not in page and "Graded" in page


def test_the_key_waits_for_the_latest_extended_close_in_the_cohort(school_a, cohort_a, django_capture_on_commit_callbacks):
    exam = make_exam(cohort_a, show_answers="after_close")
    attempt = _graded(cohort_a, exam, django_capture_on_commit_callbacks)
    classmate = EnrollmentFactory(cohort=cohort_a.cohort, membership=MembershipFactory(tenant=school_a.tenant), state="active")
    delivery.accommodation_set(tenant=school_a.tenant, actor=school_a.registrar, membership=classmate.membership,
                               time_multiplier=Decimal("1.5"), close_extension_hours=48)
    after_plain_close = exam.scheduled.closes_at + datetime.timedelta(hours=1)
    assert not attempt_results(attempt=attempt, staff=False, now=after_plain_close).show_answers
    assert attempt_results(attempt=attempt, staff=False, now=after_plain_close + datetime.timedelta(hours=48)).show_answers


def test_a_choice_keeps_its_id_when_the_choices_change(school_a, exam):
    question = exam.questions[0]  # E11.65 is choice a
    data = {"kind": "single", "domain": str(question.domain_id), "prompt": question.current.prompt,
            "choices": [{"text": "E10.65"}, {"text": "E11.65", "correct": True}, {"text": "E13.65"}]}
    edited = questions.question_update(tenant=school_a.tenant, actor=school_a.instructor, question=question, data=data)
    ids = {c["text"]: c["id"] for c in edited.version.choices}
    assert ids["E11.65"] == "a" and ids["E10.65"] == "c" and ids["E13.65"] not in "abcd"


def test_new_dates_move_the_open_attempts_deadlines(school_a, cohort_a):
    exam = make_exam(cohort_a, time_limit=None)
    attempt = attempts.attempt_start(membership=school_a.membership(school_a.student), scheduled=exam.scheduled)
    later = exam.scheduled.closes_at + datetime.timedelta(days=2)
    delivery.schedule_set(tenant=school_a.tenant, actor=school_a.instructor, cohort=cohort_a.cohort,
                          assessment=exam.assessment, opens_at=exam.scheduled.opens_at, due_at=exam.scheduled.due_at,
                          closes_at=later)
    attempt.refresh_from_db()
    assert attempt.deadline_at == later


def test_a_save_that_arrives_after_the_submit_is_refused_and_changes_nothing(school_a, cohort_a, exam,
                                                                            django_capture_on_commit_callbacks):
    attempt = attempts.attempt_start(membership=school_a.membership(school_a.student), scheduled=exam.scheduled)
    stale = Attempt.objects.get(pk=attempt.pk)  # the save's request read the attempt before the submit
    with django_capture_on_commit_callbacks(execute=False):
        attempts.attempt_submit(attempt=attempt)
    with pytest.raises(AttemptRefused):
        attempts.answer_save(attempt=stale, position=1, response={"choice": "a"}, seq=1)
    assert AttemptItem.objects.get(attempt=attempt, position=1).response is None


def test_a_submit_after_time_ran_out_hands_in_at_the_deadline(school_a, cohort_a, exam, django_capture_on_commit_callbacks):
    attempt = attempts.attempt_start(membership=school_a.membership(school_a.student), scheduled=exam.scheduled)
    with django_capture_on_commit_callbacks(execute=False):
        attempts.attempt_submit(attempt=attempt, now=attempt.deadline_at + datetime.timedelta(minutes=10))
    attempt.refresh_from_db()
    assert attempt.submitted_by_deadline and attempt.submitted_at == attempt.deadline_at


def test_hand_grading_is_for_written_answers_only(school_a, cohort_a, exam, django_capture_on_commit_callbacks):
    attempt = _graded(cohort_a, exam, django_capture_on_commit_callbacks)
    item = AttemptItem.objects.filter(attempt=attempt).first()
    with pytest.raises(Exception, match="Only written answers"):
        regrade.item_hand_grade(tenant=school_a.tenant, actor=school_a.instructor, item=item, earned="0")


def test_written_answers_waiting_tell_the_cohorts_staff(school_a, cohort_a, django_capture_on_commit_callbacks):
    exam = make_exam(cohort_a, per_domain=1)
    written = questions.question_create(tenant=school_a.tenant, actor=school_a.instructor, bank=exam.bank, data={
        "kind": "written", "domain": "cpc:compliance", "prompt": "Why query?", "rubric": "Documentation."})
    delivery.blueprint_set(tenant=school_a.tenant, actor=school_a.instructor, assessment=exam.assessment,
                           rules=[{"domain": written.domain_id, "count": 1}])
    attempt = attempts.attempt_start(membership=school_a.membership(school_a.student), scheduled=exam.scheduled)
    with django_capture_on_commit_callbacks(execute=False):
        attempts.attempt_submit(attempt=attempt)
    grading.attempt_grade(tenant_id=attempt.tenant_id, attempt_id=attempt.pk)
    assert Notification.objects.filter(kind="assessment.needs_grading", recipient=school_a.instructor).count() == 1


def test_a_failed_grading_shows_students_no_internals(school_a, cohort_a, exam):
    attempt = attempts.attempt_start(membership=school_a.membership(school_a.student), scheduled=exam.scheduled)
    Attempt.objects.filter(pk=attempt.pk).update(state=Attempt.State.FAILED, failure_reason="OperationalError: db down")
    body = school_a.client(school_a.student).get(f"/api/v1/attempts/{attempt.pk}/").json()
    assert "db down" not in body["failure_reason"]
    staff = school_a.client(school_a.instructor).get(f"/api/v1/attempts/{attempt.pk}/").json()
    assert "db down" in staff["failure_reason"]


def test_a_release_loaded_again_is_not_answered_from_the_memo(school_a):
    from codesets.check import codes_check
    from codesets.memo import remembered
    from codesets.models import Release, System
    from tests.factories import CodeFactory, ReleaseFactory

    release = ReleaseFactory(system=System.HCPCS, version="2026-test", status=Release.Status.READY,
                             loaded_at=timezone.now() - datetime.timedelta(days=1))
    with remembered():
        assert not codes_check(tenant=school_a.tenant, system=System.HCPCS, codes=["J1100"], release=release).codes[0].valid
        CodeFactory(release=release, code="J1100", description="Dexamethasone sodium phosphate, 1 mg")
        Release.objects.filter(pk=release.pk).update(loaded_at=timezone.now())
        release.refresh_from_db()
        assert codes_check(tenant=school_a.tenant, system=System.HCPCS, codes=["J1100"], release=release).codes[0].valid
