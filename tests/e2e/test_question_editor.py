"""The question editor in a real browser: an instructor writes a code-entry question, previews how a
student's answer would score (through the preview API, in place), and saves it. axe checks the pages."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from assessments.models import Question
from tests.assessments.conftest import make_exam
from tests.e2e.conftest import running_cohort
from tests.e2e.test_browser import sign_in

pytestmark = pytest.mark.e2e


def test_an_instructor_previews_a_key_then_saves_the_question(live_server, page, school, shots, axe_check):
    cast = running_cohort(school, "MCC-103-S27-01")
    exam = make_exam(cast)
    sign_in(page, live_server.url, school.instructor.email)
    page.goto(f"{live_server.url}/authoring/banks/{exam.bank.pk}/")
    expect(page.get_by_role("heading", name="CPC review bank")).to_be_visible()
    axe_check(page)
    shots.take(page, "bank")
    page.get_by_role("link", name="New code entry").click()
    page.get_by_label("Domain").select_option(label="ICD-10-CM")
    page.get_by_label("Prompt").fill("Office visit: type 2 diabetes with hyperglycemia, on insulin. Code the diagnoses.")
    page.get_by_label("Code, line 1").fill("E11.65")
    page.get_by_label("Role, line 2").select_option("secondary")
    page.get_by_label("Code, line 2").fill("Z79.4")
    page.get_by_label("Sample answer").fill("E11.65\nE11.9")
    url = page.url
    page.get_by_role("button", name="Preview scoring").click()
    result = page.locator("[data-preview-result]")
    expect(result).to_contain_text(re.compile(r"Score: \d+%"))
    expect(result).to_contain_text("Missing Z79.4")
    assert page.url == url and page.get_by_label("Code, line 2").input_value() == "Z79.4"  # nothing reloaded
    axe_check(page)
    shots.take(page, "preview")
    page.get_by_role("button", name="Save question").click()
    expect(page.get_by_text(re.compile(r"Question \d+ saved"))).to_be_visible()
    question = Question.objects.filter(bank=exam.bank, kind="code").get()
    assert [k["code"] for k in question.current.items[0]["key"]] == ["E11.65", "Z79.4"]
