"""Live session pages: the list, one session (join, recording, attendance), and the staff's forms."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from cohorts import live_sessions
from cohorts.models import LiveSession, LiveSessionAttendance
from courses.views.files import serve_file
from courses.views.learning import SPEEDS
from lms.forms import add_service_errors
from lms.permissions import member_required

NOT_STAFF = "Only a cohort's staff and the school's registrars schedule live sessions."


class SessionForm(forms.Form):
    cohort = forms.ModelChoiceField(queryset=None)
    title = forms.CharField(max_length=live_sessions.TITLE_MAX)
    kind = forms.ChoiceField(choices=LiveSession.Kind.choices)
    starts_at = forms.DateTimeField(
        label="Starts", widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text="In your time zone.",
    )
    duration_minutes = forms.IntegerField(label="Length in minutes", min_value=live_sessions.DURATION_MIN,
                                          max_value=live_sessions.DURATION_MAX, initial=60)
    host = forms.ModelChoiceField(queryset=None, help_text="One of the cohort's instructors or teaching assistants.")
    join_url = forms.URLField(label="Join link", max_length=500, assume_scheme="https",
                              help_text="The meeting's https:// link. Students can open it from 10 minutes before the start.")
    description = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}),
                                  help_text="What to bring or prepare.")

    def __init__(self, *args, membership, cohort=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cohorts = live_sessions.cohorts_to_run(membership)
        self.fields["cohort"].queryset = cohorts
        self.fields["cohort"].label_from_instance = lambda c: f"{c.section_code} {c.course.title}"
        self.fields["host"].queryset = live_sessions.hosts_for(cohort if cohort is not None else cohorts)
        self.fields["host"].label_from_instance = lambda m: m.user.get_full_name() or m.user.email
        if cohort is not None:
            self.fields["cohort"].disabled = True
            self.fields["cohort"].initial = cohort.pk

    def fields_for_service(self) -> live_sessions.SessionFields:
        data = self.cleaned_data
        return live_sessions.SessionFields(
            title=data["title"], kind=data["kind"], starts_at=data["starts_at"], duration_minutes=data["duration_minutes"],
            host=data["host"], join_url=data["join_url"], description=data["description"],
        )


class RecordingForm(forms.Form):
    video = forms.FileField(label="Recording (MP4 or WebM)", required=False)
    recording_url = forms.URLField(label="Or a link to it", required=False, max_length=500, assume_scheme="https")
    captions = forms.FileField(label="Captions (WebVTT)", required=False,
                               help_text="A .vtt file; its text also becomes the transcript.")


class CancelForm(forms.Form):
    reason = forms.CharField(required=False, max_length=255, label="Reason (optional)",
                             help_text="Sent to everyone who was told of the session.")


@member_required()
def live_session_list(request: HttpRequest) -> HttpResponse:
    membership = request.membership
    rows = live_sessions.sessions_visible_to(membership=membership)
    cohorts = live_sessions.session_cohorts(membership).select_related("course").order_by("section_code")
    cohort = None
    if request.GET.get("cohort"):
        cohort = cohorts.filter(pk=_int(request.GET["cohort"])).first()
        if cohort is None:
            raise Http404("No such cohort.")
        rows = rows.filter(cohort=cohort)
    now = timezone.now()
    upcoming = list(live_sessions.not_over(rows, now=now).order_by("starts_at", "id")[:50])
    coming = {s.pk for s in upcoming}
    past = [s for s in rows.filter(starts_at__lte=now).order_by("-starts_at", "-id")[:60] if s.pk not in coming][:50]
    return render(request, "cohorts/live_sessions/list.html", {
        "upcoming": upcoming, "past": past, "cohorts": cohorts, "cohort": cohort, "now": now,
        "may_schedule": live_sessions.cohorts_to_run(membership).exists(),
    })


def _int(raw: str) -> int:
    try:
        return int(raw)
    except (TypeError, ValueError):
        raise Http404("No such cohort.") from None


@member_required(lambda m: m.role != "student", NOT_STAFF)
def live_session_create(request: HttpRequest) -> HttpResponse:
    membership = request.membership
    initial = {"cohort": request.GET.get("cohort")} if request.GET.get("cohort") else {}
    form = SessionForm(request.POST or None, membership=membership, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            session = live_sessions.session_schedule(
                membership=membership, cohort=form.cleaned_data["cohort"], fields=form.fields_for_service()
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Scheduled. The cohort is reminded a day and an hour before.")
            return redirect("cohorts:live_session_detail", session_id=session.pk)
    return render(request, "cohorts/live_sessions/form.html", {"form": form, "session": None},
                  status=400 if form.errors else 200)


def _runnable(request: HttpRequest, session_id: int) -> LiveSession | HttpResponse:
    session = live_sessions.session_get_for(membership=request.membership, session_id=session_id)
    if not live_sessions.can_run(request.membership, session.cohort):
        return render(request, "lms/forbidden.html", {"message": NOT_STAFF}, status=403)
    return session


def _staff_form(request: HttpRequest, session: LiveSession, form: forms.Form, template: str, act, success: str) -> HttpResponse:
    """A staff form on a session: valid input goes to the service, whose refusals show on the form."""
    if request.method == "POST" and form.is_valid():
        try:
            act(form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, success)
            return redirect("cohorts:live_session_detail", session_id=session.pk)
    return render(request, template, {"form": form, "session": session}, status=400 if form.errors else 200)


@dataclass
class _Track:
    url: str
    language: str
    name: str


@dataclass
class _Video:
    url: str
    content_type: str


@member_required()
def live_session_detail(request: HttpRequest, session_id: int) -> HttpResponse:
    membership = request.membership
    session = live_sessions.session_get_for(membership=membership, session_id=session_id)
    now = timezone.now()
    may_run = live_sessions.can_run(membership, session.cohort)
    context = {
        "session": session, "now": now, "may_run": may_run, "can_join": session.can_join_at(now),
        "is_over": session.ends_at <= now,
    }
    if session.has_recording:
        context.update(
            video_file=_Video(reverse("cohorts:live_session_video", args=[session.pk]), session.recording_type)
            if session.recording_file else None,
            captions=[_Track(reverse("cohorts:live_session_captions", args=[session.pk]), session.captions_language, "English")]
            if session.captions_file else [],
            lesson={"video_url": session.recording_url, "transcript": session.transcript, "duration_seconds": None},
            speeds=SPEEDS,
        )
    if may_run and now >= session.starts_at - LiveSession.JOIN_EARLY and not session.cancelled_at:
        context["roster"] = live_sessions.attendance_roster(session)
        context["statuses"] = LiveSessionAttendance.Status.choices
    elif membership.role == "student":
        context["my_attendance"] = dict(LiveSessionAttendance.Status.choices).get(
            live_sessions.attendance_of(membership=membership, session=session), ""
        )
    return render(request, "cohorts/live_sessions/detail.html", context)


@member_required()
@require_POST
def live_session_join(request: HttpRequest, session_id: int) -> HttpResponse:
    """The join button: to the meeting while the window is open, else back with when it opens."""
    session = live_sessions.session_get_for(membership=request.membership, session_id=session_id)
    if session.can_join_at(timezone.now()):
        return HttpResponseRedirect(session.join_url)
    if session.cancelled_at:
        messages.error(request, "This session was cancelled.")
    elif session.ends_at <= timezone.now():
        messages.error(request, "This session is over.")
    else:
        opens = timezone.localtime(session.join_opens_at())
        messages.error(request, f"The link opens 10 minutes before the start, at {opens:%-I:%M %p}.")
    return redirect("cohorts:live_session_detail", session_id=session.pk)


@member_required()
def live_session_edit(request: HttpRequest, session_id: int) -> HttpResponse:
    session = _runnable(request, session_id)
    if isinstance(session, HttpResponse):
        return session
    initial = {
        "title": session.title, "kind": session.kind, "starts_at": timezone.localtime(session.starts_at),
        "duration_minutes": session.duration_minutes, "host": session.host_id, "join_url": session.join_url,
        "description": session.description,
    }
    form = SessionForm(request.POST or None, membership=request.membership, cohort=session.cohort, initial=initial)
    return _staff_form(
        request, session, form, "cohorts/live_sessions/form.html",
        lambda data: live_sessions.session_update(membership=request.membership, session=session, fields=form.fields_for_service()),
        "Saved. If the time changed, everyone already reminded hears of it.",
    )


@member_required()
def live_session_cancel(request: HttpRequest, session_id: int) -> HttpResponse:
    session = _runnable(request, session_id)
    if isinstance(session, HttpResponse):
        return session
    return _staff_form(
        request, session, CancelForm(request.POST or None), "cohorts/live_sessions/cancel.html",
        lambda data: live_sessions.session_cancel(membership=request.membership, session=session, reason=data["reason"]),
        "Cancelled. Everyone who was told of it hears that it will not take place.",
    )


@member_required()
def live_session_recording(request: HttpRequest, session_id: int) -> HttpResponse:
    session = _runnable(request, session_id)
    if isinstance(session, HttpResponse):
        return session
    return _staff_form(
        request, session, RecordingForm(request.POST or None, request.FILES or None), "cohorts/live_sessions/recording.html",
        lambda data: live_sessions.recording_post(
            membership=request.membership, session=session, recording_url=data["recording_url"], video=data["video"],
            captions=data["captions"],
        ),
        "Recording posted. The cohort's students are told it is ready.",
    )


@member_required()
@require_POST
def live_session_attendance(request: HttpRequest, session_id: int) -> HttpResponse:
    session = _runnable(request, session_id)
    if isinstance(session, HttpResponse):
        return session
    marks = {}
    for key, value in request.POST.items():
        if key.startswith("student-"):
            try:
                marks[int(key.removeprefix("student-"))] = value
            except ValueError:
                continue
    try:
        count = live_sessions.attendance_mark(membership=request.membership, session=session, marks=marks)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Attendance saved for {count} student{'s' if count != 1 else ''}.")
    return redirect(reverse("cohorts:live_session_detail", args=[session.pk]) + "#attendance")


def _stored(request: HttpRequest, session_id: int, which: str) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    session = live_sessions.session_get_for(membership=request.membership, session_id=session_id)
    stored = getattr(session, which)
    if not stored:
        raise Http404("No such file.")
    content_type = session.recording_type if which == "recording_file" else "text/vtt"
    name = f"{session.title}.{'vtt' if which == 'captions_file' else stored.name.rsplit('.', 1)[-1]}"
    return serve_file(request, stored=stored, content_type=content_type, name=name, inline=True)


@require_http_methods(["GET", "HEAD"])
def live_session_video(request: HttpRequest, session_id: int) -> HttpResponse:
    return _stored(request, session_id, "recording_file")


@require_http_methods(["GET", "HEAD"])
def live_session_captions(request: HttpRequest, session_id: int) -> HttpResponse:
    return _stored(request, session_id, "captions_file")


urlpatterns = [
    path("live-sessions/", live_session_list, name="live_session_list"),
    path("live-sessions/new/", live_session_create, name="live_session_create"),
    path("live-sessions/<int:session_id>/", live_session_detail, name="live_session_detail"),
    path("live-sessions/<int:session_id>/join/", live_session_join, name="live_session_join"),
    path("live-sessions/<int:session_id>/edit/", live_session_edit, name="live_session_edit"),
    path("live-sessions/<int:session_id>/cancel/", live_session_cancel, name="live_session_cancel"),
    path("live-sessions/<int:session_id>/recording/", live_session_recording, name="live_session_recording"),
    path("live-sessions/<int:session_id>/attendance/", live_session_attendance, name="live_session_attendance"),
    path("live-sessions/<int:session_id>/recording.video", live_session_video, name="live_session_video"),
    path("live-sessions/<int:session_id>/captions.vtt", live_session_captions, name="live_session_captions"),
]
