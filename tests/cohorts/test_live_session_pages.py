"""Live session pages: the list, the dashboard's join button, a session's page, and the staff's forms."""

from __future__ import annotations

import datetime
import pathlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from cohorts.models import LiveSession, LiveSessionAttendance
from tests.conftest import make_cohort, text
from tests.factories import EnrollmentFactory, LiveSessionFactory, MembershipFactory, UserFactory

MEDIA = pathlib.Path(__file__).resolve().parents[2] / "courses" / "demo_media"


def _now() -> datetime.datetime:
    return timezone.now().replace(second=0, microsecond=0)


@pytest.fixture
def soon(cohort_a):
    return LiveSessionFactory(cohort=cohort_a.cohort, title="CPC review: modifiers", starts_at=_now() + datetime.timedelta(minutes=5))


@pytest.fixture
def later(cohort_a):
    return LiveSessionFactory(cohort=cohort_a.cohort, title="ICD-10-CM office hours", starts_at=_now() + datetime.timedelta(days=2))


def test_the_dashboard_lists_upcoming_sessions_with_a_join_button_only_when_open(school_a, soon, later):
    page = text(school_a.client(school_a.student).get(reverse("lms:dashboard")))
    assert "CPC review: modifiers" in page and "ICD-10-CM office hours" in page
    assert 'Join<span class="visually-hidden"> CPC review: modifiers</span>' in page
    assert 'Join<span class="visually-hidden"> ICD-10-CM office hours</span>' not in page


def test_joining_an_open_session_goes_to_its_meeting(school_a, soon):
    response = school_a.client(school_a.student).post(reverse("cohorts:live_session_join", args=[soon.pk]))
    assert (response.status_code, response["Location"]) == (302, soon.join_url)


def test_joining_too_early_goes_back_to_the_session_with_when_it_opens(school_a, later):
    client = school_a.client(school_a.student)
    response = client.post(reverse("cohorts:live_session_join", args=[later.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("cohorts:live_session_detail", args=[later.pk])
    assert "The link opens 10 minutes before the start" in text(response)


def test_the_session_page_hides_the_join_link_until_the_window(school_a, later):
    page = school_a.client(school_a.student).get(reverse("cohorts:live_session_detail", args=[later.pk])).content.decode()
    assert later.join_url not in page
    assert "The button works from 10 minutes before the start" in page


def test_the_list_shows_coming_and_past_sessions(school_a, cohort_a, later):
    LiveSessionFactory(cohort=cohort_a.cohort, title="Last week's workshop", starts_at=_now() - datetime.timedelta(days=7))
    page = text(school_a.client(school_a.student).get(reverse("cohorts:live_session_list")))
    coming, past = page.split("Past sessions")
    assert "ICD-10-CM office hours" in coming and "Last week's workshop" in past


def test_a_cohort_filter_to_a_cohort_not_ones_own_is_404(school_a, cohort_a, later):
    other = make_cohort(school_a)
    other.enrollment.membership = school_a.membership(school_a.student2)
    other.enrollment.save()
    client = school_a.client(school_a.student2)
    assert client.get(reverse("cohorts:live_session_list"), {"cohort": other.cohort.pk}).status_code == 200
    assert client.get(reverse("cohorts:live_session_list"), {"cohort": cohort_a.cohort.pk}).status_code == 404


def test_a_waitlisted_student_cannot_join_or_watch(school_a, cohort_a, soon):
    cohort_a.enrollment.state = "waitlisted"
    cohort_a.enrollment.waitlisted_at = timezone.now()
    cohort_a.enrollment.save()
    client = school_a.client(school_a.student)
    assert client.post(reverse("cohorts:live_session_join", args=[soon.pk])).status_code == 404
    assert "CPC review: modifiers" not in text(client.get(reverse("lms:dashboard")))


def test_a_recording_whose_file_is_gone_is_404_not_an_error(school_a, cohort_a):
    past = LiveSessionFactory(cohort=cohort_a.cohort, starts_at=_now() - datetime.timedelta(hours=3), recorded=True)
    past.recording_file.storage.delete(past.recording_file.name)
    assert school_a.client(school_a.student).get(reverse("cohorts:live_session_video", args=[past.pk])).status_code == 404


def test_the_instructor_schedules_a_session_in_their_own_time_zone(school_a, cohort_a):
    school_a.instructor.time_zone = "America/Chicago"
    school_a.instructor.save()
    day = cohort_a.cohort.term.starts_on + datetime.timedelta(days=3)
    response = school_a.client(school_a.instructor).post(reverse("cohorts:live_session_create"), {
        "cohort": cohort_a.cohort.pk, "title": "Coding workshop: fractures", "kind": "workshop",
        "starts_at": f"{day:%Y-%m-%d}T18:30", "duration_minutes": 90,
        "host": school_a.membership(school_a.instructor).pk, "join_url": "https://meet.example.edu/fractures",
    })
    made = LiveSession.objects.get()
    assert response.status_code == 302
    assert made.starts_at.astimezone(datetime.UTC).hour in (23, 0)  # 6:30 pm Chicago is 23:30 or 00:30 UTC
    assert made.starts_at.astimezone(datetime.UTC).minute == 30


def test_a_student_may_not_open_the_schedule_form(school_a, cohort_a):
    assert school_a.client(school_a.student).get(reverse("cohorts:live_session_create")).status_code == 403


def test_a_student_of_the_cohort_may_not_change_a_session(school_a, later):
    client = school_a.client(school_a.student)
    assert client.get(reverse("cohorts:live_session_edit", args=[later.pk])).status_code == 403
    assert client.post(reverse("cohorts:live_session_cancel", args=[later.pk])).status_code == 403
    later.refresh_from_db()
    assert later.cancelled_at is None


def test_bad_input_on_the_form_shows_the_message_and_saves_nothing(school_a, cohort_a):
    response = school_a.client(school_a.instructor).post(reverse("cohorts:live_session_create"), {
        "cohort": cohort_a.cohort.pk, "title": "Workshop", "kind": "workshop", "starts_at": "2020-01-01T10:00",
        "duration_minutes": 60, "host": school_a.membership(school_a.instructor).pk, "join_url": "https://meet.example.edu/x",
    })
    assert response.status_code == 400
    assert "Choose a day from" in text(response)
    assert not LiveSession.objects.exists()


def test_cancelling_from_the_page(school_a, later):
    response = school_a.client(school_a.instructor).post(
        reverse("cohorts:live_session_cancel", args=[later.pk]), {"reason": "Snow day."}, follow=True
    )
    later.refresh_from_db()
    assert later.cancel_reason == "Snow day."
    assert "This session was cancelled: Snow day." in text(response)


def test_posting_a_recording_plays_it_on_the_session_page_with_captions(school_a, cohort_a):
    past = LiveSessionFactory(cohort=cohort_a.cohort, title="Review: neoplasms", starts_at=_now() - datetime.timedelta(hours=3))
    client = school_a.client(school_a.instructor)
    client.post(reverse("cohorts:live_session_recording", args=[past.pk]), {
        "video": SimpleUploadedFile("review.mp4", (MEDIA / "icd10cm-code-structure.mp4").read_bytes(), "video/mp4"),
        "captions": SimpleUploadedFile("review.vtt", (MEDIA / "icd10cm-code-structure.vtt").read_bytes(), "text/vtt"),
    })
    page = school_a.client(school_a.student).get(reverse("cohorts:live_session_detail", args=[past.pk])).content.decode()
    assert f'src="{reverse("cohorts:live_session_video", args=[past.pk])}"' in page
    assert f'src="{reverse("cohorts:live_session_captions", args=[past.pk])}"' in page
    video = school_a.client(school_a.student).get(reverse("cohorts:live_session_video", args=[past.pk]), HTTP_RANGE="bytes=0-9")
    assert (video.status_code, video["Content-Type"], len(b"".join(video.streaming_content))) == (206, "video/mp4", 10)


def test_a_recording_that_is_not_a_video_is_refused_on_the_form(school_a, cohort_a):
    past = LiveSessionFactory(cohort=cohort_a.cohort, starts_at=_now() - datetime.timedelta(hours=3))
    response = school_a.client(school_a.instructor).post(reverse("cohorts:live_session_recording", args=[past.pk]), {
        "video": SimpleUploadedFile("review.mp4", b"\x7fELF pretend program", "video/mp4"),
    })
    assert response.status_code == 400
    past.refresh_from_db()
    assert not past.has_recording


def test_the_instructor_marks_attendance_on_the_session_page(school_a, cohort_a):
    past = LiveSessionFactory(cohort=cohort_a.cohort, starts_at=_now() - datetime.timedelta(hours=3))
    student = school_a.membership(school_a.student)
    client = school_a.client(school_a.instructor)
    assert f'name="student-{student.pk}"' in client.get(reverse("cohorts:live_session_detail", args=[past.pk])).content.decode()
    client.post(reverse("cohorts:live_session_attendance", args=[past.pk]), {f"student-{student.pk}": "present"})
    assert LiveSessionAttendance.objects.get().status == "present"
    page = school_a.client(school_a.student).get(reverse("cohorts:live_session_detail", args=[past.pk])).content.decode()
    assert "<dt>Your attendance</dt><dd>Present</dd>" in page


def _grow(cohort_a, school_a, n: int) -> None:
    for i in range(n):
        user = UserFactory()
        EnrollmentFactory(cohort=cohort_a.cohort, membership=MembershipFactory(tenant=school_a.tenant, user=user), state="active")
        LiveSessionFactory(cohort=cohort_a.cohort, starts_at=_now() + datetime.timedelta(hours=i + 1))
        LiveSessionFactory(cohort=cohort_a.cohort, starts_at=_now() - datetime.timedelta(days=i + 1))


@pytest.mark.parametrize("size", [2, 12])
def test_the_list_and_a_session_page_ask_a_constant_number_of_queries(school_a, cohort_a, size, django_assert_max_num_queries):
    _grow(cohort_a, school_a, size)
    past = LiveSession.objects.filter(starts_at__lt=_now()).first()
    client = school_a.client(school_a.instructor)
    client.get(reverse("cohorts:live_session_list"))
    with django_assert_max_num_queries(9):
        assert client.get(reverse("cohorts:live_session_list")).status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get(reverse("cohorts:live_session_detail", args=[past.pk])).status_code == 200


@pytest.mark.parametrize("size", [2, 12])
def test_the_dashboard_with_sessions_asks_a_constant_number_of_queries(school_a, cohort_a, size, django_assert_max_num_queries):
    _grow(cohort_a, school_a, size)
    client = school_a.client(school_a.student)
    client.get(reverse("lms:dashboard"))
    with django_assert_max_num_queries(10):
        page = client.get(reverse("lms:dashboard"))
    assert page.content.decode().count('class="session-item"') == min(size, 5)
