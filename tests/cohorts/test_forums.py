"""Forum services: topics made once, threads and one-level replies, edit history, following,
notices to followers only, unread counts, question-and-answer topics and read-only concluded cohorts."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from cohorts import forum_reading, forums
from cohorts.models import ForumPost, ForumPostRevision, ForumSubscription, ForumThread, ForumTopic, Term
from lms.models import Notification
from tests.factories import EnrollmentFactory, MembershipFactory, ModuleFactory, UserFactory


@pytest.fixture
def topic(cohort_a):
    return forums.topics_ensure(cohort=cohort_a.cohort)[0]


def member(school, user):
    return school.membership(user)


def classmate(school, cohort_a):
    m = MembershipFactory(tenant=school.tenant, role="student", user=UserFactory(email="classmate@northwind.test"))
    EnrollmentFactory(cohort=cohort_a.cohort, membership=m, state="active")
    return m


def test_a_cohort_gets_a_general_topic_and_one_per_published_module_once(cohort_a):
    ModuleFactory(course=cohort_a.cohort.course, title="Diabetes coding")
    ModuleFactory(course=cohort_a.cohort.course, title="Draft module", is_published=False)
    forums.topics_ensure(cohort=cohort_a.cohort)
    topics = forums.topics_ensure(cohort=cohort_a.cohort)
    assert [(t.kind, t.title) for t in topics] == [("general", "General discussion"), ("module", "Diabetes coding")]
    assert ForumTopic.objects.count() == 2


def test_a_thread_opens_with_its_post_and_the_author_follows_it(school_a, topic):
    thread = forums.thread_start(membership=member(school_a, school_a.student), topic=topic, title="E11.65 or E11.9?",
                                 body="The note says *uncontrolled*.")
    assert (thread.post_count, thread.posts.get().body_html) == (1, "<p>The note says <em>uncontrolled</em>.</p>\n")
    assert ForumSubscription.objects.get(thread=thread).user == school_a.student


def test_a_reply_to_a_reply_hangs_under_the_top_level_post_and_quotes_it(school_a, cohort_a, topic):
    thread = forums.thread_start(membership=member(school_a, school_a.student), topic=topic, title="Q", body="Opening")
    first = forums.post_reply(membership=member(school_a, school_a.instructor), thread=thread, body="Top-level reply")
    second = forums.post_reply(membership=member(school_a, school_a.student), thread=thread, body="Thanks", reply_to=first)
    third = forums.post_reply(membership=member(school_a, school_a.instructor), thread=thread, body="Welcome",
                              reply_to=second)
    assert (second.parent, second.quoted) == (first, None)
    assert (third.parent, third.quoted) == (first, second)
    assert ForumThread.objects.get(pk=thread.pk).post_count == 4


def test_followers_hear_of_a_reply_but_not_of_their_own(school_a, cohort_a, topic):
    mate = classmate(school_a, cohort_a)
    thread = forums.thread_start(membership=member(school_a, school_a.student), topic=topic, title="Q", body="Opening")
    forums.post_reply(membership=mate, thread=thread, body="I think E11.65.")
    assert list(Notification.objects.filter(kind="forum.reply").values_list("recipient__email", flat=True)) == [
        school_a.student.email
    ]


def test_an_unfollowed_thread_stays_unfollowed_after_posting_and_sends_nothing(school_a, cohort_a, topic):
    mate = classmate(school_a, cohort_a)
    thread = forums.thread_start(membership=member(school_a, school_a.student), topic=topic, title="Q", body="Opening")
    forums.follow(membership=member(school_a, school_a.student), thread=thread, following=False)
    forums.post_reply(membership=member(school_a, school_a.student), thread=thread, body="Me again")
    forums.post_reply(membership=mate, thread=thread, body="Reply")
    assert not ForumSubscription.objects.get(thread=thread, user=school_a.student).following
    assert not Notification.objects.filter(kind="forum.reply", recipient=school_a.student).exists()


def test_unread_counts_others_posts_after_the_mark(school_a, cohort_a, topic):
    mate = classmate(school_a, cohort_a)
    start = timezone.now() - datetime.timedelta(hours=3)
    thread = forums.thread_start(membership=member(school_a, school_a.student), topic=topic, title="Q", body="x", now=start)
    for n in range(3):
        forums.post_reply(membership=mate, thread=thread, body=f"reply {n}", now=start + datetime.timedelta(minutes=n + 1))
    counts = lambda user: {t.pk: t.unread for t in forum_reading.with_unread(ForumThread.objects.all(), user_id=user.pk)}  # noqa: E731
    assert counts(school_a.student) == {thread.pk: 3}
    assert counts(mate.user) == {thread.pk: 0}
    assert counts(school_a.instructor) == {thread.pk: 4}  # never opened
    forums.mark_read(user_id=school_a.student.pk, thread=thread)
    assert counts(school_a.student) == {thread.pk: 0}


def test_an_edit_keeps_the_old_text_for_staff(school_a, topic):
    thread = forums.thread_start(membership=member(school_a, school_a.student), topic=topic, title="Q", body="E11.9")
    post = thread.posts.get()
    forums.post_edit(membership=member(school_a, school_a.student), post=post, body="E11.65, with hyperglycemia")
    assert list(ForumPostRevision.objects.values_list("body", flat=True)) == ["E11.9"]
    assert ForumPost.objects.get(pk=post.pk).edited_at is not None


def test_another_student_cannot_edit_a_post(school_a, cohort_a, topic):
    thread = forums.thread_start(membership=member(school_a, school_a.student), topic=topic, title="Q", body="Mine")
    with pytest.raises(ValidationError):
        forums.post_edit(membership=classmate(school_a, cohort_a), post=thread.posts.get(), body="Changed")
    assert thread.posts.get().body == "Mine"


def test_a_student_of_another_cohort_cannot_post(school_a, topic):
    with pytest.raises(ValidationError):
        forums.thread_start(membership=member(school_a, school_a.student2), topic=topic, title="Q", body="x")
    assert not ForumThread.objects.exists()


def test_a_locked_thread_takes_replies_only_from_staff(school_a, topic):
    thread = forums.thread_start(membership=member(school_a, school_a.instructor), topic=topic, title="Q", body="x")
    ForumThread.objects.filter(pk=thread.pk).update(locked=True)
    with pytest.raises(ValidationError):
        forums.post_reply(membership=member(school_a, school_a.student), thread=thread, body="Late")
    forums.post_reply(membership=member(school_a, school_a.instructor), thread=thread, body="Closing note")
    assert thread.posts.count() == 2


def test_a_concluded_cohort_is_read_only(school_a, cohort_a, topic):
    today = timezone.localdate()
    Term.objects.filter(pk=cohort_a.cohort.term_id).update(
        enrollment_opens_on=today - datetime.timedelta(days=200), enrollment_closes_on=today - datetime.timedelta(days=150),
        starts_on=today - datetime.timedelta(days=140), drop_deadline=today - datetime.timedelta(days=120),
        ends_on=today - datetime.timedelta(days=1),
    )
    topic.cohort.refresh_from_db()
    assert forums.can_read(member(school_a, school_a.student), topic.cohort)
    with pytest.raises(ValidationError):
        forums.thread_start(membership=member(school_a, school_a.student), topic=topic, title="Q", body="x")


def test_in_a_question_and_answer_topic_a_student_sees_replies_after_posting(school_a, cohort_a):
    qa = forums.topic_add(membership=member(school_a, school_a.instructor), cohort=cohort_a.cohort,
                          title="Case 4: code the encounter", answers_first=True)
    thread = forums.thread_start(membership=member(school_a, school_a.instructor), topic=qa, title="Case 4", body="Code it.")
    student = member(school_a, school_a.student)
    assert not forums.sees_others_replies(membership=student, thread=thread)
    forums.post_reply(membership=student, thread=thread, body="J45.901 and Z79.51")
    assert forums.sees_others_replies(membership=student, thread=thread)
    assert forums.sees_others_replies(membership=member(school_a, school_a.instructor), thread=thread)


def test_a_post_with_a_script_is_stored_inert(school_a, topic):
    thread = forums.thread_start(membership=member(school_a, school_a.student), topic=topic, title="<b>x</b>",
                                 body="<script>alert(1)</script>")
    assert "<script" not in thread.posts.get().body_html


def test_a_reply_to_the_question_is_a_reply_to_the_thread_and_its_replies_nest_under_it(school_a, cohort_a, topic):
    mate = classmate(school_a, cohort_a)
    thread = forums.thread_start(membership=member(school_a, school_a.student), topic=topic, title="Q", body="Opening")
    answer = forums.post_reply(membership=mate, thread=thread, body="Answer", reply_to=thread.posts.get())
    thanks = forums.post_reply(membership=member(school_a, school_a.student), thread=thread, body="Thanks",
                               reply_to=answer)
    assert (answer.parent, answer.quoted) == (None, None)
    assert (thanks.parent, thanks.quoted) == (answer, None)


def test_a_dropped_follower_hears_nothing_more(school_a, cohort_a, topic):
    mate = classmate(school_a, cohort_a)
    thread = forums.thread_start(membership=member(school_a, school_a.student), topic=topic, title="Q", body="Opening")
    cohort_a.enrollment.state = "dropped"
    cohort_a.enrollment.save()
    forums.post_reply(membership=mate, thread=thread, body="Answer")
    assert not Notification.objects.filter(kind="forum.reply").exists()


def test_in_a_question_and_answer_topic_a_follower_who_has_not_answered_hears_nothing(school_a, cohort_a):
    from cohorts.models import ForumSubscription

    qa = forums.topic_add(membership=member(school_a, school_a.instructor), cohort=cohort_a.cohort, title="Case",
                          answers_first=True)
    thread = forums.thread_start(membership=member(school_a, school_a.instructor), topic=qa, title="Q", body="Case")
    ForumSubscription.objects.create(tenant=school_a.tenant, thread=thread, user=school_a.student)  # followed somehow
    forums.post_reply(membership=classmate(school_a, cohort_a), thread=thread, body="Rosa's answer")
    recipients = set(Notification.objects.filter(kind="forum.reply").values_list("recipient__email", flat=True))
    assert recipients == {school_a.instructor.email}


def test_hiding_a_post_takes_its_text_out_of_the_notices_it_was_sent_in(school_a, cohort_a, topic):
    from cohorts import forum_moderation

    thread = forums.thread_start(membership=member(school_a, school_a.student), topic=topic, title="Q", body="Opening")
    rude = forums.post_reply(membership=classmate(school_a, cohort_a), thread=thread, body="Something rude")
    forum_moderation.post_hide(membership=member(school_a, school_a.instructor), post=rude)
    notice = Notification.objects.get(kind="forum.reply")
    assert "rude" not in notice.body and notice.email_due_at is None


def test_a_report_in_a_cohort_without_staff_reaches_the_registrars(school_a, cohort_a, topic):
    from cohorts import forum_moderation
    from cohorts.models import CohortStaff

    thread = forums.thread_start(membership=member(school_a, school_a.student), topic=topic, title="Q", body="Opening")
    post = forums.post_reply(membership=classmate(school_a, cohort_a), thread=thread, body="Spam")
    CohortStaff.objects.filter(cohort=cohort_a.cohort).delete()
    forum_moderation.post_report(membership=member(school_a, school_a.student), post=post, reason="Spam")
    assert list(Notification.objects.filter(kind="forum.reported").values_list("recipient__email", flat=True)) == [
        school_a.registrar.email]


def test_a_dismissed_report_cannot_then_hide_the_post(school_a, cohort_a, topic):
    from cohorts import forum_moderation

    thread = forums.thread_start(membership=member(school_a, school_a.student), topic=topic, title="Q", body="Opening")
    post = forums.post_reply(membership=classmate(school_a, cohort_a), thread=thread, body="Fine")
    report = forum_moderation.post_report(membership=member(school_a, school_a.student), post=post, reason="Unsure")
    staff = member(school_a, school_a.instructor)
    forum_moderation.report_resolve(membership=staff, report=report, outcome="dismissed")
    with pytest.raises(ValidationError):
        forum_moderation.report_resolve(membership=staff, report=report, outcome="hidden")
    assert ForumPost.objects.get(pk=post.pk).hidden_at is None
