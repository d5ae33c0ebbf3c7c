"""django-allauth hooks: who may sign up on which school, and what signing up gives."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest

from lms import services
from lms.models import Invitation

INVITATION_SESSION_KEY = "lms_invitation_token"


def pending_invitation(request: HttpRequest) -> Invitation | None:
    """The usable invitation of this school whose link the visitor opened."""
    token = request.session.get(INVITATION_SESSION_KEY)
    if not token:
        return None
    invitation = Invitation.objects.filter(tenant=request.tenant, token=token).first()
    return invitation if invitation and invitation.is_usable else None


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        tenant = getattr(request, "tenant", None)
        if tenant is None:
            return False
        return tenant.allows_signup or pending_invitation(request) is not None

    def save_user(self, request: HttpRequest, user, form, commit: bool = True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            invitation = pending_invitation(request)
            if invitation and invitation.email.lower() == user.email.lower():
                services.invitation_accept(tenant=request.tenant, invitation=invitation, user=user)
                request.session.pop(INVITATION_SESSION_KEY, None)
            else:
                services.membership_join_by_signup(tenant=request.tenant, user=user)
        return user
