"""Each member's choices per kind and channel. A row is kept only where the choice differs
from the role's default, so a better default later reaches everyone who never chose."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from lms.models import Membership
from lms.notifications.kinds import Channel, Kind, Mode, kinds_for
from lms.notifications.models import Notification, NotificationPreference

CHANNELS = (Channel.IN_APP, Channel.EMAIL)


@dataclass
class Choice:
    kind: Kind
    modes: dict[str, str]  # channel -> mode in force
    defaults: dict[str, str]


def preferences_for(membership: Membership) -> list[Choice]:
    chosen = {
        (kind, channel): mode
        for kind, channel, mode in NotificationPreference.objects.filter(membership=membership).values_list(
            "kind", "channel", "mode"
        )
    }
    choices = []
    for kind in kinds_for(membership.role):
        defaults = {channel: kind.default(membership.role, channel) for channel in CHANNELS}
        modes = {channel: chosen.get((kind.code, channel), defaults[channel]) for channel in CHANNELS}
        choices.append(Choice(kind=kind, modes=modes, defaults=defaults))
    return choices


@transaction.atomic
def preferences_update(*, membership: Membership, changes: dict[tuple[str, str], str]) -> list[Choice]:
    """Set ``(kind, channel) -> mode`` for the member; all or nothing."""
    reachable = {kind.code: kind for kind in kinds_for(membership.role)}
    errors = []
    for (kind, channel), mode in changes.items():
        if kind not in reachable:
            errors.append(f"{kind!r} is not a kind of notice you receive.")
        elif channel not in CHANNELS:
            errors.append(f"{channel!r} is not a channel: use in_app or email.")
        elif mode not in Mode.values:
            errors.append(f"{mode!r} is not a choice: use immediate, digest or off.")
    if errors:
        raise ValidationError(errors)
    for (kind, channel), mode in changes.items():
        if channel == Channel.EMAIL and mode == Mode.OFF:
            # Emails already waiting (a digest's) stop too; one being sent right now is past stopping.
            Notification.objects.filter(
                tenant_id=membership.tenant_id, recipient_id=membership.user_id, kind=kind,
                emailed_at__isnull=True, email_claim="",
            ).update(email_due_at=None)
        rows = NotificationPreference.objects.filter(membership=membership, kind=kind, channel=channel)
        if mode == reachable[kind].default(membership.role, channel):
            rows.delete()
        else:
            NotificationPreference.objects.update_or_create(
                tenant_id=membership.tenant_id, membership=membership, kind=kind, channel=channel,
                defaults={"mode": mode},
            )
    return preferences_for(membership)


@transaction.atomic
def unsubscribe(*, membership: Membership, kinds: list[str]) -> list[str]:
    """Email off for these kinds (the link in an email). Returns the labels of what was turned off."""
    reachable = {kind.code: kind for kind in kinds_for(membership.role)}
    wanted = [code for code in kinds if code in reachable]
    preferences_update(membership=membership, changes={(code, Channel.EMAIL): Mode.OFF for code in wanted})
    return [reachable[code].label for code in wanted]
