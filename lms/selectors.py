"""Reads shared by pages and the API. Every one takes the school explicitly."""

from __future__ import annotations

from django.db.models import Count, F, Prefetch, Q, QuerySet, Value
from django.db.models.functions import Coalesce, Lower, NullIf
from django.http import Http404

from lms.models import AuditLogEntry, Domain, Invitation, Membership, Tenant


# What a member list may be sorted by; "-name" and so on sort the other way.
# Ties fall back to the name, then the email, then the row, so pages are stable.
MEMBER_SORTS = ("name", "email", "role", "joined")
_NAME = Lower(Coalesce(NullIf(F("user__full_name"), Value("")), F("user__email")))
_MEMBER_SORT_KEYS = {
    "name": [_NAME, Lower("user__email")],
    "email": [Lower("user__email")],
    "role": ["role", _NAME, Lower("user__email")],
    "joined": ["joined_at", _NAME, Lower("user__email")],
}


def member_orderings() -> list[str]:
    return [key for sort in MEMBER_SORTS for key in (sort, f"-{sort}")]


def _member_order(sort: str) -> list:
    descending = sort.startswith("-")
    keys = _MEMBER_SORT_KEYS.get(sort.lstrip("-"))
    if keys is None:
        raise ValueError(f"Unknown member sort {sort!r}; use one of {', '.join(member_orderings())}.")
    keys = [*keys, "pk"]
    as_expressions = [F(key) if isinstance(key, str) else key for key in keys]
    return [key.desc() if descending else key.asc() for key in as_expressions]


def object_id(value: object) -> int:
    """An id from a URL or a payload, or 404: malformed and out-of-range ids answer like missing ones."""
    try:
        number = int(str(value))
    except (TypeError, ValueError):
        raise Http404("Not found.") from None
    if number <= 0 or number > 2**62:
        raise Http404("Not found.")
    return number


def member_list(
    *, tenant: Tenant, role: str = "", query: str = "", status: str = "", sort: str = "name"
) -> QuerySet[Membership]:
    """The school's members, filtered by role, name/email and active status, sorted by ``sort``
    (one of ``member_orderings()``; by display name, case-insensitive, unless told otherwise)."""
    members = Membership.objects.filter(tenant=tenant).select_related("user").order_by(*_member_order(sort))
    if role:
        members = members.filter(role=role)
    if query:
        members = members.filter(Q(user__email__icontains=query) | Q(user__full_name__icontains=query))
    if status == "active":
        members = members.filter(is_active=True)
    elif status == "inactive":
        members = members.filter(is_active=False)
    return members


def member_get(*, tenant: Tenant, membership_id: int) -> Membership:
    """One membership of this school; 404 for missing and foreign alike."""
    try:
        return Membership.objects.select_related("user").get(tenant=tenant, pk=membership_id)
    except (Membership.DoesNotExist, ValueError, TypeError):
        raise Http404("No such member in this school.") from None


def member_role_counts(*, tenant: Tenant) -> dict[str, int]:
    rows = Membership.objects.filter(tenant=tenant, is_active=True).values("role").annotate(n=Count("id"))
    return {row["role"]: row["n"] for row in rows}


def invitation_pending_list(*, tenant: Tenant) -> QuerySet[Invitation]:
    return (
        Invitation.objects.filter(tenant=tenant, status=Invitation.Status.PENDING)
        .select_related("invited_by")
        .order_by("-created_at")
    )


def invitation_list(*, tenant: Tenant, status: str = "") -> QuerySet[Invitation]:
    invitations = Invitation.objects.filter(tenant=tenant).select_related("invited_by", "accepted_by")
    return invitations.filter(status=status) if status else invitations


def invitation_get(*, tenant: Tenant, invitation_id: int) -> Invitation:
    try:
        return Invitation.objects.select_related("invited_by").get(tenant=tenant, pk=invitation_id)
    except (Invitation.DoesNotExist, ValueError, TypeError):
        raise Http404("No such invitation in this school.") from None


def invitation_get_by_token(*, tenant: Tenant, token: str) -> Invitation:
    try:
        return Invitation.objects.select_related("tenant").get(tenant=tenant, token=token)
    except Invitation.DoesNotExist:
        raise Http404("This invitation link is not valid for this school.") from None


def audit_log_list(*, tenant: Tenant, action: str = "") -> QuerySet[AuditLogEntry]:
    entries = AuditLogEntry.objects.filter(tenant=tenant).select_related("actor")
    return entries.filter(action=action) if action else entries


def audit_log_actions(*, tenant: Tenant) -> list[str]:
    return list(
        AuditLogEntry.objects.filter(tenant=tenant).order_by("action").values_list("action", flat=True).distinct()
    )


def user_schools(*, user) -> QuerySet[Membership]:
    """The person's active memberships with each school's hosts, primary first."""
    if not getattr(user, "is_authenticated", False):
        return Membership.objects.none()
    return (
        Membership.objects.filter(user=user, is_active=True, tenant__is_active=True)
        .select_related("tenant")
        .prefetch_related(Prefetch("tenant__domains", queryset=Domain.objects.order_by("-is_primary", "host")))
        .order_by("tenant__name")
    )
