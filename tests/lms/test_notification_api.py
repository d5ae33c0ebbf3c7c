"""/api/v1/notifications/ and /api/v1/notification-preferences/."""

from __future__ import annotations

from django.utils import timezone

from lms.models import Notification, NotificationPreference
from tests.factories import NotificationFactory


def notice(school, user, **fields):
    return NotificationFactory(tenant=school.tenant, recipient=user, **fields)


def test_the_list_is_the_callers_showing_notices_newest_first(school_a, school_b):
    older = notice(school_a, school_a.student, title="Older", visible_at=timezone.now() - timezone.timedelta(hours=1))
    newer = notice(school_a, school_a.student, title="Newer")
    notice(school_a, school_a.student, title="In tomorrow's digest", visible_at=timezone.now() + timezone.timedelta(hours=9))
    notice(school_a, school_a.student2, title="Someone else's")
    notice(school_b, school_a.student, title="Another school's")
    data = school_a.client(school_a.student).get("/api/v1/notifications/").json()
    assert [row["id"] for row in data["results"]] == [newer.pk, older.pk]
    assert data["results"][0]["unread"] is True


def test_the_unread_filter(school_a):
    notice(school_a, school_a.student, read_at=timezone.now())
    unread = notice(school_a, school_a.student)
    data = school_a.client(school_a.student).get("/api/v1/notifications/?unread=1").json()
    assert [row["id"] for row in data["results"]] == [unread.pk]


def test_mark_one_read_answers_the_count_left(school_a):
    first = notice(school_a, school_a.student)
    notice(school_a, school_a.student)
    response = school_a.client(school_a.student).post(f"/api/v1/notifications/{first.pk}/read/")
    assert response.json() == {"marked": 1, "unread": 1}


def test_mark_all_read(school_a):
    notice(school_a, school_a.student)
    notice(school_a, school_a.student)
    response = school_a.client(school_a.student).post("/api/v1/notifications/read-all/")
    assert response.json() == {"marked": 2, "unread": 0}


def test_someone_elses_notice_is_404_and_stays_unread(school_a):
    theirs = notice(school_a, school_a.student2)
    client = school_a.client(school_a.student)
    assert client.get(f"/api/v1/notifications/{theirs.pk}/").status_code == 404
    assert client.post(f"/api/v1/notifications/{theirs.pk}/read/").status_code == 404
    assert Notification.objects.get(pk=theirs.pk).read_at is None


def test_preferences_list_the_roles_kinds_with_defaults(school_a):
    rows = school_a.client(school_a.registrar).get("/api/v1/notification-preferences/").json()
    applied = next(row for row in rows if row["kind"] == "enrollment.applied")
    assert applied == {
        "kind": "enrollment.applied", "label": "New application", "group": "Enrollment",
        "in_app": "immediate", "email": "digest", "default_in_app": "immediate", "default_email": "digest",
    }
    assert "enrollment.approved" not in {row["kind"] for row in rows}


def test_patching_preferences_changes_the_choice(school_a):
    client = school_a.client(school_a.student)
    response = client.patch(
        "/api/v1/notification-preferences/",
        {"preferences": [{"kind": "enrollment.approved", "channel": "email", "mode": "off"}]},
        content_type="application/json",
    )
    assert response.status_code == 200
    approved = next(row for row in response.json() if row["kind"] == "enrollment.approved")
    assert approved["email"] == "off" and approved["default_email"] == "immediate"


def test_a_kind_the_role_never_receives_is_refused_and_nothing_changes(school_a):
    response = school_a.client(school_a.student).patch(
        "/api/v1/notification-preferences/",
        {"preferences": [
            {"kind": "enrollment.approved", "channel": "email", "mode": "off"},
            {"kind": "enrollment.applied", "channel": "email", "mode": "off"},
        ]},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "is not a kind of notice you receive" in response.json()["error"]["message"]
    assert not NotificationPreference.objects.exists()


def test_an_unknown_mode_is_a_400(school_a):
    response = school_a.client(school_a.student).patch(
        "/api/v1/notification-preferences/",
        {"preferences": [{"kind": "enrollment.approved", "channel": "email", "mode": "weekly"}]},
        content_type="application/json",
    )
    assert response.status_code == 400
