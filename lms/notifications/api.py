"""/api/v1/notifications/ (with mark read) and /api/v1/notification-preferences/."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from lms.notifications import preferences, service
from lms.notifications.kinds import Channel, Mode
from lms.notifications.models import Notification
from lms.permissions import api_membership


class NotificationOut(serializers.ModelSerializer):
    actor = serializers.EmailField(source="actor.email", read_only=True, default=None)
    unread = serializers.BooleanField(source="is_unread", read_only=True)
    shown_at = serializers.DateTimeField(source="visible_at", read_only=True)

    class Meta:
        model = Notification
        fields = ["id", "kind", "title", "body", "url", "actor", "subject_type", "subject_id", "shown_at", "read_at", "unread"]


class MarkedOut(serializers.Serializer):
    marked = serializers.IntegerField()
    unread = serializers.IntegerField()


@extend_schema_view(
    list=extend_schema(
        summary="Your notifications, newest first",
        parameters=[OpenApiParameter("unread", bool, description="Only unread ones")],
    ),
    retrieve=extend_schema(summary="One of your notifications"),
)
class NotificationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = NotificationOut
    queryset = Notification.objects.none()  # for the schema; get_queryset scopes to the caller
    lookup_url_kwarg = "notification_id"

    def get_queryset(self):
        rows = service.inbox(tenant=self.request.tenant, user=self.request.user).select_related("actor")
        if self.request.query_params.get("unread") in ("1", "true", "yes"):
            rows = rows.filter(read_at__isnull=True)
        return rows

    def get_object(self) -> Notification:
        return service.notification_get(
            tenant=self.request.tenant, user=self.request.user, notification_id=self.kwargs["notification_id"]
        )

    def _marked(self, count: int) -> Response:
        unread = service.unread_count(tenant=self.request.tenant, user=self.request.user)
        return Response({"marked": count, "unread": unread})

    @extend_schema(request=None, responses=MarkedOut, summary="Mark one notification read")
    @action(detail=True, methods=["post"])
    def read(self, request: Request, notification_id: str) -> Response:
        notice = self.get_object()
        return self._marked(service.mark_read(tenant=request.tenant, user=request.user, notification_ids=[notice.pk]))

    @extend_schema(request=None, responses=MarkedOut, summary="Mark all your notifications read")
    @action(detail=False, methods=["post"], url_path="read-all")
    def read_all(self, request: Request) -> Response:
        return self._marked(service.mark_read(tenant=request.tenant, user=request.user))


class PreferenceOut(serializers.Serializer):
    kind = serializers.CharField()
    label = serializers.CharField()
    group = serializers.CharField()
    in_app = serializers.ChoiceField(choices=Mode.choices)
    email = serializers.ChoiceField(choices=Mode.choices)
    default_in_app = serializers.ChoiceField(choices=Mode.choices)
    default_email = serializers.ChoiceField(choices=Mode.choices)


class PreferenceIn(serializers.Serializer):
    kind = serializers.CharField(max_length=40)
    channel = serializers.ChoiceField(choices=Channel.choices)
    mode = serializers.ChoiceField(choices=Mode.choices)


class PreferencesIn(serializers.Serializer):
    preferences = PreferenceIn(many=True, allow_empty=False)


def _out(choices: list[preferences.Choice]) -> list[dict]:
    return [
        {
            "kind": c.kind.code, "label": c.kind.label, "group": c.kind.group,
            "in_app": c.modes[Channel.IN_APP], "email": c.modes[Channel.EMAIL],
            "default_in_app": c.defaults[Channel.IN_APP], "default_email": c.defaults[Channel.EMAIL],
        }
        for c in choices
    ]


class NotificationPreferencesView(APIView):
    @extend_schema(responses=PreferenceOut(many=True), summary="How you hear of each kind of notice")
    def get(self, request: Request) -> Response:
        return Response(_out(preferences.preferences_for(api_membership(request))))

    @extend_schema(request=PreferencesIn, responses=PreferenceOut(many=True), summary="Change some of your choices")
    def patch(self, request: Request) -> Response:
        data = PreferencesIn(data=request.data)
        data.is_valid(raise_exception=True)
        changes = {(row["kind"], row["channel"]): row["mode"] for row in data.validated_data["preferences"]}
        try:
            choices = preferences.preferences_update(membership=api_membership(request), changes=changes)
        except DjangoValidationError as error:
            raise ValidationError({"preferences": error.messages}) from None
        return Response(_out(choices))
