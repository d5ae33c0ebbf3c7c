"""Notices and the choices people make about them. Imported by lms.models (app label ``lms``)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone

from lms.notifications.kinds import Channel, Mode


class Notification(models.Model):
    """One notice to one person. ``(tenant, recipient, key)`` is unique: a notice goes out once
    however often, or however concurrently, the code that sends it runs.

    In the app it shows from ``visible_at`` (now, or the next digest time; never when the person
    turned the kind off there). By email it goes out at once, in the next daily digest, or not.
    """

    tenant = models.ForeignKey("lms.Tenant", on_delete=models.CASCADE, related_name="+")
    recipient = models.ForeignKey("lms.User", on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=40)
    key = models.CharField(max_length=200, help_text="The dedupe key: one notice per person and key.")
    actor = models.ForeignKey("lms.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    subject_type = models.CharField(max_length=40, blank=True, help_text="What it is about, e.g. enrollment.")
    subject_id = models.CharField(max_length=40, blank=True)
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=300, blank=True, help_text="A path on the school's host.")
    created_at = models.DateTimeField(default=timezone.now)
    visible_at = models.DateTimeField(null=True, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)
    email_mode = models.CharField(max_length=10, choices=Mode.choices, default=Mode.OFF)
    email_due_at = models.DateTimeField(null=True, blank=True)
    email_claim = models.CharField(max_length=32, blank=True, help_text="The job that holds the email.")
    email_claimed_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(
        null=True, blank=True, help_text="No longer true (a session cancelled or moved) before it was delivered."
    )

    class Meta:
        ordering = ["-visible_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["tenant", "recipient", "key"], name="one_notification_per_person_and_key"),
        ]
        indexes = [
            models.Index(fields=["tenant", "recipient", "-visible_at"], name="notification_inbox"),
            models.Index(
                fields=["email_due_at"], name="notification_email_pending",
                condition=Q(emailed_at__isnull=True, email_due_at__isnull=False),
            ),
            models.Index(fields=["tenant", "key"], name="notification_key"),
        ]

    def __str__(self) -> str:
        return f"{self.title} → {self.recipient_id}"

    @property
    def is_unread(self) -> bool:
        return self.read_at is None


class NotificationPreference(models.Model):
    """A member's choice for one kind on one channel. Without a row, the role's default holds."""

    tenant = models.ForeignKey("lms.Tenant", on_delete=models.CASCADE, related_name="+")
    membership = models.ForeignKey("lms.Membership", on_delete=models.CASCADE, related_name="notification_preferences")
    kind = models.CharField(max_length=40)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    mode = models.CharField(max_length=10, choices=Mode.choices)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["tenant", "membership", "kind", "channel"], name="one_preference_per_kind_and_channel"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} by {self.channel}: {self.mode}"


class DispatchMark(models.Model):
    """How far a beat dispatcher has looked. Not a school's row: one dispatcher serves all schools.

    Only ever moved forward; two runs at once look at overlapping windows, and the dedupe
    keys of what they send make that harmless.
    """

    name = models.CharField(max_length=60, unique=True)
    looked_until = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.name} looked until {self.looked_until:%Y-%m-%d %H:%M}"
