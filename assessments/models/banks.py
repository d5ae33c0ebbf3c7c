"""Question banks: a course's questions, each tagged with its module and exam domain, and versioned.

A question's text, choices and keys live in its versions. Editing a question
that students have already been given makes a new version; their attempts
keep the version they saw, so a grade never changes under them except by a
regrade someone asked for.
"""

from __future__ import annotations

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q

from courses.models import TenantChild
from lms.models import Tenant, User


class ExamDomain(models.Model):
    """A content area of a certification exam (CPC, CCS) or one a school adds for itself."""

    class Exam(models.TextChoices):
        CPC = "cpc", "CPC"
        CCS = "ccs", "CCS"
        SCHOOL = "school", "School's own"

    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="+")
    exam = models.CharField(max_length=8, choices=Exam.choices)
    code = models.SlugField(max_length=60)
    name = models.CharField(max_length=120)
    group = models.CharField(max_length=60, blank=True, help_text="Where a result rolls up, such as Surgery.")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["exam", "position", "name"]
        constraints = [models.UniqueConstraint(fields=["tenant", "exam", "code"], name="exam_domain_unique")]

    def __str__(self) -> str:
        return f"{self.get_exam_display()}: {self.name}"


class QuestionBank(TenantChild):
    parent_field = "course"
    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="+")
    course = models.ForeignKey("courses.Course", on_delete=models.CASCADE, related_name="question_banks")
    title = models.CharField(max_length=150)
    description = models.CharField(max_length=300, blank=True)
    created_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["course", "title", "id"]

    def __str__(self) -> str:
        return self.title


class QuestionKind(models.TextChoices):
    SINGLE = "single", "Single choice"
    MULTIPLE = "multiple", "Multiple answer"
    CODE = "code", "Code entry"
    CASE = "case", "Case abstraction"
    WRITTEN = "written", "Short written answer"


class Question(TenantChild):
    parent_field = "bank"
    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="+")
    bank = models.ForeignKey(QuestionBank, on_delete=models.CASCADE, related_name="questions")
    kind = models.CharField(max_length=10, choices=QuestionKind.choices)
    domain = models.ForeignKey(ExamDomain, on_delete=models.PROTECT, related_name="questions")
    module = models.ForeignKey("courses.Module", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    current = models.ForeignKey("QuestionVersion", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    is_archived = models.BooleanField(default=False, help_text="Kept for the attempts that used it; never drawn again.")
    needs_review = models.BooleanField(default=False)
    review_reason = models.TextField(blank=True, help_text="Why its key needs an author's eye (a code-set change).")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["bank", "id"]
        indexes = [models.Index(fields=["bank", "domain"]), models.Index(fields=["tenant", "needs_review"])]

    def __str__(self) -> str:
        return f"Question {self.pk} ({self.get_kind_display()})"


class QuestionVersion(TenantChild):
    """What a student is shown and how it is keyed, frozen once anyone has been given it.

    ``choices``: [{"id": "a", "text": "...", "correct": true}] for choice questions.
    ``items``: code entry and case abstraction, [{"label": "...", "prompt": "...", "key": [key lines]}],
    one item for code entry; key lines as the content issue's exercises (role, code, requirement, group,
    modifiers, units, rationale). ``record_text`` is the case's health-record document.
    """

    parent_field = "question"
    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="+")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(default=1)
    prompt = models.TextField(help_text="Markdown.")
    prompt_html = models.TextField(blank=True, help_text="The prompt rendered and sanitised when saved.")
    choices = models.JSONField(default=list, blank=True)
    items = models.JSONField(default=list, blank=True)
    record_title = models.CharField(max_length=150, blank=True)
    record_text = models.TextField(blank=True)
    points = models.DecimalField(max_digits=6, decimal_places=2, default=1, validators=[MinValueValidator(0)])
    rationale = models.TextField(blank=True, help_text="Why the answer is right, shown when answers are released.")
    rubric = models.TextField(blank=True, help_text="Written answers: what earns the points, for whoever grades.")
    icd10cm_release = models.ForeignKey("codesets.Release", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    hcpcs_release = models.ForeignKey("codesets.Release", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    order_scored = models.BooleanField(default=False)
    created_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["question", "number"]
        constraints = [
            models.UniqueConstraint(fields=["question", "number"], name="question_version_number_unique"),
            models.CheckConstraint(condition=Q(number__gte=1), name="question_version_number_positive"),
        ]

    def __str__(self) -> str:
        return f"Question {self.question_id} v{self.number}"

    @property
    def correct_choice_ids(self) -> list[str]:
        return [c["id"] for c in self.choices if c.get("correct")]


class BankImport(models.Model):
    """A question file uploaded into a bank: previewed row by row, then applied whole by a job, or not at all."""

    class Status(models.TextChoices):
        PREVIEWED = "previewed", "Previewed"
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Importing"
        DONE = "done", "Imported"
        FAILED = "failed", "Failed"

    class Format(models.TextChoices):
        JSON = "json", "JSON"
        CSV = "csv", "CSV (choice questions)"

    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="+")
    bank = models.ForeignKey(QuestionBank, on_delete=models.CASCADE, related_name="imports")
    created_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    file_name = models.CharField(max_length=255)
    format = models.CharField(max_length=4, choices=Format.choices)
    content = models.TextField(help_text="The decoded file, kept so the job applies exactly what was previewed.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PREVIEWED)
    rows = models.JSONField(default=list, help_text="The preview: per row, the question it makes or what is wrong.")
    error_count = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    processed = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.file_name} into {self.bank}"
