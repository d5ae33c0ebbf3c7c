"""Platform core: schools (tenants), their hosts, people and their roles."""

from __future__ import annotations

import secrets
from decimal import Decimal
import zoneinfo

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

TIME_ZONE_CHOICES = [(name, name.replace("_", " ")) for name in sorted(zoneinfo.available_timezones())]

hex_colour = RegexValidator(r"^#[0-9a-fA-F]{6}$", "Enter a colour as #RRGGBB, for example #1f5f8b.")


def _relative_luminance(hex_value: str) -> float:
    channels = []
    for i in (1, 3, 5):
        c = int(hex_value[i : i + 2], 16) / 255
        channels.append(c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4)
    r, g, b = channels
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_with_white(hex_value: str) -> float:
    """WCAG contrast ratio of white text on this colour."""
    return 1.05 / (_relative_luminance(hex_value) + 0.05)


def validate_accent_contrast(value: str) -> None:
    hex_colour(value)
    ratio = contrast_with_white(value)
    if ratio < 4.5:
        raise ValidationError(
            "White text on %(value)s has a contrast of %(ratio).1f:1; pick a darker colour (at least 4.5:1).",
            params={"value": value, "ratio": ratio},
            code="low_contrast",
        )


class Tenant(models.Model):
    """A school. Everything a school owns points here."""

    class SignupPolicy(models.TextChoices):
        INVITE_ONLY = "invite", "Invite only"
        OPEN = "open", "Anyone may sign up as a prospective student"

    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=60, unique=True, help_text="Used in <slug>.localhost during development.")
    accent_colour = models.CharField(max_length=7, default="#1f5f8b", validators=[validate_accent_contrast])
    logo = models.FileField(upload_to="logos/", blank=True)
    time_zone = models.CharField(max_length=64, choices=TIME_ZONE_CHOICES, default="America/New_York")
    signup_policy = models.CharField(max_length=10, choices=SignupPolicy.choices, default=SignupPolicy.INVITE_ONLY)
    coding_partial_credit = models.DecimalField(
        "partial credit for a right code with a wrong modifier or units", max_digits=3, decimal_places=2,
        default=Decimal("0.50"), validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))],
        help_text="Share of a line's credit, from 0 (none) to 1 (full). Practicode gives half.",
    )
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def allows_signup(self) -> bool:
        return self.signup_policy == self.SignupPolicy.OPEN


class Domain(models.Model):
    """A host name that serves one school."""

    host = models.CharField(max_length=253, unique=True, help_text="Lower case, no port: northwind.example.edu")
    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="domains")
    is_primary = models.BooleanField(default=False)

    class Meta:
        ordering = ["-is_primary", "host"]
        constraints = [
            models.UniqueConstraint(
                fields=["tenant"], condition=models.Q(is_primary=True), name="one_primary_domain_per_tenant"
            )
        ]

    def __str__(self) -> str:
        return self.host

    def clean(self) -> None:
        self.host = (self.host or "").strip().lower().rstrip(".")
        if ":" in self.host or "/" in self.host:
            raise ValidationError({"host": "Enter the host name only, without scheme or port."})


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra)

    def get_by_natural_key(self, email: str):
        return self.get(email__iexact=email)


class User(AbstractUser):
    """A person. Global: one login, a role in each school through Membership."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField("email address", unique=True)
    full_name = models.CharField(max_length=150, blank=True)
    time_zone = models.CharField(
        max_length=64, choices=TIME_ZONE_CHOICES, blank=True, help_text="Leave blank to use your school's time zone."
    )
    credentials = models.CharField(
        max_length=120, blank=True, help_text="Professional credentials shown beside your name, e.g. CPC, CCS, RHIT."
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []
    objects = UserManager()

    class Meta:
        ordering = ["email"]
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_ci_unique")]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        name = self.full_name or self.email
        return f"{name}, {self.credentials}" if self.credentials else name

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


class Role(models.TextChoices):
    STUDENT = "student", "Student"
    INSTRUCTOR = "instructor", "Instructor"
    REGISTRAR = "registrar", "Registrar"


class Membership(models.Model):
    """A person's role in one school."""

    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=12, choices=Role.choices, default=Role.STUDENT)
    is_active = models.BooleanField(default=True)
    joined_at = models.DateTimeField(default=timezone.now)
    last_seen_at = models.DateTimeField(null=True, blank=True, help_text="Last request in this school, to the minute.")

    class Meta:
        ordering = ["user__email"]
        constraints = [models.UniqueConstraint(fields=["tenant", "user"], name="one_membership_per_user_and_tenant")]
        indexes = [models.Index(fields=["tenant", "role"])]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()} at {self.tenant})"


def _new_token() -> str:
    return secrets.token_urlsafe(32)


class Invitation(models.Model):
    """An email invitation to join a school with a role."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        ACCEPTED = "accepted", "Accepted"
        REVOKED = "revoked", "Revoked"
        EXPIRED = "expired", "Expired"

    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    role = models.CharField(max_length=12, choices=Role.choices)
    token = models.CharField(max_length=64, unique=True, default=_new_token, editable=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    invited_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    base_url = models.URLField(help_text="The school address the invitation was made on; the link points there.")
    send_claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                "tenant", Lower("email"), condition=models.Q(status="pending"), name="one_pending_invitation_per_email"
            )
        ]

    def __str__(self) -> str:
        return f"{self.email} as {self.get_role_display()} ({self.get_status_display()})"

    @property
    def is_usable(self) -> bool:
        return self.status == self.Status.PENDING and self.expires_at > timezone.now()


class AuditLogEntry(models.Model):
    """Who changed what in a school, and how it looked before and after."""

    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="audit_log")
    actor = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    action = models.CharField(max_length=64)
    target_type = models.CharField(max_length=64)
    target_id = models.CharField(max_length=64, blank=True)
    target_repr = models.CharField(max_length=255, blank=True)
    before = models.JSONField(default=dict, blank=True)
    after = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["tenant", "-created_at"])]
        verbose_name_plural = "audit log entries"

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.target_repr}"

    @property
    def changes(self) -> list[tuple[str, object, object]]:
        keys = sorted(set(self.before) | set(self.after))
        return [(k, self.before.get(k), self.after.get(k)) for k in keys if self.before.get(k) != self.after.get(k)]


from lms.notifications.models import DispatchMark, Notification, NotificationPreference  # noqa: E402,F401  (app label lms)
