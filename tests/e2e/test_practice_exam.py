"""A timed practice exam in a real browser: a reload loses nothing, answers given offline reach the
server when the connection is back, and after submitting the worker grades it and the student sees
results per domain. The timer and the save state are announced; axe checks every page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from assessments.models import Attempt, AttemptItem
from tests.assessments.conftest import make_exam
from tests.e2e.conftest import running_cohort
from tests.e2e.test_browser import sign_in

pytestmark = pytest.mark.e2e
SAVED = re.compile(r"All answers saved at")


def _running_cohort(school):
    return running_cohort(school, "MCC-106-S27-01")


def _choose_right(page, item: AttemptItem) -> None:
    correct = item.version.correct_choice_ids[0]
    text = next(c["text"] for c in item.version.choices if c["id"] == correct)
    page.locator(f"#q{item.position}").get_by_label(text, exact=True).check()


def test_a_student_takes_a_timed_practice_exam_and_loses_nothing(live_server, page, school, shots, axe_check,
                                                                 assessment_worker):
    cast = _running_cohort(school)
    make_exam(cast, time_limit=60, show_answers="after_submit")
    page.on("dialog", lambda dialog: dialog.accept())
    sign_in(page, live_server.url, school.student.email)
    page.goto(f"{live_server.url}/cohorts/{cast.cohort.pk}/assessments/")
    page.get_by_role("link", name="CPC practice exam").click()
    expect(page.get_by_role("heading", name="CPC practice exam")).to_be_visible()
    axe_check(page)
    shots.take(page, "before-starting")

    page.get_by_role("button", name="Start attempt 1").click()
    expect(page.get_by_role("group", name=re.compile(r"^Question 6"))).to_be_visible()
    timer = page.locator("[data-timer]")
    expect(timer).to_have_text(re.compile(r"^(59|60) min"))
    attempt = Attempt.objects.get()
    items = list(AttemptItem.objects.filter(attempt=attempt).select_related("version__question").order_by("position"))
    for item in items[:2]:
        _choose_right(page, item)
    status = page.locator("[data-save-state]")
    expect(status).to_have_attribute("role", "status")
    expect(status).to_have_text(SAVED, timeout=10_000)
    axe_check(page)
    shots.take(page, "two-answers-saved")

    page.reload()
    for item in items[:2]:
        expect(page.locator(f"#q{item.position} input:checked")).to_have_count(1)
    assert AttemptItem.objects.filter(attempt=attempt, response__isnull=False).count() == 2

    page.context.set_offline(True)
    _choose_right(page, items[2])
    expect(status).to_have_text(re.compile("You are offline"), timeout=10_000)
    axe_check(page)
    shots.take(page, "offline-answer-kept")
    assert AttemptItem.objects.get(attempt=attempt, position=items[2].position).response is None

    page.context.set_offline(False)
    expect(status).to_have_text(SAVED, timeout=20_000)
    assert AttemptItem.objects.get(attempt=attempt, position=items[2].position).response is not None

    for item in items[3:]:
        _choose_right(page, item)
    expect(status).to_have_text(SAVED, timeout=10_000)
    page.get_by_role("button", name="Submit attempt").click()
    expect(page.get_by_role("heading", name="CPC practice exam: attempt 1")).to_be_visible()
    expect(page.get_by_role("table", name=re.compile("Results by exam domain"))).to_be_visible(timeout=30_000)
    expect(page.get_by_text("100.00%").first).to_be_visible()
    axe_check(page)
    shots.take(page, "results-by-domain")
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.GRADED and attempt.times_graded == 1
    if assessment_worker is not None:
        assert "assessments.tasks.grade_attempt[" in assessment_worker.output()
