"""Notices by email: multipart in the school's name, once each, digests once a day, one-click unsubscribe."""

from __future__ import annotations

import datetime
from unittest import mock

import pytest
from django.core import mail
from django.utils import timezone

from lms import tasks
from lms.models import Membership, Notification
from lms.notifications import email
from lms.notifications.kinds import Mode
from tests.factories import NotificationFactory


def immediate(school, user, **fields):
    return NotificationFactory(
        tenant=school.tenant, recipient=user, email_mode=Mode.IMMEDIATE, email_due_at=timezone.now(),
        url="/cohorts/5/learn/", **fields,
    )


def digest_notice(school, user, due, **fields):
    return NotificationFactory(tenant=school.tenant, recipient=user, email_mode=Mode.DIGEST, email_due_at=due, **fields)


def test_an_immediate_email_is_multipart_in_the_schools_name(school_a, settings):
    settings.LINK_PORT = 0
    school_a.tenant.accent_colour = "#6b2d5c"
    school_a.tenant.save()
    notice = immediate(school_a, school_a.student, title="You're enrolled in MCC-103-01")
    assert email.send_immediate(tenant_id=school_a.tenant.pk, key=notice.key) == 1
    [message] = mail.outbox
    assert message.subject == "You're enrolled in MCC-103-01"
    assert message.from_email.startswith(f'"{school_a.tenant.name}"') or message.from_email.startswith(school_a.tenant.name)
    assert f"http://{school_a.host}/cohorts/5/learn/" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and "#6b2d5c" in html and school_a.tenant.name in html


def test_every_email_carries_a_one_click_unsubscribe(school_a):
    notice = immediate(school_a, school_a.student)
    email.send_immediate(tenant_id=school_a.tenant.pk, key=notice.key)
    [message] = mail.outbox
    link = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert link.startswith(f"http://{school_a.host}:") and "/notifications/unsubscribe/" in link
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert link in message.body  # the same link, in words, for this kind


def test_a_task_delivered_twice_sends_one_email(school_a):
    notice = immediate(school_a, school_a.student)
    tasks.send_notification_emails(tenant_id=school_a.tenant.pk, key=notice.key)
    tasks.send_notification_emails(tenant_id=school_a.tenant.pk, key=notice.key)
    assert len(mail.outbox) == 1
    notice.refresh_from_db()
    assert notice.emailed_at is not None


def test_a_failed_send_lets_the_notice_be_sent_later(school_a):
    notice = immediate(school_a, school_a.student)
    with mock.patch("django.core.mail.EmailMultiAlternatives.send", side_effect=ConnectionError("smtp down")):
        with pytest.raises(ConnectionError):
            email.send_immediate(tenant_id=school_a.tenant.pk, key=notice.key)
    notice.refresh_from_db()
    assert notice.email_claim == "" and notice.emailed_at is None
    assert email.send_immediate(tenant_id=school_a.tenant.pk, key=notice.key) == 1


def test_the_dispatcher_sends_an_immediate_email_whose_task_was_lost(school_a):
    immediate(school_a, school_a.student)
    Notification.objects.update(email_due_at=timezone.now() - datetime.timedelta(minutes=3))
    assert tasks.dispatch_notification_emails() == {"immediate": 1, "digests": 0}
    assert len(mail.outbox) == 1
    assert tasks.dispatch_notification_emails() == {"immediate": 0, "digests": 0}


def test_a_digest_waits_for_its_time_then_goes_out_once_with_everything_due(school_a):
    due = timezone.now() + datetime.timedelta(hours=2)
    digest_notice(school_a, school_a.student, due, title="Module 3 is open")
    digest_notice(school_a, school_a.student, due, title="Recording posted: office hours")
    assert email.send_digest(tenant_id=school_a.tenant.pk, user_id=school_a.student.pk) == 0
    later = due + datetime.timedelta(minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        assert tasks.dispatch_notification_emails() == {"immediate": 0, "digests": 1}
        assert tasks.dispatch_notification_emails() == {"immediate": 0, "digests": 0}
    [message] = mail.outbox
    assert message.subject == f"{school_a.tenant.name}: 2 updates for you"
    assert "Module 3 is open" in message.body and "Recording posted: office hours" in message.body


def test_nothing_due_sends_no_digest(school_a):
    assert tasks.dispatch_notification_emails() == {"immediate": 0, "digests": 0}
    assert email.send_digest(tenant_id=school_a.tenant.pk, user_id=school_a.student.pk) == 0
    assert mail.outbox == []


def test_a_withdrawn_notice_stays_out_of_the_digest(school_a):
    due = timezone.now() - datetime.timedelta(minutes=1)
    digest_notice(school_a, school_a.student, due, title="Office hours in 24 hours", withdrawn_at=timezone.now())
    digest_notice(school_a, school_a.student, due, title="Module 3 is open")
    email.send_digest(tenant_id=school_a.tenant.pk, user_id=school_a.student.pk)
    [message] = mail.outbox
    assert "Module 3 is open" in message.body and "Office hours" not in message.body


def test_an_unsubscribe_token_reads_back_and_a_changed_one_does_not():
    token = email.unsubscribe_token(membership_id=42, kinds=["enrollment.approved"])
    assert email.unsubscribe_read(token) == (42, ["enrollment.approved"])
    assert email.unsubscribe_read(token[:-2] + "xx") is None
    assert email.unsubscribe_read("not-a-token") is None


def test_one_address_that_fails_does_not_hold_up_the_others(school_a):
    first = immediate(school_a, school_a.student, key="term:1")
    second = immediate(school_a, school_a.student2, key="term:1")
    real_send = mail.backends.locmem.EmailBackend.send_messages

    def refuse_the_first(backend, messages):
        if messages[0].to == [school_a.student.email]:
            raise ConnectionError("mailbox unavailable")
        return real_send(backend, messages)

    with mock.patch.object(mail.backends.locmem.EmailBackend, "send_messages", refuse_the_first):
        with pytest.raises(ConnectionError):
            email.send_immediate(tenant_id=school_a.tenant.pk, key="term:1")
    first.refresh_from_db()
    second.refresh_from_db()
    assert [m.to for m in mail.outbox] == [[school_a.student2.email]]
    assert second.emailed_at is not None and first.emailed_at is None and first.email_claim == ""


def test_a_member_deactivated_since_the_notice_is_not_emailed(school_a):
    notice = immediate(school_a, school_a.student)
    Membership.objects.filter(tenant=school_a.tenant, user=school_a.student).update(is_active=False)
    assert email.send_immediate(tenant_id=school_a.tenant.pk, key=notice.key) == 0
    assert mail.outbox == []
