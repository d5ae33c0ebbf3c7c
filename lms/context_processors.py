from __future__ import annotations

from django.http import HttpRequest

from lms import permissions


def tenant(request: HttpRequest) -> dict:
    """The school for the layout: shown to its members and to visitors who are
    not signed in (the sign-in page), never to a signed-in outsider."""
    school = getattr(request, "tenant", None)
    membership = getattr(request, "membership", None)
    user = getattr(request, "user", None)
    signed_in = bool(user and user.is_authenticated)
    visible = school is not None and (not signed_in or permissions.is_member(membership))
    return {
        "school": school if visible else None,
        "membership": membership if visible else None,
        "is_registrar": permissions.is_registrar(membership),
        "is_instructor": permissions.is_instructor(membership),
    }
