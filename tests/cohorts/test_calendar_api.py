"""/api/v1/calendar/ (events in a range of days) and /api/v1/calendar/feed-url/ (the private iCal link)."""

from __future__ import annotations

import datetime
import zoneinfo
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from cohorts.models import CalendarFeed
from tests.conftest import make_cohort
from tests.factories import LiveSessionFactory

EVENTS = reverse("api:calendar")
FEED_URL = reverse("api:calendar-feed-url")
NEW_YORK = zoneinfo.ZoneInfo("America/New_York")  # the school's zone, the student's too


def _range(days: int = 60) -> dict[str, str]:
    today = timezone.localdate()
    return {"start": today.isoformat(), "end": (today + datetime.timedelta(days=days)).isoformat()}


def test_events_come_with_their_fields(school_a, cohort_a):
    session = LiveSessionFactory(cohort=cohort_a.cohort, title="Office hours", cancelled_at=timezone.now())
    data = school_a.client(school_a.student).get(EVENTS, _range()).json()
    assert data["time_zone"] == "America/New_York"
    event = next(e for e in data["events"] if e["kind"] == "live_session")
    assert event == {
        "uid": f"live-session-{session.pk}.{school_a.tenant.pk}@codecohort", "kind": "live_session",
        "title": "Office hours", "start": session.starts_at.astimezone(NEW_YORK).isoformat(),
        "end": session.ends_at.astimezone(NEW_YORK).isoformat(), "all_day": False,
        "url": f"http://northwind.test/live-sessions/{session.pk}/", "cohort": cohort_a.cohort.section_code,
        "cancelled": True,
    }
    first_day = next(e for e in data["events"] if e["kind"] == "term_starts")
    assert first_day["all_day"] and first_day["start"] == cohort_a.cohort.term.starts_on.isoformat()
    assert first_day["cohort"] is None


def test_without_a_range_it_answers_this_month(school_a, cohort_a):
    data = school_a.client(school_a.student).get(EVENTS).json()
    first = timezone.localdate().replace(day=1)
    assert data["start"] == first.isoformat()
    assert data["end"] == (first + datetime.timedelta(days=32)).replace(day=1).isoformat()


@pytest.mark.parametrize(("query", "message"), [
    ({"start": "2026-11-01"}, "Give both start and end, or neither for this month."),
    ({"start": "2026-11-10", "end": "2026-11-10"}, "end: The end must come after the start."),
    ({"start": "2026-01-01", "end": "2027-03-01"}, "end: Ask for at most 400 days at a time."),
    ({"start": "November", "end": "2026-12-01"}, "start: Date has wrong format. Use one of these formats instead: YYYY-MM-DD."),
    ({"cohort": "abc"}, "cohort: A valid integer is required."),
    ({"start": "0001-01-01", "end": "0001-02-01"}, "Ask for days from 1970-01-01 to 2999-12-31."),
])
def test_a_bad_range_is_a_clear_400(school_a, query, message):
    response = school_a.client(school_a.student).get(EVENTS, query)
    assert response.status_code == 400
    assert response.json()["error"]["message"] == message


def test_the_cohort_filter_keeps_one_cohort_and_refuses_another(school_a, cohort_a):
    other = make_cohort(school_a)
    LiveSessionFactory(cohort=cohort_a.cohort, title="Mine")
    LiveSessionFactory(cohort=other.cohort, title="Theirs")
    client = school_a.client(school_a.registrar)
    titles = {e["title"] for e in client.get(EVENTS, {**_range(), "cohort": cohort_a.cohort.pk}).json()["events"]}
    assert "Mine" in titles and "Theirs" not in titles
    other.enrollment.delete()
    student = school_a.client(school_a.student)
    assert student.get(EVENTS, {**_range(), "cohort": other.cohort.pk}).status_code == 404


def test_another_schools_member_is_refused(school_a, school_b, cohort_a):
    client = school_a.client(school_b.student)
    assert client.get(EVENTS, _range()).status_code == 403
    assert client.get(FEED_URL).status_code == 403
    assert not CalendarFeed.objects.exists()


def test_reading_the_feed_url_makes_none(school_a, cohort_a):
    assert school_a.client(school_a.student).get(FEED_URL).json() == {"url": None}
    assert not CalendarFeed.objects.exists()


def test_the_feed_url_is_made_by_a_post_and_then_kept(school_a, cohort_a):
    client = school_a.client(school_a.student)
    url = client.post(FEED_URL).json()["url"]
    assert urlsplit(url).hostname == "northwind.test" and url.endswith(".ics")
    assert client.get(FEED_URL).json()["url"] == url
    assert school_a.client().get(urlsplit(url).path).status_code == 200


def test_post_replaces_the_link(school_a, cohort_a):
    client = school_a.client(school_a.student)
    old = client.post(FEED_URL).json()["url"]
    new = client.post(FEED_URL).json()["url"]
    assert new != old
    assert school_a.client().get(urlsplit(old).path).status_code == 404
    assert school_a.client().get(urlsplit(new).path).status_code == 200


def test_delete_turns_the_feed_off(school_a, cohort_a):
    client = school_a.client(school_a.student)
    url = client.get(FEED_URL).json()["url"]
    assert client.delete(FEED_URL).status_code == 204
    assert school_a.client().get(urlsplit(url).path).status_code == 404
    assert client.delete(FEED_URL).status_code == 204


def test_the_schema_documents_the_routes_without_warnings(tmp_path):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yml"))
    schema = (tmp_path / "schema.yml").read_text()
    assert "/api/v1/calendar/:" in schema and "/api/v1/calendar/feed-url/:" in schema


def test_a_token_caller_gets_their_own_zone(school_a, cohort_a):
    from rest_framework.authtoken.models import Token

    student = school_a.student
    student.time_zone = "Asia/Tokyo"
    student.save(update_fields=["time_zone"])
    session = LiveSessionFactory(cohort=cohort_a.cohort)
    key = Token.objects.create(user=student).key
    client = school_a.client()
    data = client.get(EVENTS, _range(), HTTP_AUTHORIZATION=f"Token {key}").json()
    assert data["time_zone"] == "Asia/Tokyo"
    event = next(e for e in data["events"] if e["kind"] == "live_session")
    assert event["start"] == session.starts_at.astimezone(zoneinfo.ZoneInfo("Asia/Tokyo")).isoformat()
