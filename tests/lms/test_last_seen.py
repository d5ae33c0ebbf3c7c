"""When a member was last seen in the school: written on sign-in and at most every five minutes."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from lms.models import Membership


def test_signing_in_marks_the_member_as_seen(school_a):
    school_a.client(school_a.student)  # force_login sends user_logged_in
    assert school_a.membership(school_a.student).last_seen_at is not None


def test_a_request_after_five_minutes_updates_last_seen(school_a):
    client = school_a.client(school_a.student)
    long_ago = timezone.now() - timedelta(minutes=30)
    Membership.objects.filter(pk=school_a.membership(school_a.student).pk).update(last_seen_at=long_ago)
    client.get("/")
    assert school_a.membership(school_a.student).last_seen_at > long_ago + timedelta(minutes=29)


def test_a_request_within_five_minutes_writes_nothing(school_a):
    client = school_a.client(school_a.student)
    recent = timezone.now() - timedelta(minutes=1)
    Membership.objects.filter(pk=school_a.membership(school_a.student).pk).update(last_seen_at=recent)
    client.get("/")
    assert school_a.membership(school_a.student).last_seen_at == recent


def test_another_schools_membership_is_not_touched(school_a, school_b):
    outsider_membership = Membership.objects.create(tenant=school_b.tenant, user=school_a.student)
    Membership.objects.filter(pk=outsider_membership.pk).update(last_seen_at=None)
    client = school_a.client()
    client.force_login(school_a.student)
    Membership.objects.filter(pk=outsider_membership.pk).update(last_seen_at=None)
    client.get("/")
    outsider_membership.refresh_from_db()
    assert outsider_membership.last_seen_at is None
