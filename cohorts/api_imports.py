"""REST API of enrollment imports (registrars): upload a CSV to preview it, apply it, follow its progress."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from cohorts import imports
from cohorts.import_rows import MAX_FILE_BYTES
from cohorts.models import EnrollmentImport
from cohorts.permissions import can_import_enrollments
from lms.permissions import api_membership
from lms.uploads import read_upload

ROW_DEFAULTS = {
    "line": 0, "email": "", "name": "", "section": "", "state": "", "change": "", "errors": [],
    "pending": False, "outcome": "",
}


class CanImportEnrollments(BasePermission):
    message = "Only the school's registrars can import enrollments."

    def has_permission(self, request, view) -> bool:
        return can_import_enrollments(api_membership(request))


class ImportRowOut(serializers.Serializer):
    line = serializers.IntegerField()
    email = serializers.CharField()
    name = serializers.CharField()
    section = serializers.CharField()
    state = serializers.CharField()
    change = serializers.CharField(help_text="What applying the row does, in words; empty when it has errors.")
    errors = serializers.ListField(child=serializers.CharField(), help_text="What is wrong with the row.")
    pending = serializers.BooleanField(help_text="The row waits for the invited student to accept.")
    outcome = serializers.CharField(help_text="What happened when the invited student accepted.")


class EnrollmentImportOut(serializers.ModelSerializer):
    created_by = serializers.EmailField(source="created_by.email", read_only=True, default=None)
    percent = serializers.IntegerField(read_only=True)

    class Meta:
        model = EnrollmentImport
        fields = [
            "id", "file_name", "status", "total", "error_count", "processed", "percent", "message",
            "created_by", "created_at", "finished_at",
        ]


class EnrollmentImportDetailOut(EnrollmentImportOut):
    # A plain string here: a second component with the same choices would make
    # the schema's enum names collide (and `manage.py check --deploy` warn).
    status = serializers.CharField(read_only=True, help_text="previewed, queued, applying, applied or failed.")
    rows = serializers.SerializerMethodField(help_text="Every row; rows with errors first, then in file order.")

    class Meta(EnrollmentImportOut.Meta):
        fields = [*EnrollmentImportOut.Meta.fields, "rows"]

    @extend_schema_field(ImportRowOut(many=True))
    def get_rows(self, record: EnrollmentImport) -> list[dict]:
        return [{key: row.get(key, default) for key, default in ROW_DEFAULTS.items()} for row in imports.rows_for_display(record)]


class EnrollmentImportIn(serializers.Serializer):
    file = serializers.FileField(help_text="UTF-8 CSV with the columns email, full_name, section_code, state; at most 5 MB.")


@extend_schema_view(
    list=extend_schema(summary="The school's enrollment imports, newest first"),
    retrieve=extend_schema(summary="One import with its preview, row by row", responses=EnrollmentImportDetailOut),
    create=extend_schema(
        summary="Upload a CSV to preview it",
        request={"multipart/form-data": EnrollmentImportIn},
        responses={201: EnrollmentImportDetailOut},
        description="Checks every row and stores the preview; nothing is enrolled until the import is applied.",
    ),
)
class EnrollmentImportViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    permission_classes = [IsAuthenticated, CanImportEnrollments]
    serializer_class = EnrollmentImportOut
    parser_classes = [MultiPartParser, FormParser, JSONParser]
    lookup_url_kwarg = "import_id"
    lookup_value_regex = "[0-9]+"
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self):
        return imports.enrollment_import_list(tenant=self.request.tenant)

    def get_object(self) -> EnrollmentImport:
        return imports.enrollment_import_get(tenant=self.request.tenant, import_id=self.kwargs["import_id"])

    def retrieve(self, request: Request, import_id: int) -> Response:
        return Response(EnrollmentImportDetailOut(self.get_object()).data)

    def create(self, request: Request) -> Response:
        payload = EnrollmentImportIn(data=request.data)
        payload.is_valid(raise_exception=True)
        upload = payload.validated_data["file"]
        try:
            data = read_upload(upload, max_bytes=MAX_FILE_BYTES)
        except ValidationError as error:
            raise ValidationError({"file": error.messages}) from None
        record = imports.enrollment_import_preview(
            tenant=request.tenant, actor=api_membership(request), file_name=upload.name, data=data
        )
        return Response(EnrollmentImportDetailOut(record).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Apply a previewed import without errors",
        request=None,
        responses={202: EnrollmentImportOut},
        description="Queues the background job; a second call does nothing. Follow `status` and `processed`.",
    )
    @action(detail=True, methods=["post"])
    def apply(self, request: Request, import_id: int) -> Response:
        record = self.get_object()
        imports.enrollment_import_apply_request(tenant=request.tenant, actor=api_membership(request), enrollment_import=record)
        record.refresh_from_db()
        return Response(EnrollmentImportOut(record).data, status=status.HTTP_202_ACCEPTED)
