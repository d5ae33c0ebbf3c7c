"""/api/v1/attempts/ (start, save an answer, submit, results) and /api/v1/accommodations/.

Every response about an open attempt carries the server's ``seconds_left``: the
page's timer follows it, never its own clock. A save the server refuses (time
and grace have run out) answers 409 with the reason; the answers already saved
are kept and submitted.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from assessments import permissions, selectors
from assessments.models import Accommodation, Attempt
from assessments.presenting import attempt_items, item_for_student
from assessments.results import attempt_results
from assessments.services import attempts as attempt_services
from assessments.services import delivery, grading
from assessments.services.deadlines import seconds_left
from lms.models import Membership, Role
from lms.permissions import api_membership
from lms.selectors import object_id


class AssessmentAttemptOut(serializers.ModelSerializer):
    schedule = serializers.IntegerField(source="scheduled_id", read_only=True)
    assessment = serializers.CharField(source="scheduled.assessment.title", read_only=True)
    student = serializers.CharField(source="enrollment.membership.user.display_name", read_only=True)
    state_label = serializers.CharField(source="get_state_display", read_only=True)
    seconds_left = serializers.SerializerMethodField()
    server_time = serializers.SerializerMethodField()

    class Meta:
        model = Attempt
        fields = ["id", "schedule", "assessment", "student", "number", "state", "state_label", "started_at",
                  "deadline_at", "submitted_at", "submitted_by_deadline", "graded_at", "failure_reason",
                  "seconds_left", "server_time"]

    def get_seconds_left(self, attempt: Attempt) -> int | None:
        return seconds_left(attempt.deadline_at, self.context.get("now") or timezone.now()) if attempt.is_open else None

    def to_representation(self, attempt: Attempt) -> dict:
        data = super().to_representation(attempt)
        request = self.context.get("request")
        staff = request is not None and getattr(api_membership(request), "role", Role.STUDENT) != Role.STUDENT
        if attempt.state == Attempt.State.FAILED and not staff:
            data["failure_reason"] = "Grading failed; your answers are kept and the staff can run it again."
        return data

    def get_server_time(self, attempt: Attempt) -> str:
        return (self.context.get("now") or timezone.now()).isoformat()


class AssessmentAttemptDetailOut(AssessmentAttemptOut):
    items = serializers.SerializerMethodField()

    class Meta(AssessmentAttemptOut.Meta):
        fields = [*AssessmentAttemptOut.Meta.fields, "items"]

    def get_items(self, attempt: Attempt) -> list[dict]:
        return [item_for_student(item) for item in attempt_items(attempt)]


class StartIn(serializers.Serializer):
    schedule = serializers.IntegerField(help_text="The cohort's assessment (its schedule id).")


class SaveIn(serializers.Serializer):
    position = serializers.IntegerField(min_value=1)
    seq = serializers.IntegerField(min_value=1)
    response = serializers.JSONField(allow_null=True)


class SavedOut(serializers.Serializer):
    saved = serializers.BooleanField()
    seq = serializers.IntegerField()
    saved_at = serializers.DateTimeField(allow_null=True)
    seconds_left = serializers.IntegerField(allow_null=True)
    server_time = serializers.DateTimeField()


def _text(number) -> str | None:
    """Decimals as strings, as the serializers write them."""
    return None if number is None else str(number)


def _refused(exc: attempt_services.AttemptRefused, attempt: Attempt | None = None) -> Response:
    body = {"error": {"code": "refused", "message": exc.messages[0]}}
    if attempt is not None:
        body.update(state=attempt.state, seconds_left=0 if attempt.deadline_at else None)
    return Response(body, status=status.HTTP_409_CONFLICT)


def _own_attempt(request: Request, attempt: Attempt) -> Membership:
    membership = api_membership(request)
    if attempt.enrollment.membership_id != getattr(membership, "pk", None):
        raise PermissionDenied("Only the student taking the attempt can change its answers.")
    return membership


@extend_schema_view(
    list=extend_schema(summary="Attempts: your own, or your cohorts' students' for staff",
                       parameters=[OpenApiParameter("schedule", int)]),
    retrieve=extend_schema(responses=AssessmentAttemptDetailOut, summary="One attempt with its questions and saved answers"),
    create=extend_schema(request=StartIn, responses=AssessmentAttemptDetailOut,
                         summary="Start an attempt (or resume the open one)"),
)
class AttemptViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = AssessmentAttemptOut
    lookup_url_kwarg = "attempt_id"

    def get_queryset(self):
        rows = selectors.attempts_visible_to(membership=api_membership(self.request)).select_related(
            "scheduled__assessment", "enrollment__membership__user"
        ).order_by("-started_at", "-id")
        schedule = self.request.query_params.get("schedule")
        return rows.filter(scheduled_id=object_id(schedule)) if schedule else rows

    def get_object(self) -> Attempt:
        return selectors.attempt_get_for(membership=api_membership(self.request), attempt_id=self.kwargs[self.lookup_url_kwarg])

    def retrieve(self, request: Request, **kwargs) -> Response:
        return Response(AssessmentAttemptDetailOut(self.get_object(), context={"request": request}).data)

    def create(self, request: Request) -> Response:
        data = StartIn(data=request.data)
        data.is_valid(raise_exception=True)
        membership = api_membership(request)
        scheduled = selectors.schedule_get_for(membership=membership, schedule_id=data.validated_data["schedule"])
        if membership.role != Role.STUDENT:
            raise PermissionDenied("Attempts are taken by the cohort's students.")
        try:
            attempt = attempt_services.attempt_start(membership=membership, scheduled=scheduled)
        except attempt_services.AttemptRefused as exc:
            return _refused(exc)
        attempt = selectors.attempt_get_for(membership=membership, attempt_id=attempt.pk)
        return Response(AssessmentAttemptDetailOut(attempt, context={"request": request}).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=SaveIn, responses=SavedOut, summary="Save one answer (newer seq wins); returns the time left")
    @action(detail=True, methods=["post"])
    def answers(self, request: Request, **kwargs) -> Response:
        attempt = self.get_object()
        _own_attempt(request, attempt)
        data = SaveIn(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            saved = attempt_services.answer_save(attempt=attempt, **data.validated_data)
        except attempt_services.AttemptRefused as exc:
            attempt.refresh_from_db(fields=["state"])
            return _refused(exc, attempt)
        return Response(SavedOut({**saved.__dict__, "server_time": timezone.now()}).data)

    @extend_schema(request=None, responses=AssessmentAttemptOut, summary="Submit the attempt; grading is queued")
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, **kwargs) -> Response:
        attempt = self.get_object()
        _own_attempt(request, attempt)
        attempt_services.attempt_submit(attempt=attempt)
        attempt.refresh_from_db()
        return Response(AssessmentAttemptOut(attempt, context={"request": request}).data)

    @extend_schema(responses={200: {"type": "object"}}, summary="Scores, per-domain results and answers, as released")
    @action(detail=True, methods=["get"])
    def results(self, request: Request, **kwargs) -> Response:
        attempt = self.get_object()
        membership = api_membership(request)
        staff = membership.role != Role.STUDENT and permissions.can_see_attempts(membership, attempt.scheduled.cohort)
        shown = attempt_results(attempt=attempt, staff=staff)
        body = {"attempt": AssessmentAttemptOut(attempt, context={"request": request}).data, "scores_released": shown.show_scores,
                "answers_released": shown.show_answers}
        if shown.show_scores:
            body.update(points=_text(attempt.points), max_points=_text(attempt.max_points), percent=_text(attempt.percent),
                        passed=attempt.passed, late_penalty_percent=_text(attempt.late_penalty_percent),
                        domains=[{"name": d.name, "group": d.group, "earned": _text(d.earned), "possible": _text(d.possible),
                                  "questions": d.questions, "percent": _text(d.percent), "passed": d.passed}
                                 for d in shown.domains])
        if shown.show_answers:
            body["items"] = [{**item_for_student(item), "feedback": item.feedback, "hand_feedback": item.hand_feedback,
                              "correct": (item.feedback or {}).get("correct", item.version.correct_choice_ids),
                              "rationale": item.version.rationale,
                              **({"credit": _text(item.credit), "earned": _text(item.earned)} if shown.show_scores else {})}
                             for item in shown.items]
        return Response(body)

    @extend_schema(request=None, responses=AssessmentAttemptOut, summary="Run a failed grading again (staff)")
    @action(detail=True, methods=["post"])
    def retry(self, request: Request, **kwargs) -> Response:
        attempt = self.get_object()
        if not permissions.can_grade(api_membership(request), attempt.scheduled.cohort):
            raise PermissionDenied("Only the cohort's staff and registrars retry a grading.")
        grading.attempt_retry(attempt=attempt)
        attempt.refresh_from_db()
        return Response(AssessmentAttemptOut(attempt, context={"request": request}).data)


class AccommodationOut(serializers.ModelSerializer):
    student = serializers.IntegerField(source="membership_id", read_only=True)
    name = serializers.CharField(source="membership.user.display_name", read_only=True)

    class Meta:
        model = Accommodation
        fields = ["id", "student", "name", "time_multiplier", "extra_attempts", "close_extension_hours", "note", "updated_at"]


class AccommodationIn(serializers.Serializer):
    student = serializers.IntegerField(help_text="The student's membership id.")
    time_multiplier = serializers.DecimalField(max_digits=3, decimal_places=2, min_value=1, max_value=4)
    extra_attempts = serializers.IntegerField(min_value=0, max_value=10, default=0)
    close_extension_hours = serializers.IntegerField(min_value=0, max_value=24 * 30, default=0)
    note = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")


@extend_schema_view(
    list=extend_schema(summary="Accommodation profiles (registrars: all; instructors: their students'; a student: own)"),
    retrieve=extend_schema(summary="One accommodation profile"),
    create=extend_schema(request=AccommodationIn, responses=AccommodationOut,
                         summary="Set a student's accommodation (registrars); open attempts follow it"),
)
class AccommodationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = AccommodationOut
    lookup_url_kwarg = "accommodation_id"

    def get_queryset(self):
        return selectors.accommodations_visible_to(membership=api_membership(self.request)).order_by("id")

    def create(self, request: Request) -> Response:
        membership = api_membership(request)
        if not permissions.can_set_accommodations(membership):
            raise PermissionDenied("Only the school's registrars set accommodations.")
        data = AccommodationIn(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        student = Membership.objects.filter(tenant=request.tenant, pk=values.pop("student"), role=Role.STUDENT).first()
        if student is None:
            raise serializers.ValidationError({"student": "No such student in this school."})
        row = delivery.accommodation_set(tenant=request.tenant, actor=request.user, membership=student, **values)
        return Response(AccommodationOut(row).data, status=status.HTTP_201_CREATED)
