"""Help request pages: Get help, asking, the conversation, closing, the staff queue and naming handlers."""

from __future__ import annotations

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse

from cohorts import support
from cohorts.models import SupportHandler, SupportMessage, SupportRequest
from lms.models import Notification
from tests.cohorts.test_support import T0, Desk, ask, make_desk, told
from tests.conftest import text


@pytest.fixture
def desk(cohort_a) -> Desk:
    return make_desk(cohort_a)


def detail(r: SupportRequest) -> str:
    return reverse("cohorts:support_detail", kwargs={"support_request_id": r.pk})


def close(r: SupportRequest) -> str:
    return reverse("cohorts:support_close", kwargs={"support_request_id": r.pk})


NEW = {"kind": "technical", "subject": "Cannot sign in on my phone", "body": "It says *session expired*."}


# --- a student -----------------------------------------------------------------------------------


def test_get_help_lists_the_students_own_requests_only(desk):
    ask(desk.student, subject="Mine")
    ask(desk.student2, subject="Someone else's")
    page = text(desk.school.client(desk.school.student).get(reverse("cohorts:support_list")))
    assert "Mine" in page and "Someone else's" not in page
    assert "Ask about financial aid" in page


def test_the_navigation_offers_get_help_to_a_student(desk):
    page = text(desk.school.client(desk.school.student).get(reverse("lms:dashboard")))
    assert f'href="{reverse("cohorts:support_list")}"' in page and ">Get help<" in page


def test_a_student_asks_for_help_and_the_handler_is_told(desk):
    response = desk.school.client(desk.school.student).post(reverse("cohorts:support_new"),
                                                            {**NEW, "cohort": desk.cast.cohort.pk})
    opened = SupportRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == detail(opened)
    assert (opened.subject, opened.cohort, opened.status) == (NEW["subject"], desk.cast.cohort, "open")
    assert told("support.new") == {desk.school.instructor.email}


def test_the_new_request_form_starts_on_the_kind_chosen(desk):
    page = text(desk.school.client(desk.school.student).get(reverse("cohorts:support_new") + "?kind=financial_aid"))
    assert re.search(r'value="financial_aid"[^>]*checked', page)


def test_an_incomplete_request_is_shown_again_with_its_errors_and_nothing_is_saved(desk):
    response = desk.school.client(desk.school.student).post(reverse("cohorts:support_new"), {**NEW, "kind": "", "body": ""})
    assert response.status_code == 400
    page = text(response)
    assert "This field is required." in page and NEW["subject"] in page
    assert not SupportRequest.objects.exists() and not Notification.objects.exists()


def test_staff_cannot_open_the_new_request_form(desk):
    assert desk.school.client(desk.school.instructor).get(reverse("cohorts:support_new")).status_code == 403


def test_the_student_sees_the_conversation_and_can_write_and_close(desk):
    opened = ask(desk.student)
    later = T0 + datetime.timedelta(hours=1)
    support.message_add(membership=desk.handler, request=opened, body="Clear your **cache**.", now=later)
    page = text(desk.school.client(desk.school.student).get(detail(opened)))
    assert "<strong>cache</strong>" in page and "Answered" in page
    assert f'action="{close(opened)}"' in page and "Write to the staff" in page


def test_a_student_follow_up_opens_the_request_again(desk):
    opened = ask(desk.student)
    support.message_add(membership=desk.handler, request=opened, body="Fixed?", now=T0 + datetime.timedelta(hours=1))
    response = desk.school.client(desk.school.student).post(detail(opened), {"body": "Not yet."})
    message = SupportMessage.objects.latest("pk")
    assert response.status_code == 302 and response["Location"] == f"{detail(opened)}#message-{message.pk}"
    opened.refresh_from_db()
    assert opened.status == "open" and opened.waiting_since is not None and not message.from_staff


def test_an_empty_reply_is_shown_again_and_nothing_is_saved(desk):
    opened = ask(desk.student)
    response = desk.school.client(desk.school.instructor).post(detail(opened), {"body": "  "})
    assert response.status_code == 400
    assert SupportMessage.objects.count() == 1
    opened.refresh_from_db()
    assert opened.status == "open"


def test_another_student_gets_404_and_changes_nothing(desk):
    opened = ask(desk.student, subject="Private matter")
    client = desk.school.client(desk.school.student2)
    for response in (client.get(detail(opened)), client.post(detail(opened), {"body": "Hi"}), client.post(close(opened))):
        assert response.status_code == 404
        assert "Private matter" not in text(response)
    opened.refresh_from_db()
    assert opened.status == "open" and SupportMessage.objects.count() == 1


# --- staff ---------------------------------------------------------------------------------------


def test_the_handler_replies_and_the_student_is_told(desk):
    opened = ask(desk.student)
    response = desk.school.client(desk.school.instructor).post(detail(opened), {"body": "Try the app instead."})
    assert response.status_code == 302
    opened.refresh_from_db()
    assert (opened.status, opened.waiting_since) == ("answered", None)
    assert told("support.answered") == {desk.school.student.email}


def test_closing_is_a_post_and_tells_the_student(desk):
    opened = ask(desk.student)
    client = desk.school.client(desk.school.instructor)
    assert client.get(close(opened)).status_code == 405
    response = client.post(close(opened))
    assert response.status_code == 302 and response["Location"] == detail(opened)
    opened.refresh_from_db()
    assert opened.status == "closed" and opened.closed_by == desk.school.instructor
    assert told("support.answered") == {desk.school.student.email}


def test_posts_without_the_csrf_token_are_refused(desk):
    opened = ask(desk.student)
    client = Client(HTTP_HOST=desk.school.host, enforce_csrf_checks=True)
    client.force_login(desk.school.instructor)
    assert client.post(detail(opened), {"body": "Hello"}).status_code == 403
    assert client.post(close(opened)).status_code == 403
    assert client.post(reverse("cohorts:support_handlers"), {"kind": "tutoring"}).status_code == 403
    opened.refresh_from_db()
    assert opened.status == "open" and SupportMessage.objects.count() == 1


def test_an_instructor_who_handles_nothing_gets_404_on_a_request(desk):
    opened = ask(desk.student)
    client = Client(HTTP_HOST=desk.school.host)
    client.force_login(desk.bystander.user)
    assert client.get(detail(opened)).status_code == 404
    assert client.post(detail(opened), {"body": "Hi"}).status_code == 404
    assert client.post(close(opened)).status_code == 404
    opened.refresh_from_db()
    assert opened.status == "open" and SupportMessage.objects.count() == 1


def test_an_instructor_who_handles_nothing_is_told_who_does_instead_of_a_queue(desk):
    ask(desk.student, subject="Private matter")
    client = Client(HTTP_HOST=desk.school.host)
    client.force_login(desk.bystander.user)
    page = text(client.get(reverse("cohorts:support_queue")))
    assert "Private matter" not in page and "You are not named to answer" in page
    assert re.search(r"Technical support</th>.*?" + re.escape(desk.school.instructor.display_name), page, re.S)


def test_a_handler_finds_the_queue_in_the_navigation_and_get_help_leads_there(desk):
    client = desk.school.client(desk.school.instructor)
    assert f'href="{reverse("cohorts:support_queue")}"' in text(client.get(reverse("lms:dashboard")))
    response = client.get(reverse("cohorts:support_list"))
    assert response.status_code == 302 and response["Location"] == reverse("cohorts:support_queue")


def test_a_student_cannot_open_the_queue(desk):
    assert desk.school.client(desk.school.student).get(reverse("cohorts:support_queue")).status_code == 403


def _queue_subjects(page: str) -> list[str]:
    return re.findall(r'<a href="/help/\d+/">([^<]+)</a>', page)


def test_the_queue_shows_the_longest_waiting_first(desk):
    ask(desk.student, subject="Newer", now=T0 + datetime.timedelta(hours=2))
    ask(desk.student2, subject="Older", now=T0 + datetime.timedelta(hours=1))
    answered = ask(desk.student2, subject="Answered", now=T0)
    support.message_add(membership=desk.handler, request=answered, body="Done", now=T0 + datetime.timedelta(hours=3))
    page = text(desk.school.client(desk.school.instructor).get(reverse("cohorts:support_queue")))
    assert _queue_subjects(page) == ["Older", "Newer", "Answered"]
    assert "1 open request waits for you" not in page and "2 open requests wait for you." in page


def test_the_queue_filters_by_status_kind_and_assigned_to_me(desk):
    ask(desk.student, subject="Wifi", kind="technical")
    closed = ask(desk.student, subject="Old tuition question", kind="financial_aid")
    support.request_close(membership=desk.student, request=closed)
    ask(desk.student2, subject="Essay help", kind="tutoring")
    client = desk.school.client(desk.school.registrar)
    queue = reverse("cohorts:support_queue")
    assert _queue_subjects(text(client.get(queue))) == ["Essay help", "Wifi"]  # closed ones are left out by default
    assert _queue_subjects(text(client.get(queue, {"status": "closed"}))) == ["Old tuition question"]
    assert _queue_subjects(text(client.get(queue, {"kind": "tutoring", "status": "all"}))) == ["Essay help"]
    assert _queue_subjects(text(client.get(queue, {"mine": "on", "status": "all"}))) == ["Essay help", "Old tuition question"]


def test_the_queue_filters_answer_an_htmx_request_with_the_table_only(desk):
    ask(desk.student, subject="Wifi")
    response = desk.school.client(desk.school.instructor).get(reverse("cohorts:support_queue"), HTTP_HX_REQUEST="true")
    page = text(response)
    assert "Wifi" in page and "<html" not in page


def _many(desk: Desk, n: int) -> None:
    for i in range(n):
        ask(desk.student, subject=f"Request {i}", now=T0 + datetime.timedelta(minutes=i))


@pytest.mark.parametrize("size", [3, 30])
def test_the_queue_asks_a_constant_number_of_queries(desk, size, django_assert_max_num_queries):
    _many(desk, size)
    client = desk.school.client(desk.school.instructor)
    client.get(reverse("cohorts:support_queue"))
    with django_assert_max_num_queries(9):
        page = text(client.get(reverse("cohorts:support_queue")))
    assert len(_queue_subjects(page)) == min(size, 25)


@pytest.mark.parametrize("size", [3, 30])
def test_get_help_asks_a_constant_number_of_queries(desk, size, django_assert_max_num_queries):
    _many(desk, size)
    client = desk.school.client(desk.school.student)
    client.get(reverse("cohorts:support_list"))
    with django_assert_max_num_queries(5):
        page = text(client.get(reverse("cohorts:support_list")))
    assert len(re.findall(r'class="inbox-title"', page)) == min(size, 25)


# --- the registrar names the handlers ------------------------------------------------------------


def test_the_registrar_names_who_answers_a_kind(desk):
    client = desk.school.client(desk.school.registrar)
    page = text(client.get(reverse("cohorts:support_handlers")))
    assert "Who answers tutoring" in page and desk.bystander.user.display_name in page
    response = client.post(reverse("cohorts:support_handlers"), {"kind": "tutoring", "tutoring-handlers": [desk.bystander.pk]})
    assert response.status_code == 302
    assert list(SupportHandler.objects.filter(kind="tutoring").values_list("membership_id", flat=True)) == [desk.bystander.pk]
    assert list(SupportHandler.objects.filter(kind="technical").values_list("membership_id", flat=True)) == [desk.handler.pk]


def test_a_student_cannot_be_named_and_nothing_changes(desk):
    client = desk.school.client(desk.school.registrar)
    response = client.post(reverse("cohorts:support_handlers"), {"kind": "technical", "technical-handlers": [desk.student.pk]})
    assert response.status_code == 400
    assert "Select a valid choice" in text(response)
    assert list(SupportHandler.objects.filter(kind="technical").values_list("membership_id", flat=True)) == [desk.handler.pk]


def test_only_registrars_open_the_handlers_page(desk):
    for user in (desk.school.instructor, desk.school.student):
        assert desk.school.client(user).get(reverse("cohorts:support_handlers")).status_code == 403
