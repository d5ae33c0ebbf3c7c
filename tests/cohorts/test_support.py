"""Help requests: who handles what, who sees what, the open/answered/closed cycle, notices and the queue."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone

from cohorts import support
from cohorts.models import SupportHandler, SupportMessage, SupportRequest
from lms.models import AuditLogEntry, Membership, Notification
from tests.conftest import CohortCast
from tests.factories import CohortFactory, MembershipFactory, UserFactory

T0 = datetime.datetime(2026, 3, 2, 15, 0, tzinfo=datetime.UTC)
HOUR = datetime.timedelta(hours=1)


@dataclass
class Desk:
    """cohort_a's school with its instructor named for technical support, and a second instructor
    (``bystander``) who handles nothing."""

    cast: CohortCast
    bystander: Membership

    @property
    def school(self):
        return self.cast.school

    def m(self, user) -> Membership:
        return self.school.membership(user)

    @property
    def handler(self) -> Membership:
        return self.m(self.school.instructor)

    @property
    def registrar(self) -> Membership:
        return self.m(self.school.registrar)

    @property
    def student(self) -> Membership:
        return self.m(self.school.student)

    @property
    def student2(self) -> Membership:
        return self.m(self.school.student2)


def make_desk(cohort_a: CohortCast) -> Desk:
    school = cohort_a.school
    support.handlers_set(membership=school.membership(school.registrar), kind="technical",
                         memberships=[school.membership(school.instructor)])
    bystander = MembershipFactory(tenant=school.tenant, role="instructor", user=UserFactory(email="bystander@northwind.test"))
    return Desk(cast=cohort_a, bystander=bystander)


@pytest.fixture
def desk(cohort_a) -> Desk:
    return make_desk(cohort_a)


def ask(membership: Membership, *, kind: str = "technical", subject: str = "The module 3 video will not play",
        body: str = "It stops at **2:10** every time.", now: datetime.datetime = T0, cohort=None) -> SupportRequest:
    return support.request_open(membership=membership, kind=kind, subject=subject, body=body, cohort=cohort, now=now)


def told(kind: str) -> set[str]:
    return set(Notification.objects.filter(kind=kind).values_list("recipient__email", flat=True))


def nothing_written() -> bool:
    return not SupportRequest.objects.exists() and not SupportMessage.objects.exists() and not Notification.objects.exists()


# --- opening -----------------------------------------------------------------------------------


def test_a_student_opens_a_request_that_waits_for_staff(desk):
    opened = ask(desk.student, cohort=desk.cast.cohort)
    opened.refresh_from_db()
    assert (opened.status, opened.waiting_since, opened.last_message_at) == ("open", T0, T0)
    assert opened.cohort == desk.cast.cohort and opened.requester == desk.student
    message = SupportMessage.objects.get(request=opened)
    assert "<strong>2:10</strong>" in message.body_html and not message.from_staff


def test_only_the_kinds_handlers_are_told_of_a_new_request(desk):
    ask(desk.student)
    assert told("support.new") == {desk.school.instructor.email}  # not the bystander, not the registrar, not the student


def test_a_kind_nobody_handles_goes_to_the_registrars(desk):
    ask(desk.student, kind="financial_aid")
    assert told("support.new") == {desk.school.registrar.email}


def test_bad_input_writes_nothing(desk):
    with pytest.raises(ValidationError) as caught:
        ask(desk.student, kind="gossip", subject="  ", body="x" * (support.BODY_MAX + 1))
    assert set(caught.value.error_dict) == {"kind", "subject", "body"}
    assert nothing_written()


def test_a_cohort_the_student_is_not_in_is_refused(desk):
    elsewhere = CohortFactory(tenant=desk.school.tenant)
    with pytest.raises(ValidationError) as caught:
        ask(desk.student, cohort=elsewhere)
    assert "cohort" in caught.value.error_dict
    assert nothing_written()


def test_staff_do_not_open_requests(desk):
    with pytest.raises(ValidationError):
        ask(desk.handler)
    assert nothing_written()


# --- the conversation --------------------------------------------------------------------------


def test_a_staff_reply_answers_the_request_and_tells_the_student(desk):
    opened = ask(desk.student)
    support.message_add(membership=desk.handler, request=opened, body="Try another browser.", now=T0 + HOUR)
    opened.refresh_from_db()
    assert (opened.status, opened.waiting_since) == ("answered", None)
    assert SupportMessage.objects.filter(request=opened, from_staff=True).count() == 1
    assert told("support.answered") == {desk.school.student.email}


def test_a_student_follow_up_reopens_an_answered_request_and_waits_from_then(desk):
    opened = ask(desk.student)
    support.message_add(membership=desk.handler, request=opened, body="Try another browser.", now=T0 + HOUR)
    later = T0 + datetime.timedelta(hours=5)
    support.message_add(membership=desk.student, request=opened, body="Same in Firefox.", now=later)
    opened.refresh_from_db()
    assert (opened.status, opened.waiting_since, opened.last_message_at) == ("open", later, later)
    # one notice per message: the request, then the follow-up
    assert Notification.objects.filter(kind="support.new", recipient=desk.school.instructor).count() == 2


def test_a_second_student_message_keeps_the_oldest_waiting_time(desk):
    opened = ask(desk.student)
    support.message_add(membership=desk.student, request=opened, body="Also the captions.", now=T0 + datetime.timedelta(hours=2))
    opened.refresh_from_db()
    assert (opened.status, opened.waiting_since) == ("open", T0)


def test_a_registrar_who_answered_hears_of_the_follow_up(desk):
    opened = ask(desk.student)
    support.message_add(membership=desk.registrar, request=opened, body="Looking into it.", now=T0 + datetime.timedelta(hours=1))
    Notification.objects.all().delete()
    support.message_add(membership=desk.student, request=opened, body="Thanks!", now=T0 + datetime.timedelta(hours=2))
    assert told("support.new") == {desk.school.instructor.email, desk.school.registrar.email}


def test_a_student_writing_on_a_closed_request_opens_it_again(desk):
    opened = ask(desk.student)
    support.request_close(membership=desk.student, request=opened, now=T0 + datetime.timedelta(hours=1))
    support.message_add(membership=desk.student, request=opened, body="It is back.", now=T0 + datetime.timedelta(days=1))
    opened.refresh_from_db()
    assert (opened.status, opened.waiting_since, opened.closed_at, opened.closed_by) == (
        "open", T0 + datetime.timedelta(days=1), None, None)


def test_an_empty_or_too_long_message_writes_nothing(desk):
    opened = ask(desk.student)
    for body in ("   ", "x" * (support.BODY_MAX + 1)):
        with pytest.raises(ValidationError) as caught:
            support.message_add(membership=desk.handler, request=opened, body=body)
        assert "body" in caught.value.error_dict
    opened.refresh_from_db()
    assert opened.status == "open" and SupportMessage.objects.count() == 1


def test_another_student_neither_sees_nor_writes_on_a_request(desk):
    opened = ask(desk.student)
    with pytest.raises(Http404):
        support.request_get_for(desk.student2, opened.pk)
    with pytest.raises(ValidationError):
        support.message_add(membership=desk.student2, request=opened, body="Me too")
    assert SupportMessage.objects.count() == 1
    assert list(support.requests_visible_to(desk.student2)) == []


def test_an_instructor_who_does_not_handle_the_kind_does_not_see_it(desk):
    opened = ask(desk.student)
    assert list(support.requests_visible_to(desk.bystander)) == []
    with pytest.raises(Http404):
        support.request_get_for(desk.bystander, opened.pk)
    with pytest.raises(ValidationError):
        support.request_close(membership=desk.bystander, request=opened)
    opened.refresh_from_db()
    assert opened.status == "open"


def test_the_handler_and_registrars_see_it(desk):
    opened = ask(desk.student)
    assert support.request_get_for(desk.handler, opened.pk) == opened
    assert support.request_get_for(desk.registrar, str(opened.pk)) == opened


def test_a_handler_who_became_a_student_no_longer_sees_the_kind(desk):
    opened = ask(desk.student)
    Membership.objects.filter(pk=desk.handler.pk).update(role="student")
    with pytest.raises(Http404):
        support.request_get_for(desk.handler, opened.pk)


# --- closing -----------------------------------------------------------------------------------


def test_staff_closing_tells_the_student_once(desk):
    opened = ask(desk.student)
    support.request_close(membership=desk.handler, request=opened, now=T0 + datetime.timedelta(hours=1))
    support.request_close(membership=desk.handler, request=opened, now=T0 + datetime.timedelta(hours=2))
    opened.refresh_from_db()
    assert (opened.status, opened.waiting_since, opened.closed_at, opened.closed_by) == (
        "closed", None, T0 + datetime.timedelta(hours=1), desk.school.instructor)
    assert Notification.objects.filter(kind="support.answered", recipient=desk.school.student).count() == 1


def test_a_student_closing_their_own_request_tells_nobody(desk):
    opened = ask(desk.student)
    Notification.objects.all().delete()
    support.request_close(membership=desk.student, request=opened)
    opened.refresh_from_db()
    assert opened.status == "closed" and not Notification.objects.exists()


# --- naming the handlers -----------------------------------------------------------------------


def test_the_registrar_names_handlers_and_the_list_replaces_the_old_one(desk):
    named = support.handlers_set(membership=desk.registrar, kind="technical", memberships=[desk.bystander, desk.registrar])
    assert {m.pk for m in named} == {desk.bystander.pk, desk.registrar.pk}
    assert set(SupportHandler.objects.filter(kind="technical").values_list("membership_id", flat=True)) == {
        desk.bystander.pk, desk.registrar.pk}
    entry = AuditLogEntry.objects.filter(action="support.handlers_set").latest("pk")
    assert entry.before == {"handlers_technical": [desk.school.instructor.display_name]}
    assert entry.after == {"handlers_technical": sorted([desk.bystander.user.display_name, desk.school.registrar.display_name])}


def test_only_registrars_name_handlers(desk):
    with pytest.raises(ValidationError):
        support.handlers_set(membership=desk.handler, kind="tutoring", memberships=[desk.handler])
    assert not SupportHandler.objects.filter(kind="tutoring").exists()


@pytest.mark.parametrize("who", ["student", "other_school", "inactive"])
def test_handlers_must_be_active_staff_of_the_school(desk, school_b, who):
    candidate = {
        "student": lambda: desk.student,
        "other_school": lambda: school_b.membership(school_b.instructor),
        "inactive": lambda: MembershipFactory(tenant=desk.school.tenant, role="instructor", is_active=False),
    }[who]()
    with pytest.raises(ValidationError):
        support.handlers_set(membership=desk.registrar, kind="technical", memberships=[desk.bystander, candidate])
    assert list(SupportHandler.objects.filter(kind="technical").values_list("membership_id", flat=True)) == [desk.handler.pk]


# --- the queue ---------------------------------------------------------------------------------


def _three(desk) -> tuple[SupportRequest, SupportRequest, SupportRequest]:
    """An answered one with the latest message, one waiting since T0+2h, one waiting since T0+1h."""
    answered = ask(desk.student, subject="Answered", now=T0)
    support.message_add(membership=desk.handler, request=answered, body="Done.", now=T0 + datetime.timedelta(hours=5))
    newer = ask(desk.student2, subject="Newer", now=T0 + datetime.timedelta(hours=2))
    older = ask(desk.student, subject="Older", kind="tutoring", now=T0 + datetime.timedelta(hours=1))
    return answered, newer, older


def test_the_queue_puts_the_longest_waiting_first_then_the_latest_conversations(desk):
    answered, newer, older = _three(desk)
    closed = ask(desk.student2, subject="Closed", now=T0 - datetime.timedelta(days=1))
    support.request_close(membership=desk.registrar, request=closed, now=T0 - datetime.timedelta(hours=20))
    rows = support.support_queue(membership=desk.registrar)
    assert [r.subject for r in rows] == ["Older", "Newer", "Answered", "Closed"]
    active = support.support_queue(membership=desk.registrar, status="active")
    assert [r.subject for r in active] == ["Older", "Newer", "Answered"]


def test_the_queue_filters_by_status_and_kind(desk):
    _three(desk)
    queue = support.support_queue
    assert [r.subject for r in queue(membership=desk.registrar, status="answered")] == ["Answered"]
    assert [r.subject for r in queue(membership=desk.registrar, kind="tutoring")] == ["Older"]
    assert [r.subject for r in queue(membership=desk.registrar, query="newer")] == ["Newer"]


def test_a_handler_sees_only_the_kinds_they_handle(desk):
    _three(desk)
    assert [r.subject for r in support.support_queue(membership=desk.handler)] == ["Newer", "Answered"]


def test_assigned_to_me_means_my_kinds_and_for_registrars_the_kinds_nobody_handles(desk):
    _three(desk)
    assert [r.subject for r in support.support_queue(membership=desk.registrar, mine=True)] == ["Older"]  # tutoring
    support.handlers_set(membership=desk.registrar, kind="tutoring", memberships=[desk.bystander])
    assert list(support.support_queue(membership=desk.registrar, mine=True)) == []


def test_the_waiting_count_is_the_open_requests_assigned_to_the_member(desk):
    _three(desk)
    assert support.waiting_count(membership=desk.handler) == 1  # "Newer"; "Answered" waits for nobody
    assert support.waiting_count(membership=desk.registrar) == 1  # "Older", tutoring has no handler
    assert support.waiting_count(membership=desk.bystander) == 0


def test_the_queue_asks_the_same_number_of_queries_for_3_and_30_requests(desk, django_assert_max_num_queries):
    for n in range(30):
        ask(desk.student if n % 2 else desk.student2, subject=f"Request {n}", now=T0 + datetime.timedelta(minutes=n))
    for size in (3, 30):
        with django_assert_max_num_queries(2):
            rows = list(support.support_queue(membership=desk.handler)[:size])
            assert len(rows) == size
            assert all(r.requester.user.email and r.message_count == 1 for r in rows)


def test_a_notice_goes_out_once_per_message(desk):
    opened = ask(desk.student)
    message = SupportMessage.objects.get(request=opened)
    support._tell_staff(opened, message, desk.student, timezone.now(), new=True)
    assert Notification.objects.filter(kind="support.new").count() == 1


def test_the_handler_is_emailed_once_the_request_is_saved(desk, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ask(desk.student, now=timezone.now())
    assert [m.to for m in mailoutbox] == [[desk.school.instructor.email]]
    assert "The module 3 video will not play" in mailoutbox[0].subject
