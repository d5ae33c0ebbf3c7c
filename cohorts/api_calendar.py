"""/api/v1/calendar/: the caller's events in a range of days; /api/v1/calendar/feed-url/: their private iCal link."""

from __future__ import annotations

import datetime

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from cohorts import calendar_feed
from cohorts.calendar import EARLIEST, LATEST, calendar_events
from lms.notifications.service import person_zone
from lms.permissions import api_membership

MAX_RANGE_DAYS = 400


@extend_schema_field(OpenApiTypes.STR)
class WhenField(serializers.Field):
    """A date (YYYY-MM-DD) for an all-day event, else an ISO 8601 instant with the caller's UTC offset."""

    def to_representation(self, value: datetime.date | datetime.datetime) -> str:
        if isinstance(value, datetime.datetime):
            return serializers.DateTimeField().to_representation(value)
        return value.isoformat()


class CalendarEventOut(serializers.Serializer):
    uid = serializers.CharField(help_text="Stable across requests; the iCal feed uses the same.")
    kind = serializers.CharField(help_text="term_starts, term_ends, enrollment_opens, enrollment_closes, drop_deadline, "
                                           "module_release, live_session (and kinds other apps add).")
    title = serializers.CharField()
    start = WhenField()
    end = WhenField(help_text="For an all-day event, the day after its last day.")
    all_day = serializers.BooleanField()
    url = serializers.SerializerMethodField()
    cohort = serializers.CharField(allow_null=True, help_text="The cohort's section code; null for a term's dates.")
    cancelled = serializers.BooleanField()

    def get_url(self, event) -> str | None:
        request = self.context.get("request")
        if not event.url:
            return None
        return request.build_absolute_uri(event.url) if request else event.url


class CalendarOut(serializers.Serializer):
    start = serializers.DateField()
    end = serializers.DateField(help_text="The first day after the range.")
    time_zone = serializers.CharField(help_text="The zone the days are read in: yours, else the school's.")
    events = CalendarEventOut(many=True)


class CalendarQuery(serializers.Serializer):
    start = serializers.DateField(required=False, help_text="First day (YYYY-MM-DD). With end; both absent: this month.")
    end = serializers.DateField(required=False, help_text="The day after the last (exclusive).")
    cohort = serializers.IntegerField(required=False, min_value=1, help_text="One of your cohorts only.")

    def validate(self, data: dict) -> dict:
        start, end = data.get("start"), data.get("end")
        if (start is None) != (end is None):
            raise serializers.ValidationError("Give both start and end, or neither for this month.")
        if start is None:
            start = timezone.localdate().replace(day=1)
            end = (start + datetime.timedelta(days=32)).replace(day=1)
        if not (EARLIEST <= start and end <= LATEST):
            raise serializers.ValidationError(f"Ask for days from {EARLIEST} to {LATEST}.")
        if end <= start:
            raise serializers.ValidationError({"end": "The end must come after the start."})
        if (end - start).days > MAX_RANGE_DAYS:
            raise serializers.ValidationError({"end": f"Ask for at most {MAX_RANGE_DAYS} days at a time."})
        return {**data, "start": start, "end": end}


class FeedUrlOut(serializers.Serializer):
    url = serializers.URLField(allow_null=True, help_text="Private: whoever has it sees your calendar. Null: no feed yet.")


class CalendarView(APIView):
    @extend_schema(
        parameters=[CalendarQuery], responses=CalendarOut,
        summary="Your calendar: term dates, module openings and live sessions of your cohorts in a range of days",
    )
    def get(self, request: Request) -> Response:
        # Read here, not from the middleware: a token-authenticated caller was not known there.
        zone = person_zone(request.user, request.tenant)
        with timezone.override(zone):
            query = CalendarQuery(data=request.query_params)
            query.is_valid(raise_exception=True)
            data = query.validated_data
            events = calendar_events(membership=api_membership(request), start=data["start"], end=data["end"],
                                     cohort_id=data.get("cohort"), zone=zone)
            body = {"start": data["start"], "end": data["end"], "time_zone": zone.key, "events": events}
            return Response(CalendarOut(body, context={"request": request}).data)


class CalendarFeedUrlView(APIView):
    @extend_schema(request=None, responses=FeedUrlOut, summary="Your private iCal feed link (null until you make one)")
    def get(self, request: Request) -> Response:
        # Reading never makes a feed: only a POST does, so no stray request turns one on.
        response = Response({"url": calendar_feed.feed_url_for(membership=api_membership(request))})
        response["Cache-Control"] = "private, no-store"
        return response

    @extend_schema(request=None, responses=FeedUrlOut,
                   summary="Make your feed link, or replace it: the old one stops working")
    def post(self, request: Request) -> Response:
        feed = calendar_feed.calendar_feed_replace(membership=api_membership(request))
        response = Response({"url": calendar_feed.feed_url(feed)})
        response["Cache-Control"] = "private, no-store"
        return response

    @extend_schema(request=None, responses={204: None}, summary="Turn your feed off: its link stops working")
    def delete(self, request: Request) -> Response:
        calendar_feed.calendar_feed_revoke(membership=api_membership(request))
        return Response(status=status.HTTP_204_NO_CONTENT)
