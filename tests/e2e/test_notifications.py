"""A student watches the bell: it rises when a notice arrives, falls when one is read, and a kind
set to the daily digest waits for 7:00."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from lms.models import Notification
from lms.notifications.service import notify
from tests.e2e.test_browser import sign_in

pytestmark = pytest.mark.e2e


def tell(school, key: str, title: str, kind: str = "enrollment.approved") -> None:
    notify(tenant=school.tenant, kind=kind, recipients=[school.student], key=key, title=title,
           body="Spring 2027 starts Monday, January 11.", url="/", actor=school.registrar)


def test_the_bell_rises_falls_and_a_digest_kind_waits(live_server, page, school, shots, axe_check, settings):
    settings.NOTIFICATION_BELL_POLL_SECONDS = 1
    tell(school, "e2e:1", "You're enrolled in MCC-103-S27-01 ICD-10-CM Diagnosis Coding")
    sign_in(page, live_server.url, school.student.email)
    bell = page.locator("#bell")
    expect(bell.locator(".bell-count")).to_have_attribute("data-count", "1")

    # A notice arrives while the page is open: the bell's polling shows it without a reload.
    tell(school, "e2e:2", "A seat opened: you're enrolled in MCC-104-S27-01 CPT Coding", kind="enrollment.promoted")
    expect(bell.locator(".bell-count")).to_have_attribute("data-count", "2", timeout=10_000)
    shots.take(page, "bell-two-unread")

    bell.click()
    page.get_by_role("heading", name="Notifications").wait_for()
    axe_check(page)
    shots.take(page, "notifications-list")
    page.get_by_role("button", name=re.compile("^Mark read.*A seat opened")).click()
    expect(page.locator("#bell .bell-count")).to_have_attribute("data-count", "1")
    expect(page.get_by_role("button", name=re.compile("^Mark read.*A seat opened"))).to_have_count(0)

    # The student moves "Application approved" in the app to the daily digest.
    page.get_by_role("link", name="Notification settings").click()
    page.get_by_label("Application approved: in the app").select_option("digest")
    axe_check(page)
    shots.take(page, "notification-settings")
    page.get_by_role("button", name="Save settings").click()
    page.get_by_text("Your notification settings are saved.").wait_for()

    tell(school, "e2e:3", "You're enrolled in MCC-105-S27-01 E/M Coding")
    page.goto(f"{live_server.url}/notifications/")
    expect(page.locator("#bell .bell-count")).to_have_attribute("data-count", "1")
    expect(page.get_by_text("MCC-105-S27-01")).to_have_count(0)
    waiting = Notification.objects.get(key="e2e:3")
    assert waiting.visible_at > waiting.created_at and waiting.visible_at.astimezone().minute == 0
    shots.take(page, "digest-waits")


def test_an_announcement_raises_the_bell_and_reading_it_lowers_it(live_server, browser, page, school, shots, axe_check, settings):
    settings.NOTIFICATION_BELL_POLL_SECONDS = 1
    sign_in(page, live_server.url, school.student.email)
    expect(page.locator("#bell .bell-count")).to_have_count(0)

    registrar = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    sign_in(registrar, live_server.url, school.registrar.email)
    registrar.goto(f"{live_server.url}/announcements/new/")
    registrar.get_by_label("For").select_option("school")
    registrar.get_by_label("Title").fill("Coding lab closed on Friday")
    registrar.get_by_label("Announcement").fill("The lab reopens **Monday at 8 am**. Practice cases stay open online.")
    axe_check(registrar)
    shots.take(registrar, "announcement-form")
    registrar.get_by_role("button", name="Post").click()
    registrar.get_by_role("heading", name="Coding lab closed on Friday").wait_for()
    axe_check(registrar)
    shots.take(registrar, "announcement-posted")

    # The student's open dashboard hears of it without a reload, and shows it after one.
    expect(page.locator("#bell .bell-count")).to_have_attribute("data-count", "1", timeout=10_000)
    page.reload()
    page.get_by_role("heading", name="New announcements").wait_for()
    axe_check(page)
    shots.take(page, "dashboard-new-announcement")
    page.locator("#bell").click()
    page.get_by_role("link", name=re.compile("Coding lab closed on Friday")).click()
    page.get_by_role("heading", name="Coding lab closed on Friday").wait_for()
    expect(page.locator("#bell .bell-count")).to_have_count(0)
    assert page.locator(".reading strong").inner_text() == "Monday at 8 am"
    page.goto(f"{live_server.url}/")
    expect(page.get_by_role("heading", name="New announcements")).to_have_count(0)
    registrar.context.close()
