"""Who may do what. One function per rule; pages and the API both call these."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from rest_framework.permissions import BasePermission

from lms.models import Membership, Role, Tenant

log = logging.getLogger(__name__)


def membership_for(user, tenant: Tenant) -> Membership | None:
    """The person's active membership in the school, or None.

    Asked on every request, so the row (or its absence) is kept in the shared
    cache; every save or delete of a membership forgets it (lms/invalidation.py).
    The user is the one loaded for this request, so a deactivated person is
    refused here without any cache involved.
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    key = membership_cache_key(tenant_id=tenant.pk, user_id=user.pk)
    try:
        cached = cache.get(key)
    except Exception:
        log.warning("Cache unavailable; reading the membership from the database.", exc_info=True)
        cached = _UNCACHEABLE
    if isinstance(cached, tuple):
        row = cached
    else:
        memberships = Membership.objects.filter(tenant=tenant, user=user, is_active=True)
        row = memberships.values_list(*MEMBERSHIP_FIELDS).first() or ()
        if cached is None:
            # add, not set: a change that committed meanwhile left a marker that this must not overwrite.
            _cache_quietly(cache.add, key, row, MEMBERSHIP_CACHE_SECONDS)
    return Membership.from_db(Membership.objects.db, MEMBERSHIP_FIELDS, row) if row else None


# --- the membership cache --------------------------------------------------
#
# Value: the row's field values as a tuple, () for "no active membership".
# The key carries a digest of the field names, so a migration that adds a
# field never meets rows cached before it.

MEMBERSHIP_FIELDS = tuple(field.attname for field in Membership._meta.concrete_fields)
_SCHEMA = hashlib.blake2s(",".join(MEMBERSHIP_FIELDS).encode(), digest_size=4).hexdigest()
# A backstop for writes that bypass save() (queryset updates, SQL by hand); save and delete forget at once.
MEMBERSHIP_CACHE_SECONDS = 300
# After a commit the key holds this marker for a few seconds instead of nothing,
# so a request that read the old row just before the commit cannot cache it.
_CHANGED = "changed"
CHANGED_SECONDS = 5
_UNCACHEABLE = object()


def membership_cache_key(*, tenant_id: int, user_id: int) -> str:
    return f"lms:membership:{_SCHEMA}:{tenant_id}:{user_id}"


def memberships_changed(pairs: Iterable[tuple[int, int]]) -> None:
    """Forget the cached memberships of these (tenant_id, user_id) pairs, now and after commit."""
    keys = [membership_cache_key(tenant_id=t, user_id=u) for t, u in pairs]
    if not keys:
        return
    _cache_quietly(cache.delete_many, keys)
    transaction.on_commit(lambda: _mark_changed(keys))


def membership_seen(membership: Membership) -> None:
    """Its last-seen time was written: forget the cached copy so the next request reads the new time.

    A marker rather than a delete, so this never lifts the marker of a change that just committed.
    """
    _mark_changed([membership_cache_key(tenant_id=membership.tenant_id, user_id=membership.user_id)])


def _mark_changed(keys: list[str]) -> None:
    _cache_quietly(cache.set_many, dict.fromkeys(keys, _CHANGED), CHANGED_SECONDS)


def _cache_quietly(operation: Callable, *args) -> None:
    try:
        operation(*args)
    except Exception:
        log.exception("Cache write failed (%s); cached memberships expire by themselves.", operation.__name__)


def is_member(membership: Membership | None) -> bool:
    return membership is not None and membership.is_active


def is_registrar(membership: Membership | None) -> bool:
    return is_member(membership) and membership.role == Role.REGISTRAR


def is_instructor(membership: Membership | None) -> bool:
    return is_member(membership) and membership.role == Role.INSTRUCTOR


can_manage_members = is_registrar
can_manage_school = is_registrar
can_read_audit_log = is_registrar


def change_membership_refusal(actor: Membership, target: Membership) -> str | None:
    """Why ``actor`` may not change ``target``, or None when they may.

    Registrars cannot demote or deactivate themselves, so a school is never
    left without anyone who can manage it by accident.
    """
    if not can_manage_members(actor):
        return "Only registrars can change members."
    if actor.pk == target.pk:
        return "You cannot change your own role or deactivate yourself; ask another registrar."
    return None


# --- pages -----------------------------------------------------------------

def member_required(
    rule: Callable[[Membership | None], bool] = is_member,
    message: str = "You do not have permission to open this page.",
) -> Callable:
    """Page decorator: signed in, a member of this school, and passing ``rule``.

    Anonymous visitors go to sign-in; people without a membership get the
    no-access page, which shows nothing of the school; members without the
    role get a plain 403 page.
    """

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not is_member(request.membership):
                return no_access(request)
            if not rule(request.membership):
                return render(request, "lms/forbidden.html", {"message": message}, status=403)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def no_access(request: HttpRequest) -> HttpResponse:
    from lms.tenancy import school_links

    can_join = request.tenant.allows_signup and not Membership.objects.filter(
        tenant=request.tenant, user=request.user, is_active=False
    ).exists()
    return render(request, "lms/no_access.html", {"schools": school_links(request), "can_join": can_join}, status=403)


# --- API -------------------------------------------------------------------


class IsTenantMember(BasePermission):
    message = "You are not a member of this school."

    def has_permission(self, request, view) -> bool:
        return is_member(api_membership(request))


class IsRegistrar(BasePermission):
    message = "Only the school's registrars can do this."

    def has_permission(self, request, view) -> bool:
        return can_manage_members(api_membership(request))


def api_membership(request) -> Membership | None:
    # Token-authenticated requests are authenticated by DRF after the
    # middleware ran, so the membership is looked up again for them.
    membership = getattr(request._request, "membership", None)
    if membership is None and request.user.is_authenticated:
        membership = membership_for(request.user, request.tenant)
        request._request.membership = membership
    return membership
