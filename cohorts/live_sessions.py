"""Live sessions: scheduling, moving and cancelling, the join window, recordings and attendance.

A session belongs to one cohort; its staff (and the school's registrars) run it. Reminders
24 hours and 1 hour ahead are found by the term-schedule dispatcher (cohorts/schedule.py)
with keys that name the start time, so a moved session is reminded at its new time, and the
reminders of the old time that have not been shown are withdrawn. Whoever was already told
of a session hears when it moves or is cancelled.
"""

from __future__ import annotations

import datetime
import zoneinfo
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from cohorts import permissions
from cohorts.models import Cohort, CohortStaff, Enrollment, LiveSession, LiveSessionAttendance
from cohorts.selectors import cohort_ids_of, cohorts_visible_to
from courses.content_files import check_video, parse_webvtt, safe_file_name, transcript_from_cues
from lms.models import Membership, Notification, Role
from lms.notifications.kinds import Kind, Mode, register
from lms.notifications.service import notify, withdraw
from lms.permissions import is_member
from lms.selectors import object_id
from lms.services import audit_record
from lms.uploads import read_upload

Status = LiveSessionAttendance.Status

LIVE_REMINDER = register(Kind(
    "live.reminder", "Live session reminder", "Live sessions",
    "A live session of your cohort starts in 24 hours, and again an hour before.",
    {Role.STUDENT: (Mode.IMMEDIATE, Mode.IMMEDIATE), Role.INSTRUCTOR: (Mode.IMMEDIATE, Mode.OFF)},
))
LIVE_CHANGED = register(Kind(
    "live.changed", "Live session moved or cancelled", "Live sessions",
    "A live session you were told of has a new time or will not take place.",
    {Role.STUDENT: (Mode.IMMEDIATE, Mode.IMMEDIATE), Role.INSTRUCTOR: (Mode.IMMEDIATE, Mode.IMMEDIATE)},
))
RECORDING_POSTED = register(Kind(
    "recording.posted", "Recording posted", "Live sessions",
    "The recording of a live session of your cohort is ready to watch.",
    {Role.STUDENT: (Mode.IMMEDIATE, Mode.DIGEST)},
))

REMINDERS = ((24, "tomorrow"), (1, "in an hour"))
TITLE_MAX = 150
DURATION_MIN, DURATION_MAX = 5, 600
DURATION_MAX_DELTA = datetime.timedelta(minutes=DURATION_MAX)
UNDER_WAY_SLACK = 20  # sessions that started in the last ten hours, read past to reach the next ones
ATTENDEE_STATES = (Enrollment.State.ACTIVE, Enrollment.State.COMPLETED)


# --- who may see and run them ----------------------------------------------------------------


def session_cohorts(membership: Membership) -> QuerySet[Cohort]:
    """The cohorts whose sessions the member sees: a student's only once they hold a place
    (an applicant or a waitlisted student does not join the class's meetings)."""
    cohorts = cohorts_visible_to(membership=membership)
    if membership.role == Role.STUDENT:
        held = Enrollment.objects.filter(cohort=OuterRef("pk"), membership=membership, state__in=ATTENDEE_STATES)
        cohorts = cohorts.filter(Exists(held))
    return cohorts


def sessions_visible_to(*, membership: Membership | None) -> QuerySet[LiveSession]:
    if not is_member(membership):
        return LiveSession.objects.none()
    return LiveSession.objects.filter(cohort__in=session_cohorts(membership)).select_related(
        "cohort", "cohort__course", "cohort__term", "host__user"
    )


def not_over(rows: QuerySet[LiveSession], *, now: datetime.datetime) -> QuerySet[LiveSession]:
    """Sessions still to come or under way (not cancelled). The few that started in the last
    ten hours are checked for their end here, so the rest stays one indexed range."""
    rows = rows.filter(cancelled_at__isnull=True)
    started = rows.filter(starts_at__gt=now - DURATION_MAX_DELTA, starts_at__lte=now).values_list(
        "pk", "starts_at", "duration_minutes"
    )
    under_way = [pk for pk, start, minutes in started if start + datetime.timedelta(minutes=minutes) > now]
    return rows.filter(Q(starts_at__gt=now) | Q(pk__in=under_way))


def session_get_for(*, membership: Membership | None, session_id: object) -> LiveSession:
    found = sessions_visible_to(membership=membership).filter(pk=object_id(session_id)).first()
    if found is None:
        raise Http404("No such live session.")
    return found


def can_run(membership: Membership | None, cohort: Cohort) -> bool:
    """The cohort's staff while it runs, and registrars always."""
    return permissions.can_change_cohort_work(membership, cohort)


def cohorts_to_run(membership: Membership) -> QuerySet[Cohort]:
    """The cohorts whose sessions this member may schedule (concluded ones only for registrars)."""
    if membership.role == Role.STUDENT:
        return Cohort.objects.none()
    cohorts = cohorts_visible_to(membership=membership).select_related("course", "term")
    if membership.role == Role.REGISTRAR:
        return cohorts
    return cohorts.filter(term__ends_on__gte=timezone.localdate() - datetime.timedelta(days=1))


def hosts_for(cohort: Cohort | QuerySet[Cohort]) -> QuerySet[Membership]:
    """Who may host: the active staff of the cohort (or of any of the cohorts given)."""
    cohorts = cohort if isinstance(cohort, QuerySet) else [cohort]
    staff = CohortStaff.objects.filter(cohort__in=cohorts).values("membership_id")
    return Membership.objects.filter(pk__in=staff, is_active=True).select_related("user").order_by("user__full_name")


def session_url(session: LiveSession) -> str:
    return reverse("cohorts:live_session_detail", args=[session.pk])


def upcoming_for(*, membership: Membership, now: datetime.datetime | None = None, limit: int = 5) -> list[LiveSession]:
    """The next sessions of the member's cohorts (one under way included), soonest first."""
    now = now or timezone.now()
    # One plain range over the (cohort, starts_at) index; the few that started in the last hours and
    # are over are left out here (the dashboard asks for this on every visit).
    rows = (
        LiveSession.objects.filter(
            cohort_id__in=cohort_ids_of(membership=membership, student_states=ATTENDEE_STATES),
            cancelled_at__isnull=True, starts_at__gt=now - DURATION_MAX_DELTA,
        )
        .select_related("cohort").order_by("starts_at", "id")[: limit + UNDER_WAY_SLACK]
    )
    return [s for s in rows if s.ends_at > now][:limit]


# --- scheduling ------------------------------------------------------------------------------


@dataclass
class SessionFields:
    title: str
    kind: str
    starts_at: datetime.datetime
    duration_minutes: int
    host: Membership | None
    join_url: str
    description: str = ""


def _validate(cohort: Cohort, fields: SessionFields, *, now: datetime.datetime, check_start: bool) -> None:
    errors: dict[str, str] = {}
    fields.title = (fields.title or "").strip()
    fields.join_url = (fields.join_url or "").strip()
    fields.description = (fields.description or "").strip()
    if not fields.title:
        errors["title"] = "Give the session a title."
    elif len(fields.title) > TITLE_MAX:
        errors["title"] = f"Keep the title under {TITLE_MAX} characters."
    if fields.kind not in LiveSession.Kind.values:
        errors["kind"] = "Choose office hours, a live review session or a coding workshop."
    if not isinstance(fields.duration_minutes, int) or not DURATION_MIN <= fields.duration_minutes <= DURATION_MAX:
        errors["duration_minutes"] = f"A session lasts from {DURATION_MIN} to {DURATION_MAX} minutes."
    if not fields.join_url.lower().startswith("https://"):
        errors["join_url"] = "Give the meeting's https:// link (Zoom, Teams, Meet or your school's own)."
    if fields.host is None or not hosts_for(cohort).filter(pk=fields.host.pk).exists():
        errors["host"] = "The host must be one of the cohort's instructors or teaching assistants."
    if fields.starts_at is not None and not timezone.is_naive(fields.starts_at):
        fields.starts_at = fields.starts_at.replace(second=0, microsecond=0)
    if fields.starts_at is None:
        errors["starts_at"] = "Give the date and time it starts."
    else:
        if timezone.is_naive(fields.starts_at):
            errors["starts_at"] = "Give the time with its time zone."
        else:
            local_day = cohort.local_today(fields.starts_at)
            term = cohort.term
            if not term.enrollment_opens_on <= local_day <= term.ends_on:
                errors["starts_at"] = (
                    f"Choose a day from {term.enrollment_opens_on:%B} {term.enrollment_opens_on.day} "
                    f"to the term's last day, {term.ends_on:%B} {term.ends_on.day}, {term.ends_on.year}."
                )
            elif check_start and fields.starts_at < now:
                errors["starts_at"] = "Choose a time from now on."
    if errors:
        raise ValidationError(errors)


def _require_runner(membership: Membership, cohort: Cohort) -> None:
    if not can_run(membership, cohort):
        raise ValidationError("Only the cohort's staff, while it runs, and the school's registrars run its live sessions.")


def _locked(membership: Membership, session: LiveSession) -> LiveSession:
    """The session's row, locked for this transaction, once the member may run it."""
    session = LiveSession.objects.select_for_update().select_related("cohort__term", "tenant").get(pk=session.pk)
    _require_runner(membership, session.cohort)
    return session


@transaction.atomic
def session_schedule(
    *, membership: Membership, cohort: Cohort, fields: SessionFields, now: datetime.datetime | None = None
) -> LiveSession:
    now = now or timezone.now()
    if cohort.tenant_id != membership.tenant_id:
        raise ValidationError({"cohort": "Choose one of your cohorts."})
    _require_runner(membership, cohort)
    _validate(cohort, fields, now=now, check_start=True)
    session = LiveSession.objects.create(
        tenant_id=cohort.tenant_id, cohort=cohort, title=fields.title, kind=fields.kind, description=fields.description,
        starts_at=fields.starts_at, duration_minutes=fields.duration_minutes, host=fields.host, join_url=fields.join_url,
        created_by=membership.user, created_at=now,
    )
    audit_record(tenant=membership.tenant, actor=membership.user, action="live_session.scheduled", target=session,
                 after={"title": session.title, "starts_at": session.starts_at.isoformat(), "cohort": cohort.section_code})
    remind_now_if_due(session, now=now, actor=membership.user)
    return session


@transaction.atomic
def session_update(
    *, membership: Membership, session: LiveSession, fields: SessionFields, now: datetime.datetime | None = None
) -> LiveSession:
    """Change a session; a new start time withdraws the old reminders and tells whoever was told of it."""
    now = now or timezone.now()
    session = _locked(membership, session)
    if session.cancelled_at:
        raise ValidationError("This session was cancelled; schedule a new one instead.")
    if session.ends_at <= now:
        raise ValidationError("The session is over; schedule a new one instead.")
    moved = fields.starts_at.replace(second=0, microsecond=0) != session.starts_at if fields.starts_at else False
    _validate(session.cohort, fields, now=now, check_start=moved)
    before = {"title": session.title, "starts_at": session.starts_at.isoformat(), "duration": session.duration_minutes}
    old_start = session.starts_at
    for name in ("title", "kind", "description", "starts_at", "duration_minutes", "join_url"):
        setattr(session, name, getattr(fields, name))
    session.host = fields.host
    session.save()
    entry = audit_record(tenant=membership.tenant, actor=membership.user, action="live_session.changed", target=session,
                 before=before, after={"title": session.title, "starts_at": session.starts_at.isoformat(),
                                       "duration": session.duration_minutes})
    if moved:
        told = _told(session, now=now)
        withdraw(tenant=session.tenant, keys=reminder_keys(session, starts_at=old_start), now=now)
        notify(  # one key per change: a session moved back and forth is announced every time
            tenant=session.tenant, kind=LIVE_CHANGED.code, recipients=told, actor=membership.user, subject=session,
            key=f"live.moved:{session.pk}:{entry.pk}", title=f"Moved: {session.title}",
            body=f"{session.cohort.section_code}: the session now starts {_when(session)}.", url=session_url(session), now=now,
        )
        remind_now_if_due(session, now=now, actor=membership.user)
    return session


@transaction.atomic
def session_cancel(
    *, membership: Membership, session: LiveSession, reason: str = "", now: datetime.datetime | None = None
) -> LiveSession:
    now = now or timezone.now()
    session = _locked(membership, session)
    if session.cancelled_at:
        return session
    if session.ends_at <= now:
        raise ValidationError("The session is over; there is nothing to cancel.")
    reason = (reason or "").strip()[:255]
    session.cancelled_at, session.cancel_reason = now, reason
    session.save(update_fields=["cancelled_at", "cancel_reason"])
    audit_record(tenant=membership.tenant, actor=membership.user, action="live_session.cancelled", target=session,
                 after={"reason": reason})
    told = _told(session, now=now)
    withdraw(tenant=session.tenant, keys=reminder_keys(session), now=now)
    notify(
        tenant=session.tenant, kind=LIVE_CHANGED.code, recipients=told, actor=membership.user, subject=session,
        key=f"live.cancelled:{session.pk}", title=f"Cancelled: {session.title}",
        body=f"{session.cohort.section_code}: the session of {_when(session)} will not take place."
        + (f" {reason}" if reason else ""),
        url=session_url(session), now=now,
    )
    return session


def _when(session: LiveSession) -> str:
    """The start where the cohort meets, with its zone's name (one text reaches every reader)."""
    local = session.starts_at.astimezone(zoneinfo.ZoneInfo(session.cohort.time_zone))
    return f"{date_format(local, 'l, F j, g:i A')} {local.tzname()}"


def _told(session: LiveSession, *, now: datetime.datetime) -> set[int]:
    """Everyone shown a notice about this session (a reminder, a move) that is still true to them."""
    delivered = Q(visible_at__lte=now) | Q(emailed_at__isnull=False) | ~Q(email_claim="")
    return set(
        Notification.objects.filter(
            delivered, tenant_id=session.tenant_id, subject_type="livesession", subject_id=str(session.pk),
            withdrawn_at__isnull=True,
        ).values_list("recipient_id", flat=True)
    )


# --- reminders -------------------------------------------------------------------------------


def reminder_key(session: LiveSession, hours: int, *, starts_at: datetime.datetime | None = None) -> str:
    start = (starts_at or session.starts_at).astimezone(datetime.UTC)
    return f"live.reminder:{session.pk}:{start:%Y%m%dT%H%M}:{hours}h"


def reminder_keys(session: LiveSession, *, starts_at: datetime.datetime | None = None) -> list[str]:
    return [reminder_key(session, hours, starts_at=starts_at) for hours, _ in REMINDERS]


def attendees(cohort_ids: list[int]) -> dict[int, set[int]]:
    """Per cohort: the user ids a reminder reaches (active students and the staff)."""
    found: dict[int, set[int]] = {pk: set() for pk in cohort_ids}
    for cohort_id, user_id in Enrollment.objects.filter(
        cohort_id__in=cohort_ids, state=Enrollment.State.ACTIVE, membership__is_active=True
    ).values_list("cohort_id", "membership__user_id"):
        found[cohort_id].add(user_id)
    for cohort_id, user_id in CohortStaff.objects.filter(cohort_id__in=cohort_ids).values_list("cohort_id", "membership__user_id"):
        found[cohort_id].add(user_id)
    return found


def reminder_due(session: LiveSession, *, now: datetime.datetime) -> tuple[int, str] | None:
    """Which reminder is true at ``now``: the hour-before one once it is due, else the day-before one."""
    if session.cancelled_at or now >= session.starts_at:
        return None
    for hours, label in reversed(REMINDERS):
        if now >= session.starts_at - datetime.timedelta(hours=hours):
            return hours, label
    return None


def reminder_text(session: LiveSession, hours: int, label: str) -> tuple[str, str]:
    title = f"{session.title} starts {label}"
    body = (
        f"{session.cohort.section_code}, {_when(session)}, "
        f"{session.duration_minutes} minutes with {session.host.user.get_full_name() or session.host.user.email}. "
        "The join button opens 10 minutes before the start."
    )
    return title, body


def remind_now_if_due(session: LiveSession, *, now: datetime.datetime, actor=None) -> int:
    """A session scheduled or moved inside a reminder's window gets that reminder at once
    (with the dispatcher's key, so it never comes twice)."""
    due = reminder_due(session, now=now)
    if due is None:
        return 0
    hours, label = due
    session = LiveSession.objects.select_related("cohort", "host__user", "tenant").get(pk=session.pk)
    title, body = reminder_text(session, hours, label)
    return notify(
        tenant=session.tenant, kind=LIVE_REMINDER.code, recipients=attendees([session.cohort_id])[session.cohort_id],
        key=reminder_key(session, hours), title=title, body=body, url=session_url(session), subject=session, now=now,
        actor=actor,
    )


# --- recordings ------------------------------------------------------------------------------


@transaction.atomic
def recording_post(
    *, membership: Membership, session: LiveSession, recording_url: str = "", video: File | None = None,
    captions: File | None = None, now: datetime.datetime | None = None,
) -> LiveSession:
    """Post (or replace) the recording: an uploaded MP4/WebM or a link, with optional WebVTT captions.
    The cohort's students are told once, the first time."""
    now = now or timezone.now()
    session = _locked(membership, session)
    recording_url = (recording_url or "").strip()
    errors: dict[str, list[str]] = {}
    if session.cancelled_at:
        raise ValidationError("This session was cancelled; it has no recording.")
    if now < session.starts_at:
        raise ValidationError("Post the recording once the session has taken place.")
    content_type = ""
    if video is not None and recording_url:
        errors["recording_url"] = ["Give either an uploaded video or a link, not both."]
    elif video is not None:
        try:
            content_type = check_video(video)
        except ValidationError as exc:
            errors["video"] = exc.messages
    elif recording_url:
        if not recording_url.lower().startswith("https://"):
            errors["recording_url"] = ["Give the recording's https:// link."]
    elif not session.has_recording:
        errors["video"] = ["Upload the recording (MP4 or WebM) or give its link."]
    cues = None
    if captions is not None:
        try:
            cues = parse_webvtt(read_upload(captions, max_bytes=settings.LESSON_CAPTIONS_MAX_BYTES))
        except ValidationError as exc:
            errors["captions"] = exc.messages
    if errors:
        raise ValidationError(errors)
    first = session.recording_posted_at is None
    replaced = []
    if video is not None:
        replaced.append(session.recording_file.name)
        session.recording_file.save(safe_file_name(video.name or "recording.mp4"), video, save=False)
        session.recording_type, session.recording_url = content_type, ""
    elif recording_url:
        replaced.append(session.recording_file.name)
        session.recording_file, session.recording_type, session.recording_url = "", "", recording_url
    if captions is not None:
        replaced.append(session.captions_file.name)
        captions.seek(0)
        session.captions_file.save(safe_file_name(captions.name or "captions.vtt"), captions, save=False)
        session.transcript = transcript_from_cues(cues)
    session.recording_posted_at = session.recording_posted_at or now
    session.save()
    storage = session.recording_file.storage
    stale = [
        name for name in replaced
        if name and not LiveSession.objects.filter(Q(recording_file=name) | Q(captions_file=name)).exists()
    ]
    transaction.on_commit(lambda: [storage.delete(name) for name in stale])
    audit_record(tenant=membership.tenant, actor=membership.user, action="live_session.recording_posted", target=session,
                 after={"uploaded": video is not None, "link": recording_url, "captions": captions is not None})
    if first:
        students = Enrollment.objects.filter(
            cohort_id=session.cohort_id, state__in=ATTENDEE_STATES, membership__is_active=True
        ).values_list("membership__user_id", flat=True)
        notify(
            tenant=session.tenant, kind=RECORDING_POSTED.code, recipients=set(students), actor=membership.user,
            key=f"recording.posted:{session.pk}", title=f"Recording: {session.title}", subject=session,
            body=f"{session.cohort.section_code}: watch it with captions on the session's page.", url=session_url(session),
            now=now,
        )
    return session


# --- attendance ------------------------------------------------------------------------------


@dataclass
class AttendanceRow:
    membership: Membership
    status: str


def attendance_roster(session: LiveSession) -> list[AttendanceRow]:
    """The cohort's students (active or completed) with what staff marked for each, by name."""
    marks = dict(LiveSessionAttendance.objects.filter(session=session).values_list("membership_id", "status"))
    places = (
        Enrollment.objects.filter(cohort_id=session.cohort_id, state__in=ATTENDEE_STATES)
        .select_related("membership__user").order_by("membership__user__full_name", "membership__user__email")
    )
    return [AttendanceRow(e.membership, marks.get(e.membership_id, "")) for e in places]


@transaction.atomic
def attendance_mark(
    *, membership: Membership, session: LiveSession, marks: dict[int, str], now: datetime.datetime | None = None
) -> int:
    """Mark students present, late, excused or absent; an empty mark clears one. All or nothing."""
    now = now or timezone.now()
    _require_runner(membership, session.cohort)
    if session.cancelled_at:
        raise ValidationError("This session was cancelled; there is no attendance to take.")
    if now < session.starts_at - LiveSession.JOIN_EARLY:
        raise ValidationError("Take attendance once the session has begun.")
    students = set(
        Enrollment.objects.filter(cohort_id=session.cohort_id, state__in=ATTENDEE_STATES).values_list("membership_id", flat=True)
    )
    unknown = [pk for pk in marks if pk not in students]
    if unknown:
        raise ValidationError("Attendance is taken only for the cohort's students.")
    wrong = sorted({status for status in marks.values() if status and status not in Status.values})
    if wrong:
        raise ValidationError(f"Mark each student {', '.join(Status.values)}, not {', '.join(wrong)}.")
    cleared = [pk for pk, status in marks.items() if not status]
    LiveSessionAttendance.objects.filter(session=session, membership_id__in=cleared).delete()
    rows = [
        LiveSessionAttendance(tenant_id=session.tenant_id, session=session, membership_id=pk, status=status,
                              marked_by=membership.user, marked_at=now)
        for pk, status in marks.items() if status
    ]
    LiveSessionAttendance.objects.bulk_create(
        rows, update_conflicts=True, unique_fields=["tenant", "session", "membership"],
        update_fields=["status", "marked_by", "marked_at"],
    )
    audit_record(tenant=membership.tenant, actor=membership.user, action="live_session.attendance", target=session,
                 after={"marked": len(rows), "cleared": len(cleared)})
    return len(rows)


def attendance_of(*, membership: Membership, session: LiveSession) -> str:
    """What staff marked for this student ('' when nothing yet)."""
    row = LiveSessionAttendance.objects.filter(session=session, membership=membership).first()
    return row.status if row else ""


def reminder_still_true(session_id: int, starts_at: datetime.datetime) -> bool:
    """Inside the dispatcher's transaction: the row is locked (a cancel or a move waits, or has
    committed and is seen), and the reminder is sent only if the session is still on at that time."""
    return LiveSession.objects.select_for_update().filter(
        pk=session_id, cancelled_at__isnull=True, starts_at=starts_at
    ).exists()


def live_session_dues(*, since: datetime.datetime, until: datetime.datetime) -> list[LiveSession]:
    """Sessions whose reminder times fall in (since, until], for the dispatcher."""
    window_end = until + datetime.timedelta(hours=max(h for h, _ in REMINDERS))
    return list(
        LiveSession.objects.filter(
            cancelled_at__isnull=True, starts_at__gt=since, starts_at__lte=window_end, tenant__is_active=True,
        ).select_related("cohort", "host__user", "tenant")
    )


__all__ = [
    "LIVE_CHANGED", "LIVE_REMINDER", "RECORDING_POSTED", "SessionFields", "attendance_mark", "attendance_roster",
    "can_run", "recording_post", "session_cancel", "session_get_for", "session_schedule", "session_update",
    "sessions_visible_to", "upcoming_for",
]
