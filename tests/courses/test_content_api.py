"""The course content API: modules, lessons, a student's progress and exercise tries, staff writes."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from cohorts.models import Enrollment, Term
from courses.models import ExerciseAttempt, KeyLine, Lesson, LessonFile, LessonProgress, Module, ModulePrerequisite
from tests.conftest import make_cohort
from tests.factories import (
    CohortFactory,
    CohortStaffFactory,
    EnrollmentFactory,
    KeyLineFactory,
    LessonFactory,
    LessonFileFactory,
    LessonProgressFactory,
    MembershipFactory,
    ModuleFactory,
)

DEMO_MEDIA = Path(__file__).resolve().parents[2] / "courses" / "demo_media"


def start_term(cohort, days_ago: int = 10) -> None:
    """The cohort's term began ``days_ago`` days ago (factories make terms that start in two weeks)."""
    today = timezone.localdate()
    Term.objects.filter(pk=cohort.term_id).update(
        enrollment_opens_on=today - datetime.timedelta(days=days_ago + 30),
        enrollment_closes_on=today - datetime.timedelta(days=days_ago + 1),
        starts_on=today - datetime.timedelta(days=days_ago),
        drop_deadline=today + datetime.timedelta(days=5),
        ends_on=today + datetime.timedelta(days=100),
    )
    cohort.term.refresh_from_db()


@dataclass
class Content:
    opened: Module
    video: Lesson
    reading: Lesson
    exercise: Lesson
    draft_lesson: Lesson
    later: Module
    later_lesson: Lesson
    draft_module: Module


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def content(cohort_a) -> Content:
    """cohort_a's course, ten days into its term: an open module with one lesson of each kind and a draft,
    a module that opens on day 30, and a draft module."""
    start_term(cohort_a.cohort)
    course = cohort_a.cohort.course
    opened = ModuleFactory(course=course, title="ICD-10-CM conventions", position=1)
    video = LessonFactory(
        module=opened, kind="video", title="How a code is built", position=1, duration_seconds=100,
        transcript="A code has three to seven characters.",
    )
    LessonFileFactory(lesson=video, name="structure.mp4")
    LessonFileFactory(lesson=video, role="captions", name="structure.vtt", content_type="text/vtt", language="en",
                      data=b"WEBVTT\n\n00:00.000 --> 00:02.000\nA code has three to seven characters.\n")
    reading = LessonFactory(
        module=opened, kind="reading", title="The guidelines", position=2,
        textbook_title="ICD-10-CM Official Guidelines", textbook_chapter="Section I.A", textbook_pages="7-12",
    )
    LessonFileFactory(lesson=reading, role="attachment", name="guidelines.pdf", content_type="application/pdf",
                      data=b"%PDF-1.7\n")
    exercise = LessonFactory(
        module=opened, kind="exercise", title="Diabetes on insulin", position=3, patient_name="Dana Reyes",
        instructions="Code the diagnoses.", record_text="Type 2 diabetes with hyperglycemia; takes insulin daily.",
    )
    KeyLineFactory(lesson=exercise, position=1, code="E11.65", rationale="Hyperglycemia is documented.")
    KeyLineFactory(lesson=exercise, position=2, role="secondary", code="Z79.4", rationale="Long-term insulin use.")
    draft_lesson = LessonFactory(module=opened, title="Draft notes", position=4, is_published=False)
    later = ModuleFactory(course=course, title="Injuries", position=2, release_offset_days=30)
    later_lesson = LessonFactory(module=later, title="Fractures")
    draft_module = ModuleFactory(course=course, title="Not ready", position=3, is_published=False)
    LessonFactory(module=draft_module, title="Hidden lesson")
    return Content(opened, video, reading, exercise, draft_lesson, later, later_lesson, draft_module)


def student(cohort_a):
    return cohort_a.school.client(cohort_a.school.student)


def instructor(cohort_a):
    return cohort_a.school.client(cohort_a.school.instructor)


def modules_url(cohort_a) -> str:
    return f"/api/v1/courses/{cohort_a.cohort.course_id}/modules/"


def lessons_url(cohort_a) -> str:
    return f"/api/v1/lessons/?course={cohort_a.cohort.course_id}"


# --- modules -----------------------------------------------------------------------


def test_a_student_sees_the_published_modules_with_their_state(cohort_a, content):
    data = student(cohort_a).get(modules_url(cohort_a)).json()
    assert data["count"] == 2
    opened, later = data["results"]
    assert (opened["title"], opened["state"], later["title"], later["state"]) == (
        "ICD-10-CM conventions", "available", "Injuries", "locked"
    )
    assert [lesson["id"] for lesson in opened["lessons"]] == [content.video.pk, content.reading.pk, content.exercise.pk]
    assert opened["progress"] == {"done": 0, "total": 3, "percent": 0}


def test_a_locked_module_says_when_it_opens_and_lists_no_lessons(cohort_a, content):
    later = student(cohort_a).get(f"/api/v1/modules/{content.later.pk}/").json()
    opens_on = cohort_a.cohort.term.starts_on + datetime.timedelta(days=30)
    assert later["state"] == "locked"
    assert later["lessons"] == []
    assert later["locked_reasons"] == [f"Opens on {opens_on.isoformat()}."]
    assert later["opens_at"].startswith(opens_on.isoformat())


def test_a_module_waiting_for_a_prerequisite_names_it(cohort_a, content):
    Module.objects.filter(pk=content.later.pk).update(release_offset_days=0)
    ModulePrerequisite.objects.create(module=content.later, required=content.opened)
    later = student(cohort_a).get(f"/api/v1/modules/{content.later.pk}/").json()
    assert later["prerequisites"] == [content.opened.pk]
    assert later["locked_reasons"] == ["Complete “ICD-10-CM conventions” first."]


def test_staff_see_draft_modules_and_lessons_without_a_state(cohort_a, content):
    data = instructor(cohort_a).get(modules_url(cohort_a)).json()
    assert [m["title"] for m in data["results"]] == ["ICD-10-CM conventions", "Injuries", "Not ready"]
    assert {m["state"] for m in data["results"]} == {None}
    assert content.draft_lesson.pk in [lesson["id"] for lesson in data["results"][0]["lessons"]]


def test_module_detail_matches_its_list_entry(cohort_a, content):
    client = student(cohort_a)
    listed = client.get(modules_url(cohort_a)).json()["results"][0]
    assert client.get(f"/api/v1/modules/{content.opened.pk}/").json() == listed


def test_a_module_lists_its_requirements_and_whether_the_student_meets_them(cohort_a, content):
    Module.objects.filter(pk=content.opened.pk).update(
        requirements=[{"kind": "view_all"}, {"kind": "exercise_score", "min_score": 80}]
    )
    requirements = student(cohort_a).get(f"/api/v1/modules/{content.opened.pk}/").json()["requirements"]
    assert [(r["kind"], r["params"], r["met"]) for r in requirements] == [
        ("view_all", {}, False), ("exercise_score", {"min_score": 80}, False)
    ]
    assert requirements[0]["detail"] == "0 of 3 lessons done"


def test_a_draft_module_is_404_for_a_student(cohort_a, content):
    assert student(cohort_a).get(f"/api/v1/modules/{content.draft_module.pk}/").status_code == 404


# --- who may read --------------------------------------------------------------------


@pytest.mark.parametrize("path", ["modules", "module", "lessons", "lesson"])
def test_a_student_of_another_cohort_gets_404(cohort_a, content, path):
    other = make_cohort(cohort_a.school)  # another course of the school
    other.enrollment.membership = cohort_a.school.membership(cohort_a.school.student2)
    other.enrollment.save()
    url = {
        "modules": modules_url(cohort_a), "module": f"/api/v1/modules/{content.opened.pk}/",
        "lessons": lessons_url(cohort_a), "lesson": f"/api/v1/lessons/{content.video.pk}/",
    }[path]
    response = cohort_a.school.client(cohort_a.school.student2).get(url)
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize("state", ["applied", "dropped", "completed"])
def test_a_student_without_an_active_place_gets_404(cohort_a, content, state):
    Enrollment.objects.filter(pk=cohort_a.enrollment.pk).update(state=state)
    assert student(cohort_a).get(lessons_url(cohort_a)).status_code == 404
    assert student(cohort_a).get(f"/api/v1/lessons/{content.video.pk}/").status_code == 404


@pytest.mark.parametrize("path", ["modules", "module", "lessons", "lesson"])
def test_another_schools_ids_answer_404(cohort_a, content, school_b, path):
    url = {
        "modules": modules_url(cohort_a), "module": f"/api/v1/modules/{content.opened.pk}/",
        "lessons": lessons_url(cohort_a), "lesson": f"/api/v1/lessons/{content.video.pk}/",
    }[path]
    response = school_b.client(school_b.registrar).get(url)
    assert response.status_code == 404
    assert "ICD-10-CM conventions" not in response.content.decode()


def test_a_teaching_assistant_of_a_cohort_reads_like_staff(cohort_a, content):
    assistant = MembershipFactory(tenant=cohort_a.school.tenant, role="student")
    CohortStaffFactory(cohort=cohort_a.cohort, membership=assistant, role="ta")
    data = cohort_a.school.client(assistant.user).get(lessons_url(cohort_a)).json()
    assert content.draft_lesson.pk in [lesson["id"] for lesson in data["results"]]


def test_a_student_in_two_cohorts_of_the_course_chooses_one(cohort_a, content):
    second = CohortFactory(tenant=cohort_a.school.tenant, course=cohort_a.cohort.course)
    start_term(second, days_ago=40)  # the later module is already open there
    EnrollmentFactory(cohort=second, membership=cohort_a.school.membership(cohort_a.school.student))
    first = student(cohort_a).get(f"{modules_url(cohort_a)}?cohort={cohort_a.cohort.pk}").json()["results"]
    other = student(cohort_a).get(f"{modules_url(cohort_a)}?cohort={second.pk}").json()["results"]
    assert (first[1]["state"], other[1]["state"]) == ("locked", "available")


# --- lessons -------------------------------------------------------------------------


def test_a_student_lists_the_published_lessons_of_open_modules_in_order(cohort_a, content):
    data = student(cohort_a).get(lessons_url(cohort_a)).json()
    assert data["count"] == 3
    assert [(row["id"], row["kind"], row["module"], row["position"]) for row in data["results"]] == [
        (content.video.pk, "video", content.opened.pk, 1),
        (content.reading.pk, "reading", content.opened.pk, 2),
        (content.exercise.pk, "exercise", content.opened.pk, 3),
    ]


def test_a_lecture_gives_its_video_captions_duration_and_transcript(cohort_a, content):
    lesson = student(cohort_a).get(f"/api/v1/lessons/{content.video.pk}/").json()
    video_file, captions = content.video.files.get(role="video"), content.video.files.get(role="captions")
    assert lesson["reading"] is None and lesson["exercise"] is None
    assert lesson["video"]["url"] == f"http://northwind.test/courses/files/{video_file.pk}/structure.mp4"
    assert lesson["video"]["source"] == "file"
    assert lesson["video"]["duration_seconds"] == 100
    assert lesson["video"]["transcript"] == "A code has three to seven characters."
    assert [(c["language"], c["url"]) for c in lesson["video"]["captions"]] == [
        ("en", f"http://northwind.test/courses/files/{captions.pk}/structure.vtt")
    ]
    assert student(cohort_a).get(lesson["video"]["url"]).status_code == 200


def test_a_lecture_without_an_upload_gives_its_external_url(cohort_a, content):
    content.video.files.filter(role="video").delete()
    Lesson.objects.filter(pk=content.video.pk).update(video_url="https://videos.example.test/structure")
    video = student(cohort_a).get(f"/api/v1/lessons/{content.video.pk}/").json()["video"]
    assert (video["url"], video["source"]) == ("https://videos.example.test/structure", "external")


def test_a_reading_gives_its_html_textbook_and_attachments(cohort_a, content):
    reading = student(cohort_a).get(f"/api/v1/lessons/{content.reading.pk}/").json()["reading"]
    handout = content.reading.files.get()
    assert reading["body_html"] == content.reading.body_html
    assert reading["textbook"] == {"title": "ICD-10-CM Official Guidelines", "chapter": "Section I.A", "pages": "7-12"}
    assert [(a["name"], a["url"]) for a in reading["attachments"]] == [
        ("guidelines.pdf", f"http://northwind.test/courses/files/{handout.pk}/guidelines.pdf")
    ]


def test_an_exercise_gives_the_record_and_instructions(cohort_a, content):
    exercise = student(cohort_a).get(f"/api/v1/lessons/{content.exercise.pk}/").json()["exercise"]
    assert exercise["record"]["kind"] == "office_note"
    assert exercise["record"]["kind_label"] == "Physician office note"
    assert exercise["record"]["patient_name"] == "Dana Reyes"
    assert exercise["note"] == "Type 2 diabetes with hyperglycemia; takes insulin daily."
    assert exercise["instructions"] == "Code the diagnoses."


@pytest.mark.parametrize("where", ["list", "detail"])
def test_students_never_see_the_answer_key(cohort_a, content, where):
    url = lessons_url(cohort_a) if where == "list" else f"/api/v1/lessons/{content.exercise.pk}/"
    response = student(cohort_a).get(url)
    body = response.content.decode()
    assert "key_lines" not in body
    assert "E11.65" not in body and "Z79.4" not in body
    assert "Long-term insulin use." not in body


def test_staff_see_the_answer_key(cohort_a, content):
    exercise = instructor(cohort_a).get(f"/api/v1/lessons/{content.exercise.pk}/").json()["exercise"]
    assert [(k["role"], k["code"], k["rationale"]) for k in exercise["key_lines"]] == [
        ("principal", "E11.65", "Hyperglycemia is documented."),
        ("secondary", "Z79.4", "Long-term insulin use."),
    ]


def test_staff_list_every_lesson_drafts_and_locked_ones_too(cohort_a, content):
    ids = [row["id"] for row in instructor(cohort_a).get(lessons_url(cohort_a)).json()["results"]]
    assert {content.draft_lesson.pk, content.later_lesson.pk} <= set(ids)
    assert len(ids) == 6


def test_a_locked_lesson_is_left_out_of_a_students_list_and_is_404_by_id(cohort_a, content):
    client = student(cohort_a)
    listed = [row["id"] for row in client.get(lessons_url(cohort_a)).json()["results"]]
    assert content.later_lesson.pk not in listed
    assert client.get(f"/api/v1/lessons/{content.later_lesson.pk}/").status_code == 404
    assert client.post(f"/api/v1/lessons/{content.later_lesson.pk}/progress/", {}, content_type="application/json").status_code == 404
    assert client.post(
        f"/api/v1/lessons/{content.later_lesson.pk}/attempts/", {"lines": [{"code": "E11.65"}]}, content_type="application/json"
    ).status_code == 404
    assert not LessonProgress.objects.exists()


def test_the_lesson_opens_once_its_release_day_comes(cohort_a, content):
    opens = cohort_a.cohort.term.starts_on + datetime.timedelta(days=30)
    with time_machine.travel(datetime.datetime.combine(opens, datetime.time(12), tzinfo=datetime.UTC)):
        assert student(cohort_a).get(f"/api/v1/lessons/{content.later_lesson.pk}/").status_code == 200


def test_a_draft_lesson_is_404_for_a_student(cohort_a, content):
    assert student(cohort_a).get(f"/api/v1/lessons/{content.draft_lesson.pk}/").status_code == 404


def test_the_lesson_list_needs_a_course(cohort_a, content):
    response = student(cohort_a).get("/api/v1/lessons/")
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"course": ["Name the course: ?course=<id>."]}


def test_the_lesson_list_is_paginated(cohort_a, content):
    data = student(cohort_a).get(f"{lessons_url(cohort_a)}&page_size=2").json()
    assert data["count"] == 3
    assert len(data["results"]) == 2
    assert data["next"]


def test_a_students_lesson_carries_their_progress(cohort_a, content):
    LessonProgressFactory(enrollment=cohort_a.enrollment, lesson=content.video, position_seconds=42, watched_seconds=40)
    progress = student(cohort_a).get(f"/api/v1/lessons/{content.video.pk}/").json()["progress"]
    assert (progress["position"], progress["watched_seconds"], progress["watched_percent"], progress["completed"]) == (
        42, 40, 40, False
    )
    assert instructor(cohort_a).get(f"/api/v1/lessons/{content.video.pk}/").json()["progress"] is None


# --- progress --------------------------------------------------------------------------


def report(cohort_a, lesson, **body):
    return student(cohort_a).post(f"/api/v1/lessons/{lesson.pk}/progress/", body, content_type="application/json")


def test_progress_moves_the_position_and_completes_only_at_90_percent(cohort_a, content):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        first = report(cohort_a, content.video, position=0, seconds_watched=0).json()
        assert (first["position"], first["completed"]) == (0, False)
        clock.shift(60)
        sixty = report(cohort_a, content.video, position=60, seconds_watched=60).json()
        assert (sixty["position"], sixty["watched_seconds"], sixty["watched_percent"], sixty["completed"]) == (
            60, 60, 60, False
        )
        clock.shift(29)
        almost = report(cohort_a, content.video, position=89, seconds_watched=29).json()
        assert (almost["watched_percent"], almost["completed"]) == (89, False)
        clock.shift(1)
        done = report(cohort_a, content.video, position=90, seconds_watched=1).json()
    assert (done["watched_percent"], done["completed"]) == (90, True)
    assert LessonProgress.objects.get(lesson=content.video).completed_at is not None


def test_jumping_to_the_end_does_not_complete_a_lecture(cohort_a, content):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        report(cohort_a, content.video, position=0, seconds_watched=0)
        clock.shift(3)
        jumped = report(cohort_a, content.video, position=100, seconds_watched=100).json()
    assert jumped["position"] == 100
    assert jumped["completed"] is False
    assert jumped["watched_seconds"] <= 11


def test_a_report_without_a_position_marks_a_reading_done(cohort_a, content):
    response = report(cohort_a, content.reading)
    assert response.status_code == 200
    assert response.json()["completed"] is True
    assert response.json()["watched_percent"] is None


def test_a_bad_report_is_refused_with_the_field(cohort_a, content):
    response = report(cohort_a, content.video, position=-5)
    assert response.status_code == 400
    assert "position" in response.json()["error"]["fields"]


def test_staff_record_no_progress(cohort_a, content):
    response = instructor(cohort_a).post(
        f"/api/v1/lessons/{content.video.pk}/progress/", {"position": 5}, content_type="application/json"
    )
    assert response.status_code == 403
    assert not LessonProgress.objects.exists()


def test_progress_in_a_cohort_the_student_has_no_place_in_is_404(cohort_a, content):
    elsewhere = CohortFactory(tenant=cohort_a.school.tenant, course=cohort_a.cohort.course)
    assert report(cohort_a, content.video, position=5, cohort=elsewhere.pk).status_code == 404


# --- attempts ----------------------------------------------------------------------------


@pytest.fixture
def pinned(content, icd10cm):
    Lesson.objects.filter(pk=content.exercise.pk).update(icd10cm_release=icd10cm)
    return content


def attempt(client, lesson, *codes):
    lines = [{"code": code, "modifiers": [], "units": 1} for code in codes]
    return client.post(f"/api/v1/lessons/{lesson.pk}/attempts/", {"lines": lines}, content_type="application/json")


def test_an_attempt_returns_per_line_feedback(cohort_a, pinned):
    response = attempt(student(cohort_a), pinned.exercise, "E11.65")
    assert response.status_code == 201
    data = response.json()
    assert data["score"] == 0.5  # one of the two required lines
    assert [(line["code"], line["status"]) for line in data["lines"]] == [("E11.65", "correct")]
    assert [(line["code"], line["status"], line["rationale"]) for line in data["missed"]] == [
        ("Z79.4", "missing", "Long-term insulin use.")
    ]
    assert (data["tries"], data["best_score"]) == (1, 0.5)


def test_attempts_keep_the_best_score(cohort_a, pinned):
    client = student(cohort_a)
    attempt(client, pinned.exercise, "E11.65", "Z79.4")
    worse = attempt(client, pinned.exercise, "E11.9").json()
    assert worse["score"] < 1
    assert (worse["tries"], worse["best_score"]) == (2, 1.0)
    assert ExerciseAttempt.objects.filter(lesson=pinned.exercise).count() == 2


def test_a_wrong_code_says_why(cohort_a, pinned):
    line = attempt(student(cohort_a), pinned.exercise, "E11", "Z79.4").json()["lines"][0]
    assert line["status"] == "wrong"
    assert "header" in [reason["rule"] for reason in line["reasons"]]


def test_a_staff_attempt_is_a_preview_that_stores_nothing(cohort_a, pinned):
    response = attempt(instructor(cohort_a), pinned.exercise, "E11.65", "Z79.4")
    assert response.status_code == 200
    assert (response.json()["score"], response.json()["tries"], response.json()["attempt"]) == (1.0, None, None)
    assert not ExerciseAttempt.objects.exists()


def test_an_empty_answer_is_refused_with_the_message(cohort_a, content):
    response = attempt(student(cohort_a), content.exercise, "  ")
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"lines": ["Enter at least one code."]}


def test_only_exercises_take_answers(cohort_a, content):
    response = attempt(student(cohort_a), content.reading, "E11.65")
    assert response.status_code == 400
    assert response.json()["error"]["message"] == "Only coding exercises take answers."


# --- staff writes ----------------------------------------------------------------------------


def test_an_instructor_adds_a_module_at_the_end(cohort_a, content):
    response = instructor(cohort_a).post(
        modules_url(cohort_a),
        {"title": "Neoplasms", "kind": "icd10cm", "release_offset_days": 14, "prerequisites": [content.opened.pk],
         "requirements": [{"kind": "exercise_score", "min_score": 70}]},
        content_type="application/json",
    )
    assert response.status_code == 201
    module = response.json()
    assert (module["title"], module["position"], module["prerequisites"]) == ("Neoplasms", 4, [content.opened.pk])
    assert module["requirements"][0]["params"] == {"min_score": 70}


def test_a_bad_module_is_refused_with_the_field(cohort_a, content):
    response = instructor(cohort_a).post(
        modules_url(cohort_a), {"title": "Loop", "prerequisites": [content.draft_module.pk + 1000]},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "prerequisites" in response.json()["error"]["fields"]


def test_an_instructor_changes_and_deletes_a_module(cohort_a, content):
    client = instructor(cohort_a)
    changed = client.patch(f"/api/v1/modules/{content.later.pk}/", {"title": "Injuries and poisoning"},
                           content_type="application/json")
    assert changed.json()["title"] == "Injuries and poisoning"
    assert client.delete(f"/api/v1/modules/{content.draft_module.pk}/").status_code == 204
    assert not Module.objects.filter(pk=content.draft_module.pk).exists()


def test_an_instructor_moves_a_lesson(cohort_a, content):
    response = instructor(cohort_a).post(
        f"/api/v1/lessons/{content.reading.pk}/move/", {"direction": "up"}, content_type="application/json"
    )
    assert response.json()["position"] == 1
    assert Lesson.objects.get(pk=content.video.pk).position == 2


@pytest.mark.parametrize(("method", "path"), [
    ("post", "modules"), ("patch", "module"), ("delete", "module"), ("post", "module-move"),
    ("patch", "lesson"), ("delete", "lesson"), ("post", "lesson-move"),
])
def test_an_enrolled_student_writing_gets_403_and_nothing_changes(cohort_a, content, method, path):
    url = {
        "modules": modules_url(cohort_a), "module": f"/api/v1/modules/{content.opened.pk}/",
        "module-move": f"/api/v1/modules/{content.opened.pk}/move/", "lesson": f"/api/v1/lessons/{content.video.pk}/",
        "lesson-move": f"/api/v1/lessons/{content.video.pk}/move/",
    }[path]
    before = (list(Module.objects.values()), list(Lesson.objects.values()))
    response = getattr(student(cohort_a), method)(url, {"title": "Mine", "direction": "down"}, content_type="application/json")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"
    assert (list(Module.objects.values()), list(Lesson.objects.values())) == before


def test_a_student_creating_a_lesson_gets_403(cohort_a, content):
    response = student(cohort_a).post(
        "/api/v1/lessons/", {"module": content.opened.pk, "kind": "reading", "title": "Mine", "body": "Hi"},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert not Lesson.objects.filter(title="Mine").exists()


def test_an_instructor_adds_a_reading_rendered_from_markdown(cohort_a, content):
    response = instructor(cohort_a).post(
        "/api/v1/lessons/",
        {"module": content.opened.pk, "kind": "reading", "title": "Sequencing", "body": "## First\n\nThe **principal** code.",
         "is_published": True},
        content_type="application/json",
    )
    assert response.status_code == 201
    lesson = response.json()
    assert (lesson["kind"], lesson["position"], lesson["is_published"]) == ("reading", 5, True)
    assert "<strong>principal</strong>" in lesson["reading"]["body_html"]


def test_an_instructor_adds_an_exercise_with_its_key_and_publishes_it(cohort_a, content, icd10cm):
    response = instructor(cohort_a).post(
        "/api/v1/lessons/",
        {"module": content.opened.pk, "kind": "exercise", "title": "Hip fracture", "record_kind": "ed_record",
         "record_text": "Displaced fracture of the right femoral neck after a fall.", "is_published": True,
         "key_lines": [{"role": "principal", "code": "s72.031a", "rationale": "Displaced, right, initial encounter."}]},
        content_type="application/json",
    )
    assert response.status_code == 201
    exercise = response.json()["exercise"]
    assert [k["code"] for k in exercise["key_lines"]] == ["S72.031A"]
    assert response.json()["is_published"] is True


def test_an_exercise_is_not_published_without_a_key(cohort_a, content, icd10cm):
    response = instructor(cohort_a).post(
        "/api/v1/lessons/",
        {"module": content.opened.pk, "kind": "exercise", "title": "No key", "record_kind": "office_note",
         "record_text": "A note.", "is_published": True},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "is_published" in response.json()["error"]["fields"]
    assert not Lesson.objects.filter(title="No key").exists()


def test_a_bad_key_line_is_refused_and_nothing_is_stored(cohort_a, content):
    response = instructor(cohort_a).patch(
        f"/api/v1/lessons/{content.exercise.pk}/", {"title": "Renamed", "key_lines": [{"role": "principal", "code": "99213"}]},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "Line 1" in response.json()["error"]["fields"]["key_lines"][0]
    assert Lesson.objects.get(pk=content.exercise.pk).title == "Diabetes on insulin"
    assert KeyLine.objects.filter(lesson=content.exercise).count() == 2


def test_an_instructor_uploads_a_lecture_with_captions(cohort_a, content):
    video = SimpleUploadedFile("structure.mp4", (DEMO_MEDIA / "icd10cm-code-structure.mp4").read_bytes(), "video/mp4")
    captions = SimpleUploadedFile("structure.vtt", (DEMO_MEDIA / "icd10cm-code-structure.vtt").read_bytes(), "text/vtt")
    response = instructor(cohort_a).post(
        "/api/v1/lessons/",
        {"module": content.opened.pk, "kind": "video", "title": "Code structure", "duration_seconds": 60,
         "video": video, "captions": captions},
    )
    assert response.status_code == 201, response.content
    lecture = response.json()["video"]
    assert lecture["source"] == "file"
    assert lecture["content_type"] == "video/mp4"
    assert lecture["transcript"]  # taken from the captions
    assert len(lecture["captions"]) == 1
    assert instructor(cohort_a).get(lecture["url"], headers={"Range": "bytes=0-7"}).status_code == 206


def test_a_lecture_refused_after_its_upload_leaves_no_file_in_storage(cohort_a, content, monkeypatch):
    from courses.services.content import lessons

    stored_names, store = [], lessons._store
    monkeypatch.setattr(lessons, "_store", lambda *args: stored_names.append(store(*args).file.name))
    video = SimpleUploadedFile("structure.mp4", (DEMO_MEDIA / "icd10cm-code-structure.mp4").read_bytes(), "video/mp4")
    response = instructor(cohort_a).post(
        "/api/v1/lessons/",
        {"module": content.opened.pk, "kind": "video", "title": "Refused later", "duration_seconds": 60,
         "video": video, "key_lines[0]role": "principal", "key_lines[0]code": "E11.65"},
    )
    assert response.status_code == 400, response.content
    assert not Lesson.objects.filter(title="Refused later").exists()
    assert len(stored_names) == 1  # the video was stored before the key was refused...
    assert not LessonFile._meta.get_field("file").storage.exists(stored_names[0])  # ...and removed again


def test_a_lesson_cannot_be_added_to_another_schools_module(cohort_a, content, cohort_b):
    foreign = ModuleFactory(course=cohort_b.cohort.course)
    response = instructor(cohort_a).post(
        "/api/v1/lessons/", {"module": foreign.pk, "kind": "reading", "title": "Mine", "body": "Hi"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "module" in response.json()["error"]["fields"]


def test_an_instructor_deletes_a_lesson(cohort_a, content):
    assert instructor(cohort_a).delete(f"/api/v1/lessons/{content.draft_lesson.pk}/").status_code == 204
    assert not Lesson.objects.filter(pk=content.draft_lesson.pk).exists()


# --- queries and schema ---------------------------------------------------------------------


def _course_of(cohort_a, lessons: int):
    """A fresh course with ``lessons`` lessons of every kind, files and keys, that cohort_a's student studies."""
    cohort = CohortFactory(tenant=cohort_a.school.tenant)
    start_term(cohort)
    EnrollmentFactory(cohort=cohort, membership=cohort_a.school.membership(cohort_a.school.student))
    modules = [ModuleFactory(course=cohort.course) for _ in range(max(1, lessons // 10))]
    for i in range(lessons):
        kind = ("video", "reading", "exercise")[i % 3]
        lesson = LessonFactory(module=modules[i % len(modules)], kind=kind)
        if kind == "video":
            LessonFileFactory(lesson=lesson)
            LessonFileFactory(lesson=lesson, role="captions", name=f"c{i}.vtt", content_type="text/vtt", data=b"WEBVTT\n")
        elif kind == "exercise":
            KeyLineFactory(lesson=lesson)
    return cohort.course_id


@pytest.mark.parametrize("who", ["student", "instructor"])
def test_the_lesson_list_asks_a_constant_number_of_queries(cohort_a, who, django_assert_max_num_queries):
    client = cohort_a.school.client(getattr(cohort_a.school, who))
    for size in (5, 60):
        course_id = _course_of(cohort_a, size)
        with django_assert_max_num_queries(14):
            response = client.get(f"/api/v1/lessons/?course={course_id}&page_size=100")
        assert response.json()["count"] == size


@pytest.mark.parametrize("who", ["student", "instructor"])
def test_the_module_list_asks_a_constant_number_of_queries(cohort_a, who, django_assert_max_num_queries):
    client = cohort_a.school.client(getattr(cohort_a.school, who))
    for size in (5, 60):
        course_id = _course_of(cohort_a, size)
        with django_assert_max_num_queries(12):
            response = client.get(f"/api/v1/courses/{course_id}/modules/")
        assert sum(len(m["lessons"]) for m in response.json()["results"]) == size


def test_the_openapi_schema_builds_without_warnings(tmp_path):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yml"))
    schema = (tmp_path / "schema.yml").read_text()
    assert "/api/v1/lessons/{lesson_id}/attempts/" in schema
