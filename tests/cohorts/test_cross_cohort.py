"""Every route that takes a cohort's object answers 404 to a member of another cohort of the same school.

Like the cross-tenant walk, this reads the URL configuration, so a new
cohort-scoped route is covered without editing this file. The intruders are
a student active in another cohort and that cohort's instructor.

Course content is reached through a course, not a cohort: its API routes and
lesson files answer 404 to a student active in a cohort of another course.
(That cohort's instructor is not an intruder there: the school's instructors
author every course.)
"""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments.models import Accommodation, Attempt, AttemptItem
from cohorts import forum_moderation, forums
from cohorts.models import (
    Announcement,
    AnnouncementRead,
    Cohort,
    CohortStaff,
    Enrollment,
    ForumPost,
    ForumReadState,
    ForumReport,
    ForumSubscription,
    ForumThread,
    ForumTopic,
    LiveSession,
    LiveSessionAttendance,
    Term,
)
from courses.models import ExerciseAttempt, KeyLine, Lesson, LessonFile, LessonProgress, Module
from courses.views.files import url_name
from lms.models import AuditLogEntry, Role
from tests.conftest import make_cohort
from tests.factories import (
    KeyLineFactory,
    LessonFactory,
    LessonFileFactory,
    LiveSessionFactory,
    MembershipFactory,
    ModuleFactory,
    UserFactory,
)
from tests.lms.test_cross_tenant import METHODS, OWNER_REDIRECTS, routes_with_ids

COHORT_KWARGS = {
    "cohort_id": lambda cast: cast.cohort.pk,
    "enrollment_id": lambda cast: cast.enrollment.pk,
    # The cohort's course content (see the ``course_content`` fixture).
    "course_id": lambda cast: cast.cohort.course_id,
    "module_id": lambda cast: cast.module.pk,
    "lesson_id": lambda cast: cast.lesson.pk,
    "file_id": lambda cast: cast.lesson_file.pk,
    "name": lambda cast: url_name(cast.lesson_file),
    # An announcement to the cohort (see the ``course_content`` fixture).
    "announcement_id": lambda cast: cast.announcement.pk,
    # A live session of the cohort, with its recording posted.
    "session_id": lambda cast: cast.live_session.pk,
    # The cohort's forum: its general topic, a thread, the instructor's reply and a student's report of it.
    "topic_id": lambda cast: cast.forum_topic.pk,
    "thread_id": lambda cast: cast.forum_thread.pk,
    "post_id": lambda cast: cast.forum_post.pk,
    "report_id": lambda cast: cast.forum_report.pk,
    # The cohort's scheduled practice exam and its student's attempt (see the ``course_content`` fixture).
    "schedule_id": lambda cast: cast.exam.scheduled.pk,
    "attempt_id": lambda cast: cast.attempt.pk,
    "position": lambda cast: 1,
}
FORUM_IDS = {"topic_id", "thread_id", "post_id", "report_id"}
ASSESSMENT_IDS = {"schedule_id", "attempt_id"}
CONTENT_IDS = {"module_id", "lesson_id", "file_id"}
# Pages for students that take a course's content by id; the authoring pages refuse every
# student by role (403) and are walked by the authoring tests.
STUDENT_CONTENT_PAGES = {"courses:lesson_file"}

# Routes that take a cohort but are open to the whole school on purpose.
OPEN_TO_THE_SCHOOL = {
    "cohorts:apply": "the catalogue: any student of the school may apply to a cohort taking applications",
}

ROUTES = [
    (name, kwargs)
    for name, kwargs in routes_with_ids()
    if set(kwargs) & ({"cohort_id", "enrollment_id", "announcement_id", "session_id"} | FORUM_IDS | ASSESSMENT_IDS)
    and name not in OPEN_TO_THE_SCHOOL
]
CONTENT_ROUTES = [
    (name, kwargs)
    for name, kwargs in routes_with_ids()
    if (name.startswith("api:") or name in STUDENT_CONTENT_PAGES)
    and (set(kwargs) & CONTENT_IDS or name == "api:course-modules")
]


def test_the_walk_has_routes_to_walk():
    assert ROUTES, "no cohort-scoped routes were found; the walk would prove nothing"
    assert {"courses:cohort_course", "courses:cohort_lesson", "courses:lesson_progress", "courses:progress_grid",
            "cohorts:live_session_detail", "cohorts:live_session_video", "api:live-session-attendance",
            "cohorts:forum", "cohorts:forum_thread", "cohorts:forum_post_moderate", "api:thread-posts",
            "api:topic-detail", "api:report-resolve", "assessments:schedule_detail", "assessments:attempt_results",
            "api:attempt-answers", "api:attempt-results", "assessments:grading_queue", "assessments:item_grade"} <= {
        name for name, _ in ROUTES
    }
    assert {"api:course-modules", "api:module-detail", "api:lesson-detail", "api:lesson-progress",
            "api:lesson-attempts", "courses:lesson_file"} <= {name for name, _ in CONTENT_ROUTES}


@pytest.fixture
def course_content(cohort_a):
    """A published module of cohort_a's course, open from the first day, with a lecture, its video and an exercise."""
    cohort_a.module = ModuleFactory(course=cohort_a.cohort.course, title="Seventh characters")
    cohort_a.lesson = LessonFactory(module=cohort_a.module, kind="video", title="Placeholder X lecture")
    cohort_a.lesson_file = LessonFileFactory(lesson=cohort_a.lesson, name="placeholder-x.mp4")
    KeyLineFactory(lesson__module=cohort_a.module)
    cohort_a.announcement = Announcement.objects.create(
        tenant=cohort_a.cohort.tenant, audience="cohort", cohort=cohort_a.cohort, title="Office hours moved",
        body="Thursday this week.", body_html="<p>Thursday this week.</p>", author=cohort_a.school.instructor,
        published_at=timezone.now(),
    )
    cohort_a.live_session = LiveSessionFactory(cohort=cohort_a.cohort, title="Office hours", recorded=True)
    school = cohort_a.school
    cohort_a.forum_topic = forums.topics_ensure(cohort=cohort_a.cohort)[0]
    cohort_a.forum_thread = forums.thread_start(membership=school.membership(school.student), topic=cohort_a.forum_topic,
                                                title="Placeholder X for a short code", body="S52.521A or S52.52XA?")
    cohort_a.forum_post = forums.post_reply(membership=school.membership(school.instructor), thread=cohort_a.forum_thread,
                                            body="Use the X placeholder.")
    cohort_a.forum_report = forum_moderation.post_report(membership=school.membership(school.student), post=cohort_a.forum_post,
                                               reason="Checking the walk")
    from assessments.services.attempts import attempt_start
    from tests.assessments.conftest import make_exam

    cohort_a.exam = make_exam(cohort_a)
    cohort_a.attempt = attempt_start(membership=school.membership(school.student), scheduled=cohort_a.exam.scheduled)
    return cohort_a


def _term_started(cohort) -> None:
    """The cohort's term began last week, so its first module is open to its students."""
    today = timezone.localdate()
    Term.objects.filter(pk=cohort.term_id).update(
        enrollment_opens_on=today - datetime.timedelta(days=40), enrollment_closes_on=today - datetime.timedelta(days=8),
        starts_on=today - datetime.timedelta(days=7), drop_deadline=today, ends_on=today + datetime.timedelta(days=90),
    )


def _content_rows():
    return [
        list(rows.values())
        for rows in (Module.objects.all(), Lesson.objects.all(), LessonFile.objects.all(), KeyLine.objects.all(),
                     LessonProgress.objects.all(), ExerciseAttempt.objects.all())
    ]


@pytest.fixture
def other_cohort(school_a):
    """A second cohort of the same school: student2 is active in it, a second instructor teaches it."""
    cast = make_cohort(school_a)
    cast.enrollment.membership = school_a.membership(school_a.student2)
    cast.enrollment.save()
    teacher = MembershipFactory(tenant=school_a.tenant, role=Role.INSTRUCTOR, user=UserFactory(email="second.teacher@northwind.test"))
    CohortStaff.objects.filter(cohort=cast.cohort).update(membership=teacher)
    return cast, teacher


@pytest.mark.parametrize(("route", "kwarg_names"), ROUTES, ids=[name for name, _ in ROUTES])
def test_other_cohorts_members_get_404(route, kwarg_names, school_a, cohort_a, other_cohort, course_content):
    _, teacher = other_cohort
    unknown = [k for k in kwarg_names if k not in COHORT_KWARGS]
    assert not unknown, f"{route} also takes {unknown}: add how to find a cohort's object for it to COHORT_KWARGS"
    url = reverse(route, kwargs={k: COHORT_KWARGS[k](cohort_a) for k in kwarg_names})
    watched = (Cohort.objects.all(), CohortStaff.objects.all(), Enrollment.objects.all(), AuditLogEntry.objects.all(),
               Announcement.objects.all(), AnnouncementRead.objects.all(), LiveSession.objects.all(),
               LiveSessionAttendance.objects.all(), ForumTopic.objects.all(), ForumThread.objects.all(),
               ForumPost.objects.all(), ForumReport.objects.all(), ForumSubscription.objects.all(),
               ForumReadState.objects.all(), Attempt.objects.all(), AttemptItem.objects.all(), Accommodation.objects.all())

    own = school_a.client(school_a.registrar).get(url)
    expected = (302,) if route in OWNER_REDIRECTS else (200, 405)
    assert own.status_code in expected, f"{url} as the school's registrar gave {own.status_code}"
    before = [list(rows.values()) for rows in watched]  # after the owner's visit (reading marks it read)
    content_before = _content_rows()

    for intruder in (school_a.student2, teacher.user):
        client = school_a.client(intruder)
        for method in METHODS:
            response = client.get(url) if method == "get" else getattr(client, method)(url, content_type="application/json")
            if response.status_code == 405:
                continue
            assert response.status_code == 404, (
                f"{method.upper()} {url} as {intruder.email} (another cohort) gave {response.status_code}"
            )
            assert cohort_a.school.student.email not in response.content.decode()
    assert [list(rows.values()) for rows in watched] == before
    assert _content_rows() == content_before


@pytest.mark.parametrize(("route", "kwarg_names"), CONTENT_ROUTES, ids=[name for name, _ in CONTENT_ROUTES])
def test_a_student_of_another_course_gets_404_for_its_content(route, kwarg_names, school_a, other_cohort, course_content):
    cast = course_content
    _term_started(cast.cohort)
    unknown = [k for k in kwarg_names if k not in COHORT_KWARGS]
    assert not unknown, f"{route} also takes {unknown}: add how to find a cohort's object for it to COHORT_KWARGS"
    url = reverse(route, kwargs={k: COHORT_KWARGS[k](cast) for k in kwarg_names})
    watched = (Enrollment.objects.all(), AuditLogEntry.objects.all())
    before = ([list(rows.values()) for rows in watched], _content_rows())

    # The course's own student reaches it, so the 404s below mean something.
    own = school_a.client(school_a.student).get(url)
    assert own.status_code in (200, 405), f"{url} as the course's own student gave {own.status_code}"

    client = school_a.client(school_a.student2)
    for method in METHODS:
        response = client.get(url) if method == "get" else getattr(client, method)(url, content_type="application/json")
        if response.status_code == 405:
            continue
        assert response.status_code == 404, (
            f"{method.upper()} {url} as a student of another course gave {response.status_code}"
        )
        assert cast.lesson.title not in response.content.decode()
    assert ([list(rows.values()) for rows in watched], _content_rows()) == before
