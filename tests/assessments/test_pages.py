"""The student's pages: the cohort's list, an assessment, the take page without JavaScript, results."""

from __future__ import annotations

import pytest

from assessments.models import Attempt, AttemptItem
from tests.conftest import text

pytestmark = pytest.mark.django_db


def test_the_cohort_lists_its_assessments(school_a, cohort_a, exam):
    response = school_a.client(school_a.student).get(f"/cohorts/{cohort_a.cohort.pk}/assessments/")
    assert "CPC practice exam" in text(response) and "Not started" in text(response)


def test_a_student_starts_and_saves_with_the_plain_form(school_a, cohort_a, exam):
    client = school_a.client(school_a.student)
    response = client.post(f"/assessments/{exam.scheduled.pk}/")
    attempt = Attempt.objects.get()
    assert response.url == f"/attempts/{attempt.pk}/"
    page = client.get(response.url)
    assert "Question 6" in text(page) and "Time left" in text(page)
    first = AttemptItem.objects.select_related("version").get(attempt=attempt, position=1)
    choice = first.version.correct_choice_ids[0]
    client.post(f"/attempts/{attempt.pk}/answers/", {"q1-choice": choice, "save": "1"})
    first.refresh_from_db()
    assert first.response == {"choice": choice} and first.seq == 1


def test_submitting_from_the_page_grades_and_shows_domains(school_a, cohort_a, exam, django_capture_on_commit_callbacks):
    client = school_a.client(school_a.student)
    client.post(f"/assessments/{exam.scheduled.pk}/")
    attempt = Attempt.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/attempts/{attempt.pk}/answers/", {"submit": "1"})
    page = client.get(response.url)
    assert "0.00%" in text(page)
    assert "Results by exam domain" in text(page) and "HCPCS Level II" in text(page)


def test_staff_see_the_attempts_of_the_cohort(school_a, cohort_a, exam):
    school_a.client(school_a.student).post(f"/assessments/{exam.scheduled.pk}/")
    page = school_a.client(school_a.instructor).get(f"/assessments/{exam.scheduled.pk}/")
    assert "In progress" in text(page)
