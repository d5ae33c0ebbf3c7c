"""Starting, saving and submitting attempts, with the server's deadlines and accommodations."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

import pytest
from django.utils import timezone

from assessments.models import Attempt, AttemptItem
from assessments.services import attempts, delivery
from assessments.services.attempts import AttemptRefused
from tests.assessments.conftest import make_exam

pytestmark = pytest.mark.django_db


def start(cast, exam, **kw):
    return attempts.attempt_start(membership=cast.school.membership(cast.school.student), scheduled=exam.scheduled,
                                  rng=random.Random(7), **kw)


def test_an_attempt_draws_the_blueprint_per_domain(cohort_a, exam):
    attempt = start(cohort_a, exam)
    domains = sorted(AttemptItem.objects.filter(attempt=attempt).values_list("domain__code", flat=True))
    assert domains == ["em", "em", "hcpcs", "hcpcs", "icd10cm", "icd10cm"]
    assert attempt.max_points == Decimal("6.00")


def test_starting_twice_resumes_the_open_attempt(cohort_a, exam):
    first = start(cohort_a, exam)
    assert start(cohort_a, exam).pk == first.pk
    assert Attempt.objects.count() == 1


def test_a_timed_attempt_ends_at_start_plus_the_limit(cohort_a, exam):
    now = timezone.now()
    attempt = start(cohort_a, exam, now=now)
    assert attempt.deadline_at == now + datetime.timedelta(minutes=60)


def test_the_multiplier_stretches_the_limit(cohort_a, exam):
    school = cohort_a.school
    delivery.accommodation_set(tenant=school.tenant, actor=school.registrar, membership=school.membership(school.student),
                               time_multiplier=Decimal("1.5"))
    now = timezone.now()
    attempt = start(cohort_a, exam, now=now)
    assert attempt.deadline_at == now + datetime.timedelta(minutes=90)


def test_the_close_cuts_a_plain_attempt_short(cohort_a, exam):
    now = exam.scheduled.closes_at - datetime.timedelta(minutes=20)
    attempt = start(cohort_a, exam, now=now)
    assert attempt.deadline_at == exam.scheduled.closes_at


def test_an_extended_close_gives_the_accommodated_student_their_whole_time(cohort_a, exam):
    school = cohort_a.school
    delivery.accommodation_set(tenant=school.tenant, actor=school.registrar, membership=school.membership(school.student),
                               time_multiplier=Decimal("2.0"), close_extension_hours=3)
    now = exam.scheduled.closes_at - datetime.timedelta(minutes=20)
    attempt = start(cohort_a, exam, now=now)
    assert attempt.deadline_at == now + datetime.timedelta(minutes=120)


def test_an_accommodated_student_saves_past_the_plain_close(cohort_a, exam):
    school = cohort_a.school
    delivery.accommodation_set(tenant=school.tenant, actor=school.registrar, membership=school.membership(school.student),
                               time_multiplier=Decimal("2.0"), close_extension_hours=3)
    started = exam.scheduled.closes_at - datetime.timedelta(minutes=30)
    attempt = start(cohort_a, exam, now=started)
    saved = attempts.answer_save(attempt=attempt, position=1, response={"choice": "a"}, seq=1,
                                 now=exam.scheduled.closes_at + datetime.timedelta(minutes=45))
    assert saved.saved and saved.seconds_left == 45 * 60
    assert AttemptItem.objects.get(attempt=attempt, position=1).response == {"choice": "a"}


def test_a_save_within_the_grace_is_taken(cohort_a, exam):
    attempt = start(cohort_a, exam)
    saved = attempts.answer_save(attempt=attempt, position=1, response={"choice": "b"}, seq=1,
                                 now=attempt.deadline_at + datetime.timedelta(seconds=10))
    assert saved.saved and saved.seconds_left == 0


def test_a_save_past_the_grace_is_refused_and_the_saved_answers_are_kept(cohort_a, exam, django_capture_on_commit_callbacks):
    attempt = start(cohort_a, exam)
    attempts.answer_save(attempt=attempt, position=1, response={"choice": "a"}, seq=1)
    with django_capture_on_commit_callbacks(execute=False), pytest.raises(AttemptRefused, match="Time ran out"):
        attempts.answer_save(attempt=attempt, position=1, response={"choice": "c"}, seq=2,
                             now=attempt.deadline_at + datetime.timedelta(minutes=2))
    attempt.refresh_from_db()
    assert AttemptItem.objects.get(attempt=attempt, position=1).response == {"choice": "a"}
    assert attempt.state == Attempt.State.SUBMITTED and attempt.submitted_by_deadline
    assert attempt.submitted_at == attempt.deadline_at


def test_an_older_save_never_overwrites_a_newer_one(cohort_a, exam):
    attempt = start(cohort_a, exam)
    attempts.answer_save(attempt=attempt, position=2, response={"choice": "c"}, seq=5)
    late = attempts.answer_save(attempt=attempt, position=2, response={"choice": "a"}, seq=4)
    assert not late.saved and late.seq == 5
    assert AttemptItem.objects.get(attempt=attempt, position=2).response == {"choice": "c"}


def test_a_choice_that_is_not_offered_is_refused(cohort_a, exam):
    attempt = start(cohort_a, exam)
    with pytest.raises(Exception, match="not one of this question's choices"):
        attempts.answer_save(attempt=attempt, position=1, response={"choice": "z"}, seq=1)
    assert AttemptItem.objects.get(attempt=attempt, position=1).response is None


def test_the_dispatcher_closes_overdue_attempts_once(cohort_a, exam, django_capture_on_commit_callbacks):
    attempt = start(cohort_a, exam)
    later = attempt.deadline_at + datetime.timedelta(minutes=5)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        assert attempts.close_overdue_attempts(now=later) == 1
        assert attempts.close_overdue_attempts(now=later) == 0
    assert len(queued) == 1
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.SUBMITTED and attempt.submitted_by_deadline


def test_the_dispatcher_leaves_attempts_within_their_time(cohort_a, exam):
    start(cohort_a, exam)
    assert attempts.close_overdue_attempts() == 0


def test_a_student_cannot_take_more_attempts_than_allowed(cohort_a, exam, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        for _ in range(2):
            attempts.attempt_submit(attempt=start(cohort_a, exam))
    with pytest.raises(AttemptRefused, match="all 2 of your attempts"):
        start(cohort_a, exam)


def test_extra_attempts_from_an_accommodation_count(cohort_a, exam, django_capture_on_commit_callbacks):
    school = cohort_a.school
    delivery.accommodation_set(tenant=school.tenant, actor=school.registrar, membership=school.membership(school.student),
                               time_multiplier=Decimal("1"), extra_attempts=1)
    with django_capture_on_commit_callbacks(execute=False):
        for _ in range(2):
            attempts.attempt_submit(attempt=start(cohort_a, exam))
    assert start(cohort_a, exam).number == 3


def test_nothing_starts_before_it_opens(cohort_a, exam):
    with pytest.raises(AttemptRefused, match="opens at"):
        start(cohort_a, exam, now=exam.scheduled.opens_at - datetime.timedelta(minutes=1))


def test_a_blueprint_the_bank_cannot_fill_is_refused_at_publish(cohort_a):
    exam = make_exam(cohort_a)
    with pytest.raises(Exception, match="asks for 9 questions"):
        delivery.blueprint_set(tenant=cohort_a.school.tenant, actor=cohort_a.school.instructor, assessment=exam.assessment,
                               rules=[{"domain": exam.domains["cpc:em"].pk, "count": 9}])
        delivery.assessment_update(tenant=cohort_a.school.tenant, actor=cohort_a.school.instructor,
                                   assessment=exam.assessment, data={"is_published": True})


def test_a_changed_accommodation_moves_an_open_deadline(cohort_a, exam):
    now = timezone.now()
    attempt = start(cohort_a, exam, now=now)
    school = cohort_a.school
    delivery.accommodation_set(tenant=school.tenant, actor=school.registrar, membership=school.membership(school.student),
                               time_multiplier=Decimal("2"))
    attempt.refresh_from_db()
    assert attempt.deadline_at == now + datetime.timedelta(minutes=120)
