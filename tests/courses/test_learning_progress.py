"""Progress through lessons: readings on open, lectures from the player's reports, exercise tries.

The server judges a lecture watched at 90% of its length from what the player
reported, capped by the time that really passed (the clock moves with
time_machine), so jumping to the end, replaying a stretch or reporting too
fast never completes it.
"""

from __future__ import annotations

import datetime
import json

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from courses.models import ExerciseAttempt, LessonProgress
from tests.conftest import text
from tests.courses.test_learning_state import lesson_url, open_term, words
from tests.factories import KeyLineFactory, LessonFactory, ModuleFactory


@pytest.fixture
def course(cohort_a):
    """An open module of cohort_a's course with a 600-second lecture, a reading and an exercise."""
    open_term(cohort_a.cohort)
    module = ModuleFactory(course=cohort_a.cohort.course, title="Diabetes", position=0)
    lecture = LessonFactory(module=module, position=0, kind="video", duration_seconds=600, title="Combination codes",
                            transcript="Diabetes codes combine the type and its complications.")
    reading = LessonFactory(module=module, position=1, title="Coding guidelines")
    exercise = LessonFactory(module=module, position=2, kind="exercise", title="Office visit", patient_name="Ada Quill",
                             instructions="Code the diagnoses.")
    return cohort_a, lecture, reading, exercise


def progress_url(cohort, lesson) -> str:
    return reverse("courses:lesson_progress", args=[cohort.pk, lesson.pk])


def report(client, cohort, lesson, position: float, seconds: float, *, form: bool = False):
    url = progress_url(cohort, lesson)
    if form:  # navigator.sendBeacon sends form data
        return client.post(url, {"position": position, "seconds_watched": seconds})
    return client.post(url, json.dumps({"position": position, "seconds_watched": seconds}), content_type="application/json")


@pytest.fixture
def clock():
    """The clock stopped now (sessions stay valid); tests move it with ``clock.shift(seconds)``."""
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        yield traveller


def row(enrollment, lesson) -> LessonProgress:
    return LessonProgress.objects.get(enrollment=enrollment, lesson=lesson)


# --- readings ---------------------------------------------------------------------------------


def test_a_reading_completes_when_it_is_opened(course):
    cast, _, reading, _ = course
    response = cast.school.client(cast.school.student).get(lesson_url(cast.cohort, reading))
    assert response.status_code == 200
    assert "Code to the highest specificity documented." in text(response)
    assert row(cast.enrollment, reading).completed_at is not None
    assert "Done: opening a reading counts it as read." in text(response)


def test_a_reading_shows_its_textbook_and_attachments(course):
    from courses.models import LessonFile

    cast, _, reading, _ = course
    reading.textbook_title, reading.textbook_chapter, reading.textbook_pages = "ICD-10-CM guidelines", "I.C.4", "12-15"
    reading.save()
    LessonFile.objects.create(lesson=reading, role="attachment", name="worksheet.pdf", file="lessons/w.pdf",
                              content_type="application/pdf", size=20480)
    body = words(cast.school.client(cast.school.student).get(lesson_url(cast.cohort, reading)))
    assert "ICD-10-CM guidelines, chapter I.C.4, pages 12-15" in body
    assert "worksheet.pdf (20.0 KB)" in body


# --- lectures -----------------------------------------------------------------------------------


def test_a_lecture_completes_at_90_percent_of_honest_reports(course, clock):
    cast, lecture, _, _ = course
    start = timezone.now()
    client = cast.school.client(cast.school.student)
    client.get(lesson_url(cast.cohort, lecture))
    for step in range(1, 54):  # 530 seconds, ten at a time as the player reports
        clock.shift(10)
        response = report(client, cast.cohort, lecture, step * 10, 10)
    assert response.json() == {"position": 530.0, "watched_seconds": 530.0, "watched_percent": 88, "completed": False}
    clock.shift(10)
    response = report(client, cast.cohort, lecture, 540, 10)
    assert response.json()["completed"] is True
    assert response.json()["watched_percent"] == 90
    assert row(cast.enrollment, lecture).completed_at == start + datetime.timedelta(seconds=540)


def test_jumping_to_the_end_does_not_complete_a_lecture(course, clock):
    cast, lecture, _, _ = course
    client = cast.school.client(cast.school.student)
    client.get(lesson_url(cast.cohort, lecture))
    clock.shift(10)
    response = report(client, cast.cohort, lecture, 600, 600)
    progress = row(cast.enrollment, lecture)
    assert progress.completed_at is None
    assert progress.watched_seconds <= 25  # ten seconds at double speed, and the network's slack
    assert response.json()["completed"] is False


def test_replaying_one_stretch_counts_it_once(course, clock):
    cast, lecture, _, _ = course
    client = cast.school.client(cast.school.student)
    client.get(lesson_url(cast.cohort, lecture))
    for _ in range(20):
        for position in range(10, 70, 10):
            clock.shift(10)
            report(client, cast.cohort, lecture, position, 10)
    progress = row(cast.enrollment, lecture)
    assert progress.watched_seconds == 60
    assert progress.completed_at is None


def test_reports_faster_than_the_clock_do_not_complete_a_lecture(course, clock):
    cast, lecture, _, _ = course
    client = cast.school.client(cast.school.student)
    client.get(lesson_url(cast.cohort, lecture))
    for step in range(1, 61):  # "ten seconds played" every second: the whole lecture in a minute
        clock.shift(1)
        report(client, cast.cohort, lecture, step * 10, 10)
    progress = row(cast.enrollment, lecture)
    assert progress.completed_at is None
    assert progress.watched_seconds < 0.9 * 600


def test_many_tiny_reports_cannot_add_the_network_slack_up(course, clock):
    cast, lecture, _, _ = course
    client = cast.school.client(cast.school.student)
    client.get(lesson_url(cast.cohort, lecture))
    for step in range(1, 121):  # a report every tenth of a second, each claiming 5.2 s played
        clock.shift(0.1)
        report(client, cast.cohort, lecture, round(step * 5.2, 1), 5.2)
    progress = row(cast.enrollment, lecture)
    assert progress.completed_at is None
    assert progress.watched_seconds <= 3 * 12 + 1  # twelve seconds of wall time: at most top speed plus slack


def test_time_away_from_the_page_is_not_time_watched(course, clock):
    cast, lecture, _, _ = course
    client = cast.school.client(cast.school.student)
    client.get(lesson_url(cast.cohort, lecture))
    clock.shift(3600)  # the tab stays open for an hour, the video never plays
    report(client, cast.cohort, lecture, 600, 600)
    progress = row(cast.enrollment, lecture)
    assert progress.completed_at is None
    assert progress.watched_seconds <= 30 * 2 + 5


def test_coming_back_a_day_later_starts_the_clock_again(course, clock):
    cast, lecture, _, _ = course
    client = cast.school.client(cast.school.student)
    client.get(lesson_url(cast.cohort, lecture))
    clock.shift(86400)
    client.get(lesson_url(cast.cohort, lecture))
    clock.shift(2)
    report(client, cast.cohort, lecture, 600, 600)
    assert row(cast.enrollment, lecture).watched_seconds <= 2 * 2 + 2


def test_beacon_form_reports_count_like_json_ones(course, clock):
    cast, lecture, _, _ = course
    client = cast.school.client(cast.school.student)
    client.get(lesson_url(cast.cohort, lecture))
    clock.shift(30)
    response = report(client, cast.cohort, lecture, 42.5, 30, form=True)
    assert response.status_code == 200
    progress = row(cast.enrollment, lecture)
    assert (progress.position_seconds, progress.watched_seconds) == (42.5, 30)


def test_the_player_resumes_where_the_student_stopped(course, clock):
    cast, lecture, _, _ = course
    client = cast.school.client(cast.school.student)
    client.get(lesson_url(cast.cohort, lecture))
    clock.shift(3.4)
    for stop in range(1, 13):  # the player reports every 10 s of playback
        clock.shift(10)
        report(client, cast.cohort, lecture, 3.4 + stop * 10, 10)
    assert row(cast.enrollment, lecture).position_seconds == 123.4
    # Another device: a fresh client signed in as the same student.
    body = text(cast.school.client(cast.school.student).get(lesson_url(cast.cohort, lecture)))
    assert 'data-position="123.40"' in body
    assert "Watched 20% · resumes at 2:03" in body


def test_the_lecture_page_has_an_accessible_player(course):
    from courses.models import LessonFile

    cast, lecture, _, _ = course
    video = LessonFile.objects.create(lesson=lecture, role="video", name="lecture.mp4", file="lessons/l.mp4",
                                      content_type="video/mp4", size=1000)
    captions = LessonFile.objects.create(lesson=lecture, role="captions", name="English", file="lessons/l.vtt",
                                         content_type="text/vtt", size=100, language="en")
    body = text(cast.school.client(cast.school.student).get(lesson_url(cast.cohort, lecture)))
    assert "<video controls" in body
    assert f'src="{reverse("courses:lesson_file", kwargs={"file_id": video.pk, "name": video.name})}" type="video/mp4"' in body
    assert (f'<track kind="captions" src="{reverse("courses:lesson_file", kwargs={"file_id": captions.pk, "name": captions.name})}"'
            ' srclang="en" label="English" default>') in body
    assert 'role="region" aria-labelledby="transcript-heading" tabindex="0"' in body
    assert "Diabetes codes combine the type and its complications." in body
    assert all(f'data-speed="{speed}"' in body for speed in ("0.75", "1", "1.5", "2"))
    assert f'data-progress-url="{progress_url(cast.cohort, lecture)}"' in body
    assert "js/player.js" in body


def test_staff_reports_store_nothing(course):
    cast, lecture, _, _ = course
    response = report(cast.school.client(cast.school.instructor), cast.cohort, lecture, 100, 100)
    assert response.status_code == 204
    assert not LessonProgress.objects.filter(lesson=lecture).exists()


@pytest.mark.parametrize("payload", [
    {"position": "soon", "seconds_watched": 10},
    {"position": 10},
    {"position": -5, "seconds_watched": 1},
    {"position": "NaN", "seconds_watched": 1},
    {"position": 10, "seconds_watched": 1e12},
])
def test_bad_reports_are_refused_with_a_message(course, payload):
    cast, lecture, _, _ = course
    client = cast.school.client(cast.school.student)
    response = client.post(progress_url(cast.cohort, lecture), json.dumps(payload), content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"]
    assert not LessonProgress.objects.filter(lesson=lecture).exists()


def test_only_lectures_report_positions_and_only_by_post(course):
    cast, _, reading, _ = course
    client = cast.school.client(cast.school.student)
    assert report(client, cast.cohort, reading, 10, 10).status_code == 400
    assert client.get(progress_url(cast.cohort, reading)).status_code == 405


def test_reports_need_the_csrf_token(course):
    from django.test import Client

    cast, lecture, _, _ = course
    client = Client(HTTP_HOST=cast.school.host, enforce_csrf_checks=True)
    client.force_login(cast.school.student)
    assert report(client, cast.cohort, lecture, 10, 10).status_code == 403


# --- exercises ---------------------------------------------------------------------------------


@pytest.fixture
def keyed(course, icd10cm):
    cast, _, _, exercise = course
    KeyLineFactory(lesson=exercise, position=0, role="principal", code="E11.65",
                   rationale="Type 2 diabetes with hyperglycemia is documented.")
    KeyLineFactory(lesson=exercise, position=1, role="secondary", code="Z79.4",
                   rationale="Long-term insulin use is documented.")
    return cast, exercise


def test_the_exercise_page_shows_the_record_the_answer_form_and_the_panel(keyed):
    cast, exercise = keyed
    body = text(cast.school.client(cast.school.student).get(lesson_url(cast.cohort, exercise)))
    assert "<dt>Patient</dt><dd>Ada Quill</dd>" in body
    assert "Assessment: type 2 diabetes with hyperglycemia" in body
    assert "Code the diagnoses." in body
    assert body.count('name="code"') == 6
    assert 'for="answer-code-6"' in body
    assert "Add a line" in body
    assert 'data-answer-field="answer-code-1"' in body
    assert "E11.65" not in body and "Z79.4" not in body  # the key stays hidden until a try


def test_a_try_stores_an_attempt_and_keeps_the_best_score(keyed):
    cast, exercise = keyed
    client = cast.school.client(cast.school.student)
    url = lesson_url(cast.cohort, exercise)
    full = client.post(url, {"code": ["e1165", "Z79.4", ""], "modifiers": ["", "", ""], "units": ["", "", ""]})
    assert full.status_code == 200
    body = words(full)
    assert "Your result: 100%" in body
    assert "Correct" in body and "Long-term insulin use is documented." in body

    half = client.post(url, {"code": ["E11.65"], "modifiers": [""], "units": ["1"]})
    body = words(half)
    assert "Your result: 50%" in body
    assert "Z79.4" in body and "Missing" in body
    assert "Tries: 2 · best score: 100%" in body

    progress = row(cast.enrollment, exercise)
    assert (progress.tries, progress.best_score) == (2, 1.0)
    assert progress.completed_at is not None
    attempts = list(ExerciseAttempt.objects.filter(enrollment=cast.enrollment, lesson=exercise))
    assert [a.score for a in attempts] == [0.5, 1.0]  # latest first
    assert attempts[1].answer == [{"code": "E1165", "modifiers": [], "units": 1},
                                  {"code": "Z794", "modifiers": [], "units": 1}]


def test_a_wrong_code_gets_per_line_feedback_in_words(keyed):
    cast, exercise = keyed
    response = cast.school.client(cast.school.student).post(
        lesson_url(cast.cohort, exercise), {"code": ["E11.9", "Z79.4"], "modifiers": ["", ""], "units": ["", ""]}
    )
    body = words(response)
    assert "Your result: 50%" in body
    assert "Wrong code" in body or "Extra code" in body
    assert "Rationale:" in body


def test_htmx_gets_only_the_feedback(keyed):
    cast, exercise = keyed
    response = cast.school.client(cast.school.student).post(
        lesson_url(cast.cohort, exercise), {"code": ["E11.65", "Z79.4"]}, HTTP_HX_REQUEST="true"
    )
    body = text(response)
    assert "<html" not in body
    assert "Your result: 100%" in body


def test_an_empty_answer_gets_a_message_and_stores_nothing(keyed):
    cast, exercise = keyed
    client = cast.school.client(cast.school.student)
    url = lesson_url(cast.cohort, exercise)
    response = client.post(url, {"code": ["", ""], "modifiers": ["", ""], "units": ["", ""]})
    assert response.status_code == 400
    assert "Enter at least one code." in text(response)
    assert 'aria-describedby="answer-help answer-error"' in text(response)
    htmx = client.post(url, {"code": ["E11.65"], "units": ["many"]}, HTTP_HX_REQUEST="true")
    assert htmx.status_code == 200  # htmx swaps only successful responses
    assert "units must be a whole number" in text(htmx)
    assert not ExerciseAttempt.objects.exists()


def test_staff_preview_scores_an_exercise_without_storing(keyed):
    cast, exercise = keyed
    response = cast.school.client(cast.school.instructor).post(lesson_url(cast.cohort, exercise), {"code": ["E11.65", "Z79.4"]})
    body = words(response)
    assert "Your result: 100%" in body
    assert "Preview: this try was scored and not saved." in body
    assert not ExerciseAttempt.objects.exists()
    assert not LessonProgress.objects.filter(lesson=exercise).exists()


def test_previous_and_next_follow_the_course_order(course):
    cast, lecture, reading, exercise = course
    later = LessonFactory(module=ModuleFactory(course=cast.cohort.course, position=99, title="Next unit"), title="After all")
    body = text(cast.school.client(cast.school.student).get(lesson_url(cast.cohort, exercise)))
    assert f'href="{lesson_url(cast.cohort, reading)}" rel="prev"' in body
    assert f'href="{lesson_url(cast.cohort, later)}" rel="next"' in body
    first = text(cast.school.client(cast.school.student).get(lesson_url(cast.cohort, lecture)))
    assert 'rel="prev"' not in first
