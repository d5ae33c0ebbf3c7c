"""/api/v1/support-requests/: asking, listing, the conversation, replying, closing, and who sees what."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from cohorts import support
from cohorts.models import SupportMessage, SupportRequest
from lms.models import Notification
from tests.cohorts.test_support import T0, Desk, ask, make_desk, told
from tests.factories import CohortFactory

LIST = reverse("api:support-request-list")


@pytest.fixture
def desk(cohort_a) -> Desk:
    return make_desk(cohort_a)


def one(r: SupportRequest) -> str:
    return reverse("api:support-request-detail", kwargs={"support_request_id": r.pk})


def messages(r: SupportRequest) -> str:
    return reverse("api:support-request-messages", kwargs={"support_request_id": r.pk})


def close(r: SupportRequest) -> str:
    return reverse("api:support-request-close", kwargs={"support_request_id": r.pk})


def post(client: Client, url: str, data: dict | None = None):
    return client.post(url, data or {}, content_type="application/json")


NEW = {"kind": "tutoring", "subject": "Excludes1 or Excludes2?", "body": "When can E11 go with **E10**?"}


def test_a_student_asks_and_gets_the_request_with_its_first_message(desk):
    response = post(desk.school.client(desk.school.student), LIST, {**NEW, "kind": "technical", "cohort": desk.cast.cohort.pk})
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["status"], body["kind"], body["cohort"]) == ("open", "technical", desk.cast.cohort.pk)
    assert body["subject"] == NEW["subject"]
    assert [m["body"] for m in body["messages"]] == [NEW["body"]]
    assert body["url"].endswith(reverse("cohorts:support_detail", args=[body["id"]]))
    assert told("support.new") == {desk.school.instructor.email}


def test_bad_input_answers_400_with_the_fields_and_writes_nothing(desk):
    response = post(desk.school.client(desk.school.student), LIST, {"kind": "gossip", "subject": "", "body": "x"})
    assert response.status_code == 400
    assert {"kind", "subject"} <= set(response.json()["error"]["fields"])
    assert not SupportRequest.objects.exists()


def test_a_cohort_that_is_not_the_students_answers_400(desk):
    elsewhere = CohortFactory(tenant=desk.school.tenant)
    response = post(desk.school.client(desk.school.student), LIST, {**NEW, "cohort": elsewhere.pk})
    assert response.status_code == 400 and "cohort" in response.json()["error"]["fields"]
    assert not SupportRequest.objects.exists()


def test_staff_cannot_open_a_request(desk):
    assert post(desk.school.client(desk.school.instructor), LIST, NEW).status_code == 403
    assert not SupportRequest.objects.exists()


def test_a_student_lists_only_their_own_requests(desk):
    mine = ask(desk.student)
    ask(desk.student2, subject="Not yours")
    rows = desk.school.client(desk.school.student).get(LIST).json()["results"]
    assert [r["id"] for r in rows] == [mine.pk]
    assert rows[0]["requester"]["email"] == desk.school.student.email and rows[0]["message_count"] == 1


def test_another_student_gets_404_everywhere_and_nothing_changes(desk):
    opened = ask(desk.student)
    client = desk.school.client(desk.school.student2)
    assert client.get(one(opened)).status_code == 404
    assert post(client, messages(opened), {"body": "Me too"}).status_code == 404
    assert post(client, close(opened)).status_code == 404
    opened.refresh_from_db()
    assert opened.status == "open" and SupportMessage.objects.count() == 1


def test_an_instructor_who_does_not_handle_the_kind_gets_404_and_an_empty_list(desk):
    opened = ask(desk.student)
    client = Client(HTTP_HOST=desk.school.host)
    client.force_login(desk.bystander.user)
    assert client.get(one(opened)).status_code == 404
    assert post(client, messages(opened), {"body": "Hi"}).status_code == 404
    assert client.get(LIST).json()["results"] == []


def test_the_handler_replies_and_the_request_is_answered(desk):
    opened = ask(desk.student)
    response = post(desk.school.client(desk.school.instructor), messages(opened), {"body": "Excludes1 means never together."})
    assert response.status_code == 201 and response.json()["from_staff"] is True
    detail = desk.school.client(desk.school.student).get(one(opened)).json()
    assert (detail["status"], detail["waiting_since"]) == ("answered", None)
    assert [m["from_staff"] for m in detail["messages"]] == [False, True]
    assert told("support.answered") == {desk.school.student.email}


def test_the_students_follow_up_opens_it_again(desk):
    opened = ask(desk.student)
    support.message_add(membership=desk.handler, request=opened, body="Answer", now=T0 + datetime.timedelta(hours=1))
    assert post(desk.school.client(desk.school.student), messages(opened), {"body": "One more thing"}).status_code == 201
    opened.refresh_from_db()
    assert opened.status == "open" and opened.waiting_since is not None


def test_an_empty_message_answers_400_and_writes_nothing(desk):
    opened = ask(desk.student)
    response = post(desk.school.client(desk.school.instructor), messages(opened), {"body": ""})
    assert response.status_code == 400
    assert SupportMessage.objects.count() == 1 and not Notification.objects.filter(kind="support.answered").exists()


def test_closing_answers_the_closed_request(desk):
    opened = ask(desk.student)
    response = post(desk.school.client(desk.school.student), close(opened))
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["closed_at"] is not None) == ("closed", True)


def test_the_staff_list_is_the_queue_with_its_filters(desk):
    ask(desk.student, subject="Newer", kind="technical", now=T0 + datetime.timedelta(hours=2))
    ask(desk.student2, subject="Older", kind="tutoring", now=T0 + datetime.timedelta(hours=1))
    done = ask(desk.student2, subject="Done", kind="technical", now=T0)
    support.request_close(membership=desk.registrar, request=done, now=T0 + datetime.timedelta(hours=3))
    client = desk.school.client(desk.school.registrar)

    def subjects(**params) -> list[str]:
        return [r["subject"] for r in client.get(LIST, params).json()["results"]]

    assert subjects() == ["Older", "Newer", "Done"]
    assert subjects(status="active") == ["Older", "Newer"]
    assert subjects(status="closed") == ["Done"]
    assert subjects(kind="technical") == ["Newer", "Done"]
    assert subjects(mine="true") == ["Older"]  # tutoring: nobody handles it, so the registrars do


def test_an_unknown_filter_value_answers_400(desk):
    response = desk.school.client(desk.school.registrar).get(LIST, {"status": "pending"})
    assert response.status_code == 400 and "status" in response.json()["error"]["fields"]


@pytest.mark.parametrize("size", [3, 30])
def test_the_list_asks_a_constant_number_of_queries(desk, size, django_assert_max_num_queries):
    for i in range(size):
        ask(desk.student, subject=f"Request {i}", now=T0 + datetime.timedelta(minutes=i))
    client = desk.school.client(desk.school.instructor)
    client.get(LIST)
    with django_assert_max_num_queries(6):
        rows = client.get(LIST).json()["results"]
    assert len(rows) == size
