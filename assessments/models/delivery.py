"""Assessments (quiz, assignment, practice exam), what they draw from the bank, and when each cohort takes them.

An assessment belongs to a course, so one quiz serves every cohort of it; the
dates live with the cohort (``CohortAssessment``), as module release dates do.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q

from courses.models import TenantChild
from lms.models import Tenant, User


class ScoringPolicy(models.TextChoices):
    HIGHEST = "highest", "Highest attempt"
    LATEST = "latest", "Latest attempt"
    AVERAGE = "average", "Average of attempts"


class ShowWhen(models.TextChoices):
    AFTER_SUBMIT = "after_submit", "As soon as the attempt is graded"
    AFTER_DUE = "after_due", "After the due date"
    AFTER_CLOSE = "after_close", "After it closes"
    NEVER = "never", "Never"


class Assessment(TenantChild):
    class Kind(models.TextChoices):
        QUIZ = "quiz", "Quiz"
        ASSIGNMENT = "assignment", "Assignment"
        PRACTICE_EXAM = "practice_exam", "Practice exam"

    parent_field = "course"
    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="+")
    course = models.ForeignKey("courses.Course", on_delete=models.CASCADE, related_name="assessments")
    bank = models.ForeignKey("assessments.QuestionBank", on_delete=models.PROTECT, related_name="assessments")
    module = models.ForeignKey(
        "courses.Module", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        help_text="A module quiz: passing it can be what completes the module.",
    )
    kind = models.CharField(max_length=14, choices=Kind.choices, default=Kind.QUIZ)
    title = models.CharField(max_length=150)
    instructions = models.TextField(blank=True, help_text="Markdown, shown before a student starts.")
    instructions_html = models.TextField(blank=True)
    time_limit_minutes = models.PositiveIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(24 * 60)],
        help_text="Empty for no limit. A student's accommodation multiplies it.",
    )
    attempts_allowed = models.PositiveSmallIntegerField(default=1, validators=[MinValueValidator(1), MaxValueValidator(99)])
    scoring_policy = models.CharField(max_length=8, choices=ScoringPolicy.choices, default=ScoringPolicy.HIGHEST)
    shuffle_questions = models.BooleanField(default=True)
    shuffle_choices = models.BooleanField(default=True)
    passing_percent = models.DecimalField(
        max_digits=5, decimal_places=2, default=70, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    show_scores = models.CharField(max_length=12, choices=ShowWhen.choices, default=ShowWhen.AFTER_SUBMIT)
    show_answers = models.CharField(max_length=12, choices=ShowWhen.choices, default=ShowWhen.AFTER_CLOSE)
    is_published = models.BooleanField(default=False)
    created_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["course", "title", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_timed(self) -> bool:
        return self.time_limit_minutes is not None


class BlueprintRule(TenantChild):
    """Draw ``count`` questions of ``domain`` from the bank, at random for each attempt."""

    parent_field = "assessment"
    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="+")
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="blueprint")
    domain = models.ForeignKey("assessments.ExamDomain", on_delete=models.PROTECT, related_name="+")
    count = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(500)])
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["assessment", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["assessment", "domain"], name="blueprint_domain_once")]


class AssessmentQuestion(TenantChild):
    """A question every attempt gets (an assessment without a blueprint)."""

    parent_field = "assessment"
    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="+")
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="fixed_questions")
    question = models.ForeignKey("assessments.Question", on_delete=models.CASCADE, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["assessment", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["assessment", "question"], name="assessment_question_once")]


class CohortAssessment(TenantChild):
    """When one cohort takes an assessment: it opens, is due, and closes (no attempt past the close,
    extended per student by their accommodation). Late work loses ``late_penalty_percent`` per day
    begun after the due time; 0 takes it without penalty."""

    parent_field = "cohort"
    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="+")
    cohort = models.ForeignKey("cohorts.Cohort", on_delete=models.CASCADE, related_name="assessments")
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="schedules")
    opens_at = models.DateTimeField()
    due_at = models.DateTimeField(null=True, blank=True)
    closes_at = models.DateTimeField(null=True, blank=True)
    late_penalty_percent = models.DecimalField(
        "late penalty (% per day)", max_digits=5, decimal_places=2, default=0,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    opened_notice_sent_at = models.DateTimeField(null=True, blank=True)
    due_notice_sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["cohort", "opens_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "assessment"], name="cohort_assessment_once"),
            models.CheckConstraint(condition=Q(due_at__isnull=True) | Q(due_at__gte=F("opens_at")), name="due_after_open"),
            models.CheckConstraint(
                condition=Q(closes_at__isnull=True) | Q(closes_at__gte=F("opens_at")), name="close_after_open"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assessment} for {self.cohort_id}"
