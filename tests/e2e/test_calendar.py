"""A student reads the calendar: the month grid, the next month reached with the keyboard, the agenda,
and both on a phone. Every page is checked with axe-core."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.conftest import make_cohort
from tests.e2e.test_browser import sign_in
from tests.factories import LiveSessionFactory, ModuleFactory

pytestmark = pytest.mark.e2e


def _next_month(day: datetime.date) -> datetime.date:
    return (day.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)


def _tab_to(page, name: str, limit: int = 60) -> None:
    """Press Tab until the link called ``name`` has the focus, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.textContent.trim()") == name:
            return
    raise AssertionError(f"Tab never reached {name!r}")


def test_a_student_reads_the_month_moves_on_with_the_keyboard_and_opens_the_agenda(
    live_server, browser, page, school, shots, axe_check
):
    today = timezone.localdate()
    # Every date below falls in one month: this one, or the next when this one ends within ten days.
    anchor = today if today.day <= 20 else _next_month(today)
    base = timezone.now().replace(minute=0, second=0, microsecond=0)
    if anchor != today:
        base = datetime.datetime.combine(anchor, datetime.time(15), tzinfo=datetime.UTC)
    cast = make_cohort(school, section_code="MCC-103-S27-01", time_zone="America/New_York")
    term = cast.cohort.term
    term.name = "Spring 2027"
    term.enrollment_opens_on = today - datetime.timedelta(days=20)
    term.enrollment_closes_on = anchor + datetime.timedelta(days=3)
    term.starts_on = anchor + datetime.timedelta(days=5)
    term.drop_deadline = term.starts_on + datetime.timedelta(days=14)
    term.save()
    ModuleFactory(course=cast.cohort.course, title="Chapter 9: circulatory system", release_offset_days=21)
    LiveSessionFactory(cohort=cast.cohort, title="Office hours: sequencing rules", starts_at=base + datetime.timedelta(days=1))
    LiveSessionFactory(cohort=cast.cohort, title="Live review: Excludes1 and Excludes2 notes in long titles",
                       starts_at=base + datetime.timedelta(days=2, minutes=30), cancelled_at=timezone.now())
    second = make_cohort(school, section_code="MCC-104-S27-01")
    LiveSessionFactory(cohort=second.cohort, title="CPT office hours", starts_at=base + datetime.timedelta(days=3))
    later = _next_month(anchor) + datetime.timedelta(days=9)
    LiveSessionFactory(cohort=cast.cohort, title="Coding workshop: E/M levels",
                       starts_at=datetime.datetime.combine(later, datetime.time(19, 0), tzinfo=datetime.UTC))
    month_query = "" if anchor == today else f"?month={anchor:%Y-%m}"

    sign_in(page, live_server.url, school.student.email)
    page.get_by_role("link", name="Calendar", exact=True).click()
    if month_query:
        page.goto(f"{live_server.url}/calendar/{month_query}")
    this_month = anchor.strftime("%B %Y")
    expect(page.locator("caption")).to_contain_text(this_month)
    expect(page.get_by_role("link", name="Office hours: sequencing rules")).to_be_visible()
    expect(page.locator(".is-cancelled .badge-cancelled")).to_have_text("Cancelled")
    axe_check(page)
    shots.take(page, "month")

    next_label = _next_month(anchor).strftime("%B %Y")
    _tab_to(page, f"{next_label} →")
    page.keyboard.press("Enter")
    expect(page.locator("caption")).to_contain_text(next_label)
    expect(page.get_by_role("link", name="Coding workshop: E/M levels")).to_be_visible()
    axe_check(page)
    shots.take(page, "next-month")

    page.get_by_role("link", name="Agenda").click()
    expect(page.get_by_role("link", name="Agenda")).to_have_attribute("aria-current", "page")
    expect(page.get_by_text("Spring 2027: first day")).to_be_visible()
    expect(page.get_by_role("link", name="CPT office hours")).to_be_visible()
    axe_check(page)
    shots.take(page, "agenda")

    # One cohort only, chosen without JavaScript: the form reloads the agenda filtered.
    page.get_by_label("Cohort").select_option(label="MCC-103-S27-01 " + cast.cohort.course.title)
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_role("link", name="CPT office hours")).to_have_count(0)
    expect(page.get_by_role("link", name="Agenda")).to_have_attribute("aria-current", "page")
    expect(page.get_by_role("link", name="Office hours: sequencing rules")).to_be_visible()
    shots.take(page, "agenda-one-cohort")

    # The private feed link, made from the profile.
    page.goto(f"{live_server.url}/profile/")
    page.get_by_role("button", name="Make a feed link").click()
    expect(page.get_by_label("Your private feed link")).to_have_value(re.compile(r"/calendar/feed/[\w-]+\.ics$"))
    expect(page.get_by_role("button", name="Replace the link")).to_be_visible()
    axe_check(page)
    shots.take(page, "profile-feed")

    phone = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    sign_in(phone, live_server.url, school.student.email)
    phone.goto(f"{live_server.url}/calendar/{month_query}")
    expect(phone.get_by_role("link", name="Office hours: sequencing rules")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390, "the month overflows a phone's width"
    axe_check(phone)
    shots.take(phone, "phone-month")
    phone.goto(f"{live_server.url}/calendar/?view=agenda")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390, "the agenda overflows a phone's width"
    shots.take(phone, "phone-agenda")
    phone.context.close()
