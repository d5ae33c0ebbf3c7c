"""Forum pages: the topics with unread counts, a topic's threads, a thread with its replies one level deep,
posting, following, question-and-answer topics, moderation (pin, lock, hide, restore, endorse), reports,
edit history for staff, and read-only concluded cohorts."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from cohorts import forum_moderation, forum_reading, forums
from cohorts.models import ForumPost, ForumReport, ForumThread, ForumTopic, Term
from lms.models import AuditLogEntry
from tests.conftest import text
from tests.factories import EnrollmentFactory, MembershipFactory, UserFactory


@pytest.fixture
def general(cohort_a):
    return forums.topics_ensure(cohort=cohort_a.cohort)[0]


def m(school, user):
    return school.membership(user)


def classmate(school, cohort, email="classmate@northwind.test"):
    person = MembershipFactory(tenant=school.tenant, role="student", user=UserFactory(email=email, full_name="Rosa Diaz"))
    EnrollmentFactory(cohort=cohort, membership=person, state="active")
    return person


def start(school, topic, user=None, title="E11.65 or E11.9?", body="The note says the sugar is high."):
    return forums.thread_start(membership=m(school, user or school.student), topic=topic, title=title, body=body)


def forum_moderation_topic(school, cohort_a):
    return forums.topic_add(membership=m(school, school.instructor), cohort=cohort_a.cohort, title="Case 1",
                            answers_first=True)


def thread_url(thread):
    return reverse("cohorts:forum_thread", args=[thread.pk])


# --- reading -----------------------------------------------------------------------------------


def test_the_forum_lists_the_general_topic_with_its_unread_count(school_a, cohort_a, general):
    mate = classmate(school_a, cohort_a.cohort)
    thread = start(school_a, general)
    forums.post_reply(membership=mate, thread=thread, body="E11.65, with Z79.4 if on insulin.")
    page = text(school_a.client(school_a.student).get(reverse("cohorts:forum", args=[cohort_a.cohort.pk])))
    row = re.sub(r"<[^>]+>", "", re.search(r"<tr class=\"is-unread\">.*?</tr>", page, re.S).group(0))
    assert "General discussion" in row and "1 unread" in row


def test_a_student_of_the_cohort_reads_a_thread_and_its_reply_is_nested_under_the_post_it_answers(
        school_a, cohort_a, general):
    mate = classmate(school_a, cohort_a.cohort)
    thread = start(school_a, general)
    top = forums.post_reply(membership=mate, thread=thread, body="Top-level answer")
    forums.post_reply(membership=m(school_a, school_a.instructor), thread=thread, body="Nested answer", reply_to=top)
    page = school_a.client(school_a.student).get(thread_url(thread)).content.decode()
    top_at, children_at, nested_at = page.index("Top-level answer"), page.index('class="forum-children"'), \
        page.index("Nested answer")
    assert top_at < children_at < nested_at


def test_opening_a_thread_marks_it_read_and_points_at_the_first_unread_post(school_a, cohort_a, general):
    mate = classmate(school_a, cohort_a.cohort)
    thread = start(school_a, general)
    reply = forums.post_reply(membership=mate, thread=thread, body="Unread to the author")
    client = school_a.client(school_a.student)
    first = client.get(thread_url(thread)).content.decode()
    assert f'id="post-{reply.pk}"' in first and 'id="unread"' in first
    again = client.get(thread_url(thread)).content.decode()
    assert 'id="unread"' not in again
    assert list(forum_reading.with_unread(ForumThread.objects.filter(pk=thread.pk), user_id=school_a.student.pk)
                .values_list("unread", flat=True)) == [0]


def test_mark_all_read_clears_a_topics_unread_posts(school_a, cohort_a, general):
    mate = classmate(school_a, cohort_a.cohort)
    for n in range(3):
        forums.thread_start(membership=mate, topic=general, title=f"Question {n}", body="Body")
    client = school_a.client(school_a.student)
    response = client.post(reverse("cohorts:forum_topic_read", args=[general.pk]))
    assert response.status_code == 302
    topics = forum_reading.topics_with_counts(cohort=cohort_a.cohort, user_id=school_a.student.pk)
    assert topics[0].unread == 0


def test_a_student_not_in_the_cohort_gets_404_for_its_forum_topic_and_thread(school_a, cohort_a, general):
    thread = start(school_a, general)
    client = school_a.client(school_a.student2)
    for url in (reverse("cohorts:forum", args=[cohort_a.cohort.pk]), reverse("cohorts:forum_topic", args=[general.pk]),
                thread_url(thread)):
        assert client.get(url).status_code == 404


def test_a_dropped_student_no_longer_reads_the_forum(school_a, cohort_a, general):
    cohort_a.enrollment.state = "dropped"
    cohort_a.enrollment.save()
    assert school_a.client(school_a.student).get(reverse("cohorts:forum_topic", args=[general.pk])).status_code == 404


# --- writing -----------------------------------------------------------------------------------


def test_a_student_starts_a_thread_and_follows_it(school_a, cohort_a, general):
    response = school_a.client(school_a.student).post(reverse("cohorts:forum_thread_create", args=[general.pk]), {
        "title": "Sequencing E11.22 and N18.31", "body": "Which comes first?",
    })
    thread = ForumThread.objects.get()
    assert response.status_code == 302 and response["Location"] == thread_url(thread)
    assert forums.is_following(user_id=school_a.student.pk, thread=thread)


def test_a_thread_without_a_title_is_refused_and_nothing_is_saved(school_a, cohort_a, general):
    response = school_a.client(school_a.student).post(reverse("cohorts:forum_thread_create", args=[general.pk]),
                                                      {"title": "  ", "body": "Which comes first?"})
    assert response.status_code == 400
    assert not ForumThread.objects.exists()


def test_a_reply_posts_and_returns_to_the_post(school_a, cohort_a, general):
    thread = start(school_a, general)
    response = school_a.client(school_a.instructor).post(reverse("cohorts:forum_reply", args=[thread.pk]),
                                                         {"body": "Sequence **the cause** first."})
    post = ForumPost.objects.latest("pk")
    assert response["Location"] == thread_url(thread) + f"#post-{post.pk}"
    assert post.body_html == "<p>Sequence <strong>the cause</strong> first.</p>\n"


def test_an_empty_reply_shows_the_thread_again_with_the_error(school_a, cohort_a, general):
    thread = start(school_a, general)
    response = school_a.client(school_a.student).post(reverse("cohorts:forum_reply", args=[thread.pk]), {"body": ""})
    assert response.status_code == 400
    assert "This field is required." in text(response)
    assert ForumPost.objects.count() == 1


def test_a_reply_to_a_post_of_another_thread_is_404(school_a, cohort_a, general):
    one, other = start(school_a, general), start(school_a, general, title="Another")
    response = school_a.client(school_a.student).post(reverse("cohorts:forum_reply", args=[one.pk]),
                                                      {"body": "Hello", "to": other.posts.get().pk})
    assert response.status_code == 404
    assert ForumPost.objects.count() == 2


def test_a_button_cannot_send_a_member_off_the_site(school_a, cohort_a, general):
    post = forums.post_reply(membership=m(school_a, school_a.student), thread=start(school_a, general), body="Hi")
    for target in ("//evil.example/", "/\\evil.example/", "https://evil.example/"):
        response = school_a.client(school_a.instructor).post(reverse("cohorts:forum_post_moderate", args=[post.pk]),
                                                             {"action": "hide", "next": target})
        assert response["Location"].startswith("/forum/threads/"), target


def test_in_a_question_and_answer_topic_a_student_follows_only_after_answering(school_a, cohort_a):
    topic = forum_moderation_topic(school_a, cohort_a)
    thread = forums.thread_start(membership=m(school_a, school_a.instructor), topic=topic, title="Q", body="Case")
    client = school_a.client(school_a.student)
    client.post(reverse("cohorts:forum_follow", args=[thread.pk]), {"following": "1"})
    assert not forums.is_following(user_id=school_a.student.pk, thread=thread)
    assert "Follow" not in re.sub(r"You (do not )?follow|follows", "", text(client.get(thread_url(thread))))


def test_unfollowing_a_thread_stops_its_notices(school_a, cohort_a, general):
    thread = start(school_a, general)
    school_a.client(school_a.student).post(reverse("cohorts:forum_follow", args=[thread.pk]), {"following": "0"})
    assert not forums.is_following(user_id=school_a.student.pk, thread=thread)


def test_a_concluded_cohorts_forum_reads_but_refuses_a_new_thread(school_a, cohort_a, general):
    thread = start(school_a, general)
    today = timezone.localdate()
    Term.objects.filter(pk=cohort_a.cohort.term_id).update(
        enrollment_opens_on=today - datetime.timedelta(days=200), enrollment_closes_on=today - datetime.timedelta(days=150),
        starts_on=today - datetime.timedelta(days=140), drop_deadline=today - datetime.timedelta(days=120),
        ends_on=today - datetime.timedelta(days=1),
    )
    client = school_a.client(school_a.student)
    assert "kept to read" in text(client.get(thread_url(thread)))
    response = client.post(reverse("cohorts:forum_thread_create", args=[general.pk]), {"title": "T", "body": "B"})
    assert response.status_code == 403
    assert ForumThread.objects.count() == 1


def test_the_author_edits_a_post_and_the_staff_read_its_history(school_a, cohort_a, general):
    thread = start(school_a, general, body="First wording")
    post = thread.posts.get()
    school_a.client(school_a.student).post(reverse("cohorts:forum_post_edit", args=[post.pk]), {"body": "Second wording"})
    history = text(school_a.client(school_a.instructor).get(reverse("cohorts:forum_post_history", args=[post.pk])))
    assert "Second wording" in history and "First wording" in history


def test_a_classmate_cannot_edit_someone_elses_post(school_a, cohort_a, general):
    mate = classmate(school_a, cohort_a.cohort)
    post = start(school_a, general, body="Mine").posts.get()
    client = school_a.client(mate.user)
    response = client.post(reverse("cohorts:forum_post_edit", args=[post.pk]), {"body": "Changed"})
    assert response.status_code == 403
    assert ForumPost.objects.get(pk=post.pk).body == "Mine"


def test_a_classmate_cannot_read_a_hidden_posts_text_on_its_edit_page(school_a, cohort_a, general):
    mate = classmate(school_a, cohort_a.cohort)
    post = forums.post_reply(membership=mate, thread=start(school_a, general), body="Something rude")
    forum_moderation.post_hide(membership=m(school_a, school_a.instructor), post=post)
    response = school_a.client(school_a.student).get(reverse("cohorts:forum_post_edit", args=[post.pk]))
    assert response.status_code == 403 and "Something rude" not in text(response)


def test_the_author_cannot_edit_in_a_locked_thread(school_a, cohort_a, general):
    thread = start(school_a, general, body="Mine")
    forum_moderation.thread_set(membership=m(school_a, school_a.instructor), thread=thread, locked=True)
    response = school_a.client(school_a.student).post(reverse("cohorts:forum_post_edit", args=[thread.posts.get().pk]),
                                                      {"body": "Changed"})
    assert response.status_code == 403


def test_a_locked_threads_reply_page_offers_no_form_to_a_student(school_a, cohort_a, general):
    thread = start(school_a, general)
    forum_moderation.thread_set(membership=m(school_a, school_a.instructor), thread=thread, locked=True)
    page = text(school_a.client(school_a.student).get(reverse("cohorts:forum_reply", args=[thread.pk])))
    assert "Post reply" not in page


def test_a_student_cannot_read_a_posts_history(school_a, cohort_a, general):
    post = start(school_a, general).posts.get()
    assert school_a.client(school_a.student).get(reverse("cohorts:forum_post_history", args=[post.pk])).status_code == 403


# --- question and answer -----------------------------------------------------------------------


def test_in_a_question_and_answer_topic_a_student_sees_the_replies_only_after_posting(school_a, cohort_a):
    topic = forums.topic_add(membership=m(school_a, school_a.instructor), cohort=cohort_a.cohort, title="Case 1",
                             answers_first=True)
    mate = classmate(school_a, cohort_a.cohort)
    thread = forums.thread_start(membership=m(school_a, school_a.instructor), topic=topic, title="Code this note",
                                 body="A 58-year-old with type 2 diabetes and stage 3a CKD.")
    forums.post_reply(membership=mate, thread=thread, body="Rosa's answer: E11.22, N18.31")
    client = school_a.client(school_a.student)
    before = text(client.get(thread_url(thread)))
    assert "Rosa's answer" not in before and "post your own answer first" in before
    client.post(reverse("cohorts:forum_reply", args=[thread.pk]), {"body": "My answer: E11.22 then N18.31"})
    assert "Rosa's answer" in text(client.get(thread_url(thread)))


def test_in_a_question_and_answer_topic_a_reply_cannot_be_opened_by_its_id_before_posting(school_a, cohort_a):
    topic = forums.topic_add(membership=m(school_a, school_a.instructor), cohort=cohort_a.cohort, title="Case 1",
                             answers_first=True)
    mate = classmate(school_a, cohort_a.cohort)
    thread = forums.thread_start(membership=m(school_a, school_a.instructor), topic=topic, title="Q", body="Case")
    reply = forums.post_reply(membership=mate, thread=thread, body="Rosa's answer")
    response = school_a.client(school_a.student).get(reverse("cohorts:forum_reply", args=[thread.pk]) + f"?to={reply.pk}")
    assert response.status_code == 404


# --- moderation --------------------------------------------------------------------------------


def test_staff_pin_and_lock_a_thread_and_a_student_can_no_longer_reply(school_a, cohort_a, general):
    thread = start(school_a, general)
    staff = school_a.client(school_a.instructor)
    staff.post(reverse("cohorts:forum_thread_moderate", args=[thread.pk]), {"action": "pin"})
    staff.post(reverse("cohorts:forum_thread_moderate", args=[thread.pk]), {"action": "lock"})
    thread.refresh_from_db()
    assert (thread.pinned, thread.locked) == (True, True)
    assert AuditLogEntry.objects.filter(action="forum.thread_changed").count() == 2
    response = school_a.client(school_a.student).post(reverse("cohorts:forum_reply", args=[thread.pk]), {"body": "Hi"})
    assert response.status_code == 400
    assert ForumPost.objects.count() == 1


def test_a_student_cannot_moderate(school_a, cohort_a, general):
    thread = start(school_a, general)
    client = school_a.client(school_a.student)
    assert client.post(reverse("cohorts:forum_thread_moderate", args=[thread.pk]), {"action": "pin"}).status_code == 403
    post = thread.posts.get()
    assert client.post(reverse("cohorts:forum_post_moderate", args=[post.pk]), {"action": "hide"}).status_code == 403
    assert ForumPost.objects.get(pk=post.pk).hidden_at is None


def test_a_hidden_post_keeps_its_place_and_its_replies_for_students(school_a, cohort_a, general):
    mate = classmate(school_a, cohort_a.cohort)
    thread = start(school_a, general)
    rude = forums.post_reply(membership=mate, thread=thread, body="Something rude")
    forums.post_reply(membership=m(school_a, school_a.instructor), thread=thread, body="Please keep it kind", reply_to=rude)
    school_a.client(school_a.instructor).post(reverse("cohorts:forum_post_moderate", args=[rude.pk]), {"action": "hide"})
    page = text(school_a.client(school_a.student).get(thread_url(thread)))
    assert "Something rude" not in page
    assert page.index("This post was hidden by the cohort's staff") < page.index("Please keep it kind")
    assert "Something rude" in text(school_a.client(school_a.instructor).get(thread_url(thread)))


def test_staff_restore_a_hidden_post(school_a, cohort_a, general):
    thread = start(school_a, general)
    post = forums.post_reply(membership=m(school_a, school_a.student), thread=thread, body="Back again")
    staff = school_a.client(school_a.instructor)
    staff.post(reverse("cohorts:forum_post_moderate", args=[post.pk]), {"action": "hide"})
    staff.post(reverse("cohorts:forum_post_moderate", args=[post.pk]), {"action": "restore"})
    assert ForumPost.objects.get(pk=post.pk).hidden_at is None


def test_an_endorsed_reply_is_marked_and_listed_at_the_top(school_a, cohort_a, general):
    mate = classmate(school_a, cohort_a.cohort)
    thread = start(school_a, general)
    good = forums.post_reply(membership=mate, thread=thread, body="E11.65 then Z79.4")
    school_a.client(school_a.instructor).post(reverse("cohorts:forum_post_moderate", args=[good.pk]), {"action": "endorse"})
    assert ForumPost.objects.get(pk=good.pk).endorsed_by == school_a.instructor
    page = text(school_a.client(school_a.student).get(thread_url(thread)))
    assert "Endorsed by staff" in page and f'href="#post-{good.pk}"' in page


def test_the_question_itself_cannot_be_endorsed(school_a, cohort_a, general):
    post = start(school_a, general).posts.get()
    school_a.client(school_a.instructor).post(reverse("cohorts:forum_post_moderate", args=[post.pk]), {"action": "endorse"})
    assert ForumPost.objects.get(pk=post.pk).endorsed_at is None


def test_a_member_reports_a_post_and_the_staff_see_it_in_the_queue(school_a, cohort_a, general):
    mate = classmate(school_a, cohort_a.cohort)
    post = forums.post_reply(membership=mate, thread=start(school_a, general), body="Buy essays at example.com")
    response = school_a.client(school_a.student).post(reverse("cohorts:forum_post_report", args=[post.pk]),
                                                      {"reason": "Spam"})
    assert response.status_code == 302
    queue = text(school_a.client(school_a.instructor).get(reverse("cohorts:forum_moderation")))
    assert "Spam" in queue and "E11.65 or E11.9?" in queue


def test_a_second_report_of_the_same_post_by_the_same_person_is_refused(school_a, cohort_a, general):
    mate = classmate(school_a, cohort_a.cohort)
    post = forums.post_reply(membership=mate, thread=start(school_a, general), body="Spam")
    client = school_a.client(school_a.student)
    client.post(reverse("cohorts:forum_post_report", args=[post.pk]), {"reason": "Spam"})
    response = client.post(reverse("cohorts:forum_post_report", args=[post.pk]), {"reason": "Spam again"})
    assert response.status_code == 400 and "already reported" in text(response)
    assert ForumReport.objects.count() == 1


def test_hiding_from_the_queue_resolves_the_report(school_a, cohort_a, general):
    mate = classmate(school_a, cohort_a.cohort)
    post = forums.post_reply(membership=mate, thread=start(school_a, general), body="Spam")
    report = forum_moderation.post_report(membership=m(school_a, school_a.student), post=post, reason="Spam")
    school_a.client(school_a.instructor).post(reverse("cohorts:forum_report_resolve", args=[report.pk]),
                                              {"outcome": "hidden"})
    report.refresh_from_db()
    assert report.outcome == "hidden" and ForumPost.objects.get(pk=post.pk).hidden_at is not None


def test_a_dismissed_report_leaves_the_queue_and_the_post(school_a, cohort_a, general):
    mate = classmate(school_a, cohort_a.cohort)
    post = forums.post_reply(membership=mate, thread=start(school_a, general), body="Fine post")
    report = forum_moderation.post_report(membership=m(school_a, school_a.student), post=post, reason="Not sure")
    staff = school_a.client(school_a.instructor)
    staff.post(reverse("cohorts:forum_report_resolve", args=[report.pk]), {"outcome": "dismissed"})
    assert "Nothing is waiting" in text(staff.get(reverse("cohorts:forum_moderation")))
    assert ForumPost.objects.get(pk=post.pk).hidden_at is None


def test_a_student_has_no_moderation_queue(school_a, cohort_a):
    assert school_a.client(school_a.student).get(reverse("cohorts:forum_moderation")).status_code == 403


def test_an_instructor_of_another_cohort_cannot_resolve_its_reports(school_a, cohort_a, general):
    from tests.conftest import make_cohort

    other = make_cohort(school_a)
    other_instructor = MembershipFactory(tenant=school_a.tenant, role="instructor").user
    other.cohort.staff.all().delete()
    from tests.factories import CohortStaffFactory

    CohortStaffFactory(cohort=other.cohort, membership=school_a.membership(other_instructor))
    mate = classmate(school_a, cohort_a.cohort)
    post = forums.post_reply(membership=mate, thread=start(school_a, general), body="Spam")
    report = forum_moderation.post_report(membership=m(school_a, school_a.student), post=post, reason="Spam")
    response = school_a.client(other_instructor).post(reverse("cohorts:forum_report_resolve", args=[report.pk]),
                                                      {"outcome": "hidden"})
    assert response.status_code == 404
    assert ForumReport.objects.get(pk=report.pk).resolved_at is None


def test_staff_add_a_question_and_answer_topic(school_a, cohort_a):
    response = school_a.client(school_a.instructor).post(reverse("cohorts:forum_topic_create", args=[cohort_a.cohort.pk]), {
        "title": "Case discussion: operative note", "answers_first": "on",
    })
    topic = ForumTopic.objects.get(kind="custom")
    assert response["Location"] == reverse("cohorts:forum_topic", args=[topic.pk]) and topic.answers_first


# --- constant queries --------------------------------------------------------------------------


def _fill_thread(school, cohort, topic, replies):
    mate = classmate(school, cohort, email=f"mate{replies}@northwind.test")
    thread = start(school, topic)
    base = timezone.now() - datetime.timedelta(days=1)
    top = None
    for n in range(replies):
        who = mate if n % 2 else m(school, school.instructor)
        post = forums.post_reply(membership=who, thread=thread, body=f"Reply {n} with E11.65",
                                 reply_to=top if n % 3 == 2 else None, now=base + datetime.timedelta(minutes=n))
        top = post if n % 3 == 0 else top
    return thread


@pytest.mark.parametrize("replies", [5, 199])
def test_a_thread_renders_in_a_constant_number_of_queries(school_a, cohort_a, general, replies,
                                                          django_assert_max_num_queries):
    thread = _fill_thread(school_a, cohort_a.cohort, general, replies)
    client = school_a.client(school_a.student)
    client.get("/")  # warm the session and the school's caches
    with django_assert_max_num_queries(11):
        response = client.get(thread_url(thread))
    assert text(response).count("Reply ") >= replies


@pytest.mark.parametrize("threads", [3, 500])
def test_a_topic_renders_in_a_constant_number_of_queries(school_a, cohort_a, general, threads,
                                                         django_assert_max_num_queries):
    mate = classmate(school_a, cohort_a.cohort)
    now = timezone.now()
    made = ForumThread.objects.bulk_create([
        ForumThread(tenant=school_a.tenant, topic=general, author=mate.user, title=f"Thread {n}", post_count=1,
                    last_post_at=now - datetime.timedelta(minutes=n)) for n in range(threads)
    ])
    ForumPost.objects.bulk_create([ForumPost(tenant=school_a.tenant, thread=t, author=mate.user, body="B",
                                             body_html="<p>B</p>") for t in made])
    client = school_a.client(school_a.student)
    client.get("/")
    with django_assert_max_num_queries(7):
        response = client.get(reverse("cohorts:forum_topic", args=[general.pk]))
    assert text(response).count("1 unread") == min(threads, 25)


def test_in_a_question_and_answer_topic_replies_a_student_cannot_see_yet_are_not_unread(school_a, cohort_a):
    topic = forums.topic_add(membership=m(school_a, school_a.instructor), cohort=cohort_a.cohort, title="Case 1",
                             answers_first=True)
    thread = forums.thread_start(membership=m(school_a, school_a.instructor), topic=topic, title="Q", body="Case")
    forums.post_reply(membership=classmate(school_a, cohort_a.cohort), thread=thread, body="Rosa's answer")
    user_id = school_a.student.pk
    unread = forum_reading.threads_for_topic(topic=topic, user_id=user_id).get().unread
    by_topic = {t.pk: t.unread for t in forum_reading.topics_with_counts(cohort=cohort_a.cohort, user_id=user_id)}
    assert (unread, by_topic[topic.pk]) == (1, 1)  # the case itself
    forums.post_reply(membership=m(school_a, school_a.student), thread=thread, body="My answer")
    forums.mark_read(user_id=user_id, thread=thread, until=timezone.now() - datetime.timedelta(days=1))
    ForumPost.objects.update(created_at=timezone.now())
    assert forum_reading.threads_for_topic(topic=topic, user_id=user_id).get().unread == 2  # the case and Rosa's answer


@pytest.mark.parametrize("modules", [1, 12])
def test_the_forum_index_keeps_a_constant_number_of_queries(school_a, cohort_a, modules, django_assert_max_num_queries):
    from tests.factories import ModuleFactory

    for n in range(modules):
        ModuleFactory(course=cohort_a.cohort.course, title=f"Module {n}")
    topics = forums.topics_ensure(cohort=cohort_a.cohort)
    for topic in topics:
        start(school_a, topic, user=school_a.instructor)
    client = school_a.client(school_a.student)
    client.get("/")
    with django_assert_max_num_queries(12):
        response = client.get(reverse("cohorts:forum", args=[cohort_a.cohort.pk]))
    assert text(response).count('class="is-unread"') == modules + 1


def test_the_course_page_links_each_module_to_its_topic(school_a, cohort_a):
    from tests.factories import ModuleFactory

    module = ModuleFactory(course=cohort_a.cohort.course, title="Diabetes coding")
    page = school_a.client(school_a.student).get(reverse("courses:cohort_course", args=[cohort_a.cohort.pk]))
    link = reverse("cohorts:forum_module", args=[cohort_a.cohort.pk, module.pk])
    assert link in page.content.decode()
    response = school_a.client(school_a.student).get(link)
    topic = ForumTopic.objects.get(module=module)
    assert response["Location"] == reverse("cohorts:forum_topic", args=[topic.pk])


def test_a_module_of_another_course_has_no_topic_here(school_a, cohort_a):
    from tests.factories import ModuleFactory

    other = ModuleFactory(title="Another course's module")
    response = school_a.client(school_a.student).get(reverse("cohorts:forum_module", args=[cohort_a.cohort.pk, other.pk]))
    assert response.status_code == 404


@pytest.mark.parametrize("threads", [2, 60])
def test_mark_all_read_takes_the_same_queries_for_any_number_of_threads(school_a, cohort_a, general, threads,
                                                                        django_assert_max_num_queries):
    mate = classmate(school_a, cohort_a.cohort)
    made = [forums.thread_start(membership=mate, topic=general, title=f"Q{n}", body="B") for n in range(threads)]
    forums.mark_read(user_id=school_a.student.pk, thread=made[0], until=timezone.now() - datetime.timedelta(days=1))
    with django_assert_max_num_queries(3):
        forums.mark_topic_read(user_id=school_a.student.pk, topic=general)
    assert all(t.unread == 0 for t in forum_reading.threads_for_topic(topic=general, user_id=school_a.student.pk))


@pytest.mark.parametrize("hour,minute", [(0, 5), (9, 30), (12, 0), (23, 59)])
def test_post_times_read_as_the_date_filter_would_write_them(hour, minute):
    from django.utils.dateformat import format as date_format

    from cohorts.forum_reading import when_text

    moment = datetime.datetime(2026, 12, 3, hour, minute, tzinfo=datetime.timezone.utc)
    assert when_text(moment) == date_format(moment, "M j, Y g:i a")
