"""django-allauth hooks: who may sign up on which school, and what signing up gives."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest

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
