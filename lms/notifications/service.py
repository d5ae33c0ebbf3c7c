"""The one way to notify: ``notify`` records one notice per person and dedupe key, and emails follow.

Apps call ``notify`` from their services, inside their transaction; nothing here sends mail
in the request. Nobody is told of their own action.
"""

from __future__ import annotations

import datetime
import zoneinfo
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from lms.models import Membership, Tenant, User
from lms.notifications.kinds import Channel, Mode, kind_get
from lms.notifications.models import Notification, NotificationPreference

DIGEST_HOUR = 7  # local time of the daily digest


def person_zone(user: User, tenant: Tenant) -> zoneinfo.ZoneInfo:
    """The person's own time zone, else the school's."""
    for name in (user.time_zone, tenant.time_zone):
        if name:
            try:
                return zoneinfo.ZoneInfo(name)
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                continue
    return zoneinfo.ZoneInfo("UTC")


def next_digest_at(now: datetime.datetime, zone: zoneinfo.ZoneInfo) -> datetime.datetime:
    """The next 7:00 in ``zone`` after ``now``: today's if it has not passed, else tomorrow's (DST-safe)."""
    local = now.astimezone(zone)
    day = local.date() if local.hour < DIGEST_HOUR else local.date() + datetime.timedelta(days=1)
    return datetime.datetime.combine(day, datetime.time(DIGEST_HOUR), tzinfo=zone).astimezone(datetime.UTC)


def modes_for(memberships: list[Membership], kind_code: str) -> dict[int, tuple[str, str]]:
    """Per membership: (in-app mode, email mode) for the kind, their choice over the role's default."""
    kind = kind_get(kind_code)
    chosen = {
        (membership_id, channel): mode
        for membership_id, channel, mode in NotificationPreference.objects.filter(
            membership__in=[m.pk for m in memberships], kind=kind_code
        ).values_list("membership_id", "channel", "mode")
    }
    return {
        m.pk: tuple(
            chosen.get((m.pk, channel), kind.default(m.role, channel)) for channel in (Channel.IN_APP, Channel.EMAIL)
        )
        for m in memberships
    }


def notify(
    *,
    tenant: Tenant,
    kind: str,
    recipients: Iterable[User | int],
    key: str,
    title: str,
    actor: User | None = None,
    subject: object | None = None,
    body: str = "",
    url: str = "",
    now: datetime.datetime | None = None,
) -> int:
    """Tell ``recipients`` (active members of the school whose role the kind reaches) once per ``key``.

    Returns how many notices were offered to the database; a key already used for a person
    adds nothing (a unique key, so two runs at the same moment cannot both insert). Emails
    marked immediate go out after the caller's transaction commits.
    """
    kind_def = kind_get(kind)
    now = now or timezone.now()
    user_ids = {r.pk if isinstance(r, User) else int(r) for r in recipients}
    if actor is not None and getattr(actor, "pk", None):
        user_ids.discard(actor.pk)  # nobody is told of their own action
    if not user_ids:
        return 0
    memberships = [
        m for m in Membership.objects.filter(tenant=tenant, user_id__in=user_ids, is_active=True).select_related("user")
        if kind_def.reaches(m.role)
    ]
    modes = modes_for(memberships, kind)
    rows = []
    for m in memberships:
        in_app, email = modes[m.pk]
        if in_app == Mode.OFF and email == Mode.OFF:
            continue
        digest_at = next_digest_at(now, person_zone(m.user, tenant)) if Mode.DIGEST in (in_app, email) else None
        rows.append(Notification(
            tenant=tenant, recipient_id=m.user_id, kind=kind, key=key[:200],
            actor=actor if actor is not None and getattr(actor, "pk", None) else None,
            subject_type=type(subject).__name__.lower() if subject is not None else "",
            subject_id=str(getattr(subject, "pk", "") or "") if subject is not None else "",
            title=title[:200], body=body, url=url[:300], created_at=now,
            visible_at={Mode.IMMEDIATE: now, Mode.DIGEST: digest_at}.get(in_app),
            email_mode=email,
            email_due_at={Mode.IMMEDIATE: now, Mode.DIGEST: digest_at}.get(email),
        ))
    if not rows:
        return 0
    Notification.objects.bulk_create(rows, ignore_conflicts=True)
    _revive_withdrawn(tenant, key[:200], rows)
    recipients_told = [row.recipient_id for row in rows]
    transaction.on_commit(lambda: bells_changed(tenant_id=tenant.pk, user_ids=recipients_told))
    if any(row.email_mode == Mode.IMMEDIATE for row in rows):
        from lms.tasks import send_notification_emails

        send_notification_emails.delay_on_commit(tenant_id=tenant.pk, key=key[:200])
    return len(rows)


def _revive_withdrawn(tenant: Tenant, key: str, rows: list[Notification]) -> None:
    """A notice withdrawn when its facts changed is true again when they change back (a session
    moved and moved back): its row, kept by the unique key, is offered again. The conditional
    update revives it once however many runs do this at the same moment."""
    withdrawn = set(
        Notification.objects.filter(
            tenant=tenant, key=key, recipient_id__in=[r.recipient_id for r in rows], withdrawn_at__isnull=False
        ).values_list("recipient_id", flat=True)
    )
    for row in rows:
        if row.recipient_id in withdrawn:
            Notification.objects.filter(tenant=tenant, key=key, recipient_id=row.recipient_id, withdrawn_at__isnull=False).update(
                withdrawn_at=None, title=row.title, body=row.body, url=row.url, created_at=row.created_at,
                visible_at=row.visible_at, read_at=None, email_mode=row.email_mode, email_due_at=row.email_due_at,
                email_claim="", email_claimed_at=None, emailed_at=None,
            )


def withdraw(*, tenant: Tenant, keys: Iterable[str], now: datetime.datetime | None = None) -> int:
    """Notices that are no longer true (a session cancelled, a term moved) and not yet delivered.

    One not yet shown in the app nor emailed is withdrawn; one already shown keeps its place
    in the list, but its pending email (a digest's) is cancelled. Returns how many changed.
    """
    now = now or timezone.now()
    rows = Notification.objects.filter(
        tenant=tenant, key__in=list(keys), withdrawn_at__isnull=True, emailed_at__isnull=True, email_claim=""
    )
    unseen = rows.exclude(visible_at__lte=now)
    changed = list(unseen.values_list("recipient_id", flat=True))
    count = unseen.update(withdrawn_at=now, email_due_at=None)
    count += rows.filter(visible_at__lte=now, email_due_at__isnull=False).update(email_due_at=None)
    transaction.on_commit(lambda: bells_changed(tenant_id=tenant.pk, user_ids=changed))
    return count


def redact(*, tenant: Tenant, keys: Iterable[str], body: str, now: datetime.datetime | None = None) -> int:
    """Notices whose text must no longer be read (a forum post the staff hid): every copy reads
    ``body`` instead, and those whose email has not gone yet are not emailed. Returns how many."""
    rows = Notification.objects.filter(tenant=tenant, key__in=list(keys))
    count = rows.update(body=body)
    rows.filter(emailed_at__isnull=True, email_claim="").update(email_due_at=None)
    return count


# --- reading and the bell ----------------------------------------------------------------


def inbox(*, tenant: Tenant, user: User, now: datetime.datetime | None = None):
    """The person's notices that are showing: newest first."""
    now = now or timezone.now()
    return Notification.objects.filter(
        tenant=tenant, recipient=user, visible_at__lte=now, withdrawn_at__isnull=True
    ).order_by("-visible_at", "-id")


def notification_get(*, tenant: Tenant, user: User, notification_id: object) -> Notification:
    """One of the person's showing notices; 404 for anyone else's, missing or malformed alike."""
    from django.http import Http404

    from lms.selectors import object_id

    found = inbox(tenant=tenant, user=user).filter(pk=object_id(notification_id)).first()
    if found is None:
        raise Http404("No such notification.")
    return found


def mark_read(*, tenant: Tenant, user: User, notification_ids: Iterable[int] | None = None) -> int:
    """Mark some (or, with None, all) of the person's showing notices read. Safe to repeat."""
    now = timezone.now()
    rows = inbox(tenant=tenant, user=user, now=now).filter(read_at__isnull=True)
    if notification_ids is not None:
        rows = rows.filter(pk__in=list(notification_ids))
    count = rows.update(read_at=now)
    bells_changed(tenant_id=tenant.pk, user_ids=[user.pk])
    return count


BELL_SECONDS = 120


def bell_cache_key(*, tenant_id: int, user_id: int) -> str:
    return f"bell:{tenant_id}:{user_id}"


def bells_changed(*, tenant_id: int, user_ids: Iterable[int]) -> None:
    from django.core.cache import cache

    keys = [bell_cache_key(tenant_id=tenant_id, user_id=u) for u in set(user_ids)]
    if keys:
        try:
            cache.delete_many(keys)
        except Exception:  # the count falls back to its timeout
            pass


def unread_count(*, tenant: Tenant, user: User, now: datetime.datetime | None = None) -> int:
    """The bell's number. Kept in the cache until a notice arrives, is read, or a digest's time comes."""
    from django.core.cache import cache
    from django.db.models import Count, Min, Q

    now = now or timezone.now()
    key = bell_cache_key(tenant_id=tenant.pk, user_id=user.pk)
    try:
        cached = cache.get(key)
    except Exception:
        cached = None
    if cached is not None:
        count, until = cached
        if until is None or now < until:
            return count
    counts = Notification.objects.filter(
        tenant=tenant, recipient=user, read_at__isnull=True, withdrawn_at__isnull=True, visible_at__isnull=False
    ).aggregate(count=Count("pk", filter=Q(visible_at__lte=now)), until=Min("visible_at", filter=Q(visible_at__gt=now)))
    try:
        cache.set(key, (counts["count"], counts["until"]), BELL_SECONDS)
    except Exception:
        pass
    return counts["count"]


# --- dispatchers' windows -------------------------------------------------------------------

FIRST_LOOK = datetime.timedelta(hours=1)
OVERLAP = datetime.timedelta(minutes=5)


def dispatch_window(name: str, *, now: datetime.datetime, catch_up: datetime.timedelta) -> tuple[datetime.datetime, datetime.datetime]:
    """(since, until) for a dispatcher run: from where it last looked (a little before, so a run
    that committed late loses nothing), but never further back than ``catch_up``."""
    from lms.notifications.models import DispatchMark

    mark = DispatchMark.objects.filter(name=name).values_list("looked_until", flat=True).first()
    since = (mark or now - FIRST_LOOK) - OVERLAP
    return max(since, now - catch_up), now


def dispatch_looked(name: str, *, until: datetime.datetime) -> None:
    """Move the mark forward to ``until`` (never back: a slower run that started earlier loses)."""
    from django.db import IntegrityError

    from lms.notifications.models import DispatchMark

    if not DispatchMark.objects.filter(name=name, looked_until__lt=until).update(looked_until=until):
        try:
            with transaction.atomic():
                DispatchMark.objects.get_or_create(name=name, defaults={"looked_until": until})
        except IntegrityError:  # another run created it this instant
            pass
