"""A registrar opens a term and a one-seat cohort; two students apply; a drop promotes the waitlisted one."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from cohorts.models import Enrollment
from tests.e2e.test_browser import sign_in
from tests.factories import CourseFactory

pytestmark = pytest.mark.e2e


def new_page(browser):
    return browser.new_context(viewport={"width": 1280, "height": 900}).new_page()


def test_one_seat_cohort_from_term_to_promotion(live_server, browser, page, school, shots, axe_check):
    CourseFactory(tenant=school.tenant, code="MCC-103", title="ICD-10-CM Diagnosis Coding")
    today = timezone.localdate()
    base = live_server.url

    # The registrar creates the term and the cohort.
    sign_in(page, base, school.registrar.email)
    page.get_by_role("link", name="Terms", exact=True).click()
    page.get_by_role("link", name="New term").click()
    axe_check(page)
    page.get_by_label("Name").fill("Spring 2027")
    for label, days in [
        ("First day", 14),
        ("Last day", 120),
        ("Enrollment opens", -1),
        ("Enrollment closes", 21),
        ("Last day to drop", 28),
    ]:
        page.get_by_label(re.compile(f"^{label}:?$")).fill((today + timedelta(days=days)).isoformat())
    page.get_by_role("button", name="Create term").click()
    page.get_by_role("cell", name="Spring 2027").first.wait_for()
    axe_check(page)
    shots.take(page, "terms")

    page.get_by_role("link", name="Cohorts", exact=True).click()
    page.get_by_role("link", name="New cohort").click()
    page.get_by_label("Course").select_option(label="MCC-103 ICD-10-CM Diagnosis Coding")
    page.get_by_label(re.compile("^Term:?$")).select_option(index=1)
    page.get_by_label("Section code").fill("MCC-103-S27-01")
    page.get_by_label("Capacity").fill("1")
    page.get_by_label("Meeting pattern").fill("Live office hours Tuesdays 7 pm")
    page.get_by_label(school.instructor.full_name, exact=False).first.check()
    axe_check(page)
    shots.take(page, "cohort-form")
    page.get_by_role("button", name="Create cohort").click()
    page.get_by_text("MCC-103-S27-01").first.wait_for()
    axe_check(page)
    shots.take(page, "cohort-created")

    # Two students apply from the catalogue.
    students = {}
    for user in (school.student, school.student2):
        student_page = new_page(browser)
        sign_in(student_page, base, user.email)
        student_page.get_by_role("link", name="Catalogue", exact=True).click()
        student_page.get_by_text("1 seat left").first.wait_for()
        axe_check(student_page)
        student_page.get_by_role("link", name="Apply to MCC-103 section MCC-103-S27-01").click()
        student_page.get_by_label("I hold a high-school diploma or GED").check()
        axe_check(student_page)
        student_page.get_by_role("button", name="Apply").click()
        student_page.get_by_role("heading", name="Welcome").wait_for()
        students[user.email] = student_page
    shots.take(students[school.student2.email], "applied")

    # The registrar approves both: one seat, one waitlist place.
    page.get_by_role("link", name="Enrollment", exact=True).click()
    page.get_by_role("cell", name=school.student.email).first.wait_for()
    axe_check(page)
    shots.take(page, "queue")
    for user in (school.student, school.student2):
        page.get_by_role("button", name=f"Approve {user.full_name}").first.click()
        page.wait_for_load_state()
    states = dict(Enrollment.objects.filter(cohort__section_code="MCC-103-S27-01").values_list("membership__user__email", "state"))
    assert states == {school.student.email: "active", school.student2.email: "waitlisted"}

    waiting = students[school.student2.email]
    waiting.goto(f"{base}/")
    waiting.get_by_text("Waitlisted: number 1 in line").wait_for()
    shots.take(waiting, "waitlisted")

    # The first student drops; the second is promoted and sees it.
    first = students[school.student.email]
    first.goto(f"{base}/")
    first.get_by_role("link", name="MCC-103 ICD-10-CM Diagnosis Coding", exact=True).click()
    first.get_by_role("link", name="Drop this course").click()
    axe_check(first)
    first.get_by_role("button", name="Yes, drop this course").click()
    first.wait_for_load_state()
    shots.take(first, "dropped")

    waiting.goto(f"{base}/")
    waiting.get_by_text("Active").first.wait_for()
    assert waiting.get_by_text("Waitlisted: number 1 in line").count() == 0
    axe_check(waiting)
    shots.take(waiting, "promoted")
    assert Enrollment.objects.get(membership__user=school.student2, cohort__section_code="MCC-103-S27-01").state == "active"
