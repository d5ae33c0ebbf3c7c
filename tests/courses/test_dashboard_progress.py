"""The dashboard's "n% done" per course: published lessons only, counted from the kept course structure."""

from __future__ import annotations

import re

from django.utils import timezone

from courses.models import Lesson
from courses.selectors.learning import progress_percents
from tests.courses.test_learning_state import build_course, open_term
from tests.factories import LessonFactory, LessonProgressFactory, ModuleFactory


def done_on_dashboard(client) -> list[str]:
    return re.findall(r"(\d+)% done", client.get("/").content.decode())


def complete(enrollment, lesson) -> None:
    LessonProgressFactory(enrollment=enrollment, lesson=lesson, completed_at=timezone.now())


def test_the_dashboard_shows_the_share_of_published_lessons_done(cohort_a):
    open_term(cohort_a.cohort)
    modules = build_course(cohort_a.cohort, modules=2, lessons=4)  # 8 published lessons
    for lesson in Lesson.objects.filter(module=modules[0]):
        complete(cohort_a.enrollment, lesson)
    assert done_on_dashboard(cohort_a.school.client(cohort_a.school.student)) == ["50"]


def test_hidden_lessons_and_modules_count_neither_way(cohort_a):
    open_term(cohort_a.cohort)
    modules = build_course(cohort_a.cohort, modules=1, lessons=2)
    hidden_lesson = LessonFactory(module=modules[0], position=7, kind="reading", is_published=False)
    hidden_module = ModuleFactory(course=cohort_a.cohort.course, position=9, is_published=False)
    in_hidden_module = LessonFactory(module=hidden_module, position=0, kind="reading")
    complete(cohort_a.enrollment, hidden_lesson)
    complete(cohort_a.enrollment, in_hidden_module)
    complete(cohort_a.enrollment, Lesson.objects.filter(module=modules[0], is_published=True).first())
    assert progress_percents([cohort_a.enrollment]) == {cohort_a.enrollment.pk: 50}


def test_a_course_without_lessons_is_0_percent(cohort_a):
    assert progress_percents([cohort_a.enrollment]) == {cohort_a.enrollment.pk: 0}


def test_the_dashboard_asks_as_many_queries_for_a_big_course(cohort_a, django_assert_max_num_queries):
    open_term(cohort_a.cohort)
    client = cohort_a.school.client(cohort_a.school.student)
    build_course(cohort_a.cohort, modules=1, lessons=2)
    client.get("/")
    with django_assert_max_num_queries(6) as small:
        client.get("/")
    asked = len(small)
    modules = build_course(cohort_a.cohort, modules=6, lessons=8)
    for lesson in Lesson.objects.filter(module__in=modules):
        complete(cohort_a.enrollment, lesson)
    client.get("/")
    with django_assert_max_num_queries(asked):
        client.get("/")
