"""What signing up and confirming an email mean for school membership."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from allauth.account.signals import email_confirmed, user_signed_up
from django.contrib import messages
from django.contrib.auth.signals import user_logged_in
from django.core.exceptions import ValidationError
from django.dispatch import receiver
from django.utils import timezone

from lms import services
from lms.adapters import INVITATION_SESSION_KEY, pending_invitation
from lms.models import Membership


@receiver(user_signed_up, dispatch_uid="lms.join_on_signup")
def join_on_signup(sender, request, user, **kwargs) -> None:
    """Runs after allauth has set up the account's email address, so the
    address compared with the invitation is the one the account really has."""
    tenant = getattr(request, "tenant", None)
    if tenant is None:
        return
    invitation = pending_invitation(request)
    if invitation and invitation.email.lower() == user.email.lower():
        try:
            services.invitation_accept(tenant=tenant, invitation=invitation, user=user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, f"Welcome to {tenant.name}.")
        request.session.pop(INVITATION_SESSION_KEY, None)
        return
    if EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists():
        services.membership_join_by_signup(tenant=tenant, user=user)
    # Otherwise a self-signup joins once its address is confirmed (below).


@receiver(email_confirmed, dispatch_uid="lms.join_on_email_confirmed")
def join_on_email_confirmed(sender, request, email_address, **kwargs) -> None:
    tenant = getattr(request, "tenant", None)
    user = email_address.user
    # Only a brand-new account joins this way: someone who already belongs
    # to a school and confirms another address does not join this one.
    if tenant is None or user.memberships.exists():
        return
    services.membership_join_by_signup(tenant=tenant, user=user)


@receiver(user_logged_in, dispatch_uid="lms.seen_on_login")
def seen_on_login(sender, request, user, **kwargs) -> None:
    """Signing in counts as being seen, so the first page after it needs no last-seen write."""
    memberships = Membership.objects.filter(user=user, is_active=True)
    tenant = getattr(request, "tenant", None)
    if tenant is not None:
        memberships = memberships.filter(tenant=tenant)
    memberships.update(last_seen_at=timezone.now())
