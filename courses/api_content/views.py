"""REST API of course content: modules, lessons, a student's progress and exercise tries.

Who sees what is decided in ``courses.selectors.content``: the course's staff
every module and lesson, drafts too; a student with an active enrollment the
published modules with their state in that cohort, and the published lessons
of the modules open to them. A lesson of a locked module is left out of the
lists and is a 404 by id, for progress and attempts too. Every lookup comes
first, so another school's id, or a course the caller has no place in, is a
404; only then is the role checked, and a role refusal is a 403.

Students never receive an exercise's answer key; the rationale of each line
comes back in the feedback of a try.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from courses.api_content.inputs import COHORT_PARAM, AttemptIn, LessonIn, ModuleIn, MoveIn, ProgressIn
from courses.api_content.outputs import AttemptOut, LessonOut, ModuleOut, ProgressOut
from courses.models import Lesson, Module
from courses.permissions import can_author_course
from courses.selectors.content import (
    ContentAccess,
    content_lessons,
    content_modules,
    course_content_for,
    lesson_for,
    module_for,
)
from courses.services import content as content_services
from courses.services.learning import clean_answer_lines, exercise_attempt, lesson_opened, lesson_report_position
from lms.permissions import api_membership

AUTHORS_ONLY = "Only the course's authors (the school's instructors and registrars) can change its content."


def _cohort_param(request: Request) -> str | None:
    return request.query_params.get("cohort") or None


def _authors_only(request: Request, access: ContentAccess) -> None:
    if not can_author_course(api_membership(request), access.course):
        raise PermissionDenied(AUTHORS_ONLY)


def _as_field(exc: DjangoValidationError, name: str) -> DjangoValidationError:
    """A service's message about the whole of something, filed under the field it is about."""
    return exc if hasattr(exc, "error_dict") else DjangoValidationError({name: exc.messages})


def _module_fields(payload: ModuleIn) -> tuple[dict, list | None]:
    fields = dict(payload.validated_data)
    return fields, fields.pop("prerequisites", None)


def _module_out(request: Request, module_id: int) -> dict:
    access, module = module_for(membership=api_membership(request), module_id=module_id)
    return ModuleOut(module, context={"access": access}).data


def _save_lesson(request: Request, module: Module, lesson: Lesson | None, data: dict) -> Lesson:
    """The lesson, then its key, then publishing (which needs the key): all or nothing."""
    fields = {k: v for k, v in data.items() if k not in ("module", "video", "captions", "key_lines", "is_published")}
    tenant, actor = request.tenant, request.user
    with content_services.storing_files(), transaction.atomic():
        lesson = content_services.lesson_save(
            tenant=tenant, actor=actor, module=module, lesson=lesson, fields=fields,
            video=data.get("video"), captions=data.get("captions"),
        )
        if "key_lines" in data:
            try:
                content_services.key_lines_replace(tenant=tenant, actor=actor, lesson=lesson, lines=data["key_lines"])
            except DjangoValidationError as exc:
                raise _as_field(exc, "key_lines") from None
        if "is_published" in data:
            try:
                content_services.lesson_set_published(
                    tenant=tenant, actor=actor, lesson=lesson, published=data["is_published"]
                )
            except DjangoValidationError as exc:
                raise _as_field(exc, "is_published") from None
    return lesson


@extend_schema_view(
    get=extend_schema(
        summary="A course's modules in order (staff: drafts too; students: the published ones, with their state)",
        parameters=[COHORT_PARAM], responses=ModuleOut(many=True),
    ),
)
class CourseModulesView(GenericAPIView):
    serializer_class = ModuleOut

    def get(self, request: Request, course_id: int) -> Response:
        access = course_content_for(membership=api_membership(request), course_id=course_id, cohort_id=_cohort_param(request))
        page = self.paginate_queryset(content_modules(access=access))
        return self.get_paginated_response(ModuleOut(page, many=True, context={"access": access}).data)

    @extend_schema(summary="Add a module at the end of the course (its authors)", request=ModuleIn, responses={201: ModuleOut})
    def post(self, request: Request, course_id: int) -> Response:
        access = course_content_for(membership=api_membership(request), course_id=course_id)
        _authors_only(request, access)
        payload = ModuleIn(data=request.data)
        payload.is_valid(raise_exception=True)
        fields, prerequisites = _module_fields(payload)
        module = content_services.module_save(
            tenant=request.tenant, actor=request.user, course=access.course, fields=fields, prerequisites=prerequisites
        )
        return Response(_module_out(request, module.pk), status=status.HTTP_201_CREATED)


@extend_schema_view(
    retrieve=extend_schema(summary="One module", parameters=[COHORT_PARAM]),
    partial_update=extend_schema(summary="Change a module (its course's authors)", request=ModuleIn),
    destroy=extend_schema(summary="Delete a module with its lessons (refused while another module requires it)"),
)
class ModuleViewSet(viewsets.GenericViewSet):
    serializer_class = ModuleOut
    lookup_url_kwarg = "module_id"
    lookup_value_regex = "[0-9]+"

    def get_queryset(self):  # lookups go through module_for; this only names the model for the schema
        return Module.objects.none()

    def _found(self) -> tuple[ContentAccess, Module]:
        return module_for(
            membership=api_membership(self.request), module_id=self.kwargs["module_id"],
            cohort_id=_cohort_param(self.request),
        )

    def retrieve(self, request: Request, module_id: str) -> Response:
        access, module = self._found()
        return Response(ModuleOut(module, context={"access": access}).data)

    def partial_update(self, request: Request, module_id: str) -> Response:
        access, module = self._found()
        _authors_only(request, access)
        payload = ModuleIn(data=request.data, partial=True)
        payload.is_valid(raise_exception=True)
        fields, prerequisites = _module_fields(payload)
        content_services.module_save(
            tenant=request.tenant, actor=request.user, course=access.course, module=module, fields=fields,
            prerequisites=prerequisites,
        )
        return Response(_module_out(request, module.pk))

    def destroy(self, request: Request, module_id: str) -> Response:
        access, module = self._found()
        _authors_only(request, access)
        content_services.module_delete(tenant=request.tenant, actor=request.user, module=module)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(summary="Move a module one place earlier or later (its course's authors)", request=MoveIn,
                   responses=ModuleOut)
    @action(detail=True, methods=["post"])
    def move(self, request: Request, module_id: str) -> Response:
        access, module = self._found()
        _authors_only(request, access)
        payload = MoveIn(data=request.data)
        payload.is_valid(raise_exception=True)
        content_services.module_move(
            tenant=request.tenant, actor=request.user, module=module, direction=payload.validated_data["direction"]
        )
        return Response(_module_out(request, module.pk))


@extend_schema_view(
    list=extend_schema(
        summary="The lessons of a course you may read, in course order",
        description="Staff: every lesson with the answer keys. Students: the published lessons of the modules open "
        "to them (a locked module's lessons are left out), with their progress; never an answer key.",
        parameters=[OpenApiParameter("course", int, required=True, description="The course's id"), COHORT_PARAM],
    ),
    retrieve=extend_schema(summary="One lesson", parameters=[COHORT_PARAM]),
    create=extend_schema(
        summary="Add a lesson at the end of a module (its course's authors)", request=LessonIn, responses={201: LessonOut},
        description="JSON, or multipart/form-data to upload a lecture's video and captions (send key_lines as JSON).",
    ),
    partial_update=extend_schema(summary="Change a lesson (its course's authors); module and kind stay", request=LessonIn),
    destroy=extend_schema(summary="Delete a lesson with its files, answer key and the students' progress in it"),
)
class LessonViewSet(viewsets.GenericViewSet):
    serializer_class = LessonOut
    lookup_url_kwarg = "lesson_id"
    lookup_value_regex = "[0-9]+"

    def get_queryset(self):  # lookups go through the content selectors; this only names the model for the schema
        return Lesson.objects.none()

    def _found(self, *, cohort_in_body: bool = False) -> tuple[ContentAccess, Lesson]:
        """The lesson first (a 404 before any other answer); a student may name the cohort in the body of a POST."""
        body = self.request.data if cohort_in_body and isinstance(self.request.data, dict) else {}
        return lesson_for(
            membership=api_membership(self.request), lesson_id=self.kwargs["lesson_id"],
            cohort_id=body.get("cohort") or _cohort_param(self.request),
        )

    def _context(self, access: ContentAccess) -> dict:
        return {"access": access, "request": self.request}

    def list(self, request: Request) -> Response:
        course_id = request.query_params.get("course")
        if not course_id:
            raise serializers.ValidationError({"course": ["Name the course: ?course=<id>."]})
        access = course_content_for(membership=api_membership(request), course_id=course_id, cohort_id=_cohort_param(request))
        page = self.paginate_queryset(content_lessons(access=access))
        return self.get_paginated_response(LessonOut(page, many=True, context=self._context(access)).data)

    def retrieve(self, request: Request, lesson_id: str) -> Response:
        access, lesson = self._found()
        return Response(LessonOut(lesson, context=self._context(access)).data)

    def _lesson_out(self, lesson_id: int) -> dict:
        access, lesson = lesson_for(membership=api_membership(self.request), lesson_id=lesson_id)
        return LessonOut(lesson, context=self._context(access)).data

    def create(self, request: Request) -> Response:
        payload = LessonIn(data=request.data)
        payload.is_valid(raise_exception=True)
        try:
            access, module = module_for(membership=api_membership(request), module_id=payload.validated_data["module"])
        except Http404:
            raise serializers.ValidationError({"module": ["Choose a module of a course you can see."]}) from None
        _authors_only(request, access)
        lesson = _save_lesson(request, module, None, payload.validated_data)
        return Response(self._lesson_out(lesson.pk), status=status.HTTP_201_CREATED)

    def partial_update(self, request: Request, lesson_id: str) -> Response:
        access, lesson = self._found()
        _authors_only(request, access)
        payload = LessonIn(data=request.data, partial=True)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        if data.pop("module", lesson.module_id) != lesson.module_id:
            raise serializers.ValidationError({"module": ["A lesson stays in its module; add a new one there instead."]})
        _save_lesson(request, lesson.module, lesson, data)
        return Response(self._lesson_out(lesson.pk))

    def destroy(self, request: Request, lesson_id: str) -> Response:
        access, lesson = self._found()
        _authors_only(request, access)
        content_services.lesson_delete(tenant=request.tenant, actor=request.user, lesson=lesson)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(summary="Move a lesson one place earlier or later in its module (its course's authors)",
                   request=MoveIn, responses=LessonOut)
    @action(detail=True, methods=["post"])
    def move(self, request: Request, lesson_id: str) -> Response:
        access, lesson = self._found()
        _authors_only(request, access)
        payload = MoveIn(data=request.data)
        payload.is_valid(raise_exception=True)
        content_services.lesson_move(
            tenant=request.tenant, actor=request.user, lesson=lesson, direction=payload.validated_data["direction"]
        )
        return Response(self._lesson_out(lesson.pk))

    def _student(self, access: ContentAccess, doing: str):
        if access.enrollment is None:
            raise PermissionDenied(f"Only students enrolled in the course {doing}; staff preview without it.")
        return access.enrollment

    @extend_schema(
        summary="Report a student's progress: where the lecture's player is, or that a lesson was opened",
        description="A lecture counts as watched when the stretches played cover 90% of its duration, judged by the "
        "server from these reports (capped by the time that really passed), never by a single flag.",
        request=ProgressIn, responses=ProgressOut,
    )
    @action(detail=True, methods=["post"])
    def progress(self, request: Request, lesson_id: str) -> Response:
        access, lesson = self._found(cohort_in_body=True)
        enrollment = self._student(access, "record progress")
        payload = ProgressIn(data=request.data)
        payload.is_valid(raise_exception=True)
        if lesson.kind == Lesson.Kind.VIDEO and "position" in payload.validated_data:
            row = lesson_report_position(
                enrollment=enrollment, lesson=lesson, position=payload.validated_data["position"],
                seconds_watched=payload.validated_data["seconds_watched"],
            )
        else:
            row = lesson_opened(enrollment=enrollment, lesson=lesson)
        row.lesson = lesson
        return Response(ProgressOut(row).data)

    @extend_schema(
        summary="Try a coding exercise: the score and per-line feedback at once (unlimited tries, best score kept)",
        description="The course's staff may try it too: they get the feedback and nothing is stored.",
        request=AttemptIn, responses=AttemptOut,
    )
    @action(detail=True, methods=["post"])
    def attempts(self, request: Request, lesson_id: str) -> Response:
        access, lesson = self._found(cohort_in_body=True)
        if lesson.kind != Lesson.Kind.EXERCISE:
            raise serializers.ValidationError("Only coding exercises take answers.")
        payload = AttemptIn(data=request.data)
        payload.is_valid(raise_exception=True)
        try:
            lines = clean_answer_lines(payload.validated_data["lines"])
        except DjangoValidationError as exc:  # the pages' messages, under the field they are about
            raise serializers.ValidationError({"lines": exc.messages}) from None
        attempted = exercise_attempt(enrollment=access.enrollment, lesson=lesson, lines=lines)
        progress = attempted.progress
        body = {
            **{k: attempted.feedback[k] for k in ("credited", "denominator", "lines", "missed")},
            "score": attempted.score,
            "tries": progress.tries if progress else None,
            "best_score": progress.best_score if progress else None,
            "attempt": attempted.attempt.pk if attempted.attempt else None,
        }
        return Response(AttemptOut(body).data, status=status.HTTP_201_CREATED if attempted.attempt else status.HTTP_200_OK)
