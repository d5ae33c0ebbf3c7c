"""What completes a module: a small registry of requirement kinds.

A module stores its requirements as data (``[{"kind": "view_all"},
{"kind": "exercise_score", "min_score": 80}]``). Each kind is a class
registered here; other apps add theirs (the forums' "post in the module's
topic", the assessments' "pass the module quiz") by calling ``register`` in
their AppConfig.ready, without editing this file.

A requirement answers for many students and modules at once: ``gather`` may
run one query for the whole batch (the progress grid has hundreds of
students), then ``status`` judges one student's module from what was gathered.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from django.core.exceptions import ValidationError


@dataclass(frozen=True)
class Param:
    name: str
    label: str
    minimum: int = 0
    maximum: int = 100
    default: int = 0


@dataclass(frozen=True)
class RequirementStatus:
    met: bool
    label: str  # "View every lesson"
    detail: str = ""  # "3 of 5 lessons done"


@dataclass
class ModuleFacts:
    """What a requirement may read about one student's module, already loaded."""

    module: Any
    lessons: list  # the module's published lessons, in order
    progress: Mapping[int, Any]  # lesson id -> LessonProgress of this enrollment
    enrollment_id: int | None
    gathered: Any = None
    done: int | None = None  # lessons complete, when the caller has counted them already

    @property
    def lessons_done(self) -> int:
        if self.done is None:
            self.done = sum(1 for lesson in self.lessons if _complete(self.progress.get(lesson.id)))
        return self.done


class Requirement:
    kind: ClassVar[str] = ""
    label: ClassVar[str] = ""
    params: ClassVar[tuple[Param, ...]] = ()

    def describe(self, params: Mapping[str, Any]) -> str:
        return self.label

    def clean(self, params: Mapping[str, Any]) -> dict:
        """The stored form of this requirement; a ValidationError names what is wrong."""
        cleaned: dict[str, Any] = {"kind": self.kind}
        for param in self.params:
            value = params.get(param.name, param.default)
            try:
                value = int(value)
            except (TypeError, ValueError):
                raise ValidationError(f"{param.label} must be a whole number.") from None
            if not param.minimum <= value <= param.maximum:
                raise ValidationError(f"{param.label} must be between {param.minimum} and {param.maximum}.")
            cleaned[param.name] = value
        return cleaned

    def gather(self, *, modules: list, enrollment_ids: list[int]) -> Any:
        """Load what ``status`` needs for every module and enrollment of the batch (no query by default)."""
        return None

    def status(self, params: Mapping[str, Any], facts: ModuleFacts) -> RequirementStatus:
        raise NotImplementedError


REGISTRY: dict[str, Requirement] = {}


def register(requirement_class: type[Requirement]) -> type[Requirement]:
    REGISTRY[requirement_class.kind] = requirement_class()
    return requirement_class


def requirement_choices() -> list[tuple[str, str]]:
    return [(kind, requirement.label) for kind, requirement in REGISTRY.items()]


def clean_requirements(raw: Iterable[Mapping[str, Any]]) -> list[dict]:
    """Validate a module's requirements; unknown kinds and bad values are refused with a message."""
    cleaned, seen = [], set()
    for item in raw:
        kind = item.get("kind") if isinstance(item, Mapping) else None
        requirement = REGISTRY.get(kind)
        if requirement is None:
            raise ValidationError(f"“{kind}” is not a completion requirement this school can use.")
        if kind in seen:
            raise ValidationError(f"“{requirement.label}” is listed twice.")
        seen.add(kind)
        cleaned.append(requirement.clean(item))
    return cleaned


def module_requirements(module) -> list[tuple[Requirement, dict]]:
    """The module's requirements that are still registered; with none, every lesson must be done."""
    found = [(REGISTRY[item["kind"]], item) for item in module.requirements or [] if item.get("kind") in REGISTRY]
    return found or [(REGISTRY[ViewAll.kind], {"kind": ViewAll.kind})]


def describe(module) -> list[str]:
    return [requirement.describe(params) for requirement, params in module_requirements(module)]


@register
class ViewAll(Requirement):
    kind = "view_all"
    label = "View every lesson"

    def status(self, params, facts: ModuleFacts) -> RequirementStatus:
        done = facts.lessons_done
        return RequirementStatus(done == len(facts.lessons), self.label, f"{done} of {len(facts.lessons)} lessons done")


@register
class ExerciseScore(Requirement):
    kind = "exercise_score"
    label = "Score on the module's exercises"
    params = (Param("min_score", "Lowest average score (%)", minimum=1, maximum=100, default=80),)

    def describe(self, params) -> str:
        return f"Average at least {params.get('min_score', 80)}% on the module's coding exercises"

    def status(self, params, facts: ModuleFacts) -> RequirementStatus:
        needed = params.get("min_score", 80)
        exercises = [lesson for lesson in facts.lessons if lesson.kind == "exercise"]
        if not exercises:
            return RequirementStatus(True, self.describe(params), "No exercises in this module")
        best = [getattr(facts.progress.get(lesson.id), "best_score", None) or 0 for lesson in exercises]
        average = round(100 * sum(best) / len(best))
        return RequirementStatus(average >= needed, self.describe(params), f"Your average is {average}%")


def _complete(progress) -> bool:
    return progress is not None and progress.completed_at is not None
