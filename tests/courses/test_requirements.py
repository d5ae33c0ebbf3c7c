"""The completion-requirement registry: built-in kinds, validation, and a kind added from outside."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from courses import requirements
from courses.requirements import ModuleFacts, Requirement, RequirementStatus, clean_requirements, register
from courses.selectors.learning import COMPLETE, IN_PROGRESS, course_outline
from courses.services.learning import lesson_opened
from tests.factories import LessonFactory, ModuleFactory

pytestmark = pytest.mark.django_db


def test_known_requirements_are_stored_with_their_parameters():
    cleaned = clean_requirements([{"kind": "view_all"}, {"kind": "exercise_score", "min_score": "75"}])
    assert cleaned == [{"kind": "view_all"}, {"kind": "exercise_score", "min_score": 75}]


def test_an_unknown_kind_is_refused_with_its_name():
    with pytest.raises(ValidationError, match="“watch_twice” is not a completion requirement"):
        clean_requirements([{"kind": "watch_twice"}])


def test_a_score_outside_1_to_100_is_refused():
    with pytest.raises(ValidationError, match="between 1 and 100"):
        clean_requirements([{"kind": "exercise_score", "min_score": 120}])


def test_a_requirement_listed_twice_is_refused():
    with pytest.raises(ValidationError, match="listed twice"):
        clean_requirements([{"kind": "view_all"}, {"kind": "view_all"}])


def _in_term(cast) -> datetime.datetime:
    """The cohort's first day has come (factory terms start in two weeks)."""
    return timezone.now() + datetime.timedelta(days=(cast.cohort.term.starts_on - timezone.localdate()).days + 1)


@pytest.fixture
def registered_kind():
    """A kind another app would add in its AppConfig.ready, gathering its facts in one batch."""

    calls = []

    class StaffSignedOff(Requirement):
        kind = "test_signed_off"
        label = "Signed off by the instructor"

        def gather(self, *, modules, enrollment_ids):
            calls.append(list(enrollment_ids))
            return {"signed": set(enrollment_ids[:1])}

        def status(self, params, facts: ModuleFacts) -> RequirementStatus:
            return RequirementStatus(facts.enrollment_id in facts.gathered["signed"], self.label)

    register(StaffSignedOff)
    yield calls
    requirements.REGISTRY.pop("test_signed_off")


def test_a_kind_registered_from_outside_decides_completion(registered_kind, cohort_a):
    module = ModuleFactory(course=cohort_a.cohort.course, requirements=[{"kind": "test_signed_off"}])
    lesson = LessonFactory(module=module)
    lesson_opened(enrollment=cohort_a.enrollment, lesson=lesson)

    outline = course_outline(cohort=cohort_a.cohort, enrollment=cohort_a.enrollment, now=_in_term(cohort_a))

    assert outline.modules[0].state == COMPLETE
    assert registered_kind == [[cohort_a.enrollment.pk]]


def test_one_gather_serves_a_batch_and_unmet_kind_leaves_the_module_in_progress(registered_kind, cohort_a, school_a):
    from courses.selectors.learning import course_modules, outlines_for
    from tests.factories import EnrollmentFactory

    second = EnrollmentFactory(cohort=cohort_a.cohort, membership=school_a.membership(school_a.student2))
    module = ModuleFactory(course=cohort_a.cohort.course, requirements=[{"kind": "test_signed_off"}])
    lesson = LessonFactory(module=module)
    for enrollment in (cohort_a.enrollment, second):
        lesson_opened(enrollment=enrollment, lesson=lesson)
    modules = course_modules(course=cohort_a.cohort.course)

    outlines = outlines_for(cohort=cohort_a.cohort, enrollment_ids=[cohort_a.enrollment.pk, second.pk], modules=modules,
                            now=_in_term(cohort_a))

    assert outlines[cohort_a.enrollment.pk].modules[0].state == COMPLETE
    assert outlines[second.pk].modules[0].state == IN_PROGRESS
    assert registered_kind == [[cohort_a.enrollment.pk, second.pk]]
