"""What a course teaches: modules in order, their lessons in order, lesson files and exercise answer keys.

One course serves many cohorts: a module opens ``release_offset_days`` after
the cohort's start, so the dates live with the cohort, never here. Every row
carries its school, set from its parent on save.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from courses.models.catalogue import Course, TenantChild
from lms.models import Tenant


class ModuleKind(models.TextChoices):
    FOUNDATIONS = "foundations", "Foundations"
    ICD10CM = "icd10cm", "ICD-10-CM"
    CPT = "cpt", "CPT"
    HCPCS = "hcpcs", "HCPCS Level II"
    SPECIALTY = "specialty", "Specialty coding"
    REVENUE_CYCLE = "revenue_cycle", "Revenue cycle and compliance"
    EXAM_REVIEW = "exam_review", "Exam review"


class Module(TenantChild):
    parent_field = "course"
    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="+")
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="modules")
    title = models.CharField(max_length=150)
    kind = models.CharField(max_length=16, choices=ModuleKind.choices, default=ModuleKind.FOUNDATIONS)
    specialty = models.CharField(
        max_length=60, blank=True, help_text="For specialty modules: cardiology, orthopedics, E/M…"
    )
    summary = models.TextField(blank=True)
    position = models.PositiveIntegerField(default=0)
    release_offset_days = models.PositiveSmallIntegerField(
        "opens after (days)", default=0, validators=[MaxValueValidator(730)],
        help_text="Days after the cohort's first day; 0 opens on the first day.",
    )
    requirements = models.JSONField(
        default=list, blank=True,
        help_text='What completes the module, as registered requirements: [{"kind": "view_all"}, …].',
    )
    is_published = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["course", "position", "id"]
        indexes = [models.Index(fields=["course", "position"])]

    def __str__(self) -> str:
        return self.title


class ModulePrerequisite(TenantChild):
    """``module`` opens to a student only once ``required`` (a module of the same course) is complete."""

    parent_field = "module"
    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="+")
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="prerequisite_links")
    required = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["tenant", "module", "required"], name="module_prerequisite_unique"),
            models.CheckConstraint(condition=~Q(module=models.F("required")), name="module_not_its_own_prerequisite"),
        ]

    def __str__(self) -> str:
        return f"{self.module} requires {self.required}"


class RecordKind(models.TextChoices):
    OFFICE_NOTE = "office_note", "Physician office note"
    OPERATIVE_REPORT = "operative_report", "Operative report"
    ED_RECORD = "ed_record", "Emergency department record"
    DISCHARGE_SUMMARY = "discharge_summary", "Discharge summary"


class Lesson(TenantChild):
    """A video lecture, a reading or a coding exercise; the fields of the other kinds stay empty."""

    class Kind(models.TextChoices):
        VIDEO = "video", "Video lecture"
        READING = "reading", "Reading"
        EXERCISE = "exercise", "Coding exercise"

    parent_field = "module"
    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="+")
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="lessons")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    title = models.CharField(max_length=150)
    summary = models.CharField(max_length=300, blank=True)
    position = models.PositiveIntegerField(default=0)
    is_published = models.BooleanField(default=False)
    # video lecture
    video_url = models.URLField("external video URL", blank=True, max_length=500)
    duration_seconds = models.PositiveIntegerField(null=True, blank=True, validators=[MinValueValidator(1)])
    transcript = models.TextField(blank=True)
    # reading
    body = models.TextField("reading (Markdown)", blank=True)
    body_html = models.TextField(blank=True, help_text="The reading rendered and sanitised when saved.")
    textbook_title = models.CharField("textbook", max_length=200, blank=True)
    textbook_chapter = models.CharField("chapter", max_length=120, blank=True)
    textbook_pages = models.CharField("pages", max_length=40, blank=True)
    # coding exercise
    instructions = models.CharField(max_length=300, blank=True)
    record_kind = models.CharField(max_length=20, choices=RecordKind.choices, blank=True)
    patient_name = models.CharField(max_length=120, blank=True)
    patient_sex = models.CharField(max_length=20, blank=True)
    patient_birth_date = models.DateField(null=True, blank=True)
    record_number = models.CharField("medical record number", max_length=30, blank=True)
    service_date = models.DateField("date of service", null=True, blank=True)
    provider = models.CharField(max_length=120, blank=True)
    facility = models.CharField(max_length=120, blank=True)
    record_text = models.TextField("the note", blank=True)
    icd10cm_release = models.ForeignKey(
        "codesets.Release", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name="ICD-10-CM release", help_text="The code set the answer key was written against.",
    )
    hcpcs_release = models.ForeignKey(
        "codesets.Release", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name="HCPCS Level II release",
    )
    order_scored = models.BooleanField(
        "order of secondary codes is scored", default=False,
        help_text="The principal diagnosis must always come first; tick this when the rest must follow the key too.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["module", "position", "id"]
        indexes = [models.Index(fields=["module", "position"])]

    def __str__(self) -> str:
        return self.title

    @property
    def has_textbook(self) -> bool:
        return bool(self.textbook_title)


class LessonFile(TenantChild):
    """A stored file of a lesson. A duplicated course's lessons point at the same stored file."""

    class Role(models.TextChoices):
        VIDEO = "video", "Video"
        CAPTIONS = "captions", "Captions (WebVTT)"
        IMAGE = "image", "Image"
        ATTACHMENT = "attachment", "Attachment"

    parent_field = "lesson"
    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="+")
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="files")
    role = models.CharField(max_length=10, choices=Role.choices)
    file = models.FileField(upload_to="lessons/%Y/%m/", max_length=255)
    name = models.CharField(max_length=120, help_text="The name people see and readings use: image:NAME.")
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField(default=0)
    language = models.CharField(max_length=12, blank=True, default="en", help_text="Captions: the language code.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["lesson", "role", "name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["tenant", "lesson", "role", "name"], name="lesson_file_name_unique"),
            models.UniqueConstraint(
                fields=["tenant", "lesson", "role"], condition=Q(role="video"), name="one_video_per_lesson"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class KeyRole(models.TextChoices):
    PRINCIPAL = "principal", "Principal / first-listed diagnosis"
    SECONDARY = "secondary", "Secondary diagnosis"
    PROCEDURE = "procedure", "Procedure"
    SUPPLY = "supply", "Supply"


class KeyLine(TenantChild):
    """One line of an exercise's answer key."""

    class Requirement(models.TextChoices):
        REQUIRED = "required", "Required"
        OPTIONAL = "optional", "Optional"
        GROUP = "group", "One of a group"

    parent_field = "lesson"
    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="+")
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="key_lines")
    position = models.PositiveSmallIntegerField(default=0)
    role = models.CharField(max_length=10, choices=KeyRole.choices)
    code = models.CharField(max_length=10)
    requirement = models.CharField(max_length=10, choices=Requirement.choices, default=Requirement.REQUIRED)
    group = models.CharField(max_length=10, blank=True, help_text="Lines of one group share this label (A, B…).")
    modifiers = models.CharField(max_length=40, blank=True, help_text="Comma-separated: 25, LT.")
    units = models.PositiveSmallIntegerField(default=1, validators=[MinValueValidator(1), MaxValueValidator(999)])
    rationale = models.TextField(blank=True)

    class Meta:
        ordering = ["lesson", "position", "id"]

    def __str__(self) -> str:
        return f"{self.code} ({self.get_role_display()})"

    @property
    def modifier_list(self) -> tuple[str, ...]:
        return tuple(m.strip().upper() for m in self.modifiers.split(",") if m.strip())
