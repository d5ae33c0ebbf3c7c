"""The calendar: which events a person sees, the cohort filter, term dates once, cancelled sessions
marked, module openings in the cohort's zone, the month grid and the agenda, and constant queries."""

from __future__ import annotations

import datetime
import re
import zoneinfo

import pytest
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from cohorts import calendar
from cohorts.calendar import Event, calendar_events, register_source
from tests.conftest import make_cohort, text
from tests.factories import CohortFactory, EnrollmentFactory, LiveSessionFactory, ModuleFactory

UTC = datetime.UTC
NEW_YORK = zoneinfo.ZoneInfo("America/New_York")


def _events(school, user, *, days: int = 150, cohort_id=None, zone=UTC) -> list[Event]:
    today = timezone.localdate()
    return calendar_events(membership=school.membership(user), start=today - datetime.timedelta(days=5),
                           end=today + datetime.timedelta(days=days), cohort_id=cohort_id, zone=zone)


def _titles(events) -> set[str]:
    return {e.title for e in events}


@pytest.fixture
def two_cohorts(school_a, cohort_a):
    """cohort_a (student, instructor) and a second cohort of the school that student2 takes, each with a session."""
    other = make_cohort(school_a, section_code="OTHER-01")
    other.enrollment.membership = school_a.membership(school_a.student2)
    other.enrollment.save()
    LiveSessionFactory(cohort=cohort_a.cohort, title="Office hours of A")
    LiveSessionFactory(cohort=other.cohort, title="Office hours of B")
    return cohort_a, other


def test_a_student_sees_their_cohorts_term_dates_and_sessions(school_a, two_cohorts):
    cast, _ = two_cohorts
    events = _events(school_a, school_a.student)
    term = cast.cohort.term.name
    assert {f"{term}: first day", f"{term}: last day", f"{term}: enrollment closes", f"{term}: last day to drop",
            "Office hours of A"} <= _titles(events)
    assert "Office hours of B" not in _titles(events)


def test_an_instructor_sees_only_the_cohorts_they_staff(school_a, two_cohorts):
    _, other = two_cohorts
    other.cohort.staff.all().delete()
    titles = _titles(_events(school_a, school_a.instructor))
    assert "Office hours of A" in titles and "Office hours of B" not in titles


def test_a_registrar_sees_every_cohort_of_the_school_and_none_of_another(school_a, two_cohorts, cohort_b):
    LiveSessionFactory(cohort=cohort_b.cohort, title="Riverside office hours")
    titles = _titles(_events(school_a, school_a.registrar))
    assert {"Office hours of A", "Office hours of B"} <= titles
    assert "Riverside office hours" not in titles


def test_the_cohort_filter_keeps_one_cohort(school_a, two_cohorts):
    cast, _ = two_cohorts
    titles = _titles(_events(school_a, school_a.registrar, cohort_id=cast.cohort.pk))
    assert "Office hours of A" in titles and "Office hours of B" not in titles


def test_filtering_to_a_cohort_the_member_cannot_see_is_404(school_a, two_cohorts):
    _, other = two_cohorts
    with pytest.raises(Http404):
        _events(school_a, school_a.student, cohort_id=other.cohort.pk)
    page = school_a.client(school_a.student).get(reverse("cohorts:calendar"), {"cohort": other.cohort.pk})
    assert page.status_code == 404
    assert "Office hours of B" not in page.content.decode()


def test_another_schools_cohort_in_the_filter_is_404(school_a, cohort_a, cohort_b):
    page = school_a.client(school_a.registrar).get(reverse("cohorts:calendar"), {"cohort": cohort_b.cohort.pk})
    assert page.status_code == 404


def test_a_term_shared_by_two_cohorts_shows_its_dates_once_naming_the_term(school_a, cohort_a):
    second = CohortFactory(tenant=school_a.tenant, term=cohort_a.cohort.term, section_code="SEC-TWIN")
    EnrollmentFactory(cohort=second, membership=school_a.membership(school_a.student))
    events = _events(school_a, school_a.student)
    firsts = [e for e in events if e.kind == "term_starts"]
    assert len(firsts) == 1
    assert firsts[0].title == f"{cohort_a.cohort.term.name}: first day"
    assert firsts[0].all_day and firsts[0].start == cohort_a.cohort.term.starts_on
    assert firsts[0].end == cohort_a.cohort.term.starts_on + datetime.timedelta(days=1)


def test_a_cancelled_session_stays_on_the_calendar_marked_cancelled(school_a, cohort_a):
    LiveSessionFactory(cohort=cohort_a.cohort, title="Workshop that will not happen", cancelled_at=timezone.now())
    event = next(e for e in _events(school_a, school_a.student) if e.kind == "live_session")
    assert event.cancelled
    page = text(school_a.client(school_a.student).get(reverse("cohorts:calendar"), {"view": "agenda"}))
    item = re.search(r'<li class="cal-event cal-live_session is-cancelled">(.*?)</li>', page, re.S)
    assert item and "Workshop that will not happen" in item.group(1) and "Cancelled" in item.group(1)


def test_a_module_opens_at_midnight_in_the_cohorts_zone(school_a):
    cast = make_cohort(school_a, time_zone="America/New_York")
    module = ModuleFactory(course=cast.cohort.course, title="Excludes1 notes", release_offset_days=3)
    event = next(e for e in _events(school_a, school_a.student) if e.kind == "module_release")
    opens_on = cast.cohort.term.starts_on + datetime.timedelta(days=3)
    assert event.title == "Excludes1 notes opens"
    assert event.start == datetime.datetime.combine(opens_on, datetime.time.min, tzinfo=NEW_YORK)
    assert event.start.astimezone(NEW_YORK).hour == 0
    assert event.url == reverse("courses:cohort_course", args=[cast.cohort.pk])
    assert event.uid.startswith(f"module-{module.pk}-cohort-{cast.cohort.pk}.")


def test_an_applicant_sees_the_terms_dates_but_not_its_modules_or_sessions(school_a, cohort_a):
    ModuleFactory(course=cohort_a.cohort.course, title="Excludes1 notes", release_offset_days=3)
    LiveSessionFactory(cohort=cohort_a.cohort, title="Office hours of A")
    cohort_a.enrollment.state = "applied"
    cohort_a.enrollment.save()
    events = _events(school_a, school_a.student)
    assert f"{cohort_a.cohort.term.name}: first day" in _titles(events)
    assert not {"Excludes1 notes opens", "Office hours of A"} & _titles(events)


def test_a_session_across_midnight_is_on_both_days(school_a, cohort_a):
    starts = datetime.datetime(2027, 2, 11, 4, 30, tzinfo=UTC)  # 11:30 pm to 12:30 am in New York
    LiveSessionFactory(cohort=cohort_a.cohort, title="Late review", starts_at=starts)
    body = text(school_a.client(school_a.student).get(reverse("cohorts:calendar"), {"month": "2027-02"}))
    for day in ("2027-02-10", "2027-02-11"):
        assert "Late review" in re.search(rf'<time datetime="{day}">.*?</td>', body, re.S).group(0), day


def test_unpublished_modules_and_first_day_modules_are_not_listed(school_a, cohort_a):
    ModuleFactory(course=cohort_a.cohort.course, title="Draft module", release_offset_days=5, is_published=False)
    ModuleFactory(course=cohort_a.cohort.course, title="Open from day one", release_offset_days=0)
    assert not [e for e in _events(school_a, school_a.student) if e.kind == "module_release"]


def test_events_come_in_order_and_only_inside_the_range(school_a, cohort_a):
    soon = LiveSessionFactory(cohort=cohort_a.cohort, title="Soon", starts_at=timezone.now() + datetime.timedelta(days=1))
    LiveSessionFactory(cohort=cohort_a.cohort, title="Far away", starts_at=timezone.now() + datetime.timedelta(days=300))
    events = _events(school_a, school_a.student, days=60)
    assert "Far away" not in _titles(events)
    keys = [(e.days(UTC)[0], not e.all_day, e.start.timestamp() if not e.all_day else 0) for e in events]
    assert keys == sorted(keys)
    assert events[0].uid == f"live-session-{soon.pk}.{school_a.tenant.pk}@codecohort"


def test_a_uid_is_the_same_on_every_ask(school_a, cohort_a):
    LiveSessionFactory(cohort=cohort_a.cohort)
    first = [e.uid for e in _events(school_a, school_a.student)]
    assert first == [e.uid for e in _events(school_a, school_a.student)]
    assert len(set(first)) == len(first)


def test_a_registered_source_adds_its_events_without_editing_the_calendar(school_a, cohort_a):
    def due_dates(window):
        for cohort in window.cohorts:
            due = datetime.datetime.combine(window.start + datetime.timedelta(days=3), datetime.time(23, 59), tzinfo=UTC)
            yield Event(uid=window.uid(f"due-{cohort.pk}"), kind="assessment_due", title="Quiz 1 due",
                        start=due, end=due, all_day=False, cohort=cohort.section_code)

    register_source(due_dates)
    register_source(due_dates)
    try:
        dues = [e for e in _events(school_a, school_a.student) if e.kind == "assessment_due"]
    finally:
        calendar._SOURCES.remove(due_dates)
    assert [e.title for e in dues] == ["Quiz 1 due"]


# --- the pages ---------------------------------------------------------------------------------


def test_the_month_page_is_a_table_with_a_caption_and_weekday_headers(school_a, cohort_a):
    page = school_a.client(school_a.student).get(reverse("cohorts:calendar"), {"month": "2027-02"})
    body = page.content.decode()
    assert page.status_code == 200
    assert "<caption>February 2027" in body
    assert body.count('<th scope="col">') == 7
    assert '<abbr title="Sunday">Sun</abbr>' in body
    assert 'href="/calendar/?month=2027-01" rel="prev"' in body and 'href="/calendar/?month=2027-03" rel="next"' in body


@pytest.mark.parametrize("params", [{"month": "9999-12"}, {"month": "0001-01"}, {"month": "soon"}, {"month": "3000000000-01"},
                                    {"view": "agenda", "from": "3000000000-01-01"},
                                    {"view": "agenda", "from": "9999-12-31"}, {"view": "agenda", "from": "0001-01-01"}])
def test_a_month_or_day_out_of_reach_shows_the_present_instead(school_a, cohort_a, params):
    page = school_a.client(school_a.student).get(reverse("cohorts:calendar"), params)
    assert page.status_code == 200
    assert timezone.localdate().strftime("%B") in page.content.decode()


def test_the_month_page_lists_a_session_on_its_day_with_its_time_in_the_viewers_zone(school_a, cohort_a):
    starts = datetime.datetime(2027, 2, 10, 23, 30, tzinfo=UTC)  # 6:30 pm in New York, the school's zone
    LiveSessionFactory(cohort=cohort_a.cohort, title="Evening review", starts_at=starts)
    body = text(school_a.client(school_a.student).get(reverse("cohorts:calendar"), {"month": "2027-02"}))
    cell = re.search(r'<time datetime="2027-02-10">.*?</td>', body, re.S).group(0)
    assert '<time datetime="2027-02-10T18:30:00-05:00">6:30 p.m.</time>' in cell
    assert '<time datetime="2027-02-10T19:30:00-05:00">7:30 p.m.</time>' in cell  # and when it ends
    assert "Evening review" in cell
    assert "Times are in America/New York." in body


def test_all_day_and_timed_events_read_differently(school_a, cohort_a):
    LiveSessionFactory(cohort=cohort_a.cohort, title="Timed one")
    body = text(school_a.client(school_a.student).get(reverse("cohorts:calendar"), {"view": "agenda"}))
    assert re.search(r'cal-term_starts is-all-day">\s*<span class="cal-when">All day', body)
    assert re.search(r'cal-live_session">\s*<span class="cal-when"><time datetime="[^"]+">\d{1,2}:\d\d [ap]\.m\.</time>', body)


def test_the_agenda_groups_events_by_day_from_today(school_a, cohort_a):
    LiveSessionFactory(cohort=cohort_a.cohort, title="Past session", starts_at=timezone.now() - datetime.timedelta(days=3))
    LiveSessionFactory(cohort=cohort_a.cohort, title="Next session")
    body = text(school_a.client(school_a.student).get(reverse("cohorts:calendar"), {"view": "agenda"}))
    headings = re.findall(r'<h2 id="day-(\d{8})">', body)
    assert headings == sorted(headings) and len(headings) >= 3
    assert "Next session" in body and "Past session" not in body
    # today where the student is (their own zone, else the school's), not on the server's clock
    zone = zoneinfo.ZoneInfo(school_a.student.time_zone or school_a.tenant.time_zone)
    start = timezone.localdate(timezone=zone)
    assert f'from={(start + datetime.timedelta(days=60)).isoformat()}" rel="next"' in body


def test_the_cohort_select_is_a_labelled_get_form_that_keeps_the_view(school_a, cohort_a):
    second = CohortFactory(tenant=school_a.tenant, section_code="SEC-SECOND")
    EnrollmentFactory(cohort=second, membership=school_a.membership(school_a.student))
    query = {"view": "agenda", "cohort": second.pk}
    body = school_a.client(school_a.student).get(reverse("cohorts:calendar"), query).content.decode()
    assert '<label for="calendar-cohort">Cohort</label>' in body
    assert '<input type="hidden" name="view" value="agenda">' in body
    assert f'<option value="{second.pk}" selected>' in body
    assert f'href="/calendar/?cohort={second.pk}"' in body  # the Month tab keeps the filter


def test_the_main_navigation_links_the_calendar_marked_current(school_a, cohort_a):
    body = school_a.client(school_a.student).get(reverse("cohorts:calendar")).content.decode()
    assert '<a href="/calendar/" aria-current="page">Calendar</a>' in body


def test_titles_are_escaped(school_a, cohort_a):
    LiveSessionFactory(cohort=cohort_a.cohort, title="<script>alert(1)</script>")
    body = school_a.client(school_a.student).get(reverse("cohorts:calendar"), {"view": "agenda"}).content.decode()
    assert "<script>alert(1)</script>" not in body and "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_someone_signed_in_without_a_membership_sees_nothing(school_a, cohort_a, outsider):
    client = school_a.client(outsider)
    assert client.get(reverse("cohorts:calendar")).status_code == 403


# --- queries -----------------------------------------------------------------------------------


def _grow(school, size: int) -> None:
    """``size`` cohorts of the student, each in its own term, with a module opening and two sessions."""
    for n in range(size):
        cast = make_cohort(school, section_code=f"GROW-{n:03d}")
        ModuleFactory(course=cast.cohort.course, release_offset_days=2)
        LiveSessionFactory(cohort=cast.cohort)
        LiveSessionFactory(cohort=cast.cohort, cancelled_at=timezone.now())


@pytest.mark.parametrize("size", [2, 15])
def test_the_events_ask_a_constant_number_of_queries(school_a, size, django_assert_max_num_queries):
    _grow(school_a, size)
    membership, today = school_a.membership(school_a.student), timezone.localdate()
    with django_assert_max_num_queries(4):  # cohorts, module releases, live sessions, assessments due
        events = calendar_events(membership=membership, start=today, end=today + datetime.timedelta(days=60), zone=UTC)
    assert len([e for e in events if e.kind == "live_session"]) == 2 * size


@pytest.mark.parametrize("size", [2, 15])
@pytest.mark.parametrize("params", [{}, {"view": "agenda"}])
def test_the_pages_ask_a_constant_number_of_queries(school_a, size, params, django_assert_max_num_queries):
    _grow(school_a, size)
    client = school_a.client(school_a.student)
    client.get(reverse("cohorts:calendar"), params)
    with django_assert_max_num_queries(7):
        page = client.get(reverse("cohorts:calendar"), params)
    assert page.status_code == 200


@pytest.mark.parametrize("size", [2, 15])
def test_the_api_asks_a_constant_number_of_queries(school_a, size, django_assert_max_num_queries):
    _grow(school_a, size)
    client = school_a.client(school_a.student)
    today = timezone.localdate()
    query = {"start": today.isoformat(), "end": (today + datetime.timedelta(days=60)).isoformat()}
    client.get(reverse("api:calendar"), query)
    with django_assert_max_num_queries(6):
        data = client.get(reverse("api:calendar"), query).json()
    assert len([e for e in data["events"] if e["kind"] == "live_session"]) == 2 * size
