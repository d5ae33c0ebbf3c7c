"""/api/v1/live-sessions/: the caller's live sessions; staff schedule, move, cancel, post a recording and take attendance."""

from __future__ import annotations

import datetime

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from cohorts import live_sessions
from cohorts.models import LiveSession, LiveSessionAttendance
from lms.models import Membership
from lms.permissions import api_membership
from lms.selectors import object_id


class LiveSessionOut(serializers.ModelSerializer):
    cohort = serializers.IntegerField(source="cohort_id", read_only=True)
    section_code = serializers.CharField(source="cohort.section_code", read_only=True)
    host = serializers.IntegerField(source="host_id", read_only=True)
    host_name = serializers.SerializerMethodField()
    ends_at = serializers.DateTimeField(read_only=True)
    join_opens_at = serializers.SerializerMethodField()
    can_join = serializers.SerializerMethodField()
    join_url = serializers.SerializerMethodField()
    recording = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = LiveSession
        fields = [
            "id", "cohort", "section_code", "title", "kind", "description", "starts_at", "duration_minutes", "ends_at",
            "host", "host_name", "join_opens_at", "can_join", "join_url", "cancelled_at", "cancel_reason",
            "recording", "url",
        ]

    def _now(self) -> datetime.datetime:
        return self.context.setdefault("now", timezone.now())

    def get_host_name(self, session: LiveSession) -> str:
        return session.host.user.get_full_name() or session.host.user.email

    def get_join_opens_at(self, session: LiveSession) -> datetime.datetime:
        return session.join_opens_at()

    def get_can_join(self, session: LiveSession) -> bool:
        return session.can_join_at(self._now())

    def get_join_url(self, session: LiveSession) -> str | None:
        """The meeting link, only while it may be used (the same rule as the join button)."""
        return session.join_url if session.can_join_at(self._now()) else None

    def get_recording(self, session: LiveSession) -> dict | None:
        if not session.has_recording:
            return None
        request = self.context.get("request")
        absolute = request.build_absolute_uri if request else (lambda u: u)
        return {
            "video": absolute(reverse("cohorts:live_session_video", args=[session.pk])) if session.recording_file else None,
            "link": session.recording_url or None,
            "captions": absolute(reverse("cohorts:live_session_captions", args=[session.pk])) if session.captions_file else None,
            "posted_at": session.recording_posted_at,
        }

    def get_url(self, session: LiveSession) -> str:
        request = self.context.get("request")
        path = live_sessions.session_url(session)
        return request.build_absolute_uri(path) if request else path


class LiveSessionIn(serializers.Serializer):
    cohort = serializers.IntegerField()
    title = serializers.CharField(max_length=live_sessions.TITLE_MAX)
    kind = serializers.ChoiceField(choices=LiveSession.Kind.choices, default=LiveSession.Kind.OFFICE_HOURS)
    starts_at = serializers.DateTimeField()
    duration_minutes = serializers.IntegerField(min_value=live_sessions.DURATION_MIN, max_value=live_sessions.DURATION_MAX)
    host = serializers.IntegerField(help_text="The membership id of one of the cohort's staff.")
    join_url = serializers.URLField(max_length=500)
    description = serializers.CharField(required=False, allow_blank=True, default="")


class LiveSessionChange(LiveSessionIn):
    cohort = None

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False


class CancelIn(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, max_length=255, default="")


class RecordingIn(serializers.Serializer):
    recording_url = serializers.URLField(required=False, allow_blank=True, max_length=500, default="")
    video = serializers.FileField(required=False, help_text="MP4 or WebM (multipart).")
    captions = serializers.FileField(required=False, help_text="WebVTT (multipart).")


class AttendanceRowSerializer(serializers.Serializer):
    membership = serializers.IntegerField()
    name = serializers.CharField(read_only=True)
    status = serializers.ChoiceField(choices=[("", "Not marked"), *LiveSessionAttendance.Status.choices], allow_blank=True)


class AttendanceIn(serializers.Serializer):
    marks = AttendanceRowSerializer(many=True)


def _host(request: Request, raw: int | None) -> Membership | None:
    return Membership.objects.filter(tenant=request.tenant, pk=raw or 0).select_related("user").first()


@extend_schema_view(
    list=extend_schema(
        summary="Live sessions of your cohorts, soonest first",
        parameters=[
            OpenApiParameter("cohort", int, description="Only this cohort's sessions."),
            OpenApiParameter("upcoming", bool, description="Only sessions not yet over (and not cancelled)."),
        ],
    ),
    retrieve=extend_schema(summary="One live session (its join link only while the join window is open)"),
    create=extend_schema(request=LiveSessionIn, responses=LiveSessionOut, summary="Schedule a session (the cohort's staff)"),
    partial_update=extend_schema(request=LiveSessionChange, responses=LiveSessionOut,
                                 summary="Change a session; a new time tells everyone already reminded"),
)
class LiveSessionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = LiveSessionOut
    queryset = LiveSession.objects.none()  # for the schema; get_queryset scopes to the caller
    lookup_url_kwarg = "session_id"
    lookup_value_regex = "[0-9]+"
    http_method_names = ["get", "post", "patch", "head", "options"]
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_queryset(self) -> QuerySet[LiveSession]:
        rows = live_sessions.sessions_visible_to(membership=api_membership(self.request)).order_by("starts_at", "id")
        cohort = self.request.query_params.get("cohort")
        if cohort:
            rows = rows.filter(cohort_id=object_id(cohort))
        if self.request.query_params.get("upcoming") in ("1", "true", "yes"):
            rows = live_sessions.not_over(rows, now=timezone.now())
        return rows

    def get_object(self) -> LiveSession:
        return live_sessions.session_get_for(membership=api_membership(self.request), session_id=self.kwargs["session_id"])

    def _out(self, session: LiveSession, code: int = status.HTTP_200_OK) -> Response:
        session = live_sessions.session_get_for(membership=api_membership(self.request), session_id=session.pk)
        return Response(LiveSessionOut(session, context=self.get_serializer_context()).data, status=code)

    def create(self, request: Request) -> Response:
        payload = LiveSessionIn(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        membership = api_membership(request)
        cohort = live_sessions.cohorts_to_run(membership).filter(pk=data["cohort"]).first()
        if cohort is None:  # one answer for a cohort that does not exist and one that is not yours
            raise exceptions.ValidationError({"cohort": "Choose one of the cohorts you teach."})
        session = live_sessions.session_schedule(
            membership=membership, cohort=cohort, fields=live_sessions.SessionFields(
                title=data["title"], kind=data["kind"], starts_at=data["starts_at"],
                duration_minutes=data["duration_minutes"], host=_host(request, data["host"]), join_url=data["join_url"],
                description=data["description"],
            ),
        )
        return self._out(session, status.HTTP_201_CREATED)

    def partial_update(self, request: Request, session_id: str) -> Response:
        session = self.get_object()
        payload = LiveSessionChange(data=request.data, partial=True)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        fields = live_sessions.SessionFields(
            title=data.get("title", session.title), kind=data.get("kind", session.kind),
            starts_at=data.get("starts_at", session.starts_at),
            duration_minutes=data.get("duration_minutes", session.duration_minutes),
            host=_host(request, data["host"]) if "host" in data else session.host,
            join_url=data.get("join_url", session.join_url), description=data.get("description", session.description),
        )
        return self._out(live_sessions.session_update(membership=api_membership(request), session=session, fields=fields))

    @extend_schema(request=CancelIn, responses=LiveSessionOut, summary="Cancel it; everyone already told hears of it")
    @action(detail=True, methods=["post"])
    def cancel(self, request: Request, session_id: str) -> Response:
        session = self.get_object()
        payload = CancelIn(data=request.data)
        payload.is_valid(raise_exception=True)
        return self._out(live_sessions.session_cancel(
            membership=api_membership(request), session=session, reason=payload.validated_data["reason"]
        ))

    @extend_schema(request={"multipart/form-data": RecordingIn, "application/json": RecordingIn}, responses=LiveSessionOut,
                   summary="Post or replace the recording: an upload or a link, with optional WebVTT captions")
    @action(detail=True, methods=["post"])
    def recording(self, request: Request, session_id: str) -> Response:
        session = self.get_object()
        payload = RecordingIn(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        return self._out(live_sessions.recording_post(
            membership=api_membership(request), session=session, recording_url=data["recording_url"],
            video=data.get("video"), captions=data.get("captions"),
        ))

    @extend_schema(methods=["GET"], responses=AttendanceRowSerializer(many=True), summary="The attendance sheet (staff)")
    @extend_schema(methods=["POST"], request=AttendanceIn, responses=AttendanceRowSerializer(many=True),
                   summary="Mark students present, late, excused or absent (an empty status clears one)")
    @action(detail=True, methods=["get", "post"])
    def attendance(self, request: Request, session_id: str) -> Response:
        session = self.get_object()
        membership = api_membership(request)
        if not live_sessions.can_run(membership, session.cohort):
            raise exceptions.PermissionDenied("Only the cohort's staff and the school's registrars take attendance.")
        if request.method == "POST":
            payload = AttendanceIn(data=request.data)
            payload.is_valid(raise_exception=True)
            live_sessions.attendance_mark(
                membership=membership, session=session,
                marks={row["membership"]: row["status"] for row in payload.validated_data["marks"]},
            )
        rows = [
            {"membership": r.membership.pk, "name": r.membership.user.get_full_name() or r.membership.user.email,
             "status": r.status}
            for r in live_sessions.attendance_roster(session)
        ]
        return Response(rows)
