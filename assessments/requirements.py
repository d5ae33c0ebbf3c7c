"""Passing the module quiz as a module's completion requirement (courses/requirements.py).

Registered from ``AssessmentsConfig.ready``. The requirement is met when the
enrollment has a graded attempt that passed at an assessment tied to the
module (``Assessment.module``) and scheduled for the enrollment's cohort.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from assessments.models import Attempt
from courses.requirements import ModuleFacts, Requirement, RequirementStatus, register


@register
class QuizPassedRequirement(Requirement):
    kind = "quiz_passed"
    label = "Pass the module quiz"

    def gather(self, *, modules: list, enrollment_ids: list[int]) -> set[tuple[int, int]]:
        """{(enrollment id, module id)} of the quizzes passed: one query for the batch."""
        module_ids = [m.pk for m in modules if any(item.get("kind") == self.kind for item in m.requirements or [])]
        if not module_ids or not enrollment_ids:
            return set()
        rows = Attempt.objects.filter(
            enrollment_id__in=enrollment_ids, state=Attempt.State.GRADED, passed=True,
            scheduled__assessment__module_id__in=module_ids,
        ).values_list("enrollment_id", "scheduled__assessment__module_id").distinct()
        return set(rows)

    def status(self, params: Mapping[str, Any], facts: ModuleFacts) -> RequirementStatus:
        passed = (facts.enrollment_id, facts.module.pk) in (facts.gathered or set())
        return RequirementStatus(passed, self.label, "Passed" if passed else "Not passed yet")
