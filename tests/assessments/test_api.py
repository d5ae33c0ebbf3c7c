"""The assessments API: preview a key, write questions (versioned), take an attempt, read results."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from assessments.models import Attempt, AttemptItem, Question, QuestionVersion
from tests.assessments.conftest import right_answer

pytestmark = pytest.mark.django_db


def test_preview_scores_an_answer_line_by_line(school_a, icd10cm):
    client = school_a.client(school_a.instructor)
    response = client.post("/api/v1/grading/preview/", {
        "key": [{"role": "principal", "code": "E11.65"}, {"role": "secondary", "code": "I10"}],
        "answer": [{"code": "E11.65"}, {"code": "E11.9"}],
    }, content_type="application/json")
    assert response.status_code == 200
    body = response.json()
    assert body["score"] == 0.5
    assert [line["status"] for line in body["lines"]] == ["correct", "extra"]
    assert body["missed"][0]["code"] == "I10"


def test_preview_names_what_is_wrong_with_the_key(school_a):
    response = school_a.client(school_a.instructor).post("/api/v1/grading/preview/", {
        "key": [{"role": "principal", "code": "99213"}], "answer": [{"code": "E11.65"}],
    }, content_type="application/json")
    assert response.status_code == 400
    assert "looks like a CPT code" in response.json()["error"]["message"]


def test_students_cannot_preview_keys(school_a):
    response = school_a.client(school_a.student).post("/api/v1/grading/preview/", {"key": [], "answer": []},
                                                     content_type="application/json")
    assert response.status_code == 403


def test_students_never_see_question_banks(school_a, exam):
    response = school_a.client(school_a.student).get("/api/v1/questions/")
    assert response.status_code == 200 and response.json()["count"] == 0


def test_editing_a_question_that_was_given_makes_a_new_version(school_a, cohort_a, exam):
    client = school_a.client(school_a.student)
    client.post("/api/v1/attempts/", {"schedule": exam.scheduled.pk}, content_type="application/json")
    given = AttemptItem.objects.first()
    question = given.version.question
    author = school_a.client(school_a.instructor)
    data = author.get(f"/api/v1/questions/{question.pk}/").json()
    data["prompt"] = data["prompt"] + " (edited)"
    response = author.put(f"/api/v1/questions/{question.pk}/", {**data, "domain": str(data["domain"])},
                          content_type="application/json")
    assert response.status_code == 200, response.json()
    assert response.json()["version"] == 2 and response.json()["new_version"] is True
    given.refresh_from_db()
    assert given.version.number == 1
    assert QuestionVersion.objects.filter(question=question).count() == 2


def test_editing_a_question_nobody_was_given_changes_it_in_place(school_a, exam):
    author = school_a.client(school_a.instructor)
    question = exam.questions[0]
    data = author.get(f"/api/v1/questions/{question.pk}/").json()
    response = author.put(f"/api/v1/questions/{question.pk}/", {**data, "domain": str(data["domain"]), "points": "2"},
                          content_type="application/json")
    assert response.json()["version"] == 1 and response.json()["new_version"] is False
    assert Question.objects.get(pk=question.pk).current.points == 2


def test_a_single_choice_question_needs_exactly_one_right_answer(school_a, exam):
    response = school_a.client(school_a.instructor).post("/api/v1/questions/", {
        "bank": exam.bank.pk, "kind": "single", "domain": "cpc:icd10cm", "prompt": "Pick",
        "choices": [{"text": "E11.9", "correct": True}, {"text": "E11.65", "correct": True}],
    }, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"]["fields"]["choices"] == ["Mark exactly one choice correct."]
    assert Question.objects.filter(bank=exam.bank).count() == 6


def test_a_student_takes_an_attempt_through_the_api(school_a, cohort_a, exam, django_capture_on_commit_callbacks):
    client = school_a.client(school_a.student)
    started = client.post("/api/v1/attempts/", {"schedule": exam.scheduled.pk}, content_type="application/json")
    assert started.status_code == 201
    body = started.json()
    assert len(body["items"]) == 6 and 3590 <= body["seconds_left"] <= 3600
    assert "correct" not in body["items"][0]["choices"][0]
    attempt = Attempt.objects.get(pk=body["id"])
    for item in AttemptItem.objects.filter(attempt=attempt).select_related("version__question"):
        saved = client.post(f"/api/v1/attempts/{attempt.pk}/answers/",
                            {"position": item.position, "seq": 1, "response": right_answer(item)}, content_type="application/json")
        assert saved.status_code == 200 and saved.json()["saved"] is True
    with django_capture_on_commit_callbacks(execute=True):
        submitted = client.post(f"/api/v1/attempts/{attempt.pk}/submit/", content_type="application/json")
    assert submitted.json()["state"] == "submitted"  # the worker grades it once the submit commits
    results = client.get(f"/api/v1/attempts/{attempt.pk}/results/").json()
    assert results["attempt"]["state"] == "graded" and results["percent"] == "100.00" and results["passed"] is True
    assert {d["name"] for d in results["domains"]} == {"ICD-10-CM", "Evaluation and management", "HCPCS Level II"}
    assert "items" not in results  # answers are released after the close


def test_a_save_after_the_grace_answers_409_with_the_reason(school_a, cohort_a, exam, django_capture_on_commit_callbacks):
    client = school_a.client(school_a.student)
    body = client.post("/api/v1/attempts/", {"schedule": exam.scheduled.pk}, content_type="application/json").json()
    Attempt.objects.filter(pk=body["id"]).update(deadline_at=timezone.now() - datetime.timedelta(minutes=5))
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(f"/api/v1/attempts/{body['id']}/answers/", {"position": 1, "seq": 1, "response": None},
                               content_type="application/json")
    assert response.status_code == 409
    assert "Time ran out" in response.json()["error"]["message"]
    assert Attempt.objects.get(pk=body["id"]).state == Attempt.State.SUBMITTED


def test_another_student_cannot_save_into_an_attempt(school_a, cohort_a, exam):
    body = school_a.client(school_a.student).post("/api/v1/attempts/", {"schedule": exam.scheduled.pk},
                                                  content_type="application/json").json()
    response = school_a.client(school_a.student2).post(f"/api/v1/attempts/{body['id']}/answers/",
                                                       {"position": 1, "seq": 1, "response": None}, content_type="application/json")
    assert response.status_code == 404


def test_only_registrars_set_accommodations(school_a, cohort_a):
    student = school_a.membership(school_a.student)
    payload = {"student": student.pk, "time_multiplier": "1.5", "extra_attempts": 1}
    assert school_a.client(school_a.instructor).post("/api/v1/accommodations/", payload,
                                                     content_type="application/json").status_code == 403
    response = school_a.client(school_a.registrar).post("/api/v1/accommodations/", payload, content_type="application/json")
    assert response.status_code == 201 and response.json()["time_multiplier"] == "1.50"
    mine = school_a.client(school_a.student).get("/api/v1/accommodations/").json()
    assert mine["count"] == 1
