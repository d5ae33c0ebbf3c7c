"""Assessments in the schedule notices, on the calendar, and as a module's completion requirement."""

from __future__ import annotations

import datetime
import random

import pytest
from django.utils import timezone

from assessments.models import AttemptItem
from assessments.schedule_notices import assessment_notices
from assessments.services import attempts, delivery, grading
from cohorts import schedule
from cohorts.calendar import calendar_events
from courses.requirements import REGISTRY, ModuleFacts
from lms.models import Notification
from tests.assessments.conftest import right_answer
from tests.factories import ModuleFactory

pytestmark = pytest.mark.django_db
HOUR = datetime.timedelta(hours=1)


def test_opening_reaches_the_cohorts_students(cohort_a, exam):
    opens = exam.scheduled.opens_at
    found = assessment_notices(opens - HOUR, opens + HOUR)
    opened = [d for d in found if d.kind == "assessment.opened"]
    assert len(opened) == 1 and opened[0].recipients == {cohort_a.school.student.pk}
    assert opened[0].title == "CPC practice exam is open"


def test_due_tomorrow_skips_who_already_submitted(cohort_a, exam, django_capture_on_commit_callbacks):
    due = exam.scheduled.due_at
    window = (due - datetime.timedelta(hours=25), due - datetime.timedelta(hours=23))
    assert [d.recipients for d in assessment_notices(*window) if d.kind == "assessment.due"] == [{cohort_a.school.student.pk}]
    with django_capture_on_commit_callbacks(execute=False):
        attempts.attempt_submit(attempt=attempts.attempt_start(membership=cohort_a.school.membership(cohort_a.school.student),
                                                               scheduled=exam.scheduled))
    assert [d for d in assessment_notices(*window) if d.kind == "assessment.due"] == []


def test_the_dispatcher_tells_each_student_once(cohort_a, exam):
    when = exam.scheduled.due_at - datetime.timedelta(hours=23)
    schedule.dispatch_term_schedule(now=when)
    schedule.dispatch_term_schedule(now=when + datetime.timedelta(minutes=5))
    assert Notification.objects.filter(kind="assessment.due", recipient=cohort_a.school.student).count() == 1


def test_a_moved_due_date_is_not_announced_at_its_old_time(cohort_a, exam):
    due = exam.scheduled.due_at
    found = [d for d in assessment_notices(due - datetime.timedelta(hours=25), due - datetime.timedelta(hours=23))
             if d.kind == "assessment.due"]
    type(exam.scheduled).objects.filter(pk=exam.scheduled.pk).update(due_at=due + datetime.timedelta(days=2))
    assert not found[0].still_true()


def test_the_due_date_is_on_the_students_calendar_with_their_best_score(cohort_a, exam, django_capture_on_commit_callbacks):
    school = cohort_a.school
    attempt = attempts.attempt_start(membership=school.membership(school.student), scheduled=exam.scheduled)
    for item in AttemptItem.objects.filter(attempt=attempt).select_related("version__question"):
        attempts.answer_save(attempt=attempt, position=item.position, response=right_answer(item), seq=1)
    with django_capture_on_commit_callbacks(execute=True):
        attempts.attempt_submit(attempt=attempt)
    today = timezone.localdate()
    events = calendar_events(membership=school.membership(school.student), start=today - datetime.timedelta(days=1),
                             end=today + datetime.timedelta(days=3))
    assert [e.title for e in events if e.kind == "assessment_due"] == ["CPC practice exam due · your best 100%"]


def test_passing_the_module_quiz_completes_that_requirement(cohort_a, django_capture_on_commit_callbacks):
    from tests.assessments.conftest import make_exam

    school = cohort_a.school
    module = ModuleFactory(course=cohort_a.cohort.course, requirements=[{"kind": "quiz_passed"}])
    exam = make_exam(cohort_a)
    delivery.assessment_update(tenant=school.tenant, actor=school.instructor, assessment=exam.assessment,
                               data={"module": module.pk})
    requirement = REGISTRY["quiz_passed"]
    facts = lambda gathered: ModuleFacts(module=module, lessons=[], progress={}, enrollment_id=cohort_a.enrollment.pk,  # noqa: E731
                                         gathered=gathered)
    gathered = requirement.gather(modules=[module], enrollment_ids=[cohort_a.enrollment.pk])
    assert not requirement.status({}, facts(gathered)).met
    attempt = attempts.attempt_start(membership=school.membership(school.student), scheduled=exam.scheduled, rng=random.Random(2))
    for item in AttemptItem.objects.filter(attempt=attempt).select_related("version__question"):
        attempts.answer_save(attempt=attempt, position=item.position, response=right_answer(item), seq=1)
    with django_capture_on_commit_callbacks(execute=False):
        attempts.attempt_submit(attempt=attempt)
    grading.attempt_grade(tenant_id=attempt.tenant_id, attempt_id=attempt.pk)
    gathered = requirement.gather(modules=[module], enrollment_ids=[cohort_a.enrollment.pk])
    assert requirement.status({}, facts(gathered)).met
