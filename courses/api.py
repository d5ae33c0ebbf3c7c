"""REST API of the catalogue: programs with their courses and costs, and courses. Read-only here."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, serializers, viewsets

from cohorts.permissions import is_student
from courses.models import CostItem, Course, Credential, PaymentPlan, Prerequisite, Program, ProgramCourse
from lms.models import Membership
from lms.permissions import api_membership


def _pk_or_404(value: object) -> int:
    """A positive id that fits the database; anything else is simply not found."""
    text = str(value)
    if not text.isdigit() or not 0 < int(text) <= 2**62:
        raise Http404("Not found.")
    return int(text)


def _prerequisites(lookup: str = "prerequisite_links") -> Prefetch:
    return Prefetch(
        lookup,
        queryset=Prerequisite.objects.select_related("required").order_by("required__code"),
        to_attr="prerequisites_in_order",
    )


def programs_visible_to(*, membership: Membership) -> QuerySet[Program]:
    """The school's programs with their courses in order, costs and plans; students see published ones only."""
    programs = Program.objects.filter(tenant_id=membership.tenant_id)
    if is_student(membership):
        programs = programs.filter(is_published=True)
    return programs.prefetch_related(
        Prefetch(
            "program_courses",
            queryset=ProgramCourse.objects.select_related("course")
            .prefetch_related(_prerequisites("course__prerequisite_links"))
            .order_by("position"),
        ),
        Prefetch("cost_items", queryset=CostItem.objects.order_by("position", "id")),
        Prefetch("payment_plans", queryset=PaymentPlan.objects.order_by("instalments", "id")),
    ).order_by("name", "id")


def courses_visible_to(*, membership: Membership, query: str = "") -> QuerySet[Course]:
    """The school's courses with prerequisite codes and the programs (visible to the member) that include them."""
    links = ProgramCourse.objects.order_by("program_id")
    if is_student(membership):
        links = links.filter(program__is_published=True)
    courses = Course.objects.filter(tenant_id=membership.tenant_id)
    if query:
        courses = courses.filter(Q(code__icontains=query) | Q(title__icontains=query))
    return courses.prefetch_related(_prerequisites(), Prefetch("program_courses", queryset=links)).order_by("code", "id")


# --- serializers ---------------------------------------------------------------


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

    @extend_schema_field(serializers.DecimalField(max_digits=9, decimal_places=2))
    def get_instalment_amount(self, plan: PaymentPlan) -> Decimal:
        return plan.instalment_amount(self.context["total"])


class ProgramOut(serializers.ModelSerializer):
    courses = ProgramCourseOut(many=True, source="program_courses")
    cost_items = CostItemOut(many=True)
    payment_plans = serializers.SerializerMethodField()
    total_cost = serializers.SerializerMethodField(help_text="The sum of the cost items.")

    class Meta:
        model = Program
        fields = [
            "id", "name", "slug", "kind", "description", "length_months", "admission_requirement",
            "practicum_hours", "is_published", "courses", "cost_items", "payment_plans", "total_cost",
        ]

    @staticmethod
    def _total(program: Program) -> Decimal:
        return sum((item.amount for item in program.cost_items.all()), Decimal("0.00"))

    @extend_schema_field(serializers.DecimalField(max_digits=11, decimal_places=2))
    def get_total_cost(self, program: Program) -> Decimal:
        return self._total(program)

    @extend_schema_field(PaymentPlanOut(many=True))
    def get_payment_plans(self, program: Program) -> list[dict]:
        return PaymentPlanOut(program.payment_plans.all(), many=True, context={"total": self._total(program)}).data


class CourseOut(serializers.ModelSerializer):
    prerequisites = serializers.SerializerMethodField(help_text="Codes of the courses to complete first.")
    programs = serializers.SerializerMethodField(help_text="Ids of the programs that include this course.")

    class Meta:
        model = Course
        fields = ["id", "code", "title", "summary", "credit_hours", "credential", "prerequisites", "programs"]

    def get_prerequisites(self, course: Course) -> list[str]:
        return [p.required.code for p in course.prerequisites_in_order]

    def get_programs(self, course: Course) -> list[int]:
        return [link.program_id for link in course.program_courses.all()]


# --- views -----------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary="The school's programs, each with its courses in order, costs and payment plans"),
    retrieve=extend_schema(summary="One program"),
)
class ProgramViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = ProgramOut
    lookup_url_kwarg = "program_id"
    lookup_value_regex = "[0-9]+"

    def get_queryset(self) -> QuerySet[Program]:
        return programs_visible_to(membership=api_membership(self.request))

    def get_object(self) -> Program:
        try:
            return self.get_queryset().get(pk=_pk_or_404(self.kwargs["program_id"]))
        except Program.DoesNotExist:
            raise Http404("No such program.") from None


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
        return courses_visible_to(
            membership=api_membership(self.request), query=self.request.query_params.get("q", "").strip()[:100]
        )

    def get_object(self) -> Course:
        try:
            return self.get_queryset().get(pk=_pk_or_404(self.kwargs["course_id"]))
        except Course.DoesNotExist:
            raise Http404("No such course.") from None
