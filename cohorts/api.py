"""REST API of terms, cohorts and enrollments.

Every lookup goes through the visibility selectors first, so an object of
another school, or of a cohort the caller does not belong to, is a 404;
only then is the caller's role checked, and a role refusal is a 403.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from cohorts import permissions, selectors, services
from cohorts.models import Cohort, CohortStaff, Enrollment, Term
from courses.models import Course
from lms.models import TIME_ZONE_CHOICES, Membership
from lms.permissions import api_membership
from lms.api_support import search_text


def _optional_id(value: str | None) -> int | None:
    """A filter id from the query string; anything that is not a plain id is ignored, as other filters are."""
    return int(value) if value and value.isdigit() and 0 < int(value) <= 2**62 else None


# --- terms ---------------------------------------------------------------------


class TermOut(serializers.ModelSerializer):
    class Meta:
        model = Term
        fields = ["id", "name", "starts_on", "ends_on", "enrollment_opens_on", "enrollment_closes_on", "drop_deadline"]


class TermIn(serializers.Serializer):
    name = serializers.CharField(max_length=80)
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    enrollment_opens_on = serializers.DateField()
    enrollment_closes_on = serializers.DateField()
    drop_deadline = serializers.DateField()


@extend_schema_view(
    list=extend_schema(summary="The school's terms, newest first"),
    retrieve=extend_schema(summary="One term"),
    create=extend_schema(summary="Create a term (registrars)", request=TermIn, responses={201: TermOut}),
    partial_update=extend_schema(summary="Change a term's name or dates (registrars)", request=TermIn),
)
class TermViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = TermOut
    lookup_url_kwarg = "term_id"
    lookup_value_regex = "[0-9]+"
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[Term]:
        return selectors.term_list(tenant=self.request.tenant)

    def get_object(self) -> Term:
        return selectors.term_get(tenant=self.request.tenant, term_id=self.kwargs["term_id"])

    def _registrar_only(self) -> None:
        if not permissions.can_manage_terms(api_membership(self.request)):
            raise PermissionDenied("Only the school's registrars can create or change terms.")

    def create(self, request: Request) -> Response:
        self._registrar_only()
        payload = TermIn(data=request.data)
        payload.is_valid(raise_exception=True)
        term = services.term_save(tenant=request.tenant, actor=request.user, **payload.validated_data)
        return Response(TermOut(term).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request: Request, term_id: str) -> Response:
        term = self.get_object()
        self._registrar_only()
        payload = TermIn(data=request.data, partial=True)
        payload.is_valid(raise_exception=True)
        term = services.term_save(tenant=request.tenant, actor=request.user, term=term, **payload.validated_data)
        return Response(TermOut(term).data)


# --- cohorts -----------------------------------------------------------------------


class CohortCourseOut(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    title = serializers.CharField()


class CohortTermOut(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()


class CohortStaffOut(serializers.Serializer):
    membership_id = serializers.IntegerField()
    email = serializers.EmailField(source="membership.user.email")
    full_name = serializers.CharField(source="membership.user.full_name")
    role = serializers.ChoiceField(choices=CohortStaff.Role.choices)


class CohortOut(serializers.ModelSerializer):
    course = CohortCourseOut()
    term = CohortTermOut()
    seats_left = serializers.SerializerMethodField()
    active_count = serializers.IntegerField(help_text="Students active in the cohort.")
    waitlist_count = serializers.IntegerField(help_text="Students on the waitlist.")
    state = serializers.ChoiceField(choices=Cohort.State.choices, help_text="Today, in the cohort's own time zone.")
    enrollment_open = serializers.BooleanField(source="enrollment_is_open", help_text="Taking applications today.")
    staff = CohortStaffOut(many=True)

    class Meta:
        model = Cohort
        fields = [
            "id", "section_code", "course", "term", "capacity", "seats_left", "active_count", "waitlist_count",
            "state", "enrollment_open", "time_zone", "meeting_pattern", "staff",
        ]

    def get_seats_left(self, cohort: Cohort) -> int:
        return selectors.seats_left(cohort)


class StaffIn(serializers.Serializer):
    membership_id = serializers.IntegerField(min_value=1, max_value=2**62)
    role = serializers.ChoiceField(choices=CohortStaff.Role.choices, default=CohortStaff.Role.INSTRUCTOR)


class CohortIn(serializers.Serializer):
    course = serializers.IntegerField(min_value=1, max_value=2**62, help_text="Id of a course of this school.")
    term = serializers.IntegerField(min_value=1, max_value=2**62, help_text="Id of a term of this school.")
    section_code = serializers.CharField(max_length=32)
    capacity = serializers.IntegerField(min_value=1, max_value=100_000)
    time_zone = serializers.ChoiceField(choices=TIME_ZONE_CHOICES, default="America/New_York")
    meeting_pattern = serializers.CharField(max_length=150, allow_blank=True, required=False)
    staff = StaffIn(many=True, required=False, help_text="Replaces the cohort's staff when given.")

    def validate_course(self, value: int) -> Course:
        course = Course.objects.filter(tenant=self.context["tenant"], pk=value).first()
        if course is None:
            raise serializers.ValidationError("Choose a course of this school.")
        return course

    def validate_term(self, value: int) -> Term:
        term = Term.objects.filter(tenant=self.context["tenant"], pk=value).first()
        if term is None:
            raise serializers.ValidationError("Choose a term of this school.")
        return term

    def validate_staff(self, value: list[dict]) -> list[tuple[Membership, str]]:
        # A PATCH is partial down to the staff rows, so their defaults are applied here.
        if any("membership_id" not in row for row in value):
            raise serializers.ValidationError("Each staff entry needs a membership_id.")
        wanted = {row["membership_id"]: row.get("role", CohortStaff.Role.INSTRUCTOR) for row in value}
        members = Membership.objects.filter(tenant=self.context["tenant"], pk__in=wanted).select_related("user")
        found = {m.pk: m for m in members}
        missing = sorted(set(wanted) - set(found))
        if missing:
            raise serializers.ValidationError(f"No member with id {missing[0]} in this school.")
        return [(found[pk], role) for pk, role in wanted.items()]


@extend_schema_view(
    list=extend_schema(
        summary="Cohorts you may see (registrars: all; staff: theirs; students: their own), or with open=1 the catalogue",
        parameters=[
            OpenApiParameter("open", bool, description="1: the cohorts taking applications today, for any member"),
            OpenApiParameter("term", int, description="Only this term's cohorts"),
            OpenApiParameter("course", int, description="Only this course's cohorts"),
            OpenApiParameter("q", description="Part of a section code or course title"),
        ],
    ),
    retrieve=extend_schema(summary="One cohort with its seats, waitlist and staff"),
    create=extend_schema(summary="Create a cohort (registrars)", request=CohortIn, responses={201: CohortOut}),
    partial_update=extend_schema(
        summary="Change a cohort (registrars); raising the capacity fills seats from the waitlist", request=CohortIn
    ),
)
class CohortViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = CohortOut
    lookup_url_kwarg = "cohort_id"
    lookup_value_regex = "[0-9]+"
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[Cohort] | list[Cohort]:
        params = self.request.query_params
        term_id, course_id = _optional_id(params.get("term")), _optional_id(params.get("course"))
        query = search_text(params.get("q", ""))
        if params.get("open") in ("1", "true"):
            return [
                c for c in selectors.cohort_catalogue(tenant=self.request.tenant)
                if (not term_id or c.term_id == term_id) and (not course_id or c.course_id == course_id)
                and (not query or query.lower() in c.section_code.lower() or query.lower() in c.course.title.lower())
            ]
        return selectors.cohort_list(
            membership=api_membership(self.request), term_id=term_id, course_id=course_id, query=query
        )

    def get_object(self) -> Cohort:
        return selectors.cohort_get_for(membership=api_membership(self.request), cohort_id=self.kwargs["cohort_id"])

    def _save(self, request: Request, cohort: Cohort | None) -> Cohort:
        if not permissions.can_manage_cohorts(api_membership(request)):
            raise PermissionDenied("Only the school's registrars can create or change cohorts.")
        payload = CohortIn(data=request.data, partial=cohort is not None, context={"tenant": request.tenant})
        payload.is_valid(raise_exception=True)
        fields = dict(payload.validated_data)
        staff = fields.pop("staff", None)
        saved = services.cohort_save(tenant=request.tenant, actor=request.user, cohort=cohort, staff=staff, **fields)
        return selectors.cohort_get_for(membership=api_membership(request), cohort_id=saved.pk)

    def create(self, request: Request) -> Response:
        return Response(CohortOut(self._save(request, None)).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request: Request, cohort_id: str) -> Response:
        return Response(CohortOut(self._save(request, self.get_object())).data)


# --- enrollments -------------------------------------------------------------------


class EnrollmentCohortOut(serializers.Serializer):
    id = serializers.IntegerField()
    section_code = serializers.CharField()


class EnrollmentStudentOut(serializers.Serializer):
    membership_id = serializers.IntegerField(source="id")
    email = serializers.EmailField(source="user.email")
    full_name = serializers.CharField(source="user.full_name")


class EnrollmentOut(serializers.ModelSerializer):
    cohort = EnrollmentCohortOut()
    student = EnrollmentStudentOut(source="membership")
    status = serializers.ChoiceField(source="state", choices=Enrollment.State.choices)
    waitlist_position = serializers.IntegerField(
        allow_null=True, default=None, help_text="1 is next in; null unless waitlisted."
    )

    class Meta:
        model = Enrollment
        fields = [
            "id", "cohort", "student", "status", "waitlist_position", "applied_at", "attested_admission",
            "reason", "final_grade",
        ]


class ApplyIn(serializers.Serializer):
    cohort = serializers.IntegerField(min_value=1, max_value=2**62, help_text="Id of a cohort taking applications.")
    attested_admission = serializers.BooleanField(
        default=False, help_text="I hold a high-school diploma or GED (required for admission)."
    )


class DeclineIn(serializers.Serializer):
    reason = serializers.CharField(max_length=255, allow_blank=True, default="", help_text="The student reads it.")


class DropIn(serializers.Serializer):
    reason = serializers.CharField(
        max_length=255, allow_blank=True, default="", help_text="Required when a registrar drops a student."
    )


def _with_position(enrollment: Enrollment) -> Enrollment:
    return selectors.attach_waitlist_positions([enrollment], Enrollment.objects.filter(pk=enrollment.pk))[0]


@extend_schema_view(
    list=extend_schema(
        summary="Enrollments you may see (registrars: the school's; staff: their cohorts'; students: their own)",
        parameters=[
            OpenApiParameter("cohort", int, description="Only this cohort's enrollments"),
            OpenApiParameter("state", enum=Enrollment.State.values),
            OpenApiParameter("q", description="Part of a student's name or email"),
        ],
    ),
    retrieve=extend_schema(summary="One enrollment"),
)
class EnrollmentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = EnrollmentOut
    lookup_url_kwarg = "enrollment_id"
    lookup_value_regex = "[0-9]+"

    def get_queryset(self) -> QuerySet[Enrollment]:
        params = self.request.query_params
        rows = selectors.enrollments_visible_to(membership=api_membership(self.request)).select_related(
            "membership__user", "cohort"
        )
        if cohort_id := _optional_id(params.get("cohort")):
            rows = rows.filter(cohort_id=cohort_id)
        if params.get("state") in Enrollment.State.values:
            rows = rows.filter(state=params["state"])
        if query := search_text(params.get("q", "")):
            rows = rows.filter(Q(membership__user__full_name__icontains=query) | Q(membership__user__email__icontains=query))
        return rows.order_by("applied_at", "id")

    def get_object(self) -> Enrollment:
        return selectors.enrollment_get_for(
            membership=api_membership(self.request), enrollment_id=self.kwargs["enrollment_id"]
        )

    def list(self, request: Request) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        # One query for the whole page's waitlist positions.
        selectors.attach_waitlist_positions(page, Enrollment.objects.filter(pk__in=[e.pk for e in page]))
        return self.get_paginated_response(EnrollmentOut(page, many=True).data)

    def retrieve(self, request: Request, enrollment_id: str) -> Response:
        return Response(EnrollmentOut(_with_position(self.get_object())).data)

    @extend_schema(
        summary="Apply to a cohort taking applications (students)", request=ApplyIn, responses={201: EnrollmentOut},
        description="With the cohort full the application joins the waitlist; with prerequisites missing it waits for a waiver.",
    )
    @action(detail=False, methods=["post"])
    def apply(self, request: Request) -> Response:
        membership = api_membership(request)
        if not permissions.can_apply(membership):
            raise PermissionDenied("Only students of the school can apply to a cohort.")
        payload = ApplyIn(data=request.data)
        payload.is_valid(raise_exception=True)
        cohort = selectors.catalogue_cohort_get(tenant=request.tenant, cohort_id=payload.validated_data["cohort"])
        enrollment = services.enrollment_apply(
            membership=membership, cohort=cohort, attested_admission=payload.validated_data["attested_admission"]
        )
        return Response(EnrollmentOut(_with_position(enrollment)).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="Approve an application (registrars): a seat if one is free, else the waitlist", request=None)
    @action(detail=True, methods=["post"])
    def approve(self, request: Request, enrollment_id: str) -> Response:
        enrollment = self.get_object()
        actor = api_membership(request)
        if not permissions.can_manage_enrollment(actor):
            raise PermissionDenied("Only the school's registrars can approve applications.")
        enrollment = services.enrollment_approve(actor=actor, enrollment=enrollment)
        return Response(EnrollmentOut(_with_position(enrollment)).data)

    @extend_schema(summary="Decline an application or waitlisted place (registrars), with a reason", request=DeclineIn)
    @action(detail=True, methods=["post"])
    def decline(self, request: Request, enrollment_id: str) -> Response:
        enrollment = self.get_object()
        actor = api_membership(request)
        if not permissions.can_manage_enrollment(actor):
            raise PermissionDenied("Only the school's registrars can decline applications.")
        payload = DeclineIn(data=request.data)
        payload.is_valid(raise_exception=True)
        enrollment = services.enrollment_decline(actor=actor, enrollment=enrollment, **payload.validated_data)
        return Response(EnrollmentOut(_with_position(enrollment)).data)

    @extend_schema(
        summary="Drop an enrollment (the student, until the drop deadline; registrars at any time, with a reason)",
        request=DropIn,
    )
    @action(detail=True, methods=["post"])
    def drop(self, request: Request, enrollment_id: str) -> Response:
        enrollment = self.get_object()
        actor = api_membership(request)
        own = permissions.is_student(actor) and enrollment.membership_id == actor.pk
        # A student's own place past the deadline is not a role refusal: the service says when it was.
        if not own and not permissions.can_drop(actor, enrollment):
            raise PermissionDenied("Only the student or the school's registrars can drop an enrollment.")
        payload = DropIn(data=request.data)
        payload.is_valid(raise_exception=True)
        enrollment = services.enrollment_drop(actor=actor, enrollment=enrollment, **payload.validated_data)
        return Response(EnrollmentOut(_with_position(enrollment)).data)
