"""Who may do what. One function per rule; pages and the API both call these."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from rest_framework.permissions import BasePermission

from lms.models import Membership, Role, Tenant


def membership_for(user, tenant: Tenant) -> Membership | None:
    """The person's active membership in the school, or None."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    return Membership.objects.filter(tenant=tenant, user=user, is_active=True).first()


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
