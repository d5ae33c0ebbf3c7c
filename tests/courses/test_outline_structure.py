"""The course structure each process keeps: read once per content revision, never stale after a change."""

from __future__ import annotations

import pytest

from courses.models import Course, Lesson, LessonProgress, ModulePrerequisite
from courses.selectors.learning import course_modules
from courses.services.content import lesson_move, module_move
from courses.services.learning import lesson_opened
from tests.courses.test_learning_state import build_course, course_url, lesson_url, open_term, words
from tests.factories import LessonFactory, ModuleFactory


@pytest.fixture
def taught(cohort_a):
    open_term(cohort_a.cohort)
    return cohort_a, build_course(cohort_a.cohort)


def fresh(course: Course) -> Course:
    """The course row as the next request reads it."""
    return Course.objects.get(pk=course.pk)


def titles(course: Course) -> list[list[str]]:
    return [[lesson.title for lesson in module.lesson_list] for module in course_modules(course=fresh(course))]


def test_the_second_read_of_a_revision_asks_no_query(taught, django_assert_num_queries):
    course = fresh(taught[0].cohort.course)
    course_modules(course=course)
    with django_assert_num_queries(0):
        modules = course_modules(course=course)
    assert [m.title for m in modules] == ["Unit 1", "Unit 2"]


def test_a_lesson_renamed_shows_on_the_next_read(taught):
    cohort_a, modules = taught
    course = cohort_a.cohort.course
    assert titles(course)[0][0] == "Unit 1 lesson 1"
    lesson = modules[0].lessons.order_by("position").first()
    lesson.title = "Reading the Alphabetic Index"
    lesson.save()
    assert titles(course)[0][0] == "Reading the Alphabetic Index"


def test_a_lesson_added_hidden_or_deleted_changes_the_outline(taught):
    cohort_a, modules = taught
    course = cohort_a.cohort.course
    titles(course)
    added = LessonFactory(module=modules[1], position=9, kind="reading", title="Sequencing rules")
    assert titles(course)[1][-1] == "Sequencing rules"
    added.is_published = False
    added.save()
    assert "Sequencing rules" not in titles(course)[1]
    added.delete()
    assert len(titles(course)[1]) == 3


def test_a_module_deleted_with_its_lessons_leaves_the_outline(taught):
    cohort_a, modules = taught
    course = cohort_a.cohort.course
    titles(course)
    modules[1].delete()
    assert [m.title for m in course_modules(course=fresh(course))] == ["Unit 1"]


def test_a_prerequisite_added_is_seen_at_once(taught):
    cohort_a, modules = taught
    course = cohort_a.cohort.course
    course_modules(course=fresh(course))
    ModulePrerequisite.objects.create(tenant=course.tenant, module=modules[1], required=modules[0])
    second = course_modules(course=fresh(course))[1]
    assert second.required_ids == [modules[0].pk]


def test_moving_lessons_and_modules_in_bulk_moves_the_revision_on(taught, school_a):
    cohort_a, modules = taught
    course = cohort_a.cohort.course
    before = titles(course)
    last = modules[0].lessons.order_by("position").last()
    lesson_move(tenant=school_a.tenant, actor=school_a.instructor, lesson=last, direction="up")
    assert titles(course)[0] == [before[0][0], before[0][2], before[0][1]]
    module_move(tenant=school_a.tenant, actor=school_a.instructor, module=modules[1], direction="up")
    assert [m.title for m in course_modules(course=fresh(course))] == ["Unit 2", "Unit 1"]


def test_progress_does_not_move_the_revision(taught):
    cohort_a, modules = taught
    course = fresh(cohort_a.cohort.course)
    lesson = Lesson.objects.filter(module=modules[0]).first()
    lesson_opened(enrollment=cohort_a.enrollment, lesson=lesson)
    assert fresh(course).content_revision == course.content_revision


def test_a_copy_annotated_by_one_request_is_not_seen_by_the_next(taught):
    course = fresh(taught[0].cohort.course)
    first = course_modules(course=course)
    first[0].lesson_list[0].title = "changed in memory"
    first[0].lesson_list[0].url = "/somewhere/"
    first[0].required_ids.append(999)
    again = course_modules(course=course)
    assert again[0].lesson_list[0].title == "Unit 1 lesson 1"
    assert not hasattr(again[0].lesson_list[0], "url")
    assert again[0].required_ids == []


def test_a_lesson_of_a_copy_knows_its_module_without_a_query(taught, django_assert_num_queries):
    course = fresh(taught[0].cohort.course)
    course_modules(course=course)
    modules = course_modules(course=course)
    with django_assert_num_queries(0):
        assert modules[1].lesson_list[0].module is modules[1]


def test_the_student_page_shows_a_new_module_on_the_next_request(taught):
    cohort_a, _ = taught
    client = cohort_a.school.client(cohort_a.school.student)
    assert "Unit 3" not in words(client.get(course_url(cohort_a.cohort)))
    module = ModuleFactory(course=cohort_a.cohort.course, position=5, title="Unit 3")
    LessonFactory(module=module, position=0, kind="reading", title="Unit 3 lesson 1")
    assert "Unit 3 lesson 1" in words(client.get(course_url(cohort_a.cohort)))


def test_reopening_a_reading_keeps_its_first_completion(taught):
    cohort_a, modules = taught
    reading = Lesson.objects.get(module=modules[0], kind="reading")
    client = cohort_a.school.client(cohort_a.school.student)
    assert client.get(lesson_url(cohort_a.cohort, reading)).status_code == 200
    first = LessonProgress.objects.get(enrollment=cohort_a.enrollment, lesson=reading)
    assert first.completed_at is not None
    assert client.get(lesson_url(cohort_a.cohort, reading)).status_code == 200
    again = LessonProgress.objects.get(enrollment=cohort_a.enrollment, lesson=reading)
    assert again.completed_at == first.completed_at
    assert again.reported_at > first.reported_at


def test_reopening_a_lecture_restarts_its_clock_without_completing_it(taught):
    cohort_a, modules = taught
    video = Lesson.objects.get(module=modules[0], kind="video")
    client = cohort_a.school.client(cohort_a.school.student)
    client.get(lesson_url(cohort_a.cohort, video))
    first = LessonProgress.objects.get(enrollment=cohort_a.enrollment, lesson=video)
    client.get(lesson_url(cohort_a.cohort, video))
    again = LessonProgress.objects.get(enrollment=cohort_a.enrollment, lesson=video)
    assert again.completed_at is None and again.reported_at > first.reported_at
