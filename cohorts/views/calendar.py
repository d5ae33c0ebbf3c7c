"""Calendar pages: the month grid and the agenda of a member's cohorts, and their private iCal feed."""

from __future__ import annotations

import calendar as month_math
import datetime
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotFound
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from cohorts import calendar_feed
from cohorts.calendar import EARLIEST, LATEST, ONE_DAY, Event, calendar_events
from cohorts.selectors import cohorts_visible_to
from lms.permissions import member_required

AGENDA_DAYS = 60
WEEK = month_math.Calendar(firstweekday=month_math.SUNDAY)
WEEKDAYS = [(name[:3], name) for name in ("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")]


@dataclass
class Day:
    date: datetime.date
    in_month: bool = True
    is_today: bool = False
    events: list[Event] = field(default_factory=list)


def _month_of(raw: str, today: datetime.date) -> datetime.date:
    """The month asked for (YYYY-MM), else this one."""
    try:
        year, month = (int(part) for part in raw.split("-"))
        first = datetime.date(year, month, 1)
    except (TypeError, ValueError, OverflowError):
        return today.replace(day=1)
    return first if EARLIEST.year < first.year < LATEST.year else today.replace(day=1)


def _day_of(raw: str, today: datetime.date) -> datetime.date:
    try:
        day = datetime.date.fromisoformat(raw)
    except (TypeError, ValueError, OverflowError):
        return today
    return day if EARLIEST.year < day.year < LATEST.year else today


def _shift_month(first: datetime.date, months: int) -> datetime.date:
    index = first.year * 12 + first.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def _link(view: str, cohort: str, **params: str) -> str:
    query = {"view": view} if view == "agenda" else {}
    query.update(params)
    if cohort:
        query["cohort"] = cohort
    return f"{reverse('cohorts:calendar')}?{urlencode(query)}" if query else reverse("cohorts:calendar")


def _by_day(events: list[Event], zone: datetime.tzinfo) -> dict[datetime.date, list[Event]]:
    days: dict[datetime.date, list[Event]] = {}
    for event in events:
        for day in event.days(zone):
            days.setdefault(day, []).append(event)
    return days


@member_required()
def calendar_page(request: HttpRequest) -> HttpResponse:
    membership, zone, today = request.membership, timezone.get_current_timezone(), timezone.localdate()
    cohort = request.GET.get("cohort", "")
    view = "agenda" if request.GET.get("view") == "agenda" else "month"
    context: dict = {
        "view": view, "today": today, "zone_name": timezone.get_current_timezone_name(), "cohort_id": cohort,
        "cohorts": cohorts_visible_to(membership=membership).select_related("course").order_by("section_code", "pk"),
        "month_url": _link("month", cohort), "agenda_url": _link("agenda", cohort),
    }
    if view == "month":
        first = _month_of(request.GET.get("month", ""), today)
        weeks = WEEK.monthdatescalendar(first.year, first.month)
        events = calendar_events(membership=membership, start=weeks[0][0], end=weeks[-1][-1] + ONE_DAY,
                                 cohort_id=cohort, zone=zone)
        by_day = _by_day(events, zone)
        context.update(
            month=first, weekdays=WEEKDAYS, event_count=len(events),
            weeks=[[Day(d, d.month == first.month, d == today, by_day.get(d, [])) for d in week] for week in weeks],
            prev_url=_link(view, cohort, month=_shift_month(first, -1).strftime("%Y-%m")),
            next_url=_link(view, cohort, month=_shift_month(first, 1).strftime("%Y-%m")),
            prev_label=_shift_month(first, -1), next_label=_shift_month(first, 1),
        )
    else:
        start = _day_of(request.GET.get("from", ""), today)
        end = start + datetime.timedelta(days=AGENDA_DAYS)
        events = calendar_events(membership=membership, start=start, end=end, cohort_id=cohort, zone=zone)
        by_day = _by_day(events, zone)
        context.update(
            start=start, last=end - ONE_DAY,
            days=[Day(day, is_today=day == today, events=by_day[day]) for day in sorted(by_day) if start <= day < end],
            prev_url=_link(view, cohort, **{"from": (start - datetime.timedelta(days=AGENDA_DAYS)).isoformat()}),
            next_url=_link(view, cohort, **{"from": end.isoformat()}),
        )
    return render(request, f"cohorts/calendar/{view}.html", context)


# --- the private feed ------------------------------------------------------------------------------


@member_required()
@require_POST
def calendar_feed_new(request: HttpRequest) -> HttpResponse:
    had_one = calendar_feed.feed_of(membership=request.membership) is not None
    calendar_feed.calendar_feed_replace(membership=request.membership)
    if had_one:
        messages.success(request, "Your calendar feed has a new link. The old link no longer works.")
    else:
        messages.success(request, "Your calendar feed link is ready. Add it to your calendar program.")
    return redirect(f"{reverse('lms:profile')}#calendar-feed")


@member_required()
@require_POST
def calendar_feed_off(request: HttpRequest) -> HttpResponse:
    if calendar_feed.calendar_feed_revoke(membership=request.membership):
        messages.success(request, "Your calendar feed is off. Its link no longer works.")
    return redirect(f"{reverse('lms:profile')}#calendar-feed")


@require_safe
def calendar_feed_ics(request: HttpRequest, feed_token: str) -> HttpResponse:
    """No sign-in: calendar programs fetch it with the token alone, from this school's host only."""
    try:
        feed = calendar_feed.feed_get(tenant=request.tenant, token=feed_token)
    except Http404:
        # Answered here rather than raised: Django's request log would keep the token's URL.
        missing = HttpResponseNotFound(b"No such calendar feed.", content_type="text/plain")
        missing._has_been_logged = True
        missing["Cache-Control"] = "no-store"
        return missing
    now = timezone.now()
    body = calendar_feed.feed_ics(feed=feed, now=now)
    calendar_feed.feed_note_fetched(feed, now=now)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    response["Content-Disposition"] = 'inline; filename="calendar.ics"'
    response["X-Robots-Tag"] = "noindex"
    return response


urlpatterns = [
    path("calendar/", calendar_page, name="calendar"),
    path("calendar/feed/new/", calendar_feed_new, name="calendar_feed_new"),
    path("calendar/feed/off/", calendar_feed_off, name="calendar_feed_off"),
    path("calendar/feed/<str:feed_token>.ics", calendar_feed_ics, name="calendar_feed"),
]
