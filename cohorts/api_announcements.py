"""/api/v1/announcements/: the caller's announcements, posting one, and marking one read."""

from __future__ import annotations

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from cohorts import announcements
from cohorts.models import Announcement, Cohort, Term
from lms.permissions import api_membership


class AnnouncementOut(serializers.ModelSerializer):
    author = serializers.EmailField(source="author.email", read_only=True, default=None)
    cohort = serializers.IntegerField(source="cohort_id", read_only=True, allow_null=True)
    term = serializers.IntegerField(source="term_id", read_only=True, allow_null=True)

    class Meta:
        model = Announcement
        fields = ["id", "audience", "cohort", "term", "title", "body", "body_html", "author", "publish_at", "published_at"]


class AnnouncementIn(serializers.Serializer):
    audience = serializers.ChoiceField(choices=Announcement.Audience.choices)
    cohort = serializers.IntegerField(required=False, allow_null=True)
    term = serializers.IntegerField(required=False, allow_null=True)
    title = serializers.CharField(max_length=announcements.TITLE_MAX)
    body = serializers.CharField(max_length=announcements.BODY_MAX)
    publish_at = serializers.DateTimeField(required=False, allow_null=True)


@extend_schema_view(
    list=extend_schema(summary="Announcements for you: your cohorts, terms and school, newest first"),
    retrieve=extend_schema(summary="One announcement"),
    create=extend_schema(request=AnnouncementIn, responses=AnnouncementOut,
                         summary="Post now or at publish_at (staff to their cohort, registrars anywhere)"),
)
class AnnouncementViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = AnnouncementOut
    queryset = Announcement.objects.none()  # for the schema; get_queryset scopes to the caller
    lookup_url_kwarg = "announcement_id"
    lookup_value_regex = "[0-9]+"

    def get_queryset(self) -> QuerySet[Announcement]:
        return announcements.announcements_visible_to(membership=api_membership(self.request))

    def get_object(self) -> Announcement:
        return announcements.announcement_get_for(
            membership=api_membership(self.request), announcement_id=self.kwargs["announcement_id"]
        )

    def create(self, request: Request) -> Response:
        payload = AnnouncementIn(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        tenant = request.tenant
        cohort = Cohort.objects.filter(tenant=tenant, pk=data.get("cohort") or 0).first()
        term = Term.objects.filter(tenant=tenant, pk=data.get("term") or 0).first()
        posted = announcements.announcement_post(
            membership=api_membership(request), audience=data["audience"], title=data["title"], body=data["body"],
            cohort=cohort, term=term, publish_at=data.get("publish_at"),
        )
        return Response(AnnouncementOut(posted).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=None, summary="Mark it read (it leaves your dashboard)")
    @action(detail=True, methods=["post"])
    def read(self, request: Request, announcement_id: str) -> Response:
        announcement = self.get_object()
        if announcement.published_at:
            announcements.announcement_read(membership=api_membership(request), announcement=announcement)
        return Response(status=status.HTTP_204_NO_CONTENT)
