"""Accommodations, attempts, their items (the questions drawn, the answers saved) and regrade jobs."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from courses.models import TenantChild
from lms.models import Membership, Tenant, User


class Accommodation(TenantChild):
    """One profile per student, set by a registrar: applied to every timed assessment and window."""

    parent_field = "membership"
    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="+")
    membership = models.OneToOneField(Membership, on_delete=models.CASCADE, related_name="accommodation")
    time_multiplier = models.DecimalField(
        max_digits=3, decimal_places=2, default=Decimal("1.00"),
        validators=[MinValueValidator(Decimal("1.00")), MaxValueValidator(Decimal("4.00"))],
        help_text="1.5 is time and a half.",
    )
    extra_attempts = models.PositiveSmallIntegerField(default=0, validators=[MaxValueValidator(10)])
    close_extension_hours = models.PositiveSmallIntegerField(
        "close extended by (hours)", default=0, validators=[MaxValueValidator(24 * 30)],
        help_text="Every availability window closes this much later for the student.",
    )
    note = models.CharField(max_length=255, blank=True, help_text="For staff: the plan it comes from.")
    set_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Accommodation of {self.membership_id}"


class Attempt(TenantChild):
    class State(models.TextChoices):
        IN_PROGRESS = "in_progress", "In progress"
        SUBMITTED = "submitted", "Submitted, waiting to be graded"
        GRADING = "grading", "Being graded"
        NEEDS_GRADING = "needs_grading", "Waiting for hand grading"
        GRADED = "graded", "Graded"
        FAILED = "failed", "Grading failed"

    parent_field = "enrollment"
    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="+")
    scheduled = models.ForeignKey("assessments.CohortAssessment", on_delete=models.CASCADE, related_name="attempts")
    enrollment = models.ForeignKey("cohorts.Enrollment", on_delete=models.CASCADE, related_name="assessment_attempts")
    number = models.PositiveSmallIntegerField(default=1)
    state = models.CharField(max_length=14, choices=State.choices, default=State.IN_PROGRESS)
    started_at = models.DateTimeField()
    deadline_at = models.DateTimeField(null=True, blank=True, help_text="The student's own end: limit x multiplier, or the extended close.")
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by_deadline = models.BooleanField(default=False, help_text="Time ran out and the last saved answers were submitted.")
    claimed_at = models.DateTimeField(null=True, blank=True)
    graded_at = models.DateTimeField(null=True, blank=True)
    times_graded = models.PositiveSmallIntegerField(default=0, help_text="Grading jobs that wrote a result: one, however often it ran.")
    failure_reason = models.TextField(blank=True)
    max_points = models.DecimalField(max_digits=8, decimal_places=2, default=0)
    points = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    late_penalty_percent = models.DecimalField(max_digits=5, decimal_places=2, default=0)
    percent = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    passed = models.BooleanField(null=True, blank=True)

    class Meta:
        ordering = ["scheduled", "enrollment", "number"]
        constraints = [models.UniqueConstraint(fields=["scheduled", "enrollment", "number"], name="attempt_number_once")]
        indexes = [
            models.Index(fields=["state", "deadline_at"], name="attempt_open_deadline"),
            models.Index(fields=["state", "claimed_at"], name="attempt_claims"),
        ]

    def __str__(self) -> str:
        return f"Attempt {self.number} of {self.enrollment_id}"

    @property
    def is_open(self) -> bool:
        return self.state == self.State.IN_PROGRESS


class AttemptItem(TenantChild):
    """One question of an attempt: the version drawn, the answer saved last, and its grade.

    ``seq`` is the client's save counter: a save with a lower number than the
    one stored arrived late and changes nothing. ``credit`` is the share of
    ``points`` earned (0 to 1); null until graded.
    """

    parent_field = "attempt"
    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="+")
    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField()
    version = models.ForeignKey("assessments.QuestionVersion", on_delete=models.PROTECT, related_name="attempt_items")
    domain = models.ForeignKey("assessments.ExamDomain", on_delete=models.PROTECT, related_name="+")
    points = models.DecimalField(max_digits=6, decimal_places=2)
    choice_order = models.JSONField(default=list, blank=True)
    response = models.JSONField(null=True, blank=True)
    seq = models.PositiveIntegerField(default=0)
    saved_at = models.DateTimeField(null=True, blank=True)
    credit = models.DecimalField(max_digits=5, decimal_places=4, null=True, blank=True)
    earned = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    feedback = models.JSONField(default=dict, blank=True)
    hand_feedback = models.TextField(blank=True)
    graded_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    graded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["attempt", "position"]
        constraints = [
            models.UniqueConstraint(fields=["attempt", "position"], name="attempt_item_position_once"),
            models.CheckConstraint(condition=Q(credit__isnull=True) | Q(credit__gte=0, credit__lte=1), name="credit_share"),
        ]

    def __str__(self) -> str:
        return f"Item {self.position} of attempt {self.attempt_id}"


class RegradeJob(models.Model):
    """Regrading the attempts a key or points change affects, in the background with progress."""

    class State(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="+")
    question = models.ForeignKey("assessments.Question", on_delete=models.CASCADE, related_name="regrades")
    version = models.ForeignKey("assessments.QuestionVersion", on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=255)
    state = models.CharField(max_length=8, choices=State.choices, default=State.QUEUED)
    total = models.PositiveIntegerField(default=0)
    processed = models.PositiveIntegerField(default=0)
    changed = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True)
    requested_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]


class KeyReview(models.Model):
    """A question's or an exercise's key that names a code a new code-set release deleted or revised.

    Flagged when the release loads, listed for the content's authors until one of them marks it reviewed.
    """

    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="+")
    question = models.ForeignKey("assessments.Question", on_delete=models.CASCADE, null=True, blank=True, related_name="reviews")
    lesson = models.ForeignKey("courses.Lesson", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    release = models.ForeignKey("codesets.Release", on_delete=models.CASCADE, related_name="+")
    reason = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(question__isnull=False) ^ Q(lesson__isnull=False), name="review_of_one_thing"),
            models.UniqueConstraint(fields=["question", "release"], name="question_review_once_per_release"),
            models.UniqueConstraint(fields=["lesson", "release"], name="lesson_review_once_per_release"),
        ]
        indexes = [models.Index(fields=["tenant", "resolved_at"])]
