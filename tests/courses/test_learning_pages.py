"""Who reaches the learning pages, the staff's progress grid and student detail, links to them, and query counts."""

from __future__ import annotations

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cohorts.models import Enrollment
from courses.models import ExerciseAttempt, Lesson, LessonProgress
from lms.models import Role, User
from tests.cohorts.test_enrollment_pages import bulk_enrollments
from tests.conftest import make_cohort, text
from tests.courses.test_learning_state import build_course, course_url, lesson_url, open_term, words
from tests.factories import (
    EnrollmentFactory,
    LessonFactory,
    LessonProgressFactory,
    MembershipFactory,
    ModuleFactory,
    UserFactory,
)


@pytest.fixture
def taught(cohort_a):
    """cohort_a, open, with two modules of three lessons (reading, lecture, exercise)."""
    open_term(cohort_a.cohort)
    modules = build_course(cohort_a.cohort)
    return cohort_a, modules


def grid_url(cohort) -> str:
    return reverse("courses:progress_grid", args=[cohort.pk])


def student_url(cohort, enrollment) -> str:
    return reverse("courses:progress_student", args=[cohort.pk, enrollment.pk])


def progress_url(cohort, lesson) -> str:
    return reverse("courses:lesson_progress", args=[cohort.pk, lesson.pk])


def every_page(cast, lesson) -> list[tuple[str, str]]:
    cohort = cast.cohort
    return [
        ("get", course_url(cohort)),
        ("get", lesson_url(cohort, lesson)),
        ("post", lesson_url(cohort, lesson)),
        ("post", progress_url(cohort, lesson)),
        ("get", grid_url(cohort)),
        ("get", reverse("courses:progress_csv", args=[cohort.pk])),
        ("get", student_url(cohort, cast.enrollment)),
    ]


def assert_all_404(client, pages) -> None:
    for method, url in pages:
        response = getattr(client, method)(url)
        assert response.status_code == 404, f"{method.upper()} {url} gave {response.status_code}"


# --- who gets in --------------------------------------------------------------------------------


def test_a_student_of_another_cohort_of_the_school_gets_404_everywhere(taught, school_a):
    cast, modules = taught
    other = make_cohort(school_a)
    newcomer = UserFactory(email="other.cohort@northwind.test")
    Enrollment.objects.filter(pk=other.enrollment.pk).update(
        membership=MembershipFactory(tenant=school_a.tenant, user=newcomer, role=Role.STUDENT)
    )
    lesson = modules[0].lessons.get(kind="exercise")
    assert_all_404(school_a.client(newcomer), every_page(cast, lesson))
    assert not LessonProgress.objects.exists() and not ExerciseAttempt.objects.exists()


def test_a_student_without_a_place_gets_404_everywhere(taught):
    cast, modules = taught
    lesson = modules[0].lessons.get(kind="video")
    assert_all_404(cast.school.client(cast.school.student2), every_page(cast, lesson))


def test_a_student_of_another_school_gets_404_everywhere(taught, cohort_b):
    cast, modules = taught
    lesson = modules[0].lessons.get(kind="reading")
    school_b = cohort_b.school
    for user in (school_b.student, school_b.registrar):
        assert_all_404(school_b.client(user), every_page(cast, lesson))
    assert not LessonProgress.objects.exists()


def test_the_instructor_of_another_cohort_gets_404(taught, school_a):
    cast, modules = taught
    other = make_cohort(school_a)
    teacher = MembershipFactory(tenant=school_a.tenant, role=Role.INSTRUCTOR, user=UserFactory())
    other.cohort.staff.update(membership=teacher)
    assert_all_404(school_a.client(teacher.user), every_page(cast, modules[0].lessons.first()))


@pytest.mark.parametrize("state", ["applied", "waitlisted", "dropped", "completed"])
def test_only_an_active_place_opens_the_course(taught, state):
    cast, modules = taught
    Enrollment.objects.filter(pk=cast.enrollment.pk).update(state=state, waitlisted_at=timezone.now() if state == "waitlisted" else None)
    client = cast.school.client(cast.school.student)
    assert client.get(course_url(cast.cohort)).status_code == 404
    assert client.get(lesson_url(cast.cohort, modules[0].lessons.first())).status_code == 404


def test_a_lesson_of_another_course_is_404_in_this_cohort(taught, school_a):
    cast, _ = taught
    elsewhere = LessonFactory(module=ModuleFactory(course=make_cohort(school_a).cohort.course))
    client = cast.school.client(cast.school.student)
    assert client.get(lesson_url(cast.cohort, elsewhere)).status_code == 404
    assert client.post(progress_url(cast.cohort, elsewhere), {"position": 1, "seconds_watched": 1}).status_code == 404


def test_students_of_the_cohort_get_403_on_the_staff_pages(taught):
    cast, _ = taught
    client = cast.school.client(cast.school.student)
    for url in (grid_url(cast.cohort), student_url(cast.cohort, cast.enrollment),
                reverse("courses:progress_csv", args=[cast.cohort.pk])):
        response = client.get(url)
        assert response.status_code == 403
        assert "Only the cohort's staff" in text(response)


def test_an_enrollment_of_another_cohort_is_404_on_this_cohorts_student_page(taught, school_a):
    cast, _ = taught
    other = make_cohort(school_a)
    response = cast.school.client(cast.school.registrar).get(student_url(cast.cohort, other.enrollment))
    assert response.status_code == 404


# --- the progress grid ---------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["instructor", "registrar"])
def test_staff_see_students_by_modules(taught, who):
    cast, modules = taught
    school = cast.school
    User.objects.filter(pk=school.student.pk).update(full_name="Avery Zimmer")
    for lesson in modules[0].lessons.all():
        LessonProgressFactory(enrollment=cast.enrollment, lesson=lesson, completed_at=timezone.now())
    LessonProgressFactory(enrollment=cast.enrollment, lesson=modules[1].lessons.first())
    body = words(school.client(getattr(school, who)).get(grid_url(cast.cohort)))
    assert "Avery Zimmer" in body
    assert "Unit 1" in body and "Unit 2" in body
    assert "Complete 100%" in body
    assert "In progress 0%" in body
    assert "50%" in body  # 3 of 6 lessons in the course
    assert student_url(cast.cohort, cast.enrollment) in text(school.client(school.instructor).get(grid_url(cast.cohort)))


def test_the_grid_lists_active_students_only_sorted_by_name(taught):
    cast, _ = taught
    school = cast.school
    User.objects.filter(pk=school.student.pk).update(full_name="Mira Okafor")
    for name, state in (("Ben Adler", "active"), ("Zoe Young", "active"), ("Dropped Person", "dropped")):
        EnrollmentFactory(cohort=cast.cohort, state=state,
                          membership=MembershipFactory(tenant=school.tenant, role=Role.STUDENT, user=UserFactory(full_name=name)))
    client = school.client(school.instructor)
    body = words(client.get(grid_url(cast.cohort)))
    assert "Dropped Person" not in body
    assert body.index("Ben Adler") < body.index("Mira Okafor") < body.index("Zoe Young")
    assert "3 active students" in body
    reverse_body = text(client.get(grid_url(cast.cohort) + "?sort=-name"))
    assert reverse_body.index("Zoe Young") < reverse_body.index("Mira Okafor") < reverse_body.index("Ben Adler")
    assert 'aria-sort="descending"' in reverse_body


def test_the_grid_downloads_as_csv(taught):
    cast, modules = taught
    school = cast.school
    User.objects.filter(pk=school.student.pk).update(full_name="=cmd|'/C calc'!A0")
    LessonProgressFactory(enrollment=cast.enrollment, lesson=modules[0].lessons.first(), completed_at=timezone.now())
    response = school.client(school.instructor).get(reverse("courses:progress_csv", args=[cast.cohort.pk]))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["name", "email", "Unit 1 (%)", "Unit 2 (%)", "course (%)"]
    assert rows[1] == ["'=cmd|'/C calc'!A0", school.student.email, "33", "0", "17"]


def test_a_students_detail_shows_lessons_and_attempts_latest_first(taught):
    cast, modules = taught
    school = cast.school
    lecture = modules[0].lessons.get(kind="video")
    exercise = modules[0].lessons.get(kind="exercise")
    LessonProgressFactory(enrollment=cast.enrollment, lesson=lecture, position_seconds=125, watched_seconds=300)
    LessonProgressFactory(enrollment=cast.enrollment, lesson=exercise, tries=2, best_score=0.75, completed_at=timezone.now())
    now = timezone.now()
    for minutes, score, answer in ((10, 0.5, [{"code": "E1165", "modifiers": [], "units": 1}]),
                                   (1, 0.75, [{"code": "99213", "modifiers": ["25"], "units": 1}])):
        ExerciseAttempt.objects.create(
            enrollment=cast.enrollment, lesson=exercise, answer=answer, score=score,
            feedback={"lines": [{"index": 0, "code": "E11.65" if score == 0.5 else "99213"}]},
            created_at=now - timezone.timedelta(minutes=minutes),
        )
    body = words(school.client(school.instructor).get(student_url(cast.cohort, cast.enrollment)))
    assert "2:05" in body and "5:00 (50%)" in body
    assert "75%" in body
    assert body.index("99213-25") < body.index("E11.65")  # latest first, codes as shown in the feedback


# --- links ---------------------------------------------------------------------------------------


def test_the_dashboard_links_each_active_course_with_its_progress(taught):
    cast, modules = taught
    LessonProgressFactory(enrollment=cast.enrollment, lesson=modules[0].lessons.first(), completed_at=timezone.now())
    body = text(cast.school.client(cast.school.student).get("/"))
    assert course_url(cast.cohort) in body
    assert '<progress max="100" value="17"' in body


def test_the_dashboard_keeps_a_constant_number_of_queries(school_a):
    counts = []
    for total in (1, 8):
        while Enrollment.objects.filter(membership__user=school_a.student).count() < total:
            cast = make_cohort(school_a)
            open_term(cast.cohort)
            build_course(cast.cohort, modules=1, lessons=2)
        client = school_a.client(school_a.student)
        client.get("/")  # the school and membership are cached after a first request: compare warm requests
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/").status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_staff_pages_link_to_the_grid_and_the_course(taught):
    cast, _ = taught
    school = cast.school
    detail = text(school.client(school.instructor).get(reverse("cohorts:cohort_detail", args=[cast.cohort.pk])))
    assert grid_url(cast.cohort) in detail and course_url(cast.cohort) in detail
    roster = text(school.client(school.instructor).get(reverse("cohorts:roster", args=[cast.cohort.pk])))
    assert grid_url(cast.cohort) in roster
    dashboard = text(school.client(school.instructor).get("/"))
    assert grid_url(cast.cohort) in dashboard


# --- queries: the same at two sizes ------------------------------------------------------------------


def _lessons(cast, count: int) -> list[Lesson]:
    modules = build_course(cast.cohort, modules=count // 5, lessons=5)
    lessons = [lesson for module in modules for lesson in module.lessons.order_by("position")]
    LessonProgress.objects.bulk_create([
        LessonProgress(tenant_id=cast.cohort.tenant_id, enrollment=cast.enrollment, lesson=lesson,
                       completed_at=timezone.now() if i % 2 else None, position_seconds=i)
        for i, lesson in enumerate(lessons[:-1])
    ])
    return lessons


COURSE_PAGE_QUERIES = 11
LESSON_PAGE_QUERIES = 19  # a first open creates the progress row
GRID_QUERIES = 13  # with the header bell's unread count, read once and then kept in the cache


@pytest.mark.parametrize("count", [5, 60])
def test_the_course_page_keeps_a_constant_number_of_queries(cohort_a, count, django_assert_max_num_queries):
    open_term(cohort_a.cohort)
    _lessons(cohort_a, count)
    client = cohort_a.school.client(cohort_a.school.student)
    with django_assert_max_num_queries(COURSE_PAGE_QUERIES):
        response = client.get(course_url(cohort_a.cohort))
    assert response.status_code == 200
    assert response.content.decode().count('class="lesson-item') == count


@pytest.mark.parametrize("count", [5, 60])
@pytest.mark.parametrize("kind", ["reading", "video", "exercise"])
def test_the_lesson_page_keeps_a_constant_number_of_queries(cohort_a, count, kind, django_assert_max_num_queries):
    open_term(cohort_a.cohort)
    lessons = _lessons(cohort_a, count)
    target = next(lesson for lesson in reversed(lessons) if lesson.kind == kind)
    client = cohort_a.school.client(cohort_a.school.student)
    with django_assert_max_num_queries(LESSON_PAGE_QUERIES):
        response = client.get(lesson_url(cohort_a.cohort, target))
    assert response.status_code == 200


@pytest.mark.parametrize("students", [20, 500])
def test_the_progress_grid_keeps_a_constant_number_of_queries(cohort_a, students, django_assert_max_num_queries):
    open_term(cohort_a.cohort)
    modules = build_course(cohort_a.cohort, modules=4, lessons=3)
    lessons = [lesson for module in modules for lesson in module.lessons.all()]
    enrollments = bulk_enrollments(cohort_a.cohort, students - 1, state="active", tag="grid")
    LessonProgress.objects.bulk_create([
        LessonProgress(tenant_id=cohort_a.cohort.tenant_id, enrollment=e, lesson=lessons[i % len(lessons)],
                       completed_at=timezone.now())
        for i, e in enumerate(enrollments)
    ])
    client = cohort_a.school.client(cohort_a.school.instructor)
    with django_assert_max_num_queries(GRID_QUERIES):
        response = client.get(grid_url(cohort_a.cohort))
    assert response.status_code == 200
    assert f"{students} active students" in words(response)
    with django_assert_max_num_queries(GRID_QUERIES):
        assert client.get(reverse("courses:progress_csv", args=[cohort_a.cohort.pk])).status_code == 200


def test_the_grid_pages_past_a_hundred_students(cohort_a):
    open_term(cohort_a.cohort)
    build_course(cohort_a.cohort, modules=1, lessons=1)
    bulk_enrollments(cohort_a.cohort, 120, state="active", tag="many")
    body = words(cohort_a.school.client(cohort_a.school.registrar).get(grid_url(cohort_a.cohort) + "?page=2"))
    assert "Page 2 of 2" in body
    assert "121 active students" in body
