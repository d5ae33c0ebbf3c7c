"""Template filters of the platform: words for the audit log, roles and time zones."""

from __future__ import annotations

from django import template
from django.http import HttpRequest

from lms import audit
from lms.models import TIME_ZONE_CHOICES

register = template.Library()

_TIME_ZONE_LABELS = dict(TIME_ZONE_CHOICES)


@register.filter
def tz_label(value: str) -> str:
    """America/New_York -> America/New York."""
    if not value:
        return ""
    return _TIME_ZONE_LABELS.get(value) or str(value).replace("_", " ")


@register.filter
def with_article(label: str) -> str:
    """A role's label after "You are": student -> a student, instructor -> an instructor."""
    words = str(label).lower()
    return f"{'an' if words[:1] in 'aeiou' and words else 'a'} {words}"


@register.filter
def audit_action(action: str) -> str:
    return audit.action_label(action)


@register.filter
def audit_changes(entry) -> list[audit.Change]:
    return audit.audit_changes(entry)


@register.simple_tag(takes_context=True)
def signup_open(context) -> bool:
    """Whether this visitor may create an account here: the school allows it, or
    they opened an invitation link (the same rule the sign-up page applies)."""
    from allauth.account.adapter import get_adapter

    request: HttpRequest | None = context.get("request")
    return bool(request is not None and get_adapter(request).is_open_for_signup(request))
