"""/api/v1/live-sessions/: listing, scheduling, moving, cancelling, recordings and attendance."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cohorts.models import LiveSession, LiveSessionAttendance
from lms.models import Notification
from tests.factories import EnrollmentFactory, LiveSessionFactory, MembershipFactory, UserFactory


def _now() -> datetime.datetime:
    return timezone.now().replace(second=0, microsecond=0)


@pytest.fixture
def later(cohort_a):
    return LiveSessionFactory(cohort=cohort_a.cohort, title="CPC review", starts_at=_now() + datetime.timedelta(days=2))


def test_a_student_lists_their_cohorts_sessions_without_the_join_link_before_the_window(school_a, later):
    rows = school_a.client(school_a.student).get(reverse("api:live-session-list")).json()["results"]
    assert [(r["title"], r["can_join"], r["join_url"]) for r in rows] == [("CPC review", False, None)]
    assert rows[0]["url"].endswith(reverse("cohorts:live_session_detail", args=[later.pk]))


def test_the_join_link_comes_with_the_window(school_a, cohort_a):
    soon = LiveSessionFactory(cohort=cohort_a.cohort, starts_at=_now() + datetime.timedelta(minutes=5))
    row = school_a.client(school_a.student).get(reverse("api:live-session-detail", args=[soon.pk])).json()
    assert (row["can_join"], row["join_url"]) == (True, soon.join_url)


def test_a_student_of_another_cohort_sees_none_of_them(school_a, later):
    assert school_a.client(school_a.student2).get(reverse("api:live-session-list")).json()["results"] == []


def test_the_instructor_schedules_one(school_a, cohort_a):
    starts = datetime.datetime.combine(cohort_a.cohort.term.starts_on + datetime.timedelta(days=2), datetime.time(23),
                                       tzinfo=datetime.UTC)
    response = school_a.client(school_a.instructor).post(reverse("api:live-session-list"), {
        "cohort": cohort_a.cohort.pk, "title": "Workshop: E/M levels", "kind": "workshop", "starts_at": starts.isoformat(),
        "duration_minutes": 75, "host": school_a.membership(school_a.instructor).pk, "join_url": "https://meet.example.edu/em",
    }, content_type="application/json")
    assert response.status_code == 201, response.content
    assert LiveSession.objects.get().starts_at == starts


def _payload(cohort_a) -> dict:
    starts = datetime.datetime.combine(cohort_a.cohort.term.starts_on + datetime.timedelta(days=2), datetime.time(23),
                                       tzinfo=datetime.UTC)
    return {"cohort": cohort_a.cohort.pk, "title": "Mine", "starts_at": starts.isoformat(), "duration_minutes": 30,
            "host": school_a_host(cohort_a), "join_url": "https://meet.example.edu/x"}


def school_a_host(cohort_a) -> int:
    return cohort_a.school.membership(cohort_a.school.instructor).pk


def test_the_same_request_from_the_cohorts_instructor_is_accepted(school_a, cohort_a):
    response = school_a.client(school_a.instructor).post(reverse("api:live-session-list"), _payload(cohort_a),
                                                         content_type="application/json")
    assert response.status_code == 201


def test_a_student_cannot_schedule_one(school_a, cohort_a):
    response = school_a.client(school_a.student).post(reverse("api:live-session-list"), _payload(cohort_a),
                                                      content_type="application/json")
    assert response.status_code == 400
    assert not LiveSession.objects.exists()


def test_another_cohorts_instructor_gets_the_same_answer_as_for_a_missing_cohort(school_a, cohort_a):
    from tests.conftest import make_cohort

    other = make_cohort(school_a)
    teacher = MembershipFactory(tenant=school_a.tenant, role="instructor", user=UserFactory())
    other.cohort.staff.update(membership=teacher)
    client = school_a.client(teacher.user)
    theirs = client.post(reverse("api:live-session-list"), _payload(cohort_a), content_type="application/json").json()
    missing = client.post(reverse("api:live-session-list"), {**_payload(cohort_a), "cohort": 999999},
                          content_type="application/json").json()
    assert theirs == missing
    assert not LiveSession.objects.exists()


@pytest.mark.parametrize("cohort", ["²", "99999999999999999999999", "x"])
def test_a_malformed_cohort_filter_is_404(school_a, later, cohort):
    assert school_a.client(school_a.student).get(reverse("api:live-session-list"), {"cohort": cohort}).status_code == 404


def test_upcoming_leaves_out_sessions_that_are_over(school_a, cohort_a, later):
    LiveSessionFactory(cohort=cohort_a.cohort, title="Ended an hour ago", starts_at=_now() - datetime.timedelta(hours=2))
    LiveSessionFactory(cohort=cohort_a.cohort, title="Under way", starts_at=_now() - datetime.timedelta(minutes=20))
    rows = school_a.client(school_a.student).get(reverse("api:live-session-list"), {"upcoming": 1}).json()["results"]
    assert [r["title"] for r in rows] == ["Under way", "CPC review"]


def test_an_applicant_sees_no_sessions_of_the_cohort(school_a, cohort_a, later):
    cohort_a.enrollment.state = "applied"
    cohort_a.enrollment.save()
    client = school_a.client(school_a.student)
    assert client.get(reverse("api:live-session-list")).json()["results"] == []
    assert client.get(reverse("api:live-session-detail", args=[later.pk])).status_code == 404


def test_moving_by_patch_changes_only_the_time(school_a, later):
    new = later.starts_at + datetime.timedelta(hours=3)
    response = school_a.client(school_a.instructor).patch(
        reverse("api:live-session-detail", args=[later.pk]), {"starts_at": new.isoformat()}, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    later.refresh_from_db()
    assert (later.starts_at, later.title) == (new, "CPC review")


def test_cancel_tells_those_reminded(school_a, later):
    Notification.objects.create(tenant=school_a.tenant, recipient=school_a.student, kind="live.reminder", title="x",
                                key="k", subject_type="livesession", subject_id=str(later.pk), visible_at=_now())
    response = school_a.client(school_a.instructor).post(
        reverse("api:live-session-cancel", args=[later.pk]), {"reason": "Holiday."}, content_type="application/json"
    )
    assert response.json()["cancelled_at"]
    assert Notification.objects.get(kind="live.changed").recipient == school_a.student


def test_a_linked_recording_is_posted_after_the_session(school_a, cohort_a):
    past = LiveSessionFactory(cohort=cohort_a.cohort, starts_at=_now() - datetime.timedelta(hours=2))
    response = school_a.client(school_a.instructor).post(
        reverse("api:live-session-recording", args=[past.pk]), {"recording_url": "https://video.example.edu/r/9"},
        content_type="application/json",
    )
    assert response.json()["recording"]["link"] == "https://video.example.edu/r/9"


def test_attendance_is_read_and_written_by_staff(school_a, cohort_a):
    past = LiveSessionFactory(cohort=cohort_a.cohort, starts_at=_now() - datetime.timedelta(hours=2))
    student = school_a.membership(school_a.student)
    client = school_a.client(school_a.instructor)
    url = reverse("api:live-session-attendance", args=[past.pk])
    rows = client.post(url, {"marks": [{"membership": student.pk, "status": "excused"}]}, content_type="application/json").json()
    assert [(r["membership"], r["status"]) for r in rows] == [(student.pk, "excused")]
    assert LiveSessionAttendance.objects.get().status == "excused"


def test_a_student_cannot_read_the_attendance_sheet(school_a, cohort_a):
    past = LiveSessionFactory(cohort=cohort_a.cohort, starts_at=_now() - datetime.timedelta(hours=2))
    assert school_a.client(school_a.student).get(reverse("api:live-session-attendance", args=[past.pk])).status_code == 403


@pytest.mark.parametrize("size", [2, 15])
def test_the_list_asks_a_constant_number_of_queries(school_a, cohort_a, size, django_assert_max_num_queries):
    for i in range(size):
        EnrollmentFactory(cohort=cohort_a.cohort, membership=MembershipFactory(tenant=school_a.tenant, user=UserFactory()),
                          state="active")
        LiveSessionFactory(cohort=cohort_a.cohort, starts_at=_now() + datetime.timedelta(hours=i + 1), recorded=bool(i % 2))
    client = school_a.client(school_a.student)
    client.get(reverse("api:live-session-list"))
    with django_assert_max_num_queries(5):
        assert len(client.get(reverse("api:live-session-list")).json()["results"]) == size
