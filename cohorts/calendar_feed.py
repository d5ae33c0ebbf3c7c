"""A person's private iCal feed: its token (made, replaced, turned off) and the .ics it serves.

The token in the URL is the only key, so calendar programs can subscribe without signing in;
whoever has the link sees the calendar, which is why the person can replace it (the old link
stops working) or turn it off. Timed events go out in UTC and all-day ones as dates, so every
calendar program shows the right local time on both sides of a daylight-saving change.
"""

from __future__ import annotations

import datetime
import secrets

import icalendar
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from cohorts.calendar import Event, calendar_events
from cohorts.models import CalendarFeed
from lms.links import school_base_url
from lms.models import Membership, Tenant
from lms.notifications.service import person_zone
from lms.services import audit_record

FEED_PAST = datetime.timedelta(days=60)
FEED_AHEAD = datetime.timedelta(days=366)
FETCH_NOTE_EVERY = datetime.timedelta(hours=1)
TOKEN_MAX = 64


def _new_token() -> str:
    return secrets.token_urlsafe(32)


def feed_of(*, membership: Membership) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(tenant_id=membership.tenant_id, membership=membership).select_related("tenant").first()


def feed_url(feed: CalendarFeed) -> str:
    """Absolute, on the school's own host: calendar programs fetch it with no page to resolve it from."""
    path = reverse("cohorts:calendar_feed", kwargs={"feed_token": feed.token})
    return school_base_url(feed.tenant).rstrip("/") + path


def feed_url_for(*, membership: Membership) -> str | None:
    """The link the person made, if any: showing it makes none."""
    feed = feed_of(membership=membership)
    return feed_url(feed) if feed else None


@transaction.atomic
def calendar_feed_get_or_create(*, membership: Membership) -> CalendarFeed:
    feed, created = CalendarFeed.objects.get_or_create(
        tenant_id=membership.tenant_id, membership=membership, defaults={"token": _new_token()}
    )
    if created:
        audit_record(tenant=feed.tenant, actor=membership.user, action="calendar_feed.created", target=feed)
    return feed


@transaction.atomic
def calendar_feed_replace(*, membership: Membership) -> CalendarFeed:
    """A new token for the person's feed (made if there was none); the old link answers 404 from now on."""
    feed = CalendarFeed.objects.select_for_update().filter(tenant_id=membership.tenant_id, membership=membership).first()
    if feed is None:
        return calendar_feed_get_or_create(membership=membership)
    feed.token = _new_token()
    feed.created_at = timezone.now()
    feed.last_fetched_at = None
    feed.full_clean()
    feed.save(update_fields=["token", "created_at", "last_fetched_at"])
    audit_record(tenant=feed.tenant, actor=membership.user, action="calendar_feed.replaced", target=feed)
    return feed


@transaction.atomic
def calendar_feed_revoke(*, membership: Membership) -> bool:
    """Turn the feed off: its row goes, so its link answers 404. False when there was none."""
    feed = feed_of(membership=membership)
    if feed is None:
        return False
    audit_record(tenant=feed.tenant, actor=membership.user, action="calendar_feed.revoked", target=feed)
    feed.delete()
    return True


def forget_feed_when_access_ends(sender, instance, **kwargs) -> None:
    """post_save of a Membership or a User: one that is no longer active loses its feeds, so a
    link shared long ago does not come back to life if the person is let in again."""
    if instance.is_active:
        return
    rows = CalendarFeed.objects.filter(membership=instance) if isinstance(instance, Membership) else (
        CalendarFeed.objects.filter(membership__user=instance)
    )
    rows.delete()


def feed_get(*, tenant: Tenant, token: str) -> CalendarFeed:
    """The feed of this token at this school while its person is an active member; 404 otherwise."""
    if not token or len(token) > TOKEN_MAX:
        raise Http404("No such calendar feed.")
    feed = (
        CalendarFeed.objects.filter(tenant=tenant, token=token, membership__is_active=True, membership__user__is_active=True)
        .select_related("membership__user", "tenant")
        .first()
    )
    if feed is None:
        raise Http404("No such calendar feed.")
    return feed


def feed_note_fetched(feed: CalendarFeed, *, now: datetime.datetime) -> None:
    """At most one write an hour, however often a calendar program polls."""
    if feed.last_fetched_at is not None and now - feed.last_fetched_at < FETCH_NOTE_EVERY:
        return
    CalendarFeed.objects.filter(pk=feed.pk).update(last_fetched_at=now)
    feed.last_fetched_at = now


def feed_ics(*, feed: CalendarFeed, now: datetime.datetime | None = None) -> bytes:
    now = now or timezone.now()
    membership, tenant = feed.membership, feed.tenant
    zone = person_zone(membership.user, tenant)
    today = now.astimezone(zone).date()
    events = calendar_events(membership=membership, start=today - FEED_PAST, end=today + FEED_AHEAD, zone=zone)
    base = school_base_url(tenant).rstrip("/")
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//CodeCohort//Calendar//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", tenant.name)
    calendar.add("x-wr-timezone", zone.key)
    calendar.add("refresh-interval", FETCH_NOTE_EVERY, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", FETCH_NOTE_EVERY)
    stamp = now.astimezone(datetime.UTC)
    for event in events:
        calendar.add_component(_vevent(event, stamp=stamp, base=base))
    return calendar.to_ical()


def _vevent(event: Event, *, stamp: datetime.datetime, base: str) -> icalendar.Event:
    vevent = icalendar.Event()
    vevent.add("uid", event.uid)
    vevent.add("dtstamp", stamp)
    vevent.add("summary", f"Cancelled: {event.title}" if event.cancelled else event.title)
    if event.all_day:
        vevent.add("dtstart", event.start)
        vevent.add("dtend", event.end)
        vevent.add("transp", "TRANSPARENT")
    else:
        vevent.add("dtstart", event.start.astimezone(datetime.UTC))
        vevent.add("dtend", event.end.astimezone(datetime.UTC))
    vevent.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
    if event.cohort:
        vevent.add("description", event.cohort)
    if event.url:
        vevent.add("url", base + event.url)
    return vevent
