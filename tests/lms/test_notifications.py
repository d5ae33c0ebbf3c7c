"""The notification service: once per person and key, never to the actor, by each person's choices."""

from __future__ import annotations

import datetime
import zoneinfo

import pytest
from django.core import mail
from django.utils import timezone

from lms.models import Notification, NotificationPreference
from lms.notifications import service
from lms.notifications.kinds import Channel, Mode
from tests.factories import NotificationFactory

UTC = datetime.UTC
NEW_YORK = zoneinfo.ZoneInfo("America/New_York")


def tell(school, recipients, *, key="k:1", kind="enrollment.approved", actor=None, now=None, title="You're enrolled"):
    return service.notify(
        tenant=school.tenant, kind=kind, recipients=recipients, key=key, title=title, actor=actor, now=now, url="/",
    )


def test_a_notice_shows_at_once_for_each_recipient(school_a):
    tell(school_a, [school_a.student, school_a.student2])
    assert service.unread_count(tenant=school_a.tenant, user=school_a.student) == 1
    assert [n.title for n in service.inbox(tenant=school_a.tenant, user=school_a.student2)] == ["You're enrolled"]


def test_the_same_key_twice_tells_each_person_once(school_a):
    tell(school_a, [school_a.student])
    tell(school_a, [school_a.student, school_a.student2])
    assert Notification.objects.filter(recipient=school_a.student).count() == 1
    assert Notification.objects.filter(recipient=school_a.student2).count() == 1


def test_nobody_is_told_of_their_own_action(school_a):
    tell(school_a, [school_a.student, school_a.student2], actor=school_a.student)
    assert list(Notification.objects.values_list("recipient__email", flat=True)) == [school_a.student2.email]


def test_people_outside_the_kinds_roles_or_the_school_are_not_told(school_a, school_b):
    tell(school_a, [school_a.instructor, school_a.registrar, school_b.student])
    assert not Notification.objects.exists()


def test_a_kind_turned_off_on_both_channels_records_nothing(school_a):
    membership = school_a.membership(school_a.student)
    for channel in Channel.values:
        NotificationPreference.objects.create(
            tenant=school_a.tenant, membership=membership, kind="enrollment.approved", channel=channel, mode=Mode.OFF
        )
    assert tell(school_a, [school_a.student]) == 0
    assert not Notification.objects.exists()


def test_email_only_is_mailed_but_never_shows_in_the_app(school_a, django_capture_on_commit_callbacks):
    NotificationPreference.objects.create(
        tenant=school_a.tenant, membership=school_a.membership(school_a.student),
        kind="enrollment.approved", channel=Channel.IN_APP, mode=Mode.OFF,
    )
    with django_capture_on_commit_callbacks(execute=True):
        tell(school_a, [school_a.student])
    assert [m.to for m in mail.outbox] == [[school_a.student.email]]
    assert service.unread_count(tenant=school_a.tenant, user=school_a.student) == 0


def test_the_digest_time_is_seven_in_the_morning_where_the_person_is():
    before_seven = datetime.datetime(2027, 1, 12, 11, 30, tzinfo=UTC)  # 6:30 in New York
    after_seven = datetime.datetime(2027, 1, 12, 12, 30, tzinfo=UTC)  # 7:30
    assert service.next_digest_at(before_seven, NEW_YORK) == datetime.datetime(2027, 1, 12, 12, 0, tzinfo=UTC)
    assert service.next_digest_at(after_seven, NEW_YORK) == datetime.datetime(2027, 1, 13, 12, 0, tzinfo=UTC)


def test_the_digest_time_follows_daylight_saving():
    # New York moves to daylight time at 2:00 on March 14, 2027: 7:00 is then 11:00 UTC, not 12:00.
    evening_before = datetime.datetime(2027, 3, 13, 23, 0, tzinfo=UTC)
    assert service.next_digest_at(evening_before, NEW_YORK) == datetime.datetime(2027, 3, 14, 11, 0, tzinfo=UTC)


def test_a_digest_notice_shows_in_the_app_at_the_digest_time(school_a):
    school_a.student.time_zone = "America/Chicago"
    school_a.student.save()
    NotificationPreference.objects.create(
        tenant=school_a.tenant, membership=school_a.membership(school_a.student),
        kind="enrollment.approved", channel=Channel.IN_APP, mode=Mode.DIGEST,
    )
    noon = datetime.datetime(2027, 1, 12, 18, 0, tzinfo=UTC)  # noon in Chicago
    tell(school_a, [school_a.student], now=noon)
    digest_time = datetime.datetime(2027, 1, 13, 13, 0, tzinfo=UTC)  # 7:00 in Chicago the next day
    assert Notification.objects.get().visible_at == digest_time
    assert service.unread_count(tenant=school_a.tenant, user=school_a.student, now=noon) == 0
    assert service.unread_count(tenant=school_a.tenant, user=school_a.student, now=digest_time) == 1


def test_withdrawing_stops_a_notice_not_yet_delivered(school_a):
    later = timezone.now() + datetime.timedelta(hours=5)
    pending = NotificationFactory(tenant=school_a.tenant, recipient=school_a.student, key="session:1:24h", visible_at=later,
                                  email_mode=Mode.DIGEST, email_due_at=later)
    assert service.withdraw(tenant=school_a.tenant, keys=["session:1:24h"]) == 1
    pending.refresh_from_db()
    assert pending.withdrawn_at is not None and pending.email_due_at is None


def test_withdrawing_leaves_a_shown_notice_in_the_list_but_cancels_its_email(school_a):
    later = timezone.now() + datetime.timedelta(hours=5)
    shown = NotificationFactory(tenant=school_a.tenant, recipient=school_a.student, key="session:1:24h",
                                email_mode=Mode.DIGEST, email_due_at=later)
    service.withdraw(tenant=school_a.tenant, keys=["session:1:24h"])
    shown.refresh_from_db()
    assert shown.withdrawn_at is None and shown.email_due_at is None
    assert list(service.inbox(tenant=school_a.tenant, user=school_a.student)) == [shown]


def test_a_withdrawn_notice_is_offered_again_when_it_becomes_true_again(school_a):
    later = timezone.now() + datetime.timedelta(hours=5)
    NotificationFactory(tenant=school_a.tenant, recipient=school_a.student, key="k:1", visible_at=later, title="Old time")
    service.withdraw(tenant=school_a.tenant, keys=["k:1"])
    assert service.unread_count(tenant=school_a.tenant, user=school_a.student) == 0
    tell(school_a, [school_a.student], key="k:1", title="Back at the old time")
    tell(school_a, [school_a.student], key="k:1", title="Back at the old time")
    assert [n.title for n in service.inbox(tenant=school_a.tenant, user=school_a.student)] == ["Back at the old time"]


def test_marking_read_lowers_the_bell_at_once(school_a):
    first, second = (NotificationFactory(tenant=school_a.tenant, recipient=school_a.student) for _ in range(2))
    assert service.unread_count(tenant=school_a.tenant, user=school_a.student) == 2  # now cached
    service.mark_read(tenant=school_a.tenant, user=school_a.student, notification_ids=[first.pk])
    assert service.unread_count(tenant=school_a.tenant, user=school_a.student) == 1


def test_a_new_notice_raises_the_bell_after_commit(school_a, django_capture_on_commit_callbacks):
    assert service.unread_count(tenant=school_a.tenant, user=school_a.student) == 0  # cached as 0
    with django_capture_on_commit_callbacks(execute=True):
        tell(school_a, [school_a.student])
    assert service.unread_count(tenant=school_a.tenant, user=school_a.student) == 1


def test_marking_read_touches_only_the_persons_own_notices(school_a):
    mine = NotificationFactory(tenant=school_a.tenant, recipient=school_a.student)
    theirs = NotificationFactory(tenant=school_a.tenant, recipient=school_a.student2)
    service.mark_read(tenant=school_a.tenant, user=school_a.student, notification_ids=[mine.pk, theirs.pk])
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_an_unregistered_kind_is_refused(school_a):
    with pytest.raises(LookupError):
        tell(school_a, [school_a.student], kind="no.such.kind")
