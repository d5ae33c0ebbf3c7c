"""Resolve the school once per request, then the signed-in person's role in it."""

from __future__ import annotations

import zoneinfo
from datetime import timedelta
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone

from lms import permissions
from lms.tenancy import normalise_host, tenant_for_host


class TenantMiddleware:
    """Sets ``request.tenant`` from the Host header; unknown hosts get a 404 page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        tenant = tenant_for_host(request.get_host())
        if tenant is None:
            body = render_to_string("lms/unknown_host.html", {"host": normalise_host(request.get_host())})
            return HttpResponse(body, status=404)
        request.tenant = tenant
        return self.get_response(request)


LAST_SEEN_RESOLUTION = timedelta(minutes=5)


def _note_last_seen(membership) -> None:
    """Rosters show when a person was last here; one write per five minutes at most.

    The membership may come from the cache, so after a write its cached copy
    is dropped: the next request reads the new time and does not write again.
    """
    now = timezone.now()
    if membership.last_seen_at is None or now - membership.last_seen_at >= LAST_SEEN_RESOLUTION:
        type(membership).objects.filter(pk=membership.pk).update(last_seen_at=now)
        membership.last_seen_at = now
        permissions.membership_seen(membership)


class MembershipMiddleware:
    """Sets ``request.membership`` (or None) and the viewer's time zone:
    the person's own, else the school's."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.membership = permissions.membership_for(request.user, request.tenant)
        if request.membership is not None:
            _note_last_seen(request.membership)
        zone = getattr(request.user, "time_zone", "") or request.tenant.time_zone
        try:
            timezone.activate(zoneinfo.ZoneInfo(zone))
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
