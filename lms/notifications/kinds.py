"""What we notify people of, and how each role hears of it unless they choose otherwise.

Apps declare their kinds here (``register``) and notify through
``lms.notifications.notify``; a kind nobody registered cannot be sent.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import models

from lms.models import Role


class Mode(models.TextChoices):
    IMMEDIATE = "immediate", "Immediately"
    DIGEST = "digest", "Daily digest"
    OFF = "off", "Off"


class Channel(models.TextChoices):
    IN_APP = "in_app", "In the app"
    EMAIL = "email", "Email"


@dataclass(frozen=True)
class Kind:
    code: str
    label: str
    group: str
    help: str
    # role -> (in-app mode, email mode); a role not listed never receives the kind.
    defaults: dict[str, tuple[str, str]] = field(default_factory=dict)

    def default(self, role: str, channel: str) -> str:
        in_app, email = self.defaults.get(role, (Mode.OFF, Mode.OFF))
        return in_app if channel == Channel.IN_APP else email

    def reaches(self, role: str) -> bool:
        return role in self.defaults


KINDS: dict[str, Kind] = {}


def register(kind: Kind) -> Kind:
    KINDS[kind.code] = kind
    return kind


def kind_get(code: str) -> Kind:
    try:
        return KINDS[code]
    except KeyError:
        raise LookupError(f"No notification kind {code!r} is registered.") from None


def kinds_for(role: str) -> list[Kind]:
    """The kinds a member of this role can receive, in the order they were registered."""
    return [kind for kind in KINDS.values() if kind.reaches(role)]


NOW = (Mode.IMMEDIATE, Mode.IMMEDIATE)
SHOWN_MAILED_DAILY = (Mode.IMMEDIATE, Mode.DIGEST)

ENROLLMENT_APPLIED = register(Kind(
    "enrollment.applied", "New application", "Enrollment",
    "A student applied to a cohort and waits for a decision.",
    {Role.REGISTRAR: SHOWN_MAILED_DAILY},
))
ENROLLMENT_APPROVED = register(Kind(
    "enrollment.approved", "Application approved", "Enrollment",
    "You have a seat in a cohort.",
    {Role.STUDENT: NOW},
))
ENROLLMENT_WAITLISTED = register(Kind(
    "enrollment.waitlisted", "Put on the waitlist", "Enrollment",
    "A cohort was full; you keep your place in line.",
    {Role.STUDENT: NOW},
))
ENROLLMENT_PROMOTED = register(Kind(
    "enrollment.promoted", "Seat from the waitlist", "Enrollment",
    "A seat opened and it is yours.",
    {Role.STUDENT: NOW},
))
ENROLLMENT_DECLINED = register(Kind(
    "enrollment.declined", "Application declined", "Enrollment",
    "A registrar declined an application, with the reason.",
    {Role.STUDENT: NOW},
))
ENROLLMENT_DROPPED = register(Kind(
    "enrollment.dropped", "Dropped from a cohort", "Enrollment",
    "A place in a cohort ended: students hear when a registrar drops them, registrars when a student drops.",
    {Role.STUDENT: NOW, Role.REGISTRAR: SHOWN_MAILED_DAILY},
))
