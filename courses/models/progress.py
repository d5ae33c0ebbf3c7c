"""A student's progress through a course, kept per enrollment and lesson.

Progress belongs to the enrollment, not to the person: a student who takes
the course again in another term starts afresh, and the cohort's staff read
exactly their cohort's rows.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from courses.models.catalogue import TenantChild
from courses.models.content import Lesson
from lms.models import Tenant


class LessonProgress(TenantChild):
    parent_field = "enrollment"
    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="+")
    enrollment = models.ForeignKey("cohorts.Enrollment", on_delete=models.CASCADE, related_name="lesson_progress")
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="progress")
    first_viewed_at = models.DateTimeField(default=timezone.now)
    position_seconds = models.FloatField(default=0, help_text="Where the player was last: resume here.")
    watched_seconds = models.FloatField(default=0, help_text="Seconds of the lecture played, counted once each.")
    watched_ranges = models.JSONField(default=list, blank=True, help_text="Played stretches [start, end], merged.")
    reported_at = models.DateTimeField(null=True, blank=True, help_text="When the player last reported.")
    completed_at = models.DateTimeField(null=True, blank=True)
    tries = models.PositiveIntegerField(default=0)
    best_score = models.FloatField(null=True, blank=True, help_text="Exercises: the best score, 0 to 1.")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["tenant", "enrollment", "lesson"], name="one_progress_per_lesson")
        ]
        indexes = [models.Index(fields=["lesson", "enrollment"])]

    def __str__(self) -> str:
        return f"{self.enrollment_id} / {self.lesson_id}"

    @property
    def is_complete(self) -> bool:
        return self.completed_at is not None


class ExerciseAttempt(TenantChild):
    """One try at a coding exercise, with the score and per-line feedback the student saw."""

    parent_field = "enrollment"
    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="+")
    enrollment = models.ForeignKey("cohorts.Enrollment", on_delete=models.CASCADE, related_name="exercise_attempts")
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="attempts")
    answer = models.JSONField(default=list, help_text="The lines entered: code, modifiers, units.")
    score = models.FloatField()
    feedback = models.JSONField(default=dict)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["enrollment", "lesson", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.lesson_id}: {self.score:.0%}"
