"""REST API of the catalogue: programs with their courses and costs, and courses. Read-only here.

Who sees what is decided in ``courses.selectors`` (``programs_visible_to``):
registrars every program, everyone else the published ones.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, serializers, viewsets

from courses import selectors
from courses.models import CostItem, Course, Credential, PaymentPlan, Program, ProgramCourse
from courses.permissions import can_see_unpublished_programs
from lms.permissions import api_membership
from lms.selectors import object_id
from lms.api_support import search_text

MONEY = {"max_digits": 11, "decimal_places": 2}


class ProgramCourseOut(serializers.Serializer):
    position = serializers.IntegerField()
    id = serializers.IntegerField(source="course.id")
    code = serializers.CharField(source="course.code")
    title = serializers.CharField(source="course.title")
    credit_hours = serializers.DecimalField(source="course.credit_hours", max_digits=4, decimal_places=1)
    credential = serializers.ChoiceField(source="course.credential", choices=Credential.choices)
    prerequisites = serializers.SerializerMethodField(help_text="Codes of the courses to complete first.")

    def get_prerequisites(self, link: ProgramCourse) -> list[str]:
        return [p.required.code for p in link.course.prerequisites_in_order]


class CostItemOut(serializers.ModelSerializer):
    class Meta:
        model = CostItem
        fields = ["id", "kind", "label", "amount"]


class PaymentPlanOut(serializers.ModelSerializer):
    instalment_amount = serializers.SerializerMethodField(help_text="Each instalment after the down payment.")

    class Meta:
        model = PaymentPlan
        fields = ["id", "name", "down_payment", "instalments", "interval", "instalment_amount", "note"]

    @extend_schema_field(serializers.DecimalField(**MONEY))
    def get_instalment_amount(self, plan: PaymentPlan) -> str:
        # A string like every other amount here (a bare Decimal would be rendered as a float).
        return str(plan.instalment_amount(self.context["total"]))


class ProgramOut(serializers.ModelSerializer):
    courses = ProgramCourseOut(many=True, source="courses_in_order", help_text="In the order they are taught.")
    cost_items = CostItemOut(many=True, source="costs_in_order")
    payment_plans = serializers.SerializerMethodField()
    total_cost = serializers.DecimalField(source="cost_total", help_text="The sum of the cost items.", **MONEY)

    class Meta:
        model = Program
        fields = [
            "id", "name", "slug", "kind", "description", "length_months", "admission_requirement",
            "practicum_hours", "is_published", "courses", "cost_items", "payment_plans", "total_cost",
        ]

    @extend_schema_field(PaymentPlanOut(many=True))
    def get_payment_plans(self, program: Program) -> list[dict]:
        return PaymentPlanOut(program.plans_in_order, many=True, context={"total": program.cost_total}).data


class CourseOut(serializers.ModelSerializer):
    prerequisites = serializers.SerializerMethodField(help_text="Codes of the courses to complete first.")
    programs = serializers.SerializerMethodField(help_text="Ids of the programs (that you may see) including it.")

    class Meta:
        model = Course
        fields = ["id", "code", "title", "summary", "credit_hours", "credential", "prerequisites", "programs"]

    def get_prerequisites(self, course: Course) -> list[str]:
        return [p.required.code for p in course.prerequisites_in_order]

    def get_programs(self, course: Course) -> list[int]:
        return [link.program_id for link in course.program_links]


@extend_schema_view(
    list=extend_schema(
        summary="The school's programs, each with its courses in order, costs and payment plans",
        description="Registrars see every program; students and instructors the published ones.",
    ),
    retrieve=extend_schema(summary="One program"),
)
class ProgramViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = ProgramOut
    lookup_url_kwarg = "program_id"
    lookup_value_regex = "[0-9]+"

    def get_queryset(self) -> QuerySet[Program]:
        return selectors.program_list_detailed(membership=api_membership(self.request))

    def get_object(self) -> Program:
        return selectors.program_get_for(membership=api_membership(self.request), program_id=self.kwargs["program_id"])


@extend_schema_view(
    list=extend_schema(
        summary="The school's courses",
        parameters=[OpenApiParameter("q", description="Part of a course code or title")],
    ),
    retrieve=extend_schema(summary="One course"),
)
class CourseViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = CourseOut
    lookup_url_kwarg = "course_id"
    lookup_value_regex = "[0-9]+"

    def get_queryset(self) -> QuerySet[Course]:
        return selectors.course_list(
            tenant=self.request.tenant,
            query=search_text(self.request.query_params.get("q", "")) if self.action == "list" else "",
            include_unpublished_programs=can_see_unpublished_programs(api_membership(self.request)),
        )

    def get_object(self) -> Course:
        # Through the list, so a student's view of the course names no unpublished program.
        try:
            return self.get_queryset().get(pk=object_id(self.kwargs["course_id"]))
        except Course.DoesNotExist:
            raise Http404("No such course in this school.") from None
