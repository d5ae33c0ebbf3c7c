"""An instructor builds a module of every kind of lesson; a student watches, reads and codes; outsiders get 404.

One journey in one test: the exercise is scored against the real ICD-10-CM
tabular, which the fixture reloads after a transactional test emptied the
database (about 30 s), so the run pays that once. The lecture is the committed
demo MP4 (H.264), which Debian's Chromium plays: the player is driven by real
playback, not by faked time updates.
"""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from courses.models import Lesson, LessonFile, LessonProgress, Module
from tests.conftest import make_school
from tests.e2e.test_browser import sign_in
from tests.factories import CohortFactory, CohortStaffFactory, CourseFactory, EnrollmentFactory, TermFactory

pytestmark = pytest.mark.e2e

MEDIA = Path(__file__).resolve().parents[2] / "courses" / "demo_media"
VIDEO = MEDIA / "icd10cm-code-structure.mp4"
CAPTIONS = MEDIA / "icd10cm-code-structure.vtt"

MODULE = "Reading ICD-10-CM codes"
LECTURE = "How an ICD-10-CM code is built"
READING = "Category, etiology and the 7th character"
EXERCISE = "Diabetes on insulin: office visit"

READING_MARKDOWN = """\
## The parts of a code

- The first three characters are the **category**.
- Characters after the dot add etiology, anatomic site and severity.
- Some categories need a 7th character for the encounter.

| Code | What it says |
|---|---|
| E11 | Type 2 diabetes mellitus |
| E11.65 | Type 2 diabetes mellitus with hyperglycemia |
| Z79.4 | Long term (current) use of insulin |
"""

NOTE = """\
Chief complaint: follow-up of diabetes.
Blood glucose logs run 250-320 mg/dL; A1c today 9.4%.
Assessment: type 2 diabetes with hyperglycemia, on long-term insulin.
Plan: increase basal insulin by 4 units; recheck in 4 weeks."""


def new_page(browser):
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.set_default_timeout(10_000)
    return page


def check(page, shots, axe_check, label: str) -> None:
    axe_check(page)
    shots.take(page, label)


def started_term(school):
    today = timezone.localdate()
    return TermFactory(
        tenant=school.tenant,
        starts_on=today - timedelta(days=7),
        ends_on=today + timedelta(days=100),
        enrollment_opens_on=today - timedelta(days=30),
        enrollment_closes_on=today + timedelta(days=7),
        drop_deadline=today + timedelta(days=14),
    )


def at_phone_width(page, shots, axe_check, label: str) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    check(page, shots, axe_check, label)
    page.set_viewport_size({"width": 1280, "height": 900})


def cohort_with_student(school, course, student, section: str):
    cohort = CohortFactory(tenant=school.tenant, course=course, term=started_term(school), section_code=section)
    CohortStaffFactory(cohort=cohort, membership=school.membership(school.instructor))
    EnrollmentFactory(cohort=cohort, membership=school.membership(student), state="active")
    return cohort


def lesson_row(page, title: str):
    return page.get_by_role("row").filter(has=page.get_by_role("link", name=title, exact=True))


def press_in_builder(page, button_name: str, then_visible: str) -> None:
    """Press an htmx button of the builder and wait until the swapped list shows ``then_visible``."""
    page.get_by_role("button", name=button_name, exact=True).click()
    page.get_by_role("button", name=then_visible, exact=True).wait_for()


# --- the instructor builds the module -----------------------------------------------------------


def author_module(page, base: str, school, course, shots, axe_check) -> None:
    sign_in(page, base, school.instructor.email)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Author courses").click()
    page.get_by_role("heading", name="Author courses", level=1).wait_for()
    check(page, shots, axe_check, "author-courses")
    page.get_by_role("link", name=f"Build the content of {course.code}").click()
    page.get_by_role("heading", name=f"{course.code} {course.title}", level=1).wait_for()
    check(page, shots, axe_check, "builder-empty")

    page.get_by_role("link", name="Add module").click()
    page.get_by_label("Title").fill(MODULE)
    page.get_by_label(re.compile("^Kind:?$")).select_option(label="ICD-10-CM")
    page.get_by_label("Opens after (days)").fill("0")
    check(page, shots, axe_check, "module-form")
    page.get_by_role("button", name="Add module").click()
    page.get_by_role("heading", name=f"1. {MODULE}").wait_for()
    module = Module.objects.get(course=course, title=MODULE)
    assert (module.kind, module.release_offset_days, module.is_published) == ("icd10cm", 0, False)

    add_lecture(page, shots, axe_check)
    add_reading(page, shots, axe_check)
    add_exercise(page, shots, axe_check)
    check(page, shots, axe_check, "builder-three-lessons")

    press_in_builder(page, f"Publish {MODULE}", f"Hide {MODULE}")
    for title in (LECTURE, READING, EXERCISE):
        press_in_builder(page, f"Publish {title}", f"Hide {title}")
    page.locator("#outline-status").filter(has_text=f"Published “{EXERCISE}”.").wait_for()
    assert Lesson.objects.filter(module=module, is_published=True).count() == 3

    reorder_with_the_keyboard(page)
    check(page, shots, axe_check, "builder-published")

    page.get_by_role("link", name="Preview as a student").click()
    page.get_by_text("Author preview.").wait_for()
    assert page.get_by_role("link", name=LECTURE).is_visible()
    check(page, shots, axe_check, "preview-course")
    page.get_by_role("link", name=EXERCISE).click()
    page.get_by_role("heading", name=EXERCISE, level=1).wait_for()
    check(page, shots, axe_check, "preview-exercise")


def add_lecture(page, shots, axe_check) -> None:
    page.get_by_role("link", name="Video lecture").click()
    page.get_by_role("heading", name=f"New video lecture in “{MODULE}”").wait_for()
    page.get_by_label("Title").fill(LECTURE)
    page.get_by_label("Summary").fill("Category, etiology, anatomic site and the 7th character, in 90 seconds.")
    page.get_by_label("Video file").set_input_files(str(VIDEO))
    page.get_by_label("Length").fill("87")
    page.get_by_label("Captions (WebVTT)").set_input_files(str(CAPTIONS))
    check(page, shots, axe_check, "lecture-form")
    page.get_by_role("button", name="Add the video lecture").click()
    lesson_row(page, LECTURE).get_by_text("Length 1:27").wait_for()
    lecture = Lesson.objects.get(title=LECTURE)
    assert lecture.duration_seconds == 87
    assert "read an ICD-10-CM code" in lecture.transcript  # taken from the captions
    roles = dict(lecture.files.values_list("role", "size"))
    assert roles == {LessonFile.Role.VIDEO: VIDEO.stat().st_size, LessonFile.Role.CAPTIONS: CAPTIONS.stat().st_size}


def add_reading(page, shots, axe_check) -> None:
    page.get_by_role("link", name="Reading", exact=True).click()
    page.get_by_label("Title").fill(READING)
    page.get_by_label("Reading (Markdown)").fill(READING_MARKDOWN)
    page.get_by_label(re.compile("^Textbook:?$")).fill("Step-by-Step Medical Coding")
    check(page, shots, axe_check, "reading-form")
    page.get_by_role("button", name="Add the reading").click()
    # A new reading opens again for its images and attachments.
    page.get_by_role("heading", name="Images and attachments").wait_for()
    check(page, shots, axe_check, "reading-saved")
    page.get_by_role("link", name=re.compile("^← ")).click()
    lesson_row(page, READING).wait_for()
    assert "<table>" in Lesson.objects.get(title=READING).body_html


def add_exercise(page, shots, axe_check) -> None:
    page.get_by_role("link", name="Coding exercise").click()
    page.get_by_label("Title").fill(EXERCISE)
    page.get_by_label("Instructions").fill("Assign the ICD-10-CM codes for this encounter.")
    page.get_by_label("Kind of record").select_option(label="Physician office note")
    page.get_by_label("Patient (fictional)").fill("Dana Whitfield")
    page.get_by_label("Sex").fill("Female")
    page.get_by_label("Patient birth date").fill("1961-03-14")
    page.get_by_label("Medical record number").fill("NW-004211")
    page.get_by_label("Date of service").fill("2026-02-10")
    page.get_by_label("Provider").fill("R. Okafor, MD")
    page.get_by_label("The note").fill(NOTE)
    first = page.get_by_role("group", name="Line 1")
    first.get_by_label("Role").select_option(label="Principal / first-listed diagnosis")
    first.get_by_label("Code").fill("e11.65")
    first.get_by_label("Rationale").fill("Type 2 diabetes with hyperglycemia is documented: E11.65, sequenced first.")
    page.get_by_role("button", name="Add a line").click()  # a plain post: the form comes back with a blank line 2
    second = page.get_by_role("group", name="Line 2")
    second.wait_for()
    assert page.get_by_role("group", name="Line 1").get_by_label("Code").input_value() == "e11.65"
    second.get_by_label("Role").select_option(label="Secondary diagnosis")
    second.get_by_label("Code").fill("Z79.4")
    second.get_by_label("Rationale").fill("Long-term insulin use is coded too, as the E11 note tells (Z79.4).")
    check(page, shots, axe_check, "exercise-form")
    page.get_by_role("button", name="Add the coding exercise").click()
    lesson_row(page, EXERCISE).get_by_text("2 answer lines").wait_for()
    key = list(Lesson.objects.get(title=EXERCISE).key_lines.order_by("position").values_list("role", "code"))
    assert key == [("principal", "E11.65"), ("secondary", "Z79.4")]


def htmx_settled(page) -> None:
    """Until htmx has swapped and settled the last answer, a new button is not yet htmx's, and a key
    press would submit its form the plain way (a full page load): wait for the swap to finish."""
    page.wait_for_function("() => window.htmx && !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')")


def reorder_with_the_keyboard(page) -> None:
    """Move the reading down with Enter, then back up: focus stays on the moved lesson's buttons."""
    reading = Lesson.objects.get(title=READING)
    htmx_settled(page)
    page.get_by_role("button", name=f"Move down {READING}").focus()
    page.keyboard.press("Enter")
    page.locator("#outline-status").filter(has_text=f"Moved “{READING}” down").wait_for()
    # At the end now, it has only "Move up", and the focus is there.
    page.wait_for_function(f"document.activeElement && document.activeElement.id === 'lesson-{reading.pk}-up'")
    titles = list(Lesson.objects.filter(module=reading.module).order_by("position").values_list("title", flat=True))
    assert titles == [LECTURE, EXERCISE, READING]
    htmx_settled(page)
    page.keyboard.press("Enter")
    page.locator("#outline-status").filter(has_text=f"Moved “{READING}” up").wait_for()
    page.wait_for_function(f"document.activeElement && document.activeElement.id.startsWith('lesson-{reading.pk}-')")
    titles = list(Lesson.objects.filter(module=reading.module).order_by("position").values_list("title", flat=True))
    assert titles == [LECTURE, READING, EXERCISE]
    rows = page.locator("table.builder-lessons tbody th[scope=row] a")
    assert rows.all_inner_texts() == [LECTURE, READING, EXERCISE]


# --- the student learns ---------------------------------------------------------------------


def pager(page, direction: str, title: str):
    # Chromium names the link "Next : title →": the hidden colon is its own piece of text.
    pager = page.get_by_role("navigation", name="Lessons")
    return pager.get_by_role("link", name=re.compile(rf"{direction}\W+{re.escape(title)}"))


def video_state(page) -> dict:
    return page.evaluate(
        "() => { const v = document.querySelector('video');"
        " return {time: v.currentTime, paused: v.paused, rate: v.playbackRate, ready: v.readyState,"
        " error: v.error && v.error.code}; }"
    )


def watch_the_lecture(page, enrollment, shots, axe_check) -> None:
    lecture = Lesson.objects.get(title=LECTURE)
    page.get_by_role("heading", name=LECTURE, level=1).wait_for()
    transcript = page.get_by_role("region", name="Transcript")
    assert "An ICD-10-CM code has" in transcript.inner_text()
    assert transcript.is_visible()
    page.wait_for_function("document.querySelector('video').readyState >= 2")  # its first frame is shown
    assert page.evaluate("document.querySelector('video').textTracks[0].kind") == "captions"
    check(page, shots, axe_check, "lecture")

    # Speed: the 1.5× button sets the rate and is the pressed one.
    speed = page.get_by_role("group", name="Playback speed")
    speed.get_by_role("button", name="1.5×").click()
    assert video_state(page)["rate"] == 1.5
    expect(speed.get_by_role("button", name="1.5×")).to_have_attribute("aria-pressed", "true")
    expect(speed.get_by_role("button", name="1×", exact=True)).to_have_attribute("aria-pressed", "false")

    # Debian's Chromium plays the H.264 lecture; a few seconds of real playback, then pause.
    page.evaluate("() => { const v = document.querySelector('video'); v.muted = true; return v.play(); }")
    page.wait_for_function("document.querySelector('video').currentTime >= 6", timeout=20_000)
    assert video_state(page)["error"] is None
    with page.expect_response(lambda r: r.url.endswith("/progress/") and r.request.method == "POST") as reported:
        page.evaluate("document.querySelector('video').pause()")
    answer = reported.value.json()
    paused_at = video_state(page)["time"]
    assert answer["position"] == pytest.approx(paused_at, abs=0.05)
    page.get_by_role("status").filter(has_text=re.compile(r"Watched [1-9]\d*%")).wait_for()
    progress = LessonProgress.objects.get(enrollment=enrollment, lesson=lecture)
    assert progress.position_seconds == pytest.approx(paused_at, abs=0.05)
    assert 0 < progress.watched_seconds <= paused_at + 0.05
    assert progress.completed_at is None
    shots.take(page, "lecture-paused")

    # After a reload the player opens where it stopped, as the server remembered it.
    page.reload()
    page.wait_for_function(
        f"() => {{ const v = document.querySelector('video'); return v.readyState >= 2 && !v.seeking"
        f" && Math.abs(v.currentTime - {paused_at}) < 2; }}"
    )
    minutes, seconds = divmod(int(paused_at), 60)
    assert page.get_by_text(f"resumes at {minutes}:{seconds:02d}").is_visible()
    assert abs(video_state(page)["time"] - progress.position_seconds) < 2
    assert video_state(page)["rate"] == 1.5  # the chosen speed is kept on this device
    check(page, shots, axe_check, "lecture-resumed")
    at_phone_width(page, shots, axe_check, "lecture-phone")


def do_the_exercise(page, enrollment, shots, axe_check) -> None:
    exercise = Lesson.objects.get(title=EXERCISE)
    page.get_by_role("heading", name=EXERCISE, level=1).wait_for()
    assert page.get_by_text("type 2 diabetes with hyperglycemia, on long-term insulin").is_visible()
    assert page.get_by_text("Dana Whitfield").is_visible()
    check(page, shots, axe_check, "exercise")

    # The first line is left empty: the panel's "Use" fills it.
    page.get_by_label("Code or words").press_sequentially("hyperglycemia type 2", delay=20)
    use = page.get_by_role("button", name="Use E11.65", exact=True)
    use.wait_for()
    check(page, shots, axe_check, "exercise-panel")
    use.click()
    assert page.get_by_label("Code on line 1").input_value() == "E11.65"
    page.get_by_label("Code on line 2").fill("Z79.4")
    page.get_by_role("button", name="Check my codes").click()
    feedback = page.locator("#exercise-feedback")
    feedback.get_by_role("heading", name="Your result: 100%").wait_for()
    lines = feedback.locator(".feedback-line")
    assert lines.count() == 2
    assert "Correct" in lines.nth(0).inner_text() and "sequenced first" in lines.nth(0).inner_text()
    assert "Correct" in lines.nth(1).inner_text() and "Long-term insulin use is coded" in lines.nth(1).inner_text()
    assert "Tries: 1 · best score: 100%" in feedback.inner_text()
    check(page, shots, axe_check, "exercise-100")

    # A second try with a code the note does not support scores lower; the best stays.
    page.get_by_label("Code on line 3").fill("I10")
    page.get_by_role("button", name="Check my codes").click()
    feedback.get_by_role("heading", name="Your result: 67%").wait_for()
    extra = feedback.locator(".feedback-extra")
    assert "Extra code" in extra.inner_text()
    assert "I10 is not needed for this case." in extra.inner_text()
    assert "Tries: 2 · best score: 100%" in feedback.inner_text()
    check(page, shots, axe_check, "exercise-extra")
    at_phone_width(page, shots, axe_check, "exercise-extra-phone")
    progress = LessonProgress.objects.get(enrollment=enrollment, lesson=exercise)
    assert (progress.tries, progress.best_score) == (2, 1.0)


def learn(browser, base: str, school, cohort, shots, axe_check) -> None:
    enrollment = cohort.enrollments.get(membership__user=school.student)
    page = new_page(browser)
    sign_in(page, base, school.student.email)
    page.get_by_role("heading", name="Welcome").wait_for()
    my_courses = page.get_by_role("article", name="My courses")
    assert "0% done" in my_courses.inner_text()
    my_courses.get_by_role("link", name=f"Open the course {cohort.course.code} {cohort.course.title}").click()

    module_card = page.get_by_role("listitem").filter(has=page.get_by_role("heading", name=MODULE))
    module_card.get_by_text("Available", exact=True).wait_for()
    assert "0% · 0 of 3 lessons done" in page.get_by_role("region", name="Your progress").inner_text()
    check(page, shots, axe_check, "student-course")

    module_card.get_by_role("link", name=LECTURE).click()
    watch_the_lecture(page, enrollment, shots, axe_check)

    pager(page, "Next", READING).click()
    page.get_by_role("heading", name=READING, level=1).wait_for()
    table = page.get_by_role("article", name="Reading").get_by_role("table")
    assert table.get_by_role("cell", name="Type 2 diabetes mellitus with hyperglycemia").is_visible()
    assert page.get_by_role("heading", name="The parts of a code").is_visible()
    assert page.get_by_text("Done: opening a reading counts it as read.").is_visible()
    reading = Lesson.objects.get(title=READING)
    assert LessonProgress.objects.get(enrollment=enrollment, lesson=reading).completed_at is not None
    check(page, shots, axe_check, "reading")

    pager(page, "Next", EXERCISE).click()
    do_the_exercise(page, enrollment, shots, axe_check)

    pager(page, "Previous", READING).click()
    page.get_by_role("heading", name=READING, level=1).wait_for()
    pager(page, "Previous", LECTURE).click()
    page.get_by_role("heading", name=LECTURE, level=1).wait_for()
    assert page.get_by_role("link", name=re.compile("^← Previous")).count() == 0

    page.get_by_role("link", name="All lessons").click()
    module_card = page.get_by_role("listitem").filter(has=page.get_by_role("heading", name=MODULE))
    module_card.get_by_text("In progress", exact=True).wait_for()
    assert "2 of 3 lessons done" in module_card.inner_text()
    check(page, shots, axe_check, "student-course-after")
    page.context.close()


# --- outsiders ---------------------------------------------------------------------------------


def assert_only_the_cohort_gets_in(browser, base: str, school, cohort, shots) -> None:
    lecture = Lesson.objects.get(title=LECTURE)
    video = lecture.files.get(role=LessonFile.Role.VIDEO)
    lesson_url = reverse("courses:cohort_lesson", args=[cohort.pk, lecture.pk])
    file_url = reverse("courses:lesson_file", kwargs={"file_id": video.pk, "name": video.name})

    # A student of another course's cohort in the same school, in the browser.
    other_course = CourseFactory(tenant=school.tenant, code="MCC-104", title="CPT Procedure Coding")
    cohort_with_student(school, other_course, school.student2, "MCC-104-S26-01")
    page = new_page(browser)
    sign_in(page, base, school.student2.email)
    page.get_by_role("heading", name="Welcome").wait_for()
    for url in (lesson_url, file_url):
        assert page.goto(f"{base}{url}").status == 404, url
    shots.take(page, "other-cohort-404")
    page.context.close()

    # A student of another school, on that school's own host and on this one.
    riverside = make_school("riverside", "Riverside Coding Academy")
    for host in (riverside.host, school.host):
        client = Client(HTTP_HOST=host)
        client.force_login(riverside.student)
        assert client.get(file_url).status_code == 404, host
        # Another school's host knows no such cohort; on ours a non-member sees the no-access page.
        assert client.get(lesson_url).status_code == (404 if host == riverside.host else 403), host
    client = Client(HTTP_HOST=school.host)
    client.force_login(school.student2)
    assert client.get(file_url, HTTP_RANGE="bytes=0-99").status_code == 404

    # The enrolled student gets the file, and one range of it for seeking.
    client = school.client(school.student)
    whole = client.get(file_url)
    assert whole.status_code == 200
    assert b"".join(whole.streaming_content) == VIDEO.read_bytes()
    part = client.get(file_url, HTTP_RANGE="bytes=0-99")
    assert part.status_code == 206
    assert part["Content-Range"] == f"bytes 0-99/{VIDEO.stat().st_size}"
    assert b"".join(part.streaming_content) == VIDEO.read_bytes()[:100]
    assert client.get(lesson_url).status_code == 200


def test_instructor_builds_a_module_a_student_learns_it_and_outsiders_get_404(
    live_server, browser, page, school, icd10cm, shots, axe_check
):
    course = CourseFactory(tenant=school.tenant, code="MCC-103", title="ICD-10-CM Diagnosis Coding")
    cohort = cohort_with_student(school, course, school.student, "MCC-103-S26-01")
    base = live_server.url
    page.set_default_timeout(10_000)

    author_module(page, base, school, course, shots, axe_check)
    learn(browser, base, school, cohort, shots, axe_check)
    assert_only_the_cohort_gets_in(browser, base, school, cohort, shots)
