"""/api/v1/support-requests/: a student's help requests, the staff's queue, the conversation, replying and closing."""

from __future__ import annotations

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from cohorts import support
from cohorts.models import SupportKind, SupportMessage, SupportRequest
from lms.permissions import api_membership

STATUS_FILTERS = [("active", "Open or answered"), *SupportRequest.Status.choices]


class MessageOut(serializers.ModelSerializer):
    author = serializers.CharField(source="author.display_name", read_only=True, default=None)

    class Meta:
        model = SupportMessage
        fields = ["id", "author", "from_staff", "body", "body_html", "created_at"]


class SupportRequestOut(serializers.ModelSerializer):
    # Plain strings here (the input's kind is the enum): as enums in two output components they would
    # collide in the schema with the other apps' "kind" and "status" choice sets.
    kind = serializers.CharField(read_only=True, help_text="advising, tutoring, technical or financial_aid.")
    status = serializers.CharField(read_only=True, help_text="open (waiting for staff), answered or closed.")
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    cohort = serializers.IntegerField(source="cohort_id", read_only=True, allow_null=True)
    section_code = serializers.CharField(source="cohort.section_code", read_only=True, default=None)
    requester = serializers.SerializerMethodField()
    message_count = serializers.IntegerField(read_only=True, default=None)
    url = serializers.SerializerMethodField()

    class Meta:
        model = SupportRequest
        fields = [
            "id", "kind", "kind_label", "cohort", "section_code", "subject", "status", "requester", "waiting_since",
            "last_message_at", "created_at", "closed_at", "message_count", "url",
        ]

    def get_requester(self, support_request: SupportRequest) -> dict:
        user = support_request.requester.user
        return {"membership": support_request.requester_id, "name": user.display_name, "email": user.email}

    def get_url(self, support_request: SupportRequest) -> str:
        request = self.context.get("request")
        path = support.request_url(support_request)
        return request.build_absolute_uri(path) if request else path


class SupportRequestDetail(SupportRequestOut):
    messages = serializers.SerializerMethodField()

    class Meta(SupportRequestOut.Meta):
        fields = [*SupportRequestOut.Meta.fields, "messages"]

    @extend_schema_field(MessageOut(many=True))
    def get_messages(self, support_request: SupportRequest) -> list[dict]:
        return MessageOut(support.request_messages(support_request), many=True).data


class SupportRequestIn(serializers.Serializer):
    kind = serializers.ChoiceField(choices=SupportKind.choices)
    subject = serializers.CharField(max_length=support.SUBJECT_MAX)
    body = serializers.CharField(max_length=support.BODY_MAX)
    cohort = serializers.IntegerField(required=False, allow_null=True, help_text="One of your cohorts, if it is about one.")


class MessageIn(serializers.Serializer):
    body = serializers.CharField(max_length=support.BODY_MAX)


class QueueFilters(serializers.Serializer):
    status = serializers.ChoiceField(choices=STATUS_FILTERS, required=False)
    kind = serializers.ChoiceField(choices=SupportKind.choices, required=False)
    mine = serializers.BooleanField(required=False, default=False)


@extend_schema_view(
    list=extend_schema(
        summary="Help requests: a student's own; for staff, those of the kinds they answer, longest waiting first",
        parameters=[
            OpenApiParameter("status", str, enum=[value for value, _ in STATUS_FILTERS],
                             description="One status, or active (open or answered)."),
            OpenApiParameter("kind", str, enum=SupportKind.values, description="One kind of help."),
            OpenApiParameter("mine", bool, description="Staff: only the kinds assigned to you."),
        ],
    ),
    retrieve=extend_schema(responses=SupportRequestDetail, summary="One help request with its conversation"),
    create=extend_schema(request=SupportRequestIn, responses=SupportRequestDetail,
                         summary="Ask for help (students); the staff who answer the kind are told"),
)
class SupportRequestViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = SupportRequestOut
    queryset = SupportRequest.objects.none()  # for the schema; get_queryset scopes to the caller
    lookup_url_kwarg = "support_request_id"
    lookup_value_regex = "[0-9]+"

    def get_queryset(self) -> QuerySet[SupportRequest]:
        membership = api_membership(self.request)
        filters = QueueFilters(data=self.request.query_params)
        filters.is_valid(raise_exception=True)
        data = filters.validated_data
        rows = support.support_queue(membership=membership, status=data.get("status", ""), kind=data.get("kind", ""),
                                     mine=data["mine"])
        if not support.can_use_queue(membership):
            rows = rows.order_by("-last_message_at", "-id")
        return rows

    def get_object(self) -> SupportRequest:
        return support.request_get_for(api_membership(self.request), self.kwargs["support_request_id"])

    def retrieve(self, request: Request, support_request_id: str) -> Response:
        return self._detail(self.get_object())

    def _detail(self, support_request: SupportRequest, code: int = status.HTTP_200_OK) -> Response:
        fresh = support.request_get_for(api_membership(self.request), support_request.pk)
        return Response(SupportRequestDetail(fresh, context=self.get_serializer_context()).data, status=code)

    def create(self, request: Request) -> Response:
        membership = api_membership(request)
        if not support.can_open(membership):
            raise exceptions.PermissionDenied("Only students open help requests.")
        payload = SupportRequestIn(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        cohort = None
        if data.get("cohort") is not None:
            cohort = support.cohorts_to_ask_about(membership).filter(pk=data["cohort"]).first()
            if cohort is None:  # one answer for a cohort that does not exist and one that is not yours
                raise exceptions.ValidationError({"cohort": "Choose one of your cohorts, or none."})
        opened = support.request_open(membership=membership, kind=data["kind"], subject=data["subject"], body=data["body"],
                                      cohort=cohort)
        return self._detail(opened, status.HTTP_201_CREATED)

    @extend_schema(request=MessageIn, responses={201: MessageOut},
                   summary="Write on the request: a student's message opens it again, a staff reply answers it")
    @action(detail=True, methods=["post"])
    def messages(self, request: Request, support_request_id: str) -> Response:
        support_request = self.get_object()
        payload = MessageIn(data=request.data)
        payload.is_valid(raise_exception=True)
        message = support.message_add(membership=api_membership(request), request=support_request,
                                      body=payload.validated_data["body"])
        return Response(MessageOut(message).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=SupportRequestDetail,
                   summary="Close it (its student or the staff); closing a closed request changes nothing")
    @action(detail=True, methods=["post"])
    def close(self, request: Request, support_request_id: str) -> Response:
        support_request = self.get_object()
        support.request_close(membership=api_membership(request), request=support_request)
        return self._detail(support_request)
