"""/api/v1/question-banks/, /api/v1/questions/, /api/v1/assessments/ and /api/v1/grading/preview/.

Authors (registrars and the school's instructors) write; staff of a course's
cohorts read; students never see a bank or a key here.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from assessments import permissions, selectors
from assessments.api_bank_io import BankIOActions
from assessments.models import Assessment, Question, QuestionBank, QuestionKind
from assessments.preview import preview_score
from assessments.services import delivery, questions
from cohorts.selectors import cohort_get_for
from lms.permissions import api_membership
from lms.selectors import object_id


class BankOut(serializers.ModelSerializer):
    course = serializers.IntegerField(source="course_id", read_only=True)
    question_count = serializers.SerializerMethodField()

    class Meta:
        model = QuestionBank
        fields = ["id", "course", "title", "description", "question_count", "created_at"]

    def get_question_count(self, bank: QuestionBank) -> int:
        return getattr(bank, "question_count", None) if hasattr(bank, "question_count") else bank.questions.count()


class BankIn(serializers.Serializer):
    course = serializers.IntegerField()
    title = serializers.CharField(max_length=150)
    description = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class BankChange(serializers.Serializer):
    title = serializers.CharField(max_length=150)
    description = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


def _author(request: Request, course) -> object:
    membership = api_membership(request)
    if not permissions.can_author_assessments(membership, course):
        raise PermissionDenied("Only the course's authors can change its question banks and assessments.")
    return membership


@extend_schema_view(
    list=extend_schema(summary="Question banks of the courses you author or teach"),
    retrieve=extend_schema(summary="One question bank"),
    create=extend_schema(request=BankIn, responses=BankOut, summary="Make a question bank for a course"),
    partial_update=extend_schema(request=BankChange, responses=BankOut, summary="Rename a bank"),
)
class QuestionBankViewSet(BankIOActions, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = BankOut
    lookup_url_kwarg = "bank_id"

    def get_queryset(self):
        from django.db.models import Count

        return selectors.banks_visible_to(membership=api_membership(self.request)).select_related("course").annotate(
            question_count=Count("questions")
        ).order_by("course__code", "title", "id")

    def get_object(self) -> QuestionBank:
        return selectors.bank_get_for(membership=api_membership(self.request), bank_id=self.kwargs[self.lookup_url_kwarg])

    def create(self, request: Request) -> Response:
        data = BankIn(data=request.data)
        data.is_valid(raise_exception=True)
        from courses.models import Course

        course = Course.objects.filter(tenant=request.tenant, pk=data.validated_data["course"]).first()
        if course is None:
            raise serializers.ValidationError({"course": "No such course."})
        _author(request, course)
        bank = questions.bank_create(tenant=request.tenant, actor=request.user, course=course,
                                     title=data.validated_data["title"], description=data.validated_data["description"])
        return Response(BankOut(bank).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request: Request, **kwargs) -> Response:
        bank = self.get_object()
        _author(request, bank.course)
        data = BankChange(data=request.data)
        data.is_valid(raise_exception=True)
        bank = questions.bank_update(tenant=request.tenant, actor=request.user, bank=bank, **data.validated_data)
        return Response(BankOut(bank).data)


class QuestionOut(serializers.ModelSerializer):
    bank = serializers.IntegerField(source="bank_id", read_only=True)
    domain = serializers.IntegerField(source="domain_id", read_only=True)
    domain_name = serializers.CharField(source="domain.name", read_only=True)
    module = serializers.IntegerField(source="module_id", read_only=True, allow_null=True)
    version = serializers.IntegerField(source="current.number", read_only=True)
    prompt = serializers.CharField(source="current.prompt", read_only=True)
    choices = serializers.JSONField(source="current.choices", read_only=True)
    items = serializers.JSONField(source="current.items", read_only=True)
    record_title = serializers.CharField(source="current.record_title", read_only=True)
    record_text = serializers.CharField(source="current.record_text", read_only=True)
    points = serializers.DecimalField(source="current.points", max_digits=6, decimal_places=2, read_only=True)
    rationale = serializers.CharField(source="current.rationale", read_only=True)
    rubric = serializers.CharField(source="current.rubric", read_only=True)
    order_scored = serializers.BooleanField(source="current.order_scored", read_only=True)

    class Meta:
        model = Question
        fields = ["id", "bank", "kind", "domain", "domain_name", "module", "version", "prompt", "choices", "items",
                  "record_title", "record_text", "points", "rationale", "rubric", "order_scored", "is_archived",
                  "needs_review", "review_reason", "updated_at"]


class QuestionIn(serializers.Serializer):
    bank = serializers.IntegerField(required=False)
    kind = serializers.ChoiceField(choices=QuestionKind.choices, required=False)
    domain = serializers.CharField(help_text="A domain id, or its code such as cpc:em.")
    module = serializers.IntegerField(required=False, allow_null=True)
    prompt = serializers.CharField()
    choices = serializers.JSONField(required=False, default=list)
    items = serializers.JSONField(required=False, default=list)
    record_title = serializers.CharField(required=False, allow_blank=True, default="")
    record_text = serializers.CharField(required=False, allow_blank=True, default="")
    points = serializers.CharField(required=False, default="1")
    rationale = serializers.CharField(required=False, allow_blank=True, default="")
    rubric = serializers.CharField(required=False, allow_blank=True, default="")
    order_scored = serializers.BooleanField(required=False, default=False)


class EditedOut(QuestionOut):
    new_version = serializers.SerializerMethodField()

    class Meta(QuestionOut.Meta):
        fields = [*QuestionOut.Meta.fields, "new_version"]

    def get_new_version(self, question: Question) -> bool:
        return self.context.get("new_version", False)


@extend_schema_view(
    list=extend_schema(summary="Questions of the banks you author or teach",
                       parameters=[OpenApiParameter("bank", int), OpenApiParameter("domain", int),
                                   OpenApiParameter("needs_review", bool)]),
    retrieve=extend_schema(summary="One question, at its current version"),
    create=extend_schema(request=QuestionIn, responses=QuestionOut, summary="Write a question"),
    update=extend_schema(request=QuestionIn, responses=EditedOut,
                         summary="Edit a question: a new version once students have been given it"),
    destroy=extend_schema(summary="Archive a question (kept for the attempts that used it)"),
)
class QuestionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = QuestionOut
    lookup_url_kwarg = "question_id"

    def get_queryset(self):
        rows = selectors.questions_visible_to(membership=api_membership(self.request)).order_by("bank_id", "id")
        for name in ("bank", "domain"):
            value = self.request.query_params.get(name)
            if value:
                rows = rows.filter(**{f"{name}_id": object_id(value)})
        if self.request.query_params.get("needs_review") in ("true", "1"):
            rows = rows.filter(needs_review=True)
        return rows

    def get_object(self) -> Question:
        return selectors.question_get_for(membership=api_membership(self.request), question_id=self.kwargs[self.lookup_url_kwarg])

    def create(self, request: Request) -> Response:
        data = QuestionIn(data=request.data)
        data.is_valid(raise_exception=True)
        if "bank" not in data.validated_data:
            raise serializers.ValidationError({"bank": "Say which bank the question goes in."})
        bank = selectors.bank_get_for(membership=api_membership(request), bank_id=data.validated_data["bank"])
        _author(request, bank.course)
        question = questions.question_create(tenant=request.tenant, actor=request.user, bank=bank, data=data.validated_data)
        return Response(QuestionOut(question).data, status=status.HTTP_201_CREATED)

    def update(self, request: Request, **kwargs) -> Response:
        question = self.get_object()
        _author(request, question.bank.course)
        data = QuestionIn(data=request.data)
        data.is_valid(raise_exception=True)
        edited = questions.question_update(tenant=request.tenant, actor=request.user, question=question, data=data.validated_data)
        return Response(EditedOut(edited.question, context={"new_version": edited.new_version}).data)

    def destroy(self, request: Request, **kwargs) -> Response:
        question = self.get_object()
        _author(request, question.bank.course)
        questions.question_archive(tenant=request.tenant, actor=request.user, question=question)
        return Response(status=status.HTTP_204_NO_CONTENT)


class AssessmentOut(serializers.ModelSerializer):
    course = serializers.IntegerField(source="course_id", read_only=True)
    bank = serializers.IntegerField(source="bank_id", read_only=True)
    module = serializers.IntegerField(source="module_id", read_only=True, allow_null=True)
    blueprint = serializers.SerializerMethodField()

    class Meta:
        model = Assessment
        fields = ["id", "course", "bank", "module", "kind", "title", "instructions", "time_limit_minutes",
                  "attempts_allowed", "scoring_policy", "shuffle_questions", "shuffle_choices", "passing_percent",
                  "show_scores", "show_answers", "is_published", "blueprint"]

    def get_blueprint(self, assessment: Assessment) -> list[dict]:
        return [{"domain": r.domain_id, "count": r.count} for r in assessment.blueprint.all()]


class AssessmentIn(serializers.ModelSerializer):
    bank = serializers.IntegerField(required=False)
    module = serializers.IntegerField(required=False, allow_null=True)
    blueprint = serializers.ListField(child=serializers.DictField(), required=False)
    questions = serializers.ListField(child=serializers.IntegerField(), required=False)

    class Meta:
        model = Assessment
        fields = ["bank", "module", "kind", "title", "instructions", "time_limit_minutes", "attempts_allowed",
                  "scoring_policy", "shuffle_questions", "shuffle_choices", "passing_percent", "show_scores",
                  "show_answers", "is_published", "blueprint", "questions"]


class ScheduleIn(serializers.Serializer):
    cohort = serializers.IntegerField()
    opens_at = serializers.DateTimeField()
    due_at = serializers.DateTimeField(required=False, allow_null=True, default=None)
    closes_at = serializers.DateTimeField(required=False, allow_null=True, default=None)
    late_penalty_percent = serializers.DecimalField(max_digits=5, decimal_places=2, min_value=0, max_value=100,
                                                    required=False, default=0)


class ScheduleOut(serializers.Serializer):
    id = serializers.IntegerField()
    cohort = serializers.IntegerField(source="cohort_id")
    assessment = serializers.IntegerField(source="assessment_id")
    opens_at = serializers.DateTimeField()
    due_at = serializers.DateTimeField(allow_null=True)
    closes_at = serializers.DateTimeField(allow_null=True)
    late_penalty_percent = serializers.DecimalField(max_digits=5, decimal_places=2)


@extend_schema_view(
    list=extend_schema(summary="Assessments of the courses you author or teach"),
    retrieve=extend_schema(summary="One assessment with its blueprint"),
    create=extend_schema(request=AssessmentIn, responses=AssessmentOut, summary="Make an assessment"),
    partial_update=extend_schema(request=AssessmentIn, responses=AssessmentOut, summary="Change an assessment's settings"),
)
class AssessmentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = AssessmentOut
    lookup_url_kwarg = "assessment_id"

    def get_queryset(self):
        return selectors.assessments_visible_to(membership=api_membership(self.request)).prefetch_related("blueprint").order_by("id")

    def get_object(self) -> Assessment:
        return selectors.assessment_get_for(membership=api_membership(self.request), assessment_id=self.kwargs[self.lookup_url_kwarg])

    def _structure(self, request: Request, assessment: Assessment, data: dict) -> None:
        if "blueprint" in data:
            delivery.blueprint_set(tenant=request.tenant, actor=request.user, assessment=assessment, rules=data["blueprint"])
        if "questions" in data:
            delivery.questions_set(tenant=request.tenant, actor=request.user, assessment=assessment,
                                   question_ids=data["questions"])

    def create(self, request: Request) -> Response:
        from django.db import transaction

        data = AssessmentIn(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        if "bank" not in values:
            raise serializers.ValidationError({"bank": "Say which bank its questions come from."})
        bank = selectors.bank_get_for(membership=api_membership(request), bank_id=values.pop("bank"))
        _author(request, bank.course)
        publish = values.pop("is_published", False)
        with transaction.atomic():
            assessment = delivery.assessment_create(tenant=request.tenant, actor=request.user, course=bank.course, bank=bank,
                                                    data=values)
            self._structure(request, assessment, values)
            if publish:
                assessment = delivery.assessment_update(tenant=request.tenant, actor=request.user, assessment=assessment,
                                                        data={"is_published": True})
        return Response(AssessmentOut(assessment).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request: Request, **kwargs) -> Response:
        from django.db import transaction

        assessment = self.get_object()
        _author(request, assessment.course)
        data = AssessmentIn(assessment, data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        values.pop("bank", None)
        with transaction.atomic():
            self._structure(request, assessment, values)
            assessment = delivery.assessment_update(tenant=request.tenant, actor=request.user, assessment=assessment,
                                                    data=values)
        return Response(AssessmentOut(assessment).data)

    @extend_schema(request=ScheduleIn, responses=ScheduleOut, summary="Set when a cohort takes it (opens, due, closes)")
    @action(detail=True, methods=["post"])
    def schedule(self, request: Request, **kwargs) -> Response:
        assessment = self.get_object()
        data = ScheduleIn(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        membership = api_membership(request)
        cohort = cohort_get_for(membership=membership, cohort_id=values.pop("cohort"), counts=False)
        if not permissions.can_schedule(membership, cohort):
            raise PermissionDenied("Only the cohort's staff and registrars set its dates.")
        row = delivery.schedule_set(tenant=request.tenant, actor=request.user, cohort=cohort, assessment=assessment, **values)
        return Response(ScheduleOut(row).data)


class PreviewIn(serializers.Serializer):
    key = serializers.ListField(child=serializers.DictField(), help_text="Key lines: role, code, requirement, group, "
                                "modifiers, units, rationale.")
    answer = serializers.ListField(child=serializers.DictField(), help_text="Answer lines: code, modifiers, units.")
    order_scored = serializers.BooleanField(required=False, default=False)


class PreviewView(APIView):
    """How an answer would score against a key, line by line, before the question is published."""

    @extend_schema(request=PreviewIn, summary="Score an answer against a key without saving anything",
                   responses={200: {"type": "object"}})
    def post(self, request: Request) -> Response:
        membership = api_membership(request)
        from lms.permissions import is_instructor, is_registrar

        if not (is_registrar(membership) or is_instructor(membership)):
            raise PermissionDenied("Previewing a key is for the school's authors.")
        data = PreviewIn(data=request.data)
        data.is_valid(raise_exception=True)
        result = preview_score(tenant=request.tenant, key=data.validated_data["key"], answer=data.validated_data["answer"],
                               order_scored=data.validated_data["order_scored"])
        return Response(result.as_dict())
