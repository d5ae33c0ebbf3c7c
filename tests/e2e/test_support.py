"""Help requests in a real browser: the registrar names who answers tutoring, a student asks, the tutor
answers from the queue, the student reads the answer and closes the request. axe-core on every page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from cohorts.models import SupportRequest
from tests.conftest import make_cohort
from tests.e2e.test_browser import sign_in

pytestmark = pytest.mark.e2e


def test_a_student_asks_for_tutoring_and_the_named_tutor_answers(live_server, browser, page, school, shots, axe_check):
    cast = make_cohort(school, section_code="MCC-101-S27-01")

    sign_in(page, live_server.url, school.registrar.email)
    page.goto(f"{live_server.url}/help/handlers/")
    axe_check(page)
    page.get_by_role("group", name="Who answers tutoring").get_by_label(school.instructor.display_name, exact=False).check()
    page.get_by_role("group", name="Who answers tutoring").locator("xpath=ancestor::form").get_by_role("button").click()
    expect(page.get_by_text("Saved who answers tutoring.")).to_be_visible()
    shots.take(page, "handlers")

    student = browser.new_context(viewport={"width": 1280, "height": 900})
    spage = student.new_page()
    sign_in(spage, live_server.url, school.student.email)
    spage.get_by_role("link", name="Get help").click()
    axe_check(spage)
    spage.get_by_role("link", name="Ask for help").first.click()
    spage.get_by_label("Tutoring").check()
    spage.get_by_label("Course it is about").select_option(str(cast.cohort.pk))
    spage.get_by_label("Subject").fill("Excludes1 notes: when can both codes be used?")
    spage.get_by_label("Your question").fill("I keep mixing up Excludes1 and Excludes2 for E11.65 and R73.9.")
    axe_check(spage)
    shots.take(spage, "ask")
    spage.get_by_role("button", name="Send").click()
    expect(spage.get_by_role("heading", name="Excludes1 notes: when can both codes be used?")).to_be_visible()
    axe_check(spage)
    request = SupportRequest.objects.get()
    assert request.status == "open" and request.waiting_since is not None

    page.goto(f"{live_server.url}/help/queue/")
    expect(page.get_by_role("link", name="Excludes1 notes: when can both codes be used?")).to_be_visible()
    axe_check(page)
    shots.take(page, "queue")
    tutor = browser.new_context(viewport={"width": 1280, "height": 900})
    tpage = tutor.new_page()
    sign_in(tpage, live_server.url, school.instructor.email)
    tpage.get_by_role("link", name="Help requests").click()
    tpage.get_by_role("link", name="Excludes1 notes: when can both codes be used?").click()
    tpage.get_by_label("Your reply").fill("Excludes1 means never together; Excludes2 means both may be coded.")
    tpage.get_by_role("button", name="Send", exact=True).click()
    expect(tpage.get_by_text("Excludes1 means never together")).to_be_visible()
    axe_check(tpage)
    shots.take(tpage, "answered")
    tutor.close()
    request.refresh_from_db()
    assert request.status == "answered" and request.waiting_since is None

    spage.reload()
    expect(spage.get_by_text("Excludes1 means never together")).to_be_visible()
    spage.get_by_role("button", name="Close the request").click()
    expect(spage.get_by_text("Closed", exact=False).first).to_be_visible()
    axe_check(spage)
    shots.take(spage, "closed")
    request.refresh_from_db()
    assert request.status == "closed"
    student.close()
