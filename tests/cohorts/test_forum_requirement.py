"""Posting in the module's forum topic as a completion requirement: offered to authors, judged
through the real outline (a post in that module's topic of the student's own cohort, not hidden),
and gathered in one query for a whole batch of students."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from cohorts import forum_moderation, forums
from cohorts.models import ForumTopic
from courses.forms_content import ModuleForm
from courses.requirements import REGISTRY, clean_requirements
from courses.selectors.learning import COMPLETE, IN_PROGRESS, course_modules, course_outline, outlines_for
from courses.services.learning import lesson_opened
from tests.conftest import make_cohort
from tests.factories import EnrollmentFactory, LessonFactory, MembershipFactory, ModuleFactory, UserFactory

pytestmark = pytest.mark.django_db


def in_term(cast) -> datetime.datetime:
    """The cohort's first day has come (factory terms start in two weeks)."""
    return timezone.now() + datetime.timedelta(days=(cast.cohort.term.starts_on - timezone.localdate()).days + 1)


@pytest.fixture
def module(cohort_a):
    module = ModuleFactory(course=cohort_a.cohort.course, title="Diabetes mellitus",
                           requirements=[{"kind": "view_all"}, {"kind": "forum_post"}])
    lesson = LessonFactory(module=module)
    lesson_opened(enrollment=cohort_a.enrollment, lesson=lesson)
    return module


def module_topic(cohort, module) -> ForumTopic:
    forums.topics_ensure(cohort=cohort)
    return ForumTopic.objects.get(cohort=cohort, kind=ForumTopic.Kind.MODULE, module=module)


def judged(cast, enrollment=None):
    state = course_outline(cohort=cast.cohort, enrollment=enrollment or cast.enrollment, now=in_term(cast)).modules[0]
    forum = [r for r in state.requirements if r.label.startswith("Post")]
    return state.state, forum[0]


def test_the_module_editor_offers_the_requirement_with_its_number(cohort_a):
    form = ModuleForm(course=cohort_a.cohort.course)
    assert form.fields["requirement_forum_post"].label == "Post in the module's forum topic"
    posts = form.fields["requirement_forum_post__posts"]
    assert (posts.min_value, posts.max_value, posts.initial) == (1, 20, 1)
    assert REGISTRY["forum_post"].describe({"posts": 3}) == "Post 3 times in the module's forum topic"


def test_the_number_of_posts_is_1_to_20():
    assert clean_requirements([{"kind": "forum_post", "posts": "2"}]) == [{"kind": "forum_post", "posts": 2}]
    assert clean_requirements([{"kind": "forum_post"}]) == [{"kind": "forum_post", "posts": 1}]
    for wrong in (0, 21):
        with pytest.raises(ValidationError, match="between 1 and 20"):
            clean_requirements([{"kind": "forum_post", "posts": wrong}])


def test_a_module_is_complete_once_the_student_posts_in_its_topic(school_a, cohort_a, module):
    state, forum = judged(cohort_a)
    assert state == IN_PROGRESS and not forum.met and forum.detail == "0 of 1 post"
    student = school_a.membership(school_a.student)
    forums.thread_start(membership=student, topic=module_topic(cohort_a.cohort, module), title="Is E11.65 right?",
                        body="The note says hyperglycemia.")
    state, forum = judged(cohort_a)
    assert state == COMPLETE and forum.met and forum.detail == "1 of 1 post"


def test_a_reply_counts_and_two_posts_may_be_asked(school_a, cohort_a, module):
    module.requirements = [{"kind": "forum_post", "posts": 2}]
    module.save()
    instructor, student = school_a.membership(school_a.instructor), school_a.membership(school_a.student)
    thread = forums.thread_start(membership=instructor, topic=module_topic(cohort_a.cohort, module), title="Case 1",
                                 body="Code this note.")
    forums.post_reply(membership=student, thread=thread, body="E11.22 and N18.31")
    state, forum = judged(cohort_a)
    assert state == IN_PROGRESS and forum.detail == "1 of 2 posts"
    assert forum.label == "Post 2 times in the module's forum topic"
    forums.post_reply(membership=student, thread=thread, body="And Z79.4 for the insulin")
    assert judged(cohort_a)[0] == COMPLETE


def test_a_hidden_post_does_not_count(school_a, cohort_a, module):
    student = school_a.membership(school_a.student)
    thread = forums.thread_start(membership=student, topic=module_topic(cohort_a.cohort, module), title="Hello",
                                 body="First!")
    forum_moderation.post_hide(membership=school_a.membership(school_a.instructor), post=thread.posts.get())
    state, forum = judged(cohort_a)
    assert state == IN_PROGRESS and not forum.met and forum.detail == "0 of 1 post"


def test_posts_elsewhere_do_not_count(school_a, cohort_a, module):
    student = school_a.membership(school_a.student)
    general = forums.topics_ensure(cohort=cohort_a.cohort)[0]
    forums.thread_start(membership=student, topic=general, title="In general", body="Not the module's topic")
    other_module = ModuleFactory(course=cohort_a.cohort.course, title="Neoplasms")
    forums.thread_start(membership=student, topic=module_topic(cohort_a.cohort, other_module), title="Other", body="x")
    # The same module's topic in another cohort of the course, where the student also studies
    other = make_cohort(school_a, course=cohort_a.cohort.course)
    forums.thread_start(membership=student, topic=module_topic(other.cohort, module), title="Elsewhere", body="x")
    # A classmate's post in the right topic is theirs
    mate = MembershipFactory(tenant=school_a.tenant, role="student", user=UserFactory(email="mate@northwind.test"))
    EnrollmentFactory(cohort=cohort_a.cohort, membership=mate, state="active")
    forums.thread_start(membership=mate, topic=module_topic(cohort_a.cohort, module), title="Mine", body="x")
    assert judged(cohort_a)[1].detail == "0 of 1 post"
    assert judged(other, other.enrollment)[1].detail == "1 of 1 post"


@pytest.mark.parametrize("students", [3, 15])
def test_one_query_gathers_the_posts_of_a_whole_batch(school_a, cohort_a, module, students, django_assert_max_num_queries):
    topic = module_topic(cohort_a.cohort, module)
    enrollments = []
    for n in range(students):
        member = MembershipFactory(tenant=school_a.tenant, role="student", user=UserFactory(email=f"s{n}@northwind.test"))
        enrollments.append(EnrollmentFactory(cohort=cohort_a.cohort, membership=member, state="active"))
        if n % 2:
            forums.thread_start(membership=member, topic=topic, title=f"Question {n}", body="About E11.9")
    modules = course_modules(course=cohort_a.cohort.course)
    with django_assert_max_num_queries(2):  # the lesson progress, the forum posts
        outlines = outlines_for(cohort=cohort_a.cohort, enrollment_ids=[e.pk for e in enrollments], modules=modules,
                                now=in_term(cohort_a), summary=True)
    met = [outlines[e.pk].modules[0].requirements[1].met for e in enrollments]
    assert met == [bool(n % 2) for n in range(students)]
