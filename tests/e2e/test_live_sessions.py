"""An instructor schedules a live session; a student sees it on the dashboard, joins when the window
opens, and watches a past session's recording with captions. Every page is checked with axe-core."""

from __future__ import annotations

import datetime
import pathlib
import re

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from playwright.sync_api import expect

from cohorts.models import LiveSession
from tests.e2e.conftest import running_cohort
from tests.e2e.test_browser import sign_in
from tests.factories import LiveSessionFactory

pytestmark = pytest.mark.e2e
MEDIA = pathlib.Path(__file__).resolve().parents[2] / "courses" / "demo_media"


def test_instructor_schedules_and_a_student_joins_and_watches_a_recording(live_server, browser, page, school, shots, axe_check):
    cast = running_cohort(school, "MCC-103-S27-01")
    past = LiveSessionFactory(
        cohort=cast.cohort, title="Live review: ICD-10-CM code structure",
        starts_at=timezone.now() - datetime.timedelta(days=2), recording_type="video/mp4",
        recording_file=ContentFile((MEDIA / "icd10cm-code-structure.mp4").read_bytes(), name="review.mp4"),
        captions_file=ContentFile((MEDIA / "icd10cm-code-structure.vtt").read_bytes(), name="review.vtt"),
        recording_posted_at=timezone.now(), transcript="An ICD-10-CM code has three to seven characters.",
    )
    LiveSessionFactory(cohort=cast.cohort, title="Office hours: sequencing", starts_at=timezone.now() + datetime.timedelta(minutes=5),
                       join_url=f"{live_server.url}/notifications/")

    # The instructor schedules a workshop for tomorrow evening.
    sign_in(page, live_server.url, school.instructor.email)
    page.goto(f"{live_server.url}/live-sessions/")
    page.get_by_role("link", name="Schedule a session").click()
    axe_check(page)
    tomorrow = timezone.localtime() + datetime.timedelta(days=1)
    page.get_by_label("Cohort").select_option(str(cast.cohort.pk))
    page.get_by_label("Title").fill("Coding workshop: office visit levels")
    page.get_by_label("Kind").select_option("workshop")
    page.get_by_label("Starts").fill(f"{tomorrow:%Y-%m-%d}T19:00")
    page.get_by_label("Length in minutes").fill("90")
    page.get_by_label("Host").select_option(index=1)
    page.get_by_label("Join link").fill("https://meet.example.edu/em-levels")
    shots.take(page, "schedule-form")
    page.get_by_role("button", name="Schedule").click()
    page.get_by_role("heading", name="Coding workshop: office visit levels").wait_for()
    axe_check(page)
    shots.take(page, "scheduled")
    assert LiveSession.objects.filter(title="Coding workshop: office visit levels", duration_minutes=90).exists()

    # The student sees the next sessions on the dashboard; the one about to start can be joined.
    student = browser.new_context(viewport={"width": 1280, "height": 900})
    spage = student.new_page()
    sign_in(spage, live_server.url, school.student.email)
    card = spage.locator(".card-sessions")
    expect(card.get_by_role("link", name="Coding workshop: office visit levels")).to_be_visible()
    expect(card.get_by_role("button", name="Join Office hours: sequencing")).to_be_visible()
    expect(card.get_by_role("button", name=re.compile("Join Coding workshop"))).to_have_count(0)
    axe_check(spage)
    shots.take(spage, "dashboard-sessions")
    card.get_by_role("button", name="Join Office hours: sequencing").click()
    spage.wait_for_url(f"{live_server.url}/notifications/")

    # A past session's recording plays in the lesson player with its captions.
    spage.goto(f"{live_server.url}/live-sessions/{past.pk}/")
    video = spage.locator("video.player-video")
    expect(video).to_be_visible()
    spage.wait_for_function("document.querySelector('video.player-video').readyState >= 1")
    tracks = spage.evaluate("Array.from(document.querySelector('video.player-video').textTracks).map(t => t.kind)")
    assert tracks == ["captions"]
    expect(spage.get_by_text("An ICD-10-CM code has three to seven characters.")).to_be_visible()
    axe_check(spage)
    shots.take(spage, "recording")
    student.close()
