"""Grades after the job: hand grading, regrading after a key change, keys flagged by a new code set."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest

from assessments.models import Attempt, AttemptItem, KeyReview, Question, RegradeJob
from assessments.services import attempts, delivery, grading, questions, regrade
from lms.models import AuditLogEntry
from tests.assessments.conftest import make_exam, right_answer

pytestmark = pytest.mark.django_db


def graded(cast, exam, capture, *, wrong_on: int | None = None) -> Attempt:
    attempt = attempts.attempt_start(membership=cast.school.membership(cast.school.student), scheduled=exam.scheduled,
                                     rng=random.Random(1))
    for item in AttemptItem.objects.filter(attempt=attempt).select_related("version__question"):
        answer = right_answer(item)
        if item.version.question_id == wrong_on:
            answer = {"choice": next(c["id"] for c in item.version.choices if not c["correct"])}
        attempts.answer_save(attempt=attempt, position=item.position, response=answer, seq=1)
    with capture(execute=False):
        attempts.attempt_submit(attempt=attempt)
    grading.attempt_grade(tenant_id=attempt.tenant_id, attempt_id=attempt.pk)
    attempt.refresh_from_db()
    return attempt


def test_fixing_a_key_regrades_the_attempts_and_audits_each_change(cohort_a, exam, django_capture_on_commit_callbacks):
    school = cohort_a.school
    attempt = graded(cohort_a, exam, django_capture_on_commit_callbacks)
    assert attempt.percent == Decimal("100.00")
    item = AttemptItem.objects.filter(attempt=attempt).select_related("version").first()
    question = Question.objects.get(pk=item.version.question_id)
    version = question.current
    given = next(c["id"] for c in version.choices if c["correct"])
    # The author decides the key was wrong: another choice is the right one.
    data = {"kind": "single", "domain": str(question.domain_id), "prompt": version.prompt, "rationale": version.rationale,
            "choices": [{"text": c["text"], "correct": c["id"] != given and c["id"] == "b"} for c in version.choices]}
    with django_capture_on_commit_callbacks(execute=True):
        edited = questions.question_update(tenant=school.tenant, actor=school.instructor, question=question, data=data)
    assert edited.new_version and edited.regrade is not None
    job = RegradeJob.objects.get(pk=edited.regrade.pk)
    assert (job.state, job.total, job.processed, job.changed) == (RegradeJob.State.DONE, 1, 1, 1)
    attempt.refresh_from_db()
    assert attempt.percent == Decimal("83.33")
    entry = AuditLogEntry.objects.get(action="attempt.score_changed")
    assert entry.before["percent"] == "100.00" and entry.after["percent"] == "83.33"
    assert "changed (the right choices)" in entry.after["reason"]


def test_a_regrade_run_twice_changes_nothing_the_second_time(cohort_a, exam, django_capture_on_commit_callbacks):
    school = cohort_a.school
    graded(cohort_a, exam, django_capture_on_commit_callbacks)
    question = Question.objects.get(pk=AttemptItem.objects.first().version.question_id)
    with django_capture_on_commit_callbacks(execute=False):
        job = regrade.regrade_request(tenant=school.tenant, actor=school.instructor, question=question, reason="Check")
    assert regrade.regrade_run(tenant_id=school.tenant.pk, job_id=job.pk)
    assert not regrade.regrade_run(tenant_id=school.tenant.pk, job_id=job.pk)
    job.refresh_from_db()
    assert job.changed == 0 and not AuditLogEntry.objects.filter(action="attempt.score_changed").exists()


def test_hand_grading_the_written_answer_makes_the_score_final(cohort_a, django_capture_on_commit_callbacks):
    school = cohort_a.school
    exam = make_exam(cohort_a, per_domain=1)
    written = questions.question_create(tenant=school.tenant, actor=school.instructor, bank=exam.bank, data={
        "kind": "written", "domain": "cpc:compliance", "prompt": "When is modifier 25 used?", "points": "4",
        "rubric": "A significant, separately identifiable E/M service on the day of a procedure.",
    })
    delivery.blueprint_set(tenant=school.tenant, actor=school.instructor, assessment=exam.assessment,
                           rules=[{"domain": exam.domains["cpc:em"].pk, "count": 1}, {"domain": written.domain_id, "count": 1}])
    attempt = attempts.attempt_start(membership=school.membership(school.student), scheduled=exam.scheduled)
    for item in AttemptItem.objects.filter(attempt=attempt).select_related("version__question"):
        answer = {"text": "For a separate E/M visit."} if item.version.question.kind == "written" else right_answer(item)
        attempts.answer_save(attempt=attempt, position=item.position, response=answer, seq=1)
    with django_capture_on_commit_callbacks(execute=False):
        attempts.attempt_submit(attempt=attempt)
    grading.attempt_grade(tenant_id=attempt.tenant_id, attempt_id=attempt.pk)
    queue = regrade.hand_grading_queue(cohort_ids=[cohort_a.cohort.pk])
    assert [i.version.question_id for i in queue] == [written.pk]
    with pytest.raises(Exception, match="from 0 to 4 points"):
        regrade.item_hand_grade(tenant=school.tenant, actor=school.instructor, item=queue[0], earned="5")
    regrade.item_hand_grade(tenant=school.tenant, actor=school.instructor, item=queue[0], earned="3", feedback="Name the rule.")
    attempt.refresh_from_db()
    assert (attempt.state, attempt.points, attempt.percent) == (Attempt.State.GRADED, Decimal("4.00"), Decimal("80.00"))
    assert regrade.hand_grading_queue(cohort_ids=[cohort_a.cohort.pk]) == []


def test_a_new_release_flags_keys_that_name_a_changed_code(cohort_a, exam, icd10cm, django_capture_on_commit_callbacks):
    from codesets.models import Code, Release, System
    from tests.factories import CodeFactory, ReleaseFactory

    school = cohort_a.school
    old = ReleaseFactory(system=System.ICD10CM, version="2025", effective_from="2024-10-01", status=Release.Status.READY)
    CodeFactory(release=old, code="E11.65", description="Old wording", kind=Code.Kind.SUBCATEGORY)
    CodeFactory(release=old, code="I10", description=Code.objects.get(release=icd10cm, key="I10").description,
                kind=Code.Kind.CATEGORY)
    question = questions.question_create(tenant=school.tenant, actor=school.instructor, bank=exam.bank, data={
        "kind": "code", "domain": "cpc:icd10cm", "prompt": "Code the diagnosis.",
        "items": [{"key": [{"role": "principal", "code": "E11.65"}]}],
    })
    question.current.icd10cm_release = old
    question.current.save()
    from assessments.key_review import keys_flag_for_review

    assert keys_flag_for_review(release_id=icd10cm.pk) == 1
    assert keys_flag_for_review(release_id=icd10cm.pk) == 0
    review = KeyReview.objects.get()
    assert review.question_id == question.pk and "E11.65 was revised" in review.reason
    assert Question.objects.get(pk=question.pk).needs_review
