from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from lms import permissions
from lms.notifications.service import unread_count


def tenant(request: HttpRequest) -> dict:
    """The school for the layout: shown to its members and to visitors who are
    not signed in (the sign-in page), never to a signed-in outsider."""
    school = getattr(request, "tenant", None)
    membership = getattr(request, "membership", None)
    user = getattr(request, "user", None)
    signed_in = bool(user and user.is_authenticated)
    visible = school is not None and (not signed_in or permissions.is_member(membership))
    context = {
        "school": school if visible else None,
        "membership": membership if visible else None,
        "is_registrar": permissions.is_registrar(membership),
        "is_instructor": permissions.is_instructor(membership),
    }
    if visible and signed_in and membership is not None:
        # Lazily: only pages that draw the header ask for the count (a cache read, rarely a query).
        context["bell_count"] = SimpleLazyObject(lambda: unread_count(tenant=school, user=user))
        context["bell_poll_seconds"] = settings.NOTIFICATION_BELL_POLL_SECONDS
    return context
