"""/api/v1/topics/, /api/v1/threads/ and /api/v1/reports/: the forum for programs, under the pages' rules."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cohorts import forum_moderation, forums
from cohorts.models import ForumPost, ForumReport, ForumThread
from tests.factories import EnrollmentFactory, MembershipFactory, UserFactory


@pytest.fixture
def general(cohort_a):
    return forums.topics_ensure(cohort=cohort_a.cohort)[0]


def m(school, user):
    return school.membership(user)


def classmate(school, cohort):
    person = MembershipFactory(tenant=school.tenant, role="student", user=UserFactory(full_name="Rosa Diaz"))
    EnrollmentFactory(cohort=cohort, membership=person, state="active")
    return person


def start(school, topic, user=None):
    return forums.thread_start(membership=m(school, user or school.student), topic=topic, title="E11.65 or E11.9?",
                               body="The note says the sugar is high.")


def test_topics_list_a_cohorts_topics_with_unread_counts(school_a, cohort_a, general):
    mate = classmate(school_a, cohort_a.cohort)
    forums.thread_start(membership=mate, topic=general, title="Hello", body="Hi all")
    response = school_a.client(school_a.student).get("/api/v1/topics/", {"cohort": cohort_a.cohort.pk})
    assert response.status_code == 200
    assert [(t["title"], t["thread_count"], t["unread"]) for t in response.json()] == [("General discussion", 1, 1)]


def test_topics_without_a_cohort_is_a_clear_400(school_a, cohort_a):
    response = school_a.client(school_a.student).get("/api/v1/topics/")
    assert response.status_code == 400
    assert "cohort" in response.json()["error"]["fields"]


def test_a_student_of_another_cohort_gets_404_for_topics_threads_and_posts(school_a, cohort_a, general):
    thread = start(school_a, general)
    client = school_a.client(school_a.student2)
    assert client.get("/api/v1/topics/", {"cohort": cohort_a.cohort.pk}).status_code == 404
    assert client.get("/api/v1/threads/", {"topic": general.pk}).status_code == 404
    assert client.get(f"/api/v1/threads/{thread.pk}/").status_code == 404
    assert client.get(f"/api/v1/threads/{thread.pk}/posts/").status_code == 404
    assert client.post(f"/api/v1/threads/{thread.pk}/posts/", {"body": "Hi"}, content_type="application/json").status_code == 404
    assert ForumPost.objects.count() == 1


def test_a_thread_is_started_through_the_api_and_carries_its_page_url(school_a, cohort_a, general):
    response = school_a.client(school_a.student).post(
        "/api/v1/threads/", {"topic": general.pk, "title": "Z79.4 with oral drugs?", "body": "Only for insulin?"},
        content_type="application/json",
    )
    assert response.status_code == 201
    thread = ForumThread.objects.get()
    assert response.json()["url"] == "http://northwind.test" + reverse("cohorts:forum_thread", args=[thread.pk])


def test_a_thread_without_a_title_is_400_and_nothing_is_saved(school_a, cohort_a, general):
    response = school_a.client(school_a.student).post(
        "/api/v1/threads/", {"topic": general.pk, "title": "", "body": "Body"}, content_type="application/json")
    assert response.status_code == 400 and "title" in response.json()["error"]["fields"]
    assert not ForumThread.objects.exists()


def test_threads_list_carries_unread_and_url(school_a, cohort_a, general):
    mate = classmate(school_a, cohort_a.cohort)
    thread = start(school_a, general)
    forums.post_reply(membership=mate, thread=thread, body="E11.65")
    body = school_a.client(school_a.student).get("/api/v1/threads/", {"topic": general.pk}).json()
    assert [(t["id"], t["unread"], t["url"]) for t in body["results"]] == [
        (thread.pk, 1, f"http://northwind.test/forum/threads/{thread.pk}/")]


def test_a_reply_to_a_post_through_the_api_hangs_under_it(school_a, cohort_a, general):
    thread = start(school_a, general)
    top = forums.post_reply(membership=m(school_a, school_a.instructor), thread=thread, body="Top")
    response = school_a.client(school_a.student).post(f"/api/v1/threads/{thread.pk}/posts/",
                                                      {"body": "Thanks", "reply_to": top.pk}, content_type="application/json")
    assert response.status_code == 201 and response.json()["parent"] == top.pk


def test_a_hidden_post_keeps_its_place_without_its_text_for_students(school_a, cohort_a, general):
    thread = start(school_a, general)
    post = forums.post_reply(membership=m(school_a, school_a.student), thread=thread, body="Rude")
    forum_moderation.post_hide(membership=m(school_a, school_a.instructor), post=post)
    rows = school_a.client(school_a.student).get(f"/api/v1/threads/{thread.pk}/posts/").json()["results"]
    assert [(r["hidden"], r["body"]) for r in rows] == [(False, "The note says the sugar is high."), (True, None)]
    staff_rows = school_a.client(school_a.instructor).get(f"/api/v1/threads/{thread.pk}/posts/").json()["results"]
    assert staff_rows[1]["body"] == "Rude"


def test_in_a_question_and_answer_topic_the_api_keeps_others_replies_back_until_the_student_posts(school_a, cohort_a):
    topic = forums.topic_add(membership=m(school_a, school_a.instructor), cohort=cohort_a.cohort, title="Case",
                             answers_first=True)
    thread = forums.thread_start(membership=m(school_a, school_a.instructor), topic=topic, title="Code it", body="Case")
    forums.post_reply(membership=classmate(school_a, cohort_a.cohort), thread=thread, body="Rosa: E11.22")
    client = school_a.client(school_a.student)
    assert [r["body"] for r in client.get(f"/api/v1/threads/{thread.pk}/posts/").json()["results"]] == ["Case"]
    client.post(f"/api/v1/threads/{thread.pk}/posts/", {"body": "Mine: E11.22"}, content_type="application/json")
    assert len(client.get(f"/api/v1/threads/{thread.pk}/posts/").json()["results"]) == 3


def test_read_state_is_read_and_marked(school_a, cohort_a, general):
    thread = start(school_a, general)
    forums.post_reply(membership=m(school_a, school_a.instructor), thread=thread, body="Answer")
    client = school_a.client(school_a.student)
    assert client.get(f"/api/v1/threads/{thread.pk}/read/").json()["unread"] == 1
    assert client.post(f"/api/v1/threads/{thread.pk}/read/").json()["unread"] == 0


def test_subscription_is_read_and_changed(school_a, cohort_a, general):
    thread = start(school_a, general)
    client = school_a.client(school_a.student)
    assert client.get(f"/api/v1/threads/{thread.pk}/subscription/").json() == {"following": True}
    response = client.put(f"/api/v1/threads/{thread.pk}/subscription/", {"following": False}, content_type="application/json")
    assert response.json() == {"following": False}
    assert not forums.is_following(user_id=school_a.student.pk, thread=thread)


def test_staff_pin_through_the_api_and_a_student_cannot(school_a, cohort_a, general):
    thread = start(school_a, general)
    student = school_a.client(school_a.student).patch(f"/api/v1/threads/{thread.pk}/", {"pinned": True},
                                                       content_type="application/json")
    assert student.status_code == 403
    staff = school_a.client(school_a.instructor).patch(f"/api/v1/threads/{thread.pk}/", {"pinned": True},
                                                        content_type="application/json")
    assert staff.json()["pinned"] is True


def test_a_report_is_sent_and_listed_for_staff_only(school_a, cohort_a, general):
    post = forums.post_reply(membership=classmate(school_a, cohort_a.cohort), thread=start(school_a, general), body="Spam")
    student = school_a.client(school_a.student)
    response = student.post("/api/v1/reports/", {"post": post.pk, "reason": "Advertising"}, content_type="application/json")
    assert response.status_code == 201
    assert student.get("/api/v1/reports/").status_code == 403
    rows = school_a.client(school_a.instructor).get("/api/v1/reports/").json()["results"]
    assert [(r["post"], r["reason"]) for r in rows] == [(post.pk, "Advertising")]


def test_a_report_without_a_reason_is_400(school_a, cohort_a, general):
    post = forums.post_reply(membership=classmate(school_a, cohort_a.cohort), thread=start(school_a, general), body="Spam")
    response = school_a.client(school_a.student).post("/api/v1/reports/", {"post": post.pk, "reason": ""},
                                                      content_type="application/json")
    assert response.status_code == 400
    assert not ForumReport.objects.exists()


def test_staff_resolve_a_report_by_hiding_the_post(school_a, cohort_a, general):
    post = forums.post_reply(membership=classmate(school_a, cohort_a.cohort), thread=start(school_a, general), body="Spam")
    report = forum_moderation.post_report(membership=m(school_a, school_a.student), post=post, reason="Spam")
    response = school_a.client(school_a.instructor).post(f"/api/v1/reports/{report.pk}/resolve/", {"outcome": "hidden"},
                                                         content_type="application/json")
    assert response.json()["outcome"] == "hidden"
    assert ForumPost.objects.get(pk=post.pk).hidden_at is not None


@pytest.mark.parametrize("threads", [2, 40])
def test_the_thread_list_keeps_a_constant_number_of_queries(school_a, cohort_a, general, threads,
                                                            django_assert_max_num_queries):
    for _ in range(threads):
        start(school_a, general, user=school_a.instructor)
    client = school_a.client(school_a.student)
    client.get("/api/v1/me/")
    with django_assert_max_num_queries(8):
        response = client.get("/api/v1/threads/", {"topic": general.pk})
    assert response.json()["count"] == threads


def test_staff_add_a_question_and_answer_topic_and_a_student_cannot(school_a, cohort_a):
    payload = {"cohort": cohort_a.cohort.pk, "title": "Case 4", "question_and_answer": True}
    assert school_a.client(school_a.student).post("/api/v1/topics/", payload,
                                                  content_type="application/json").status_code == 403
    response = school_a.client(school_a.instructor).post("/api/v1/topics/", payload, content_type="application/json")
    assert response.status_code == 201 and response.json()["question_and_answer"] is True


def test_the_author_edits_a_post_and_the_staff_read_its_history(school_a, cohort_a, general):
    post = start(school_a, general).posts.get()
    response = school_a.client(school_a.student).patch(f"/api/v1/posts/{post.pk}/", {"body": "Now with E11.65"},
                                                       content_type="application/json")
    assert response.status_code == 200 and response.json()["body"] == "Now with E11.65"
    history = school_a.client(school_a.instructor).get(f"/api/v1/posts/{post.pk}/history/").json()
    assert [r["body"] for r in history] == ["The note says the sugar is high."]
    assert school_a.client(school_a.student).get(f"/api/v1/posts/{post.pk}/history/").status_code == 403


def test_a_classmate_cannot_edit_a_post_through_the_api(school_a, cohort_a, general):
    post = start(school_a, general).posts.get()
    response = school_a.client(classmate(school_a, cohort_a.cohort).user).patch(
        f"/api/v1/posts/{post.pk}/", {"body": "Changed"}, content_type="application/json")
    assert response.status_code == 403
    assert ForumPost.objects.get(pk=post.pk).body == "The note says the sugar is high."


def test_staff_hide_and_endorse_through_the_api_and_a_student_cannot(school_a, cohort_a, general):
    thread = start(school_a, general)
    good = forums.post_reply(membership=classmate(school_a, cohort_a.cohort), thread=thread, body="E11.65")
    student = school_a.client(school_a.student).post(f"/api/v1/posts/{good.pk}/moderate/", {"action": "hide"},
                                                      content_type="application/json")
    assert student.status_code == 403
    staff = school_a.client(school_a.instructor)
    endorsed = staff.post(f"/api/v1/posts/{good.pk}/moderate/", {"action": "endorse"}, content_type="application/json")
    assert endorsed.json()["endorsed"] is True
    hidden = staff.post(f"/api/v1/posts/{good.pk}/moderate/", {"action": "hide"}, content_type="application/json")
    assert (hidden.json()["hidden"], hidden.json()["endorsed"]) == (True, False)
    assert school_a.client(school_a.student).get(f"/api/v1/posts/{good.pk}/").json()["body"] is None
