"""Module states on the course page: release offsets in the cohort's zone, prerequisites, previews.

The clock moves with time_machine; dates are shown in the viewer's zone.
"""

from __future__ import annotations

import datetime
import re
import zoneinfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from cohorts.models import Cohort, Term
from courses.models import Module, ModulePrerequisite
from courses.selectors.learning import course_outline, preview_outline
from lms.models import User
from tests.conftest import text
from tests.factories import LessonFactory, LessonProgressFactory, ModuleFactory

UTC = datetime.UTC


# --- helpers the other learning tests share ----------------------------------------------


def open_term(cohort: Cohort, *, days_ago: int = 10) -> Cohort:
    """Move the cohort's term so it started ``days_ago`` days ago: offset-0 modules are open."""
    today = timezone.localdate()
    Term.objects.filter(pk=cohort.term_id).update(
        enrollment_opens_on=today - datetime.timedelta(days=days_ago + 20),
        enrollment_closes_on=today - datetime.timedelta(days=days_ago),
        starts_on=today - datetime.timedelta(days=days_ago),
        drop_deadline=today + datetime.timedelta(days=5),
        ends_on=today + datetime.timedelta(days=100),
    )
    cohort.term.refresh_from_db()
    return cohort


def build_course(cohort: Cohort, *, modules: int = 2, lessons: int = 3,
                 kinds: tuple[str, ...] = ("reading", "video", "exercise")) -> list[Module]:
    """Published modules of ``lessons`` lessons each, kinds in turn, in the cohort's course."""
    made = []
    for m in range(modules):
        module = ModuleFactory(course=cohort.course, position=m, title=f"Unit {m + 1}")
        for n in range(lessons):
            LessonFactory(module=module, position=n, kind=kinds[n % len(kinds)], title=f"Unit {m + 1} lesson {n + 1}")
        made.append(module)
    return made


def words(response) -> str:
    """The page as text: tags dropped, entities decoded, white space collapsed."""
    flat = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text(response)))
    return re.sub(r" ([.,:;)])", r"\1", flat).replace("( ", "(")


def course_url(cohort: Cohort) -> str:
    return reverse("courses:cohort_course", args=[cohort.pk])


def lesson_url(cohort: Cohort, lesson) -> str:
    return reverse("courses:cohort_lesson", args=[cohort.pk, lesson.pk])


# --- release dates ----------------------------------------------------------------------


@pytest.fixture
def winter_cohort(cohort_a):
    """Term starts Monday 13 January 2031; the cohort keeps New York time; the clock is a week before."""
    cohort = cohort_a.cohort
    Term.objects.filter(pk=cohort.term_id).update(
        enrollment_opens_on=datetime.date(2030, 12, 1), enrollment_closes_on=datetime.date(2031, 1, 10),
        starts_on=datetime.date(2031, 1, 13), drop_deadline=datetime.date(2031, 1, 27), ends_on=datetime.date(2031, 4, 30),
    )
    Cohort.objects.filter(pk=cohort.pk).update(time_zone="America/New_York")
    cohort.refresh_from_db()
    cohort.term.refresh_from_db()
    return cohort_a


def test_module_opens_at_midnight_in_the_cohort_zone_after_its_offset(winter_cohort):
    cohort = winter_cohort.cohort
    first = ModuleFactory(course=cohort.course, position=0, release_offset_days=0)
    later = ModuleFactory(course=cohort.course, position=1, release_offset_days=7)
    for module in (first, later):
        LessonFactory(module=module)
    new_york_midnight = datetime.datetime(2031, 1, 20, 5, 0, tzinfo=UTC)  # EST is UTC-5
    states = {
        when: {m.module.pk: m.state for m in course_outline(cohort=cohort, enrollment=winter_cohort.enrollment, now=when).modules}
        for when in (
            datetime.datetime(2031, 1, 12, 23, 0, tzinfo=UTC),  # 6 pm in New York on Sunday the 12th
            datetime.datetime(2031, 1, 13, 5, 0, tzinfo=UTC),
            new_york_midnight - datetime.timedelta(seconds=1),
            new_york_midnight,
        )
    }
    values = list(states.values())
    assert values[0] == {first.pk: "locked", later.pk: "locked"}
    assert values[1] == {first.pk: "available", later.pk: "locked"}
    assert values[2] == {first.pk: "available", later.pk: "locked"}
    assert values[3] == {first.pk: "available", later.pk: "available"}


def test_course_page_shows_the_release_date_in_the_viewers_time_zone(winter_cohort):
    school, cohort = winter_cohort.school, winter_cohort.cohort
    module = ModuleFactory(course=cohort.course, title="Injuries", release_offset_days=7)
    lesson = LessonFactory(module=module, title="Seventh characters")
    User.objects.filter(pk=school.student.pk).update(time_zone="America/Los_Angeles")
    with time_machine.travel(datetime.datetime(2031, 1, 15, 12, 0, tzinfo=UTC), tick=False):
        body = words(school.client(school.student).get(course_url(cohort)))
    # Midnight in New York is 9 pm the evening before in Los Angeles.
    assert "Opens Sunday, January 19, 2031, 9:00 PM PST." in body
    assert "Locked" in body
    assert "Seventh characters" in body
    assert lesson_url(cohort, lesson) not in text(school.client(school.student).get(course_url(cohort)))  # a locked module lists its lessons without links


def test_without_a_zone_of_their_own_the_viewer_sees_the_schools_zone(winter_cohort):
    school, cohort = winter_cohort.school, winter_cohort.cohort
    school.tenant.time_zone = "America/Chicago"
    school.tenant.save()
    LessonFactory(module=ModuleFactory(course=cohort.course, release_offset_days=7))
    with time_machine.travel(datetime.datetime(2031, 1, 15, 12, 0, tzinfo=UTC), tick=False):
        body = words(school.client(school.student).get(course_url(cohort)))
    assert "Opens Sunday, January 19, 2031, 11:00 PM CST." in body


def test_a_locked_lesson_shows_the_reason_and_no_content(winter_cohort):
    school, cohort = winter_cohort.school, winter_cohort.cohort
    lesson = LessonFactory(module=ModuleFactory(course=cohort.course, release_offset_days=7),
                           body_html="<p>Secret reading text</p>")
    User.objects.filter(pk=school.student.pk).update(time_zone="America/New_York")
    with time_machine.travel(datetime.datetime(2031, 1, 15, 12, 0, tzinfo=UTC), tick=False):
        response = school.client(school.student).get(lesson_url(cohort, lesson))
    body = words(response)
    assert response.status_code == 200
    assert "This lesson is locked" in body
    assert "Opens Monday, January 20, 2031, 12:00 AM EST." in body
    assert "Secret reading text" not in body
    assert not lesson.progress.exists()  # opening a locked lesson starts nothing


def test_locked_exercise_refuses_a_try(winter_cohort):
    school, cohort = winter_cohort.school, winter_cohort.cohort
    lesson = LessonFactory(kind="exercise", module=ModuleFactory(course=cohort.course, release_offset_days=7))
    with time_machine.travel(datetime.datetime(2031, 1, 15, 12, 0, tzinfo=UTC), tick=False):
        response = school.client(school.student).post(lesson_url(cohort, lesson), {"code": ["E11.65"]})
    assert response.status_code == 403
    assert not lesson.attempts.exists()


# --- prerequisites and completion ------------------------------------------------------------


def test_a_prerequisite_module_must_be_complete_first(cohort_a):
    cohort = open_term(cohort_a.cohort)
    basics, advanced = build_course(cohort, modules=2, lessons=2, kinds=("reading",))
    ModulePrerequisite.objects.create(module=advanced, required=basics)
    outline = course_outline(cohort=cohort, enrollment=cohort_a.enrollment)
    assert [m.state for m in outline.modules] == ["available", "locked"]
    assert outline.modules[1].locked_reasons == ["Complete “Unit 1” first."]

    first, second = basics.lessons.order_by("position")
    LessonProgressFactory(enrollment=cohort_a.enrollment, lesson=first, completed_at=timezone.now())
    outline = course_outline(cohort=cohort, enrollment=cohort_a.enrollment)
    assert [m.state for m in outline.modules] == ["in_progress", "locked"]

    LessonProgressFactory(enrollment=cohort_a.enrollment, lesson=second, completed_at=timezone.now())
    outline = course_outline(cohort=cohort, enrollment=cohort_a.enrollment)
    assert [m.state for m in outline.modules] == ["complete", "available"]

    body = words(cohort_a.school.client(cohort_a.school.student).get(course_url(cohort)))
    assert "Complete" in body and "Available" in body
    assert "View every lesson: done (2 of 2 lessons done)" in body


def test_course_page_shows_states_in_words_progress_bars_and_lessons(cohort_a):
    cohort = open_term(cohort_a.cohort)
    unit, _ = build_course(cohort, modules=2, lessons=4)
    reading = unit.lessons.get(position=0)
    LessonProgressFactory(enrollment=cohort_a.enrollment, lesson=reading, completed_at=timezone.now())
    body = text(cohort_a.school.client(cohort_a.school.student).get(course_url(cohort)))
    assert "In progress" in body
    assert '<progress max="100" value="25" aria-label="Progress in Unit 1">' in body
    assert "25% · 1 of 4 lessons done" in body
    assert '<progress max="100" value="12" aria-label="Your progress in the course">' in body  # 1 of 8
    assert "Video lecture" in body and "Coding exercise" in body and "Reading" in body
    assert "Done" in body
    assert lesson_url(cohort, reading) in body
    assert "Preview: you see what students see" not in body


def test_unpublished_modules_and_lessons_stay_out_of_the_students_course(cohort_a):
    cohort = open_term(cohort_a.cohort)
    ModuleFactory(course=cohort.course, title="Draft unit", is_published=False)
    shown = ModuleFactory(course=cohort.course, title="Live unit")
    hidden = LessonFactory(module=shown, title="Draft lesson", is_published=False)
    LessonFactory(module=shown, title="Live lesson")
    client = cohort_a.school.client(cohort_a.school.student)
    body = text(client.get(course_url(cohort)))
    assert "Live unit" in body and "Live lesson" in body
    assert "Draft unit" not in body and "Draft lesson" not in body
    assert client.get(lesson_url(cohort, hidden)).status_code == 404


# --- previews ----------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["instructor", "registrar"])
def test_staff_see_the_course_as_a_preview(cohort_a, who):
    cohort = open_term(cohort_a.cohort)
    build_course(cohort, modules=1, lessons=2)
    school = cohort_a.school
    body = text(school.client(getattr(school, who)).get(course_url(cohort)))
    assert "Preview: you see what students see" in body
    assert "Your progress" not in body


def test_staff_preview_opens_a_lesson_without_storing_progress(cohort_a):
    cohort = open_term(cohort_a.cohort)
    (unit,) = build_course(cohort, modules=1, lessons=1, kinds=("reading",))
    lesson = unit.lessons.get()
    response = cohort_a.school.client(cohort_a.school.instructor).get(lesson_url(cohort, lesson))
    assert response.status_code == 200
    assert "Code to the highest specificity documented." in text(response)
    assert not lesson.progress.exists()


def test_author_preview_shows_every_module_open_hidden_ones_marked(cohort_a):
    school, cohort = cohort_a.school, cohort_a.cohort  # the term has not started: students see it all locked
    later = ModuleFactory(course=cohort.course, title="Later unit", release_offset_days=30)
    draft = ModuleFactory(course=cohort.course, title="Draft unit", is_published=False)
    ModulePrerequisite.objects.create(module=draft, required=later)
    lesson = LessonFactory(module=draft, title="Draft lesson", is_published=False, body_html="<p>Draft words</p>")
    LessonFactory(module=later, title="Later lesson")
    preview = reverse("courses:course_preview", args=[cohort.course_id])
    body = text(school.client(school.instructor).get(preview))
    assert "Later unit" in body and "Draft unit" in body and "Draft lesson" in body
    assert "Hidden from students" in body
    assert "Opens 30 days after a cohort's first day" in body
    assert "Locked" not in body
    lesson_page = reverse("courses:course_preview_lesson", args=[cohort.course_id, lesson.pk])
    assert lesson_page in body
    page = text(school.client(school.instructor).get(lesson_page))
    assert "Draft words" in page and "Hidden from students" in page
    assert [m.state for m in preview_outline(course=cohort.course).modules] == ["available", "available"]


def test_students_may_not_preview_a_course(cohort_a):
    school, cohort = cohort_a.school, cohort_a.cohort
    lesson = LessonFactory(module=ModuleFactory(course=cohort.course))
    client = school.client(school.student)
    assert client.get(reverse("courses:course_preview", args=[cohort.course_id])).status_code == 403
    assert client.get(reverse("courses:course_preview_lesson", args=[cohort.course_id, lesson.pk])).status_code == 403


def test_author_preview_of_another_schools_course_is_404(cohort_a, cohort_b):
    school_b = cohort_b.school
    lesson = LessonFactory(module=ModuleFactory(course=cohort_a.cohort.course))
    client = school_b.client(school_b.registrar)
    assert client.get(reverse("courses:course_preview", args=[cohort_a.cohort.course_id])).status_code == 404
    url = reverse("courses:course_preview_lesson", args=[cohort_a.cohort.course_id, lesson.pk])
    assert client.get(url).status_code == 404
    # and a lesson of another course in a preview of one's own
    own = reverse("courses:course_preview_lesson", args=[cohort_b.cohort.course_id, lesson.pk])
    assert client.get(own).status_code == 404


def test_release_dates_are_zone_safe_across_daylight_saving(cohort_a):
    """Local midnight is 05:00 UTC the day DST begins in New York (9 March 2031) and 04:00 UTC the day after."""
    cohort = cohort_a.cohort
    Term.objects.filter(pk=cohort.term_id).update(
        enrollment_opens_on=datetime.date(2031, 2, 1), enrollment_closes_on=datetime.date(2031, 3, 1),
        starts_on=datetime.date(2031, 3, 8), drop_deadline=datetime.date(2031, 3, 20), ends_on=datetime.date(2031, 6, 1),
    )
    Cohort.objects.filter(pk=cohort.pk).update(time_zone="America/New_York")
    cohort.refresh_from_db()
    for offset in (1, 2):
        LessonFactory(module=ModuleFactory(course=cohort.course, position=offset, release_offset_days=offset))

    def states(hour: int, minute: int, day: int) -> list[str]:
        now = datetime.datetime(2031, 3, day, hour, minute, tzinfo=UTC)
        return [m.state for m in course_outline(cohort=cohort, enrollment=cohort_a.enrollment, now=now).modules]

    assert states(4, 59, 9) == ["locked", "locked"]
    assert states(5, 0, 9) == ["available", "locked"]
    assert states(3, 59, 10) == ["available", "locked"]
    assert states(4, 0, 10) == ["available", "available"]
    opens = course_outline(cohort=cohort, enrollment=cohort_a.enrollment).modules[1].opens_at
    assert opens == datetime.datetime(2031, 3, 10, tzinfo=zoneinfo.ZoneInfo("America/New_York"))
