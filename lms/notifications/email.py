"""Notices by email: one at a time when immediate, one daily digest per person otherwise.

Each send claims its rows with a conditional update (a token and a time), so a task
delivered twice, or two dispatchers at the same moment, send each notice once. A claim
older than CLAIM_TIMEOUT (a worker died mid-send) may be taken again.
"""

from __future__ import annotations

import datetime
import logging
import secrets
from email.utils import formataddr, parseaddr

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db.models import Exists, OuterRef, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from lms.links import school_base_url
from lms.models import Membership, Tenant, User
from lms.notifications.kinds import KINDS, Mode
from lms.notifications.models import Notification
from lms.notifications.service import person_zone

log = logging.getLogger(__name__)

CLAIM_TIMEOUT = datetime.timedelta(minutes=10)
UNSUBSCRIBE_SALT = "lms.notifications.unsubscribe"


def _claimable(now: datetime.datetime) -> Q:
    return Q(email_claim="") | Q(email_claimed_at__lt=now - CLAIM_TIMEOUT)


def _pending(now: datetime.datetime):
    """Emails due and unclaimed, to people still active members of the school (a member
    deactivated since the notice was made is not emailed)."""
    member = Membership.objects.filter(tenant=OuterRef("tenant"), user=OuterRef("recipient"), is_active=True)
    return Notification.objects.filter(
        emailed_at__isnull=True, withdrawn_at__isnull=True, email_due_at__isnull=False, email_due_at__lte=now
    ).filter(_claimable(now)).filter(Exists(member))


def _claim(rows, now: datetime.datetime) -> tuple[str, list[Notification]]:
    token = secrets.token_hex(16)
    if not rows.update(email_claim=token, email_claimed_at=now):
        return token, []
    claimed = Notification.objects.filter(email_claim=token).select_related("tenant", "recipient").order_by("created_at", "id")
    return token, list(claimed)


def _release(notices: list[Notification], token: str) -> None:
    """Let others claim these again, unless a later claim has taken them meanwhile."""
    Notification.objects.filter(pk__in=[n.pk for n in notices], email_claim=token, emailed_at__isnull=True).update(
        email_claim="", email_claimed_at=None
    )


# --- unsubscribe links ---------------------------------------------------------------------


def unsubscribe_token(*, membership_id: int, kinds: list[str]) -> str:
    return signing.dumps([membership_id, sorted(set(kinds))], salt=UNSUBSCRIBE_SALT, compress=True)


def unsubscribe_read(token: str) -> tuple[int, list[str]] | None:
    """(membership id, kinds) from a link we made, or None for anything else."""
    try:
        membership_id, kinds = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(membership_id, int) or not isinstance(kinds, list) or not all(k in KINDS for k in kinds):
        return None
    return membership_id, kinds


def _links(tenant: Tenant, membership: Membership | None, kinds: list[str]) -> dict:
    base = school_base_url(tenant).rstrip("/")
    links = {"base": base, "settings": base + reverse("lms:notification_settings"), "unsubscribe": []}
    if membership is not None:
        for kind in kinds:
            token = unsubscribe_token(membership_id=membership.pk, kinds=[kind])
            links["unsubscribe"].append((KINDS[kind].label, base + reverse("lms:notification_unsubscribe", args=[token])))
        token = unsubscribe_token(membership_id=membership.pk, kinds=kinds)
        links["unsubscribe_all"] = base + reverse("lms:notification_unsubscribe", args=[token])
    return links


def _message(*, tenant: Tenant, user: User, subject: str, template: str, context: dict, kinds: list[str]) -> EmailMultiAlternatives:
    membership = Membership.objects.filter(tenant=tenant, user=user).first()
    links = _links(tenant, membership, kinds)
    context = {
        **context, "school": tenant, "user": user, "links": links, "zone": person_zone(user, tenant),
    }
    _, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"lms/email/{template}.txt", context),
        from_email=formataddr((tenant.name, address)),
        to=[user.email],
    )
    message.attach_alternative(render_to_string(f"lms/email/{template}.html", context), "text/html")
    if "unsubscribe_all" in links:
        # RFC 8058: a mail program may unsubscribe with one POST, no page in between.
        message.extra_headers["List-Unsubscribe"] = f"<{links['unsubscribe_all']}>"
        message.extra_headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    return message


def _send(notices: list[Notification], token: str, build) -> int:
    """Send what ``build`` makes of the claimed notices; on failure let them be claimed again."""
    try:
        build().send()
    except Exception:
        _release(notices, token)
        raise
    Notification.objects.filter(pk__in=[n.pk for n in notices], email_claim=token).update(emailed_at=timezone.now())
    return len(notices)


def send_immediate(*, tenant_id: int, key: str, now: datetime.datetime | None = None) -> int:
    """Email each person their notice of ``key`` that is due now. Returns how many went out.

    Each notice is claimed on its own just before it is sent, so a long list never holds
    claims that go stale, and one address that fails does not hold up the others: the
    first error is raised after the rest were tried, for the task to retry the failed ones.
    """
    now = now or timezone.now()
    ids = list(
        _pending(now).filter(tenant_id=tenant_id, key=key, email_mode=Mode.IMMEDIATE).order_by("id").values_list("pk", flat=True)
    )
    sent, failure = 0, None
    for pk in ids:
        token, claimed = _claim(_pending(timezone.now()).filter(pk=pk), timezone.now())
        for notice in claimed:
            try:
                sent += _send([notice], token, lambda n=notice: _message(
                    tenant=n.tenant, user=n.recipient, subject=n.title, template="notification",
                    context={"notice": n}, kinds=[n.kind],
                ))
            except Exception as error:
                log.warning("Notification %s could not be emailed: %s", notice.pk, error)
                failure = failure or error
    if failure is not None:
        raise failure
    return sent


def send_digest(*, tenant_id: int, user_id: int, now: datetime.datetime | None = None) -> int:
    """One email with every digest notice of the person that is due. Nothing due, nothing sent."""
    now = now or timezone.now()
    token, notices = _claim(
        _pending(now).filter(tenant_id=tenant_id, recipient_id=user_id, email_mode=Mode.DIGEST), now
    )
    if not notices:
        return 0
    tenant, user = notices[0].tenant, notices[0].recipient
    kinds = sorted({n.kind for n in notices})
    count = len(notices)
    subject = f"{tenant.name}: {count} update{'s' if count != 1 else ''} for you"
    return _send(notices, token, lambda: _message(
        tenant=tenant, user=user, subject=subject, template="digest", context={"notices": notices}, kinds=kinds,
    ))


STUCK_AFTER = datetime.timedelta(minutes=2)


def due_work(*, now: datetime.datetime | None = None, limit: int = 500) -> tuple[list[tuple[int, str]], list[tuple[int, int]]]:
    """What the dispatcher hands to tasks: immediate keys whose email has not gone out
    (a lost task, a dead worker), and people whose digest is due."""
    now = now or timezone.now()
    pending = _pending(now)
    stuck = list(
        pending.filter(email_mode=Mode.IMMEDIATE, email_due_at__lte=now - STUCK_AFTER)
        .values_list("tenant_id", "key").distinct().order_by()[:limit]
    )
    digests = list(
        pending.filter(email_mode=Mode.DIGEST).values_list("tenant_id", "recipient_id").distinct().order_by()[:limit]
    )
    return stuck, digests
