"""Live sessions: scheduling rules, reminders through the dispatcher, moving, cancelling, recordings, attendance."""

from __future__ import annotations

import datetime
import pathlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from cohorts import live_sessions, schedule
from cohorts.live_sessions import SessionFields
from cohorts.models import LiveSession, LiveSessionAttendance
from lms.models import Notification, Role
from tests.factories import (
    CohortFactory,
    CohortStaffFactory,
    EnrollmentFactory,
    LiveSessionFactory,
    MembershipFactory,
    TermFactory,
    UserFactory,
)

UTC = datetime.UTC
START = datetime.date(2027, 1, 11)
SESSION_AT = datetime.datetime(2027, 2, 3, 0, 0, tzinfo=UTC)  # Tuesday Feb 2, 7 pm in New York
MEDIA = pathlib.Path(__file__).resolve().parents[2] / "courses" / "demo_media"


@pytest.fixture
def cohort(school_a):
    term = TermFactory(
        tenant=school_a.tenant, name="Spring 2027", starts_on=START, ends_on=START + datetime.timedelta(days=110),
        enrollment_opens_on=START - datetime.timedelta(days=40), enrollment_closes_on=START + datetime.timedelta(days=5),
        drop_deadline=START + datetime.timedelta(days=14),
    )
    cohort = CohortFactory(tenant=school_a.tenant, term=term, section_code="MCC-103-S27-01", time_zone="America/New_York")
    EnrollmentFactory(cohort=cohort, membership=school_a.membership(school_a.student), state="active")
    CohortStaffFactory(cohort=cohort, membership=school_a.membership(school_a.instructor))
    return cohort


@pytest.fixture
def session(cohort):
    return LiveSessionFactory(cohort=cohort, title="CPT E/M office hours", starts_at=SESSION_AT)


def fields(school_a, **changes) -> SessionFields:
    values = {
        "title": "Modifier 25 workshop", "kind": "workshop", "starts_at": SESSION_AT, "duration_minutes": 90,
        "host": school_a.membership(school_a.instructor), "join_url": "https://meet.example.edu/mod25",
    }
    values.update(changes)
    return SessionFields(**values)


def keys(kind: str) -> list[tuple[str, str]]:
    return sorted(Notification.objects.filter(kind=kind, withdrawn_at__isnull=True).values_list("recipient__email", "key"))


def run_at(when: datetime.datetime) -> int:
    return schedule.dispatch_term_schedule(now=when)


# --- scheduling ----------------------------------------------------------------------------


def test_the_cohorts_instructor_schedules_a_session(school_a, cohort):
    made = live_sessions.session_schedule(
        membership=school_a.membership(school_a.instructor), cohort=cohort, fields=fields(school_a),
        now=SESSION_AT - datetime.timedelta(days=5),
    )
    assert (made.title, made.duration_minutes, made.ends_at) == (
        "Modifier 25 workshop", 90, SESSION_AT + datetime.timedelta(minutes=90)
    )


def test_a_student_cannot_schedule_one(school_a, cohort):
    with pytest.raises(ValidationError):
        live_sessions.session_schedule(
            membership=school_a.membership(school_a.student), cohort=cohort, fields=fields(school_a),
            now=SESSION_AT - datetime.timedelta(days=5),
        )
    assert not LiveSession.objects.exists()


def test_the_host_must_be_on_the_cohorts_staff(school_a, cohort):
    other = MembershipFactory(tenant=school_a.tenant, role=Role.INSTRUCTOR, user=UserFactory())
    with pytest.raises(ValidationError) as raised:
        live_sessions.session_schedule(
            membership=school_a.membership(school_a.registrar), cohort=cohort, fields=fields(school_a, host=other),
            now=SESSION_AT - datetime.timedelta(days=5),
        )
    assert "host" in raised.value.message_dict


@pytest.mark.parametrize(("change", "field"), [
    ({"join_url": "http://meet.example.edu/x"}, "join_url"),
    ({"duration_minutes": 2}, "duration_minutes"),
    ({"title": "  "}, "title"),
    ({"starts_at": datetime.datetime(2027, 6, 1, 0, 0, tzinfo=UTC)}, "starts_at"),  # after the term
])
def test_bad_input_names_the_field_and_saves_nothing(school_a, cohort, change, field):
    with pytest.raises(ValidationError) as raised:
        live_sessions.session_schedule(
            membership=school_a.membership(school_a.instructor), cohort=cohort, fields=fields(school_a, **change),
            now=SESSION_AT - datetime.timedelta(days=5),
        )
    assert field in raised.value.message_dict
    assert not LiveSession.objects.exists()


def test_a_session_in_the_past_cannot_be_scheduled(school_a, cohort):
    with pytest.raises(ValidationError) as raised:
        live_sessions.session_schedule(
            membership=school_a.membership(school_a.instructor), cohort=cohort, fields=fields(school_a),
            now=SESSION_AT + datetime.timedelta(hours=1),
        )
    assert raised.value.message_dict["starts_at"] == ["Choose a time from now on."]


def test_the_join_window_opens_ten_minutes_before_and_closes_at_the_end(session):
    assert not session.can_join_at(SESSION_AT - datetime.timedelta(minutes=11))
    assert session.can_join_at(SESSION_AT - datetime.timedelta(minutes=10))
    assert session.can_join_at(SESSION_AT + datetime.timedelta(minutes=59))
    assert not session.can_join_at(SESSION_AT + datetime.timedelta(minutes=60))


# --- reminders -----------------------------------------------------------------------------


def test_a_day_before_the_cohort_is_reminded(school_a, session):
    run_at(SESSION_AT - datetime.timedelta(hours=24, minutes=5))
    run_at(SESSION_AT - datetime.timedelta(hours=23, minutes=58))
    key = live_sessions.reminder_key(session, 24)
    assert keys("live.reminder") == [(school_a.instructor.email, key), (school_a.student.email, key)]
    notice = Notification.objects.get(recipient=school_a.student)
    assert notice.title == "CPT E/M office hours starts tomorrow"
    assert "Tuesday, February 2, 7:00 PM EST" in notice.body


def test_an_hour_before_they_are_reminded_again_and_once(school_a, session):
    for minutes in (24 * 60 + 5, 24 * 60 - 2, 65, 58, 55):
        run_at(SESSION_AT - datetime.timedelta(minutes=minutes))
    assert [k for _, k in keys("live.reminder") if _ == school_a.student.email] == sorted(
        [live_sessions.reminder_key(session, 24), live_sessions.reminder_key(session, 1)]
    )


def test_a_dispatcher_down_for_a_day_sends_only_the_reminder_still_true(school_a, session):
    run_at(SESSION_AT - datetime.timedelta(hours=30))
    run_at(SESSION_AT - datetime.timedelta(minutes=30))  # down through both reminder times
    assert keys("live.reminder") == sorted(
        (email, live_sessions.reminder_key(session, 1)) for email in (school_a.instructor.email, school_a.student.email)
    )


def test_a_session_already_over_is_never_reminded_after_a_long_outage(school_a, session):
    run_at(SESSION_AT - datetime.timedelta(hours=30))
    run_at(SESSION_AT + datetime.timedelta(hours=3))
    assert keys("live.reminder") == []


def test_a_cancelled_session_is_not_reminded(school_a, session):
    live_sessions.session_cancel(membership=school_a.membership(school_a.instructor), session=session,
                                 now=SESSION_AT - datetime.timedelta(days=3))
    run_at(SESSION_AT - datetime.timedelta(hours=25))
    run_at(SESSION_AT - datetime.timedelta(hours=23))
    assert keys("live.reminder") == []


def test_a_session_scheduled_for_tonight_reminds_at_once_and_the_dispatcher_adds_nothing(school_a, cohort):
    now = SESSION_AT - datetime.timedelta(hours=5)
    run_at(now - datetime.timedelta(minutes=5))
    made = live_sessions.session_schedule(
        membership=school_a.membership(school_a.registrar), cohort=cohort, fields=fields(school_a), now=now
    )
    run_at(now + datetime.timedelta(minutes=5))
    assert keys("live.reminder") == sorted(
        (email, live_sessions.reminder_key(made, 24)) for email in (school_a.instructor.email, school_a.student.email)
    )


# --- moving and cancelling -----------------------------------------------------------------


def test_moving_a_session_tells_those_reminded_and_reminds_at_the_new_time(school_a, session):
    run_at(SESSION_AT - datetime.timedelta(hours=24, minutes=5))
    run_at(SESSION_AT - datetime.timedelta(hours=23, minutes=55))
    later = SESSION_AT + datetime.timedelta(days=2)
    now = SESSION_AT - datetime.timedelta(hours=20)
    live_sessions.session_update(membership=school_a.membership(school_a.instructor), session=session,
                                 fields=fields(school_a, title=session.title, starts_at=later), now=now)
    moved = Notification.objects.get(kind="live.changed", recipient=school_a.student)
    assert moved.title == "Moved: CPT E/M office hours"
    assert not Notification.objects.filter(kind="live.changed", recipient=school_a.instructor).exists()  # the actor
    run_at(later - datetime.timedelta(hours=24, minutes=5))
    run_at(later - datetime.timedelta(hours=23, minutes=55))
    student_keys = [k for e, k in keys("live.reminder") if e == school_a.student.email]
    assert live_sessions.reminder_key(session, 24, starts_at=later) in student_keys


def test_moving_withdraws_reminders_of_the_old_time_not_yet_shown(school_a, session):
    Notification.objects.create(
        tenant=school_a.tenant, recipient=school_a.student, kind="live.reminder", title="x", subject_type="livesession",
        subject_id=str(session.pk), key=live_sessions.reminder_key(session, 1), visible_at=SESSION_AT,
    )
    live_sessions.session_update(
        membership=school_a.membership(school_a.instructor), session=session,
        fields=fields(school_a, starts_at=SESSION_AT + datetime.timedelta(days=1)), now=SESSION_AT - datetime.timedelta(days=2),
    )
    assert Notification.objects.get(key=live_sessions.reminder_key(session, 1, starts_at=SESSION_AT)).withdrawn_at


def test_moving_a_session_nobody_was_told_of_tells_nobody(school_a, session):
    live_sessions.session_update(
        membership=school_a.membership(school_a.instructor), session=session,
        fields=fields(school_a, starts_at=SESSION_AT + datetime.timedelta(days=1)), now=SESSION_AT - datetime.timedelta(days=6),
    )
    assert not Notification.objects.filter(kind="live.changed").exists()


def test_cancelling_tells_those_reminded_once(school_a, session):
    run_at(SESSION_AT - datetime.timedelta(hours=24, minutes=5))
    run_at(SESSION_AT - datetime.timedelta(hours=23, minutes=55))
    registrar = school_a.membership(school_a.registrar)
    now = SESSION_AT - datetime.timedelta(hours=3)
    live_sessions.session_cancel(membership=registrar, session=session, reason="The instructor is ill.", now=now)
    live_sessions.session_cancel(membership=registrar, session=session, now=now)
    cancelled = Notification.objects.filter(kind="live.changed")
    assert sorted(cancelled.values_list("recipient__email", flat=True)) == [school_a.instructor.email, school_a.student.email]
    assert cancelled.first().body.endswith("The instructor is ill.")


def test_a_session_that_is_over_cannot_be_cancelled(school_a, session):
    with pytest.raises(ValidationError):
        live_sessions.session_cancel(membership=school_a.membership(school_a.instructor), session=session,
                                     now=SESSION_AT + datetime.timedelta(hours=2))


# --- recordings ----------------------------------------------------------------------------


def _video() -> SimpleUploadedFile:
    return SimpleUploadedFile("office-hours.mp4", (MEDIA / "icd10cm-code-structure.mp4").read_bytes(), "video/mp4")


def _captions() -> SimpleUploadedFile:
    return SimpleUploadedFile("office-hours.vtt", (MEDIA / "icd10cm-code-structure.vtt").read_bytes(), "text/vtt")


def test_a_recording_with_captions_is_posted_and_the_students_told_once(school_a, session):
    instructor = school_a.membership(school_a.instructor)
    after = SESSION_AT + datetime.timedelta(hours=2)
    live_sessions.recording_post(membership=instructor, session=session, video=_video(), captions=_captions(), now=after)
    live_sessions.recording_post(membership=instructor, session=session, captions=_captions(), now=after)
    session.refresh_from_db()
    assert (session.recording_type, bool(session.captions_file), session.recording_posted_at) == ("video/mp4", True, after)
    assert "ICD-10-CM" in session.transcript
    assert keys("recording.posted") == [(school_a.student.email, f"recording.posted:{session.pk}")]


def test_a_recording_is_checked_by_its_bytes(school_a, session):
    fake = SimpleUploadedFile("recording.mp4", b"%PDF-1.7 not a video", "video/mp4")
    with pytest.raises(ValidationError) as raised:
        live_sessions.recording_post(membership=school_a.membership(school_a.instructor), session=session, video=fake,
                                     now=SESSION_AT + datetime.timedelta(hours=2))
    assert "video" in raised.value.message_dict
    session.refresh_from_db()
    assert not session.has_recording
    assert not Notification.objects.filter(kind="recording.posted").exists()


def test_a_recording_cannot_come_before_the_session(school_a, session):
    with pytest.raises(ValidationError):
        live_sessions.recording_post(membership=school_a.membership(school_a.instructor), session=session,
                                     recording_url="https://video.example.edu/r/1", now=SESSION_AT - datetime.timedelta(hours=1))


def test_a_linked_recording_replaces_an_uploaded_one(school_a, session):
    instructor = school_a.membership(school_a.instructor)
    after = SESSION_AT + datetime.timedelta(hours=2)
    live_sessions.recording_post(membership=instructor, session=session, video=_video(), now=after)
    live_sessions.recording_post(membership=instructor, session=session, recording_url="https://video.example.edu/r/1", now=after)
    session.refresh_from_db()
    assert (session.recording_url, bool(session.recording_file)) == ("https://video.example.edu/r/1", False)


# --- attendance ----------------------------------------------------------------------------


def test_staff_mark_attendance_and_can_change_it(school_a, session):
    student = school_a.membership(school_a.student)
    instructor = school_a.membership(school_a.instructor)
    during = SESSION_AT + datetime.timedelta(minutes=30)
    live_sessions.attendance_mark(membership=instructor, session=session, marks={student.pk: "late"}, now=during)
    live_sessions.attendance_mark(membership=instructor, session=session, marks={student.pk: "present"}, now=during)
    assert list(LiveSessionAttendance.objects.values_list("membership_id", "status")) == [(student.pk, "present")]
    assert [(r.membership.pk, r.status) for r in live_sessions.attendance_roster(session)] == [(student.pk, "present")]


def test_attendance_is_only_for_the_cohorts_students(school_a, session):
    stranger = school_a.membership(school_a.student2)
    with pytest.raises(ValidationError):
        live_sessions.attendance_mark(membership=school_a.membership(school_a.instructor), session=session,
                                      marks={stranger.pk: "present"}, now=SESSION_AT + datetime.timedelta(minutes=5))
    assert not LiveSessionAttendance.objects.exists()


def test_a_student_cannot_mark_attendance(school_a, session):
    student = school_a.membership(school_a.student)
    with pytest.raises(ValidationError):
        live_sessions.attendance_mark(membership=student, session=session, marks={student.pk: "present"},
                                      now=SESSION_AT + datetime.timedelta(minutes=5))


def test_an_unknown_status_changes_nothing(school_a, session):
    student = school_a.membership(school_a.student)
    with pytest.raises(ValidationError):
        live_sessions.attendance_mark(membership=school_a.membership(school_a.instructor), session=session,
                                      marks={student.pk: "asleep"}, now=SESSION_AT + datetime.timedelta(minutes=5))
    assert not LiveSessionAttendance.objects.exists()


# --- what each person sees -----------------------------------------------------------------


def test_the_upcoming_list_shows_the_next_sessions_of_ones_own_cohorts(school_a, cohort, session):
    LiveSessionFactory(cohort=cohort, title="Cancelled one", starts_at=SESSION_AT, cancelled_at=SESSION_AT)
    LiveSessionFactory(cohort=cohort, title="Last week", starts_at=SESSION_AT - datetime.timedelta(days=7))
    other = CohortFactory(tenant=school_a.tenant)
    CohortStaffFactory(cohort=other, membership=school_a.membership(school_a.instructor))
    LiveSessionFactory(cohort=other, title="Another cohort's", starts_at=SESSION_AT)
    now = SESSION_AT - datetime.timedelta(days=1)
    assert [s.title for s in live_sessions.upcoming_for(membership=school_a.membership(school_a.student), now=now)] == [
        "CPT E/M office hours"
    ]


def test_a_session_moved_away_and_back_is_reminded_at_its_time(school_a, session):
    instructor = school_a.membership(school_a.instructor)
    early = SESSION_AT - datetime.timedelta(days=3)
    Notification.objects.create(
        tenant=school_a.tenant, recipient=school_a.student, kind="live.reminder", title="x", subject_type="livesession",
        subject_id=str(session.pk), key=live_sessions.reminder_key(session, 24), visible_at=SESSION_AT,
    )
    live_sessions.session_update(membership=instructor, session=session,
                                 fields=fields(school_a, starts_at=SESSION_AT + datetime.timedelta(days=1)), now=early)
    live_sessions.session_update(membership=instructor, session=session, fields=fields(school_a, starts_at=SESSION_AT),
                                 now=early + datetime.timedelta(minutes=1))
    run_at(SESSION_AT - datetime.timedelta(hours=24, minutes=5))
    run_at(SESSION_AT - datetime.timedelta(hours=23, minutes=55))
    assert (school_a.student.email, live_sessions.reminder_key(session, 24)) in keys("live.reminder")


def test_a_reminder_found_before_a_cancel_commits_is_not_sent(school_a, session, monkeypatch):
    stale = list(live_sessions.live_session_dues(since=SESSION_AT - datetime.timedelta(days=2), until=SESSION_AT))
    live_sessions.session_cancel(membership=school_a.membership(school_a.instructor), session=session,
                                 now=SESSION_AT - datetime.timedelta(hours=25))
    monkeypatch.setattr(live_sessions, "live_session_dues", lambda **_: stale)  # as the dispatcher read it
    run_at(SESSION_AT - datetime.timedelta(hours=24, minutes=5))
    run_at(SESSION_AT - datetime.timedelta(hours=23, minutes=55))
    assert keys("live.reminder") == []


def test_a_session_moved_back_and_forth_is_announced_each_time(school_a, session):
    instructor = school_a.membership(school_a.instructor)
    Notification.objects.create(
        tenant=school_a.tenant, recipient=school_a.student, kind="live.reminder", title="x", subject_type="livesession",
        subject_id=str(session.pk), key="shown", visible_at=SESSION_AT - datetime.timedelta(days=4),
    )
    now = SESSION_AT - datetime.timedelta(days=3)
    for n, start in enumerate((SESSION_AT + datetime.timedelta(days=1), SESSION_AT, SESSION_AT + datetime.timedelta(days=1))):
        live_sessions.session_update(membership=instructor, session=session, fields=fields(school_a, starts_at=start),
                                     now=now + datetime.timedelta(minutes=n))
    assert Notification.objects.filter(kind="live.changed", recipient=school_a.student).count() == 3


def test_someone_reminded_only_by_email_hears_of_a_cancel(school_a, session):
    Notification.objects.create(
        tenant=school_a.tenant, recipient=school_a.student, kind="live.reminder", title="x", subject_type="livesession",
        subject_id=str(session.pk), key=live_sessions.reminder_key(session, 24), visible_at=None,
        emailed_at=SESSION_AT - datetime.timedelta(hours=24),
    )
    live_sessions.session_cancel(membership=school_a.membership(school_a.instructor), session=session,
                                 now=SESSION_AT - datetime.timedelta(hours=3))
    assert Notification.objects.filter(kind="live.changed", recipient=school_a.student).exists()


def test_a_session_that_is_over_cannot_be_moved(school_a, session):
    with pytest.raises(ValidationError):
        live_sessions.session_update(
            membership=school_a.membership(school_a.instructor), session=session,
            fields=fields(school_a, starts_at=SESSION_AT + datetime.timedelta(days=3)), now=SESSION_AT + datetime.timedelta(hours=2),
        )
    session.refresh_from_db()
    assert session.starts_at == SESSION_AT


def test_whoever_schedules_a_session_for_tonight_is_not_reminded_of_it(school_a, cohort):
    now = SESSION_AT - datetime.timedelta(hours=5)
    live_sessions.session_schedule(membership=school_a.membership(school_a.instructor), cohort=cohort,
                                   fields=fields(school_a), now=now)
    assert [e for e, _ in keys("live.reminder")] == [school_a.student.email]
