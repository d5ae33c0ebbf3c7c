"""The catalogue: programs, their courses in order, prerequisites and what a program costs.

Every row carries its school (``tenant``), children too, set from the parent
on save, and uniqueness is per school.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q

from lms.models import Tenant

MIN_PRACTICUM_HOURS = 40

course_code_validator = RegexValidator(
    r"^[A-Z][A-Z0-9]{1,7}-[0-9A-Z]{2,6}$", "Enter a course code like MCC-101: capital letters, a hyphen, a number."
)


class TenantChild(models.Model):
    """A row that takes its school from its parent when saved."""

    parent_field = ""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        parent = getattr(self, self.parent_field)
        self.tenant_id = parent.tenant_id
        super().save(*args, **kwargs)


class Credential(models.TextChoices):
    CPC = "cpc", "CPC (AAPC Certified Professional Coder)"
    CCS = "ccs", "CCS (AHIMA Certified Coding Specialist)"
    CCA = "cca", "CCA (AHIMA Certified Coding Associate)"
    NONE = "none", "None"


class Program(models.Model):
    class Kind(models.TextChoices):
        CERTIFICATE = "certificate", "Certificate"
        ASSOCIATE = "associate", "Associate degree"

    class Admission(models.TextChoices):
        DIPLOMA_OR_GED = "diploma_or_ged", "High-school diploma or GED"

    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="programs")
    name = models.CharField(max_length=150)
    slug = models.SlugField(max_length=80)
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.CERTIFICATE)
    description = models.TextField(blank=True)
    length_months = models.PositiveSmallIntegerField(
        "typical length in months", validators=[MinValueValidator(1)], default=12
    )
    admission_requirement = models.CharField(max_length=20, choices=Admission.choices, default=Admission.DIPLOMA_OR_GED)
    practicum_hours = models.PositiveSmallIntegerField(
        "required practicum hours",
        default=MIN_PRACTICUM_HOURS,
        validators=[MinValueValidator(MIN_PRACTICUM_HOURS, f"A program requires at least {MIN_PRACTICUM_HOURS} practicum hours.")],
    )
    is_published = models.BooleanField(default=True, help_text="Published programs are shown to students.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["tenant", "slug"], name="program_slug_unique_per_tenant"),
            models.CheckConstraint(condition=Q(practicum_hours__gte=MIN_PRACTICUM_HOURS), name="program_practicum_min"),
        ]

    def __str__(self) -> str:
        return self.name


class Course(models.Model):
    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="courses")
    code = models.CharField(max_length=16, validators=[course_code_validator], help_text="For example MCC-101.")
    title = models.CharField(max_length=150)
    summary = models.TextField(blank=True)
    credit_hours = models.DecimalField(
        max_digits=4, decimal_places=1, default=Decimal("3.0"), validators=[MinValueValidator(Decimal("0"))]
    )
    credential = models.CharField(
        "prepares for", max_length=4, choices=Credential.choices, default=Credential.NONE
    )
    prerequisites = models.ManyToManyField(
        "self", through="Prerequisite", symmetrical=False, related_name="required_for", blank=True
    )
    version = models.PositiveSmallIntegerField(
        default=1, help_text="A new version is a copy of the course's content for the terms ahead; cohorts keep theirs."
    )
    previous_version = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="later_versions"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    content_revision = models.PositiveIntegerField(
        default=0, editable=False,
        help_text="Counts changes to the modules, lessons and prerequisites; the cached outline is keyed by it.",
    )

    class Meta:
        ordering = ["code", "version"]
        constraints = [
            models.UniqueConstraint(fields=["tenant", "code", "version"], name="course_code_version_unique_per_tenant")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}{self.version_label}"

    @property
    def version_label(self) -> str:
        return f" (version {self.version})" if self.version > 1 else ""

    def clean(self) -> None:
        self.code = (self.code or "").strip().upper()


class Prerequisite(TenantChild):
    """``course`` may be taken once ``required`` is completed (or waived for the student)."""

    parent_field = "course"
    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="+")
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="prerequisite_links")
    required = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["tenant", "course", "required"], name="prerequisite_unique"),
            models.CheckConstraint(condition=~Q(course=models.F("required")), name="prerequisite_not_itself"),
        ]

    def __str__(self) -> str:
        return f"{self.required.code} before {self.course.code}"

    def clean(self) -> None:
        if self.course_id and self.required_id:
            if self.course_id == self.required_id:
                raise ValidationError({"required": "A course cannot be its own prerequisite."})
            if self.required.tenant_id != self.course.tenant_id:
                raise ValidationError({"required": "Choose a course of this school."})
            if _requires(self.required_id, self.course_id):
                raise ValidationError(
                    {"required": f"{self.required.code} already requires {self.course.code}; that would be a loop."}
                )


def _requires(course_id: int, target_id: int) -> bool:
    """Does ``course_id`` require ``target_id``, directly or through others?"""
    seen: set[int] = set()
    frontier = {course_id}
    while frontier:
        seen |= frontier
        frontier = set(
            Prerequisite.objects.filter(course_id__in=frontier).values_list("required_id", flat=True)
        ) - seen
        if target_id in frontier:
            return True
    return False


class ProgramCourse(TenantChild):
    """A course's place in a program (1 is taught first)."""

    parent_field = "program"
    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="+")
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="program_courses")
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="program_courses")
    position = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])

    class Meta:
        ordering = ["program", "position"]
        constraints = [
            models.UniqueConstraint(fields=["tenant", "program", "course"], name="program_course_unique"),
            models.UniqueConstraint(fields=["tenant", "program", "position"], name="program_position_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.program}: {self.position}. {self.course.code}"

    def clean(self) -> None:
        if self.program_id and self.course_id and self.course.tenant_id != self.program.tenant_id:
            raise ValidationError({"course": "Choose a course of this school."})


class CostItem(TenantChild):
    class Kind(models.TextChoices):
        TUITION = "tuition", "Tuition"
        FEE = "fee", "Fee"
        BOOKS = "books", "Books and code manuals"
        SOFTWARE = "software", "Software subscription"
        EXAM = "exam", "Certification exam"

    parent_field = "program"
    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="+")
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="cost_items")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.TUITION)
    label = models.CharField(max_length=150)
    amount = models.DecimalField(max_digits=9, decimal_places=2, validators=[MinValueValidator(Decimal("0"))])
    position = models.PositiveSmallIntegerField(default=1)

    class Meta:
        ordering = ["program", "position", "id"]

    def __str__(self) -> str:
        return f"{self.label}: ${self.amount}"


class PaymentPlan(TenantChild):
    """How a program's total may be paid: a down payment, then equal instalments. Shown, never charged."""

    class Interval(models.TextChoices):
        MONTHLY = "monthly", "Monthly"
        TERM = "term", "Per term"

    parent_field = "program"
    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="+")
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="payment_plans")
    name = models.CharField(max_length=120)
    down_payment = models.DecimalField(
        max_digits=9, decimal_places=2, default=Decimal("0"), validators=[MinValueValidator(Decimal("0"))]
    )
    instalments = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    interval = models.CharField(max_length=8, choices=Interval.choices, default=Interval.MONTHLY)
    note = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["program", "instalments", "id"]

    def __str__(self) -> str:
        return self.name

    def instalment_amount(self, total: Decimal) -> Decimal:
        """Each instalment of ``total`` after the down payment, rounded to the cent."""
        remaining = max(total - self.down_payment, Decimal("0"))
        return (remaining / self.instalments).quantize(Decimal("0.01"))
