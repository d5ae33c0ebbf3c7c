"""Forums in a real browser: a student answers a question-and-answer case before seeing the others'
replies; an instructor endorses one reply and hides another; a classmate's unread count follows.
Every page is checked with axe-core."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from cohorts import forums
from cohorts.models import ForumPost
from tests.e2e.conftest import running_cohort
from tests.e2e.test_browser import sign_in
from tests.factories import EnrollmentFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.e2e


def _running_cohort(school):
    return running_cohort(school, "MCC-104-S27-01")


def _classmate(school, cohort, email, name):
    user = UserFactory(email=email, full_name=name)
    membership = MembershipFactory(tenant=school.tenant, user=user, role="student")
    EnrollmentFactory(cohort=cohort, membership=membership, state="active")
    return membership


def test_a_student_answers_a_case_first_then_sees_the_replies(live_server, page, school, shots, axe_check):
    cast = _running_cohort(school)
    teacher = school.membership(school.instructor)
    rosa = _classmate(school, cast.cohort, "rosa.diaz@northwind.test", "Rosa Diaz")
    case = forums.topic_add(membership=teacher, cohort=cast.cohort, title="Case discussion: code the note first",
                            answers_first=True)
    thread = forums.thread_start(
        membership=teacher, topic=case, title="Case 3: diabetes with CKD stage 3a",
        body="A 64-year-old with type 2 diabetes and **stage 3a chronic kidney disease** due to it, on insulin. "
             "Which codes, in which order?",
    )
    forums.post_reply(membership=rosa, thread=thread, body="E11.22 first, then N18.31 and Z79.4.")

    sign_in(page, live_server.url, school.student.email)
    page.goto(f"{live_server.url}/cohorts/{cast.cohort.pk}/forum/")
    expect(page.get_by_role("heading", name=re.compile("^Forum"))).to_be_visible()
    axe_check(page)
    shots.take(page, "forum-index")
    page.get_by_role("link", name="Case discussion: code the note first").click()
    page.get_by_role("link", name="Case 3: diabetes with CKD stage 3a", exact=True).click()
    expect(page.get_by_text("post your own answer first")).to_be_visible()
    expect(page.get_by_text("E11.22 first, then N18.31")).to_have_count(0)
    axe_check(page)
    shots.take(page, "qa-before-posting")

    page.get_by_label("Your reply").fill("E11.22, N18.31, then Z79.4 for the long-term insulin.")
    page.get_by_role("button", name="Post reply").click()
    expect(page.get_by_text("Your reply is posted.")).to_be_visible()
    expect(page.get_by_text("E11.22 first, then N18.31 and Z79.4.")).to_be_visible()
    # The codes in the post link to the encoder when the school has them; the reply is shown either way.
    axe_check(page)
    shots.take(page, "qa-after-posting")


def test_an_instructor_endorses_one_reply_and_hides_another_and_a_classmates_unread_count_follows(
        live_server, browser, page, school, shots, axe_check):
    cast = _running_cohort(school)
    rosa = _classmate(school, cast.cohort, "rosa.diaz@northwind.test", "Rosa Diaz")
    sam = _classmate(school, cast.cohort, "sam.okafor@northwind.test", "Sam Okafor")
    general = forums.topics_ensure(cohort=cast.cohort)[0]
    thread = forums.thread_start(membership=school.membership(school.student), topic=general,
                                 title="Hypertension with heart failure: I11.0 or I50.9 first?",
                                 body="The note lists hypertension and chronic systolic heart failure.")
    good = forums.post_reply(membership=rosa, thread=thread,
                             body="I11.0 first (the guidelines presume the link), then I50.22 for the heart failure.")

    # Rosa has read the thread: nothing is unread in the topic.
    rosa_context = browser.new_context(viewport={"width": 1280, "height": 900})
    rosa_page = rosa_context.new_page()
    sign_in(rosa_page, live_server.url, rosa.user.email)
    rosa_page.goto(f"{live_server.url}/forum/threads/{thread.pk}/")
    rosa_page.goto(f"{live_server.url}/forum/topics/{general.pk}/")
    unread = rosa_page.locator(".unread-count")
    expect(unread).to_have_count(0)

    # Sam posts spam: one unread for Rosa.
    spam = forums.post_reply(membership=sam, thread=thread, body="Cheap CPC answer keys at example.com!!!")
    rosa_page.reload()
    expect(unread).to_have_text(re.compile(r"^1 unread"))

    # The instructor endorses Rosa's answer and hides Sam's post.
    sign_in(page, live_server.url, school.instructor.email)
    page.goto(f"{live_server.url}/forum/threads/{thread.pk}/")
    page.locator(f"#post-{good.pk}").get_by_role("button", name="Endorse").click()
    expect(page.get_by_text("Endorsed as a good answer.")).to_be_visible()
    page.locator(f"#post-{spam.pk}").get_by_role("button", name="Hide").click()
    expect(page.get_by_text("Hidden from students.")).to_be_visible()
    expect(page.locator(".forum-post.is-endorsed")).to_have_count(1)
    expect(page.locator(".forum-post.is-hidden")).to_have_count(1)
    axe_check(page)
    shots.take(page, "instructor-moderated")
    assert ForumPost.objects.get(pk=good.pk).endorsed_by == school.instructor
    assert ForumPost.objects.get(pk=spam.pk).hidden_at is not None

    # A hidden post is not unread to anyone.
    rosa_page.reload()
    expect(unread).to_have_count(0)

    # The thread's author thanks everyone in the browser: Rosa's count goes back to one.
    author_context = browser.new_context(viewport={"width": 1280, "height": 900})
    author_page = author_context.new_page()
    sign_in(author_page, live_server.url, school.student.email)
    author_page.goto(f"{live_server.url}/forum/threads/{thread.pk}/")
    author_page.get_by_label("Your reply").fill("Thanks, Rosa: I11.0 then I50.22 it is.")
    author_page.get_by_role("button", name="Post reply").click()
    expect(author_page.get_by_text("Your reply is posted.")).to_be_visible()
    author_context.close()

    rosa_page.reload()
    expect(unread).to_have_text(re.compile(r"^1 unread"))
    axe_check(rosa_page)
    shots.take(rosa_page, "classmate-unread")
    unread.click()
    expect(rosa_page.locator("#unread")).to_be_visible()
    expect(rosa_page.locator(".is-first-unread")).to_contain_text("Thanks, Rosa")
    expect(rosa_page.get_by_text("This post was hidden by the cohort's staff.")).to_be_visible()
    expect(rosa_page.get_by_text("Cheap CPC answer keys")).to_have_count(0)
    expect(rosa_page.locator(".endorsed-list")).to_contain_text("Rosa Diaz")
    axe_check(rosa_page)
    shots.take(rosa_page, "classmate-reads")
    rosa_page.goto(f"{live_server.url}/forum/topics/{general.pk}/")
    expect(unread).to_have_count(0)
    rosa_context.close()
