"""Forum search: words in titles and bodies, marked and escaped; only what the member may read
(hidden posts for staff, question-and-answer topics, this cohort alone); code references; a fixed
number of queries. Runs on SQLite and, with DATABASE_URL, on PostgreSQL's full-text search."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from django.utils.safestring import SafeString

from cohorts import forum_moderation, forums
from cohorts.forum_search import search
from tests.conftest import make_cohort
from tests.factories import EnrollmentFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

CASE = ("Patient with type 2 diabetes and diabetic chronic kidney disease, stage 3a, on insulin. "
        "I have E11.22 and N18.31; do I add Z79.4?")


@pytest.fixture
def topic(cohort_a):
    return forums.topics_ensure(cohort=cohort_a.cohort)[0]


@pytest.fixture
def student(school_a):
    return school_a.membership(school_a.student)


@pytest.fixture
def instructor(school_a):
    return school_a.membership(school_a.instructor)


@pytest.fixture
def classmate(school_a, cohort_a):
    member = MembershipFactory(tenant=school_a.tenant, role="student", user=UserFactory(email="mate@northwind.test"))
    EnrollmentFactory(cohort=cohort_a.cohort, membership=member, state="active")
    return member


def find(membership, cohort, query, **kwargs):
    return search(membership=membership, cohort=cohort, query=query, **kwargs)


def test_a_word_in_a_body_is_found_and_marked(student, cohort_a, topic):
    thread = forums.thread_start(membership=student, topic=topic, title="Diabetes with kidney disease", body=CASE)
    [hit] = find(student, cohort_a.cohort, "insulin")
    assert (hit.thread, hit.post.thread_id, hit.thread.topic) == (thread, thread.pk, topic)
    assert isinstance(hit.snippet_html, SafeString) and isinstance(hit.title_html, SafeString)
    assert "<mark>insulin</mark>" in hit.snippet_html
    assert hit.title_html == "Diabetes with kidney disease"


def test_a_word_in_the_title_is_found_and_marked_there(student, cohort_a, topic):
    forums.thread_start(membership=student, topic=topic, title="Sequencing hypertension with CKD",
                        body="Which comes first in the office note?")
    [hit] = find(student, cohort_a.cohort, "hypertension")
    assert "<mark>hypertension</mark>" in hit.title_html
    assert "Which comes first" in hit.snippet_html


def test_markup_in_bodies_and_titles_never_comes_through(student, cohort_a, topic):
    forums.thread_start(membership=student, topic=topic, title="<script>alert('t')</script> diabetes question",
                        body="A & B: <script>alert('x')</script> the diabetes case <b>bold</b>")
    [hit] = find(student, cohort_a.cohort, "diabetes")
    for html in (hit.title_html, hit.snippet_html):
        assert "<script" not in html and "<b>" not in html
        assert "<mark>diabetes</mark>" in html
    assert "&lt;script&gt;" in hit.title_html
    assert "A &amp; B" in hit.snippet_html


def test_marking_never_cuts_an_entity(student, cohort_a, topic):
    forums.thread_start(membership=student, topic=topic, title="Ampersands", body="R & D amp notes")
    [hit] = find(student, cohort_a.cohort, "amp")
    assert "R &amp; D <mark>amp</mark> notes" in hit.snippet_html


def test_every_word_must_match(student, cohort_a, topic):
    forums.thread_start(membership=student, topic=topic, title="Diabetes", body="Type 2 diabetes with hyperglycemia")
    forums.thread_start(membership=student, topic=topic, title="Kidneys", body="Chronic kidney disease, stage 4")
    assert [h.thread.title for h in find(student, cohort_a.cohort, "diabetes hyperglycemia")] == ["Diabetes"]
    assert find(student, cohort_a.cohort, "diabetes kidney") == []
    # a title word and a body word of the same thread
    assert [h.thread.title for h in find(student, cohort_a.cohort, "kidneys chronic")] == ["Kidneys"]


def test_code_references_are_found_as_written_and_by_their_start(student, cohort_a, topic):
    forums.thread_start(membership=student, topic=topic, title="Which diabetes code?", body=CASE)
    forums.thread_start(membership=student, topic=topic, title="Office visit", body="Is this 99213 or 99214?")
    assert [h.thread.title for h in find(student, cohort_a.cohort, "E11.22")] == ["Which diabetes code?"]
    [hit] = find(student, cohort_a.cohort, "e11.22")
    assert "<mark>E11.22</mark>" in hit.snippet_html
    assert [h.thread.title for h in find(student, cohort_a.cohort, "99213")] == ["Office visit"]
    [hit] = find(student, cohort_a.cohort, "E11 insulin")
    assert hit.thread.title == "Which diabetes code?" and "<mark>" in hit.snippet_html


def test_hidden_posts_are_found_by_the_staff_only(school_a, student, instructor, classmate, cohort_a, topic):
    thread = forums.thread_start(membership=student, topic=topic, title="Question", body="Opening words")
    reply = forums.post_reply(membership=classmate, thread=thread, body="An offensive remark about modifiers")
    forum_moderation.post_hide(membership=instructor, post=reply)
    assert find(student, cohort_a.cohort, "modifiers") == []
    assert find(classmate, cohort_a.cohort, "modifiers") == []
    assert [h.post for h in find(instructor, cohort_a.cohort, "modifiers")] == [reply]
    assert [h.post for h in find(school_a.membership(school_a.registrar), cohort_a.cohort, "modifiers")] == [reply]


def test_another_cohorts_posts_are_not_found(school_a, student, cohort_a, cohort_b, topic):
    other = make_cohort(school_a)
    mine = forums.thread_start(membership=student, topic=topic, title="Ours", body="Sepsis coding")
    forums.thread_start(membership=student, topic=forums.topics_ensure(cohort=other.cohort)[0], title="Theirs",
                        body="Sepsis coding")
    foreign = cohort_b.school.membership(cohort_b.school.student)
    forums.thread_start(membership=foreign, topic=forums.topics_ensure(cohort=cohort_b.cohort)[0], title="Far",
                        body="Sepsis coding")
    assert [h.thread for h in find(student, cohort_a.cohort, "sepsis")] == [mine]
    assert find(foreign, cohort_a.cohort, "sepsis") == []  # another school's member, whatever the caller forgot


def test_in_a_question_and_answer_topic_a_student_finds_others_replies_after_posting(
    student, instructor, classmate, cohort_a
):
    qa = forums.topic_add(membership=instructor, cohort=cohort_a.cohort, title="Case 4", answers_first=True)
    thread = forums.thread_start(membership=instructor, topic=qa, title="Code this note", body="Open fracture of the femur")
    forums.post_reply(membership=classmate, thread=thread, body="My answer: S72 with the femur and a 7th character")
    [hit] = find(student, cohort_a.cohort, "femur")
    assert hit.post.author_id == instructor.user_id  # the question, not the classmate's answer
    assert find(student, cohort_a.cohort, "answer") == []
    assert [h.post.author_id for h in find(classmate, cohort_a.cohort, "answer")] == [classmate.user_id]
    assert [h.post.author_id for h in find(instructor, cohort_a.cohort, "answer")] == [classmate.user_id]
    forums.post_reply(membership=student, thread=thread, body="I think S72.3")
    assert [h.post.author_id for h in find(student, cohort_a.cohort, "answer")] == [classmate.user_id]


def test_one_hit_per_thread_the_best_and_newest_first(student, classmate, cohort_a, topic):
    now = timezone.now()
    old = forums.thread_start(membership=student, topic=topic, title="Modifier 25", body="When is modifier 25 right?",
                              now=now - datetime.timedelta(days=2))
    forums.post_reply(membership=classmate, thread=old, body="Modifier 25 goes on the E/M code.",
                      now=now - datetime.timedelta(days=1))
    new = forums.thread_start(membership=classmate, topic=topic, title="Modifier 59",
                              body="And modifier 59? Which modifier wins, 59 or the X modifiers?", now=now)
    hits = find(student, cohort_a.cohort, "modifier")
    assert [h.thread for h in hits] == [new, old]
    assert len(find(student, cohort_a.cohort, "modifier", limit=1)) == 1


@pytest.mark.parametrize("query", ["", " ", "a", "!!", "é"])
def test_a_too_short_query_finds_nothing_without_asking(student, cohort_a, topic, query, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert find(student, cohort_a.cohort, query) == []


def test_a_long_query_is_cut(student, cohort_a, topic):
    forums.thread_start(membership=student, topic=topic, title="Long", body="pneumonia " * 3)
    assert len(find(student, cohort_a.cohort, "pneumonia " + "x" * 500)) == 0
    assert len(find(student, cohort_a.cohort, "pneumonia " * 20 + "zzz")) == 1  # zzz is past the cut


def test_the_snippet_is_about_the_first_match(student, cohort_a, topic):
    body = "Filler words here. " * 40 + "The key finding is osteomyelitis of the left tibia. " + "More filler. " * 40
    forums.thread_start(membership=student, topic=topic, title="Long note", body=body)
    [hit] = find(student, cohort_a.cohort, "osteomyelitis")
    assert "<mark>osteomyelitis</mark>" in hit.snippet_html
    assert len(hit.snippet_html) < 400 and hit.snippet_html.startswith("… ")


@pytest.mark.parametrize("threads", [2, 8])
def test_the_number_of_queries_does_not_grow_with_the_hits(student, classmate, cohort_a, topic, threads,
                                                           django_assert_max_num_queries):
    for n in range(threads):
        thread = forums.thread_start(membership=student, topic=topic, title=f"Case {n}", body="Cellulitis of the leg")
        forums.post_reply(membership=classmate, thread=thread, body="Cellulitis: L03.115")
    with django_assert_max_num_queries(3):  # the forum's access check (staff, seat), then the search itself
        hits = find(classmate, cohort_a.cohort, "cellulitis")
        assert all(h.thread.topic.title and h.post.author.email for h in hits)
    assert len(hits) == threads
