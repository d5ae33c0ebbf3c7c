"""Writes of the platform core. Each runs in one transaction and is audited."""

from __future__ import annotations

import logging
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone

from lms.models import AuditLogEntry, Invitation, Membership, Role, Tenant, User
from lms.permissions import change_membership_refusal

logger = logging.getLogger(__name__)

TENANT_AUDITED_FIELDS = ("name", "accent_colour", "logo", "time_zone", "signup_policy", "coding_partial_credit")


def _jsonable(value: object) -> object:
    if hasattr(value, "name") and not isinstance(value, str):  # FieldFile
        return value.name or ""
    if isinstance(value, Decimal):
        return str(value)
    return value


def snapshot(obj: object, fields: tuple[str, ...]) -> dict[str, object]:
    return {field: _jsonable(getattr(obj, field)) for field in fields}


def save_unique(obj, *, field: str, message: str) -> None:
    """Save ``obj``; a unique key taken by a concurrent write (a double click) becomes a field error."""
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError:
        raise ValidationError({field: message}) from None


def audit_record(
    *,
    tenant: Tenant,
    actor: User | None,
    action: str,
    target: object,
    before: dict | None = None,
    after: dict | None = None,
) -> AuditLogEntry:
    return AuditLogEntry.objects.create(
        tenant=tenant,
        actor=actor if actor and actor.is_authenticated else None,
        action=action,
        target_type=type(target).__name__.lower(),
        target_id=str(getattr(target, "pk", "") or ""),
        target_repr=str(target)[:255],
        before=before or {},
        after=after or {},
    )


# --- invitations -------------------------------------------------------------


@transaction.atomic
def invitation_create(*, tenant: Tenant, actor: User, email: str, role: str, base_url: str) -> Invitation:
    """Invite ``email`` to the school with ``role``; the email goes out after commit."""
    from lms.tasks import send_invitation_email

    email = User.objects.normalize_email(email).strip().lower()
    if role not in Role.values:
        raise ValidationError({"role": f"Choose one of: {', '.join(Role.values)}."})
    if Membership.objects.filter(tenant=tenant, user__email__iexact=email, is_active=True).exists():
        raise ValidationError({"email": f"{email} is already a member of {tenant.name}."})
    if Invitation.objects.filter(tenant=tenant, email__iexact=email, status=Invitation.Status.PENDING).exists():
        raise ValidationError({"email": f"{email} already has a pending invitation; revoke it to invite again."})
    invitation = Invitation(
        tenant=tenant,
        email=email,
        role=role,
        invited_by=actor,
        base_url=base_url,
        expires_at=timezone.now() + timedelta(days=settings.INVITATION_TTL_DAYS),
    )
    invitation.full_clean()
    try:
        with transaction.atomic():
            invitation.save()
    except IntegrityError:  # a concurrent invite for the same address won
        raise ValidationError({"email": f"{email} already has a pending invitation."}) from None
    audit_record(
        tenant=tenant,
        actor=actor,
        action="invitation.created",
        target=invitation,
        after={"email": email, "role": role},
    )
    send_invitation_email.delay_on_commit(tenant_id=tenant.pk, invitation_id=invitation.pk)
    return invitation


SEND_CLAIM_TIMEOUT = timedelta(minutes=10)


def invitation_send_email(*, tenant_id: int, invitation_id: int) -> bool:
    """Send the invitation once. Returns False when there was nothing to send.

    The row is claimed with a conditional update, so a task delivered twice
    sends one email. ``sent_at`` is set only after the send; a claim older
    than SEND_CLAIM_TIMEOUT (a worker died mid-send) may be taken again, and
    the dispatcher re-enqueues such rows.
    """
    now = timezone.now()
    claimable = Q(send_claimed_at__isnull=True) | Q(send_claimed_at__lt=now - SEND_CLAIM_TIMEOUT)
    claimed = (
        Invitation.objects.filter(pk=invitation_id, tenant_id=tenant_id, status=Invitation.Status.PENDING, sent_at__isnull=True)
        .filter(claimable)
        .update(send_claimed_at=now)
    )
    if not claimed:
        return False
    invitation = Invitation.objects.select_related("tenant", "invited_by").get(pk=invitation_id)
    context = {
        "invitation": invitation,
        "school": invitation.tenant,
        "accept_url": invitation.base_url.rstrip("/") + f"/invitations/{invitation.token}/",
    }
    try:
        send_mail(
            subject=f"You're invited to join {invitation.tenant.name} on CodeCohort",
            message=render_to_string("lms/email/invitation.txt", context),
            from_email=None,
            recipient_list=[invitation.email],
        )
    except Exception:
        Invitation.objects.filter(pk=invitation_id).update(send_claimed_at=None)
        raise
    Invitation.objects.filter(pk=invitation_id).update(sent_at=timezone.now())
    return True


def invitations_unsent(*, older_than: timedelta = timedelta(minutes=2)) -> list[tuple[int, int]]:
    """(tenant_id, invitation_id) of pending invitations whose email never went
    out: the task failed for good or its worker died holding the claim."""
    now = timezone.now()
    return list(
        Invitation.objects.filter(
            status=Invitation.Status.PENDING, sent_at__isnull=True, created_at__lt=now - older_than
        )
        .filter(Q(send_claimed_at__isnull=True) | Q(send_claimed_at__lt=now - SEND_CLAIM_TIMEOUT))
        .values_list("tenant_id", "pk")[:500]
    )


@transaction.atomic
def invitation_revoke(*, tenant: Tenant, actor: User, invitation: Invitation) -> Invitation:
    if invitation.tenant_id != tenant.pk:
        raise ValidationError("This invitation belongs to another school.")
    if invitation.status != Invitation.Status.PENDING:
        raise ValidationError(f"This invitation is already {invitation.get_status_display().lower()}.")
    invitation.status = Invitation.Status.REVOKED
    invitation.save(update_fields=["status"])
    audit_record(
        tenant=tenant,
        actor=actor,
        action="invitation.revoked",
        target=invitation,
        before={"status": "pending"},
        after={"status": "revoked"},
    )
    return invitation


@transaction.atomic
def invitation_accept(*, tenant: Tenant, invitation: Invitation, user: User) -> Membership:
    """Join the school with the invited role. The invitation is for one address."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk, tenant=tenant)
    if not invitation.is_usable:
        raise ValidationError("This invitation has expired or was already used or revoked.")
    if invitation.email.lower() != user.email.lower():
        raise ValidationError(
            f"This invitation was sent to {invitation.email}; you are signed in as {user.email}."
        )
    existing = Membership.objects.select_for_update().filter(tenant=tenant, user=user).first()
    if existing and existing.is_active:
        # A stale invitation must not change the role of someone already in.
        raise ValidationError(f"You are already a member of {tenant.name}.")
    membership = existing or Membership(tenant=tenant, user=user, role=invitation.role)
    before = snapshot(existing, ("role", "is_active")) if existing else {}
    membership.role = invitation.role
    membership.is_active = True
    membership.full_clean()
    membership.save()
    invitation.status = Invitation.Status.ACCEPTED
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["status", "accepted_at", "accepted_by"])
    audit_record(
        tenant=tenant,
        actor=user,
        action="membership.joined_by_invitation",
        target=membership,
        before=before,
        after=snapshot(membership, ("role", "is_active")),
    )
    return membership


def invitations_expire() -> int:
    """Mark pending invitations past their date as expired. Safe to run any time."""
    return Invitation.objects.filter(status=Invitation.Status.PENDING, expires_at__lte=timezone.now()).update(
        status=Invitation.Status.EXPIRED
    )


# --- memberships -------------------------------------------------------------


@transaction.atomic
def membership_update(
    *, tenant: Tenant, actor: Membership, membership: Membership, role: str | None = None, is_active: bool | None = None
) -> Membership:
    """Change a member's role or active flag, as a registrar of ``tenant``."""
    if membership.tenant_id != tenant.pk or actor.tenant_id != tenant.pk:
        raise ValidationError("That member belongs to another school.")
    # Lock both rows and decide on what is committed now, so two registrars
    # demoting each other at once cannot leave the school without one.
    locked = {
        m.pk: m
        for m in Membership.objects.select_for_update().filter(pk__in=[actor.pk, membership.pk], tenant=tenant)
    }
    if actor.pk not in locked or membership.pk not in locked:
        raise ValidationError("That membership no longer exists; reload the page.")
    actor, membership = locked[actor.pk], locked[membership.pk]
    refusal = change_membership_refusal(actor, membership)
    if refusal:
        raise ValidationError(refusal)
    before = snapshot(membership, ("role", "is_active"))
    if role is not None:
        membership.role = role
    if is_active is not None:
        membership.is_active = is_active
    membership.full_clean()
    after = snapshot(membership, ("role", "is_active"))
    if after == before:
        return membership
    membership.save(update_fields=["role", "is_active"])
    if not membership.is_active:
        # Deactivation wins over any invitation still out for this person.
        Invitation.objects.filter(
            tenant=tenant, email__iexact=membership.user.email, status=Invitation.Status.PENDING
        ).update(status=Invitation.Status.REVOKED)
    action = "membership.role_changed" if before["role"] != after["role"] else "membership.status_changed"
    audit_record(tenant=tenant, actor=actor.user, action=action, target=membership, before=before, after=after)
    return membership


@transaction.atomic
def membership_join_by_signup(*, tenant: Tenant, user: User) -> Membership | None:
    """A self-signup on a school that allows it makes a (prospective) student."""
    if not tenant.allows_signup:
        return None
    membership, created = Membership.objects.get_or_create(tenant=tenant, user=user, defaults={"role": Role.STUDENT})
    if created:
        audit_record(
            tenant=tenant,
            actor=user,
            action="membership.self_signup",
            target=membership,
            after=snapshot(membership, ("role", "is_active")),
        )
    return membership


@transaction.atomic
def membership_join_open_school(*, tenant: Tenant, user: User) -> Membership:
    """Someone signed in with an account of another school joins this open school as a student.

    A deactivated member stays deactivated: only a registrar brings them back.
    """
    if not tenant.allows_signup:
        raise ValidationError(f"{tenant.name} is invite only: ask its registrar for an invitation.")
    existing = Membership.objects.select_for_update().filter(tenant=tenant, user=user).first()
    if existing is not None:
        if not existing.is_active:
            raise ValidationError("Your membership of this school was deactivated; ask its registrar.")
        return existing
    membership = Membership(tenant=tenant, user=user, role=Role.STUDENT)
    membership.full_clean()
    try:
        with transaction.atomic():
            membership.save()
    except IntegrityError:  # a second click at the same moment joined already
        return Membership.objects.get(tenant=tenant, user=user)
    audit_record(
        tenant=tenant,
        actor=user,
        action="membership.joined_open_school",
        target=membership,
        after=snapshot(membership, ("role", "is_active")),
    )
    return membership


# --- school settings and profile -----------------------------------------------


@transaction.atomic
def tenant_update_settings(*, tenant: Tenant, actor: User, **changes: object) -> Tenant:
    """Update the school's name, logo, accent colour, time zone, signup policy or partial-credit policy."""
    unknown = set(changes) - set(TENANT_AUDITED_FIELDS)
    if unknown:
        raise ValidationError(f"These settings cannot be changed here: {', '.join(sorted(unknown))}.")
    tenant = Tenant.objects.select_for_update().get(pk=tenant.pk)
    before = snapshot(tenant, TENANT_AUDITED_FIELDS)
    for field, value in changes.items():
        setattr(tenant, field, value)
    tenant.full_clean()
    tenant.save()
    after = snapshot(tenant, TENANT_AUDITED_FIELDS)
    if after != before:
        audit_record(
            tenant=tenant, actor=actor, action="school.settings_changed", target=tenant, before=before, after=after
        )
    return tenant


@transaction.atomic
def profile_update(*, user: User, full_name: str, time_zone: str, credentials: str | None = None) -> User:
    user.full_name = full_name.strip()
    user.time_zone = time_zone
    if credentials is not None:
        user.credentials = credentials.strip()
    user.full_clean(exclude=["password"])
    user.save(update_fields=["full_name", "time_zone", "credentials"])
    return user
