"""The private iCal feed: made, replaced and turned off from the profile; served by its token alone,
only at its school and only while its person is a member; and agreeing with the calendar page on
the times of sessions around the daylight-saving changes of autumn 2026, seen from two zones."""

from __future__ import annotations

import datetime
import re
import zoneinfo
from urllib.parse import urlsplit

import icalendar
import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from cohorts import calendar_feed
from cohorts.models import CalendarFeed
from lms.models import AuditLogEntry, Membership
from tests.conftest import make_cohort, text
from tests.factories import LiveSessionFactory

UTC = datetime.UTC


def _feed(school, user=None) -> CalendarFeed:
    return calendar_feed.calendar_feed_get_or_create(membership=school.membership(user or school.student))


def _path(feed: CalendarFeed) -> str:
    return urlsplit(calendar_feed.feed_url(feed)).path


def _parsed(response) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(response.content)


# --- the profile's buttons -------------------------------------------------------------------------


def test_the_profile_offers_to_make_a_link_when_there_is_none(school_a):
    body = school_a.client(school_a.student).get(reverse("lms:profile")).content.decode()
    assert '<h2 id="calendar-feed-heading">Calendar feed</h2>' in body
    assert "Make a feed link" in body and "Anyone with the link will see your calendar" in body
    assert not CalendarFeed.objects.exists()


def test_making_a_link_shows_it_in_a_labelled_readonly_field(school_a):
    client = school_a.client(school_a.student)
    response = client.post(reverse("cohorts:calendar_feed_new"))
    assert response.status_code == 302 and response["Location"] == "/profile/#calendar-feed"
    feed = CalendarFeed.objects.get(membership=school_a.membership(school_a.student))
    body = text(client.get(reverse("lms:profile")))
    assert '<label for="calendar-feed-url">Your private feed link</label>' in body
    assert re.search(rf'<input type="text" id="calendar-feed-url" value="http://northwind\.test(:\d+)?/calendar/feed/'
                     rf'{feed.token}\.ics" readonly', body)
    assert "Replace the link" in body and "Turn the feed off" in body
    assert "Your calendar feed link is ready." in body


def test_replacing_the_link_retires_the_old_one(school_a, cohort_a):
    old = _feed(school_a)
    old_path = _path(old)
    school_a.client(school_a.student).post(reverse("cohorts:calendar_feed_new"))
    new = CalendarFeed.objects.get(pk=old.pk)
    assert new.token != old.token
    assert school_a.client().get(old_path).status_code == 404
    assert school_a.client().get(_path(new)).status_code == 200


def test_turning_the_feed_off_retires_its_link(school_a, cohort_a):
    path = _path(_feed(school_a))
    response = school_a.client(school_a.student).post(reverse("cohorts:calendar_feed_off"))
    assert response.status_code == 302
    assert not CalendarFeed.objects.exists()
    assert school_a.client().get(path).status_code == 404


def test_the_feed_changes_are_in_the_audit_log_without_the_token(school_a):
    client = school_a.client(school_a.student)
    client.post(reverse("cohorts:calendar_feed_new"))
    token = CalendarFeed.objects.get().token
    client.post(reverse("cohorts:calendar_feed_new"))
    client.post(reverse("cohorts:calendar_feed_off"))
    entries = AuditLogEntry.objects.filter(tenant=school_a.tenant, actor=school_a.student).order_by("pk")
    assert [e.action for e in entries] == ["calendar_feed.created", "calendar_feed.replaced", "calendar_feed.revoked"]
    assert not any(token in f"{e.before}{e.after}{e.target_repr}" for e in entries)


def test_the_buttons_take_only_posts_from_members(school_a, outsider):
    assert school_a.client(school_a.student).get(reverse("cohorts:calendar_feed_new")).status_code == 405
    assert school_a.client(outsider).post(reverse("cohorts:calendar_feed_new")).status_code == 403
    assert school_a.client().post(reverse("cohorts:calendar_feed_new")).status_code == 302  # to sign in
    assert not CalendarFeed.objects.exists()


def test_someone_without_a_membership_has_no_feed_section(school_a, outsider):
    body = school_a.client(outsider).get(reverse("lms:profile")).content.decode()
    assert "Calendar feed" not in body


# --- the feed ------------------------------------------------------------------------------------


def test_the_token_alone_opens_the_feed(school_a, cohort_a):
    session = LiveSessionFactory(cohort=cohort_a.cohort, title="Office hours: Excludes1")
    response = school_a.client().get(_path(_feed(school_a)))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert "Set-Cookie" not in response.headers
    calendar = _parsed(response)
    assert calendar["X-WR-CALNAME"] == "Northwind College of Health"
    assert calendar["X-WR-TIMEZONE"] == "America/New_York"
    assert str(calendar["VERSION"]) == "2.0" and calendar["PRODID"]
    event = next(e for e in calendar.walk("VEVENT") if str(e["UID"]).startswith("live-session-"))
    assert str(event["SUMMARY"]) == "Office hours: Excludes1"
    assert event.decoded("DTSTART") == session.starts_at
    assert event.decoded("DTEND") == session.ends_at
    assert str(event["URL"]).endswith(f"/live-sessions/{session.pk}/") and str(event["URL"]).startswith("http://northwind.test")
    assert str(event["STATUS"]) == "CONFIRMED" and "DTSTAMP" in event


def test_timed_events_are_in_utc_and_term_dates_are_all_day(school_a, cohort_a):
    LiveSessionFactory(cohort=cohort_a.cohort)
    raw = school_a.client().get(_path(_feed(school_a))).content.decode()
    assert re.search(r"^DTSTART:\d{8}T\d{6}Z\r$", raw, re.M)
    first_day = cohort_a.cohort.term.starts_on
    assert f"DTSTART;VALUE=DATE:{first_day:%Y%m%d}\r\nDTEND;VALUE=DATE:{first_day + datetime.timedelta(days=1):%Y%m%d}" in raw


def test_a_term_shared_by_cohorts_is_in_the_feed_once(school_a, cohort_a):
    from tests.factories import CohortFactory, EnrollmentFactory

    twin = CohortFactory(tenant=school_a.tenant, term=cohort_a.cohort.term)
    EnrollmentFactory(cohort=twin, membership=school_a.membership(school_a.student))
    calendar = _parsed(school_a.client().get(_path(_feed(school_a))))
    firsts = [e for e in calendar.walk("VEVENT") if str(e["SUMMARY"]).endswith(": first day")]
    assert len(firsts) == 1


def test_a_cancelled_session_is_cancelled_in_the_feed(school_a, cohort_a):
    LiveSessionFactory(cohort=cohort_a.cohort, title="Review", cancelled_at=timezone.now())
    calendar = _parsed(school_a.client().get(_path(_feed(school_a))))
    event = next(e for e in calendar.walk("VEVENT") if str(e["UID"]).startswith("live-session-"))
    assert str(event["STATUS"]) == "CANCELLED"
    assert str(event["SUMMARY"]) == "Cancelled: Review"


def test_another_schools_host_does_not_know_the_token(school_a, school_b, cohort_a):
    path = _path(_feed(school_a))
    response = school_b.client().get(path)
    assert response.status_code == 404
    assert "Northwind" not in response.content.decode()


def test_an_unknown_or_overlong_token_is_404(school_a):
    assert school_a.client().get(reverse("cohorts:calendar_feed", kwargs={"feed_token": "nope"})).status_code == 404
    assert school_a.client().get(reverse("cohorts:calendar_feed", kwargs={"feed_token": "x" * 300})).status_code == 404


def test_a_member_who_left_loses_the_feed(school_a, cohort_a):
    path = _path(_feed(school_a))
    Membership.objects.filter(pk=school_a.membership(school_a.student).pk).update(is_active=False)
    assert school_a.client().get(path).status_code == 404


def test_a_deactivated_person_loses_the_feed(school_a, cohort_a):
    path = _path(_feed(school_a))
    type(school_a.student).objects.filter(pk=school_a.student.pk).update(is_active=False)
    assert school_a.client().get(path).status_code == 404


def test_a_member_let_back_in_does_not_get_the_old_link_back(school_a, cohort_a):
    path = _path(_feed(school_a))
    membership = school_a.membership(school_a.student)
    membership.is_active = False
    membership.save()
    membership.is_active = True
    membership.save()
    assert school_a.client().get(path).status_code == 404
    assert not CalendarFeed.objects.exists()


def test_an_unknown_token_is_not_written_to_the_request_log(school_a, caplog):
    with caplog.at_level("WARNING", logger="django.request"):
        assert school_a.client().get(reverse("cohorts:calendar_feed", kwargs={"feed_token": "secret-guess"})).status_code == 404
    assert "secret-guess" not in caplog.text


@pytest.mark.parametrize("name", ["cohorts:calendar_feed_new", "cohorts:calendar_feed_off"])
def test_the_feed_buttons_need_the_csrf_token(school_a, name):
    from django.test import Client

    client = Client(HTTP_HOST=school_a.host, enforce_csrf_checks=True)
    client.force_login(school_a.student)
    _feed(school_a)
    before = list(CalendarFeed.objects.values_list("token", flat=True))
    assert client.post(reverse(name)).status_code == 403
    assert list(CalendarFeed.objects.values_list("token", flat=True)) == before


def test_the_feed_only_takes_get_and_head(school_a):
    path = _path(_feed(school_a))
    assert school_a.client().post(path).status_code == 405
    assert school_a.client().head(path).status_code == 200


def test_the_fetch_time_is_written_at_most_once_an_hour(school_a, cohort_a):
    feed = _feed(school_a)
    path, client = _path(feed), school_a.client()
    start = datetime.datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
    with time_machine.travel(start, tick=False):
        client.get(path)
    with time_machine.travel(start + datetime.timedelta(minutes=30), tick=False):
        client.get(path)
    feed.refresh_from_db()
    assert feed.last_fetched_at == start
    with time_machine.travel(start + datetime.timedelta(minutes=61), tick=False):
        client.get(path)
    feed.refresh_from_db()
    assert feed.last_fetched_at == start + datetime.timedelta(minutes=61)


# --- the page and the feed agree across daylight-saving changes ------------------------------------

# A weekly 9:00 am workshop of a New York cohort: before both changes, the week after London's
# (Oct 25 2026, New York still on daylight time) and the week after New York's (Nov 1 2026).
WORKSHOPS = {
    "Workshop Oct 20": datetime.datetime(2026, 10, 20, 13, 0, tzinfo=UTC),
    "Workshop Oct 27": datetime.datetime(2026, 10, 27, 13, 0, tzinfo=UTC),
    "Workshop Nov 3": datetime.datetime(2026, 11, 3, 14, 0, tzinfo=UTC),
}
SHOWN = {
    "America/New_York": {"Workshop Oct 20": "9:00 a.m.", "Workshop Oct 27": "9:00 a.m.", "Workshop Nov 3": "9:00 a.m."},
    "Europe/London": {"Workshop Oct 20": "2:00 p.m.", "Workshop Oct 27": "1:00 p.m.", "Workshop Nov 3": "2:00 p.m."},
}


def _page_times(body: str) -> dict[str, tuple[str, str]]:
    """Each session on the month page: (its datetime attribute, the time a person reads)."""
    found = re.findall(r'<span class="cal-when"><time datetime="([^"]+)">([^<]+)</time>(?:(?!</li>).)*?'
                       r'<a href="/live-sessions/\d+/" class="cal-title">([^<]+)</a>', body, re.S)
    return {title: (stamp, shown) for stamp, shown, title in found}


def _clock(moment: datetime.datetime) -> str:
    return f"{moment.hour % 12 or 12}:{moment:%M} {'a.m.' if moment.hour < 12 else 'p.m.'}"


@pytest.mark.parametrize("zone_name", ["America/New_York", "Europe/London"])
def test_the_page_and_the_feed_agree_on_times_after_a_daylight_saving_change(school_a, zone_name):
    zone = zoneinfo.ZoneInfo(zone_name)
    cast = make_cohort(school_a, time_zone="America/New_York")
    for title, starts_at in WORKSHOPS.items():
        LiveSessionFactory(cohort=cast.cohort, title=title, starts_at=starts_at)
    student = school_a.student
    student.time_zone = zone_name
    student.save(update_fields=["time_zone"])
    client = school_a.client(student)

    with time_machine.travel(datetime.datetime(2026, 10, 15, 12, 0, tzinfo=UTC), tick=False):
        feed = _parsed(school_a.client().get(_path(_feed(school_a))))
        page = {}
        for month in ("2026-10", "2026-11"):
            body = client.get(reverse("cohorts:calendar"), {"month": month}).content.decode()
            assert f"Times are in {zone_name.replace('_', ' ')}." in body
            page.update(_page_times(body))

    assert str(feed["X-WR-TIMEZONE"]) == zone_name
    in_feed = {str(e["SUMMARY"]): e.decoded("DTSTART") for e in feed.walk("VEVENT") if str(e["SUMMARY"]) in WORKSHOPS}
    assert set(in_feed) == set(WORKSHOPS)
    for title, starts_at in WORKSHOPS.items():
        stamp, shown = page[title]
        assert in_feed[title] == starts_at  # the feed's instant, in UTC
        assert datetime.datetime.fromisoformat(stamp) == in_feed[title]  # the page's instant
        assert shown == _clock(in_feed[title].astimezone(zone)) == SHOWN[zone_name][title]
