"""seed_demo's assessments: a bank of sixty per course, a module quiz each, a practice exam from a
blueprint, scheduled for the running cohorts, with graded attempts for their demo students."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from assessments.models import Assessment, Attempt, CohortAssessment, Question, QuestionBank
from cohorts.models import Cohort, Enrollment
from courses.models import Course

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def test_every_demo_course_has_a_bank_of_at_least_sixty_questions(seeded):
    for course in Course.objects.all():
        bank = QuestionBank.objects.get(course=course)
        assert Question.objects.filter(bank=bank).count() >= 60, course.code
    assert "6 question banks made (360 questions in all)" in seeded


def test_each_course_has_a_module_quiz_and_a_practice_exam_drawn_from_a_blueprint(seeded):
    for course in Course.objects.all():
        quiz = Assessment.objects.get(course=course, kind=Assessment.Kind.QUIZ)
        assert quiz.module is not None and quiz.fixed_questions.count() == 10 and quiz.is_published
        exam = Assessment.objects.get(course=course, kind=Assessment.Kind.PRACTICE_EXAM)
        assert sum(exam.blueprint.values_list("count", flat=True)) == 40 and exam.time_limit_minutes == 96


def test_the_running_cohorts_students_have_graded_attempts(seeded):
    running = [c for c in Cohort.objects.all() if CohortAssessment.objects.filter(cohort=c).exists()]
    assert len(running) >= 3
    for cohort in running:
        student = cohort.enrollments.filter(state=Enrollment.State.ACTIVE).order_by("pk").first()
        attempts = Attempt.objects.filter(enrollment=student, scheduled__cohort=cohort)
        assert attempts.count() == CohortAssessment.objects.filter(cohort=cohort).count()
        assert all(a.state == Attempt.State.GRADED and a.percent is not None for a in attempts)


def test_a_second_run_makes_no_more_banks_or_attempts(seeded):
    before = (QuestionBank.objects.count(), Question.objects.count(), Attempt.objects.count())
    call_command("seed_demo", stdout=StringIO())
    assert (QuestionBank.objects.count(), Question.objects.count(), Attempt.objects.count()) == before
