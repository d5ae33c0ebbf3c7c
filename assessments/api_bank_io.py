"""/api/v1/question-banks/{bank_id}/export/ and .../import/: a bank as a file, and a file previewed then imported.

``BankIOActions`` is mixed into the question-bank viewset, whose ``get_object``
gives the bank with access checked (404 for missing, foreign and not-yours).
Export is for whoever reads the bank; importing is for its course's authors.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from assessments.models import BankImport
from assessments.permissions import can_author_bank
from assessments.services import bank_files, bank_io
from lms.permissions import api_membership
from lms.uploads import read_upload

ROW_DEFAULTS = {"number": 0, "kind": "", "domain": "", "summary": "", "errors": []}


class CSVTextRenderer(BaseRenderer):
    """The export's CSV as it is; anything else (an error) as JSON, so ``?format=csv`` never fails to render."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None) -> bytes:
        if isinstance(data, str):
            return data.encode(self.charset)
        return JSONRenderer().render(data, renderer_context=renderer_context)


class BankImportRowOut(serializers.Serializer):
    number = serializers.IntegerField(help_text="The question's place in the file, from 1.")
    kind = serializers.CharField()
    domain = serializers.CharField()
    summary = serializers.CharField(help_text="The prompt's first 80 characters.")
    errors = serializers.ListField(child=serializers.CharField(), help_text='What is wrong, as "field: problem".')


class BankImportOut(serializers.ModelSerializer):
    bank = serializers.IntegerField(source="bank_id", read_only=True)
    created_by = serializers.EmailField(source="created_by.email", read_only=True, default=None)
    # Plain strings: a second component with choices of the same field names would make the schema's enum names collide.
    status = serializers.CharField(read_only=True, help_text="previewed, queued, running, done or failed.")
    format = serializers.CharField(read_only=True, help_text="json or csv.")
    percent = serializers.SerializerMethodField()

    class Meta:
        model = BankImport
        fields = ["id", "bank", "file_name", "format", "status", "total", "error_count", "processed", "percent",
                  "message", "created_by", "created_at", "finished_at"]

    def get_percent(self, record: BankImport) -> int:
        return bank_io.import_percent(record)


class BankImportDetailOut(BankImportOut):
    rows = serializers.SerializerMethodField(help_text="Every question; those with errors first, then in file order.")

    class Meta(BankImportOut.Meta):
        fields = [*BankImportOut.Meta.fields, "rows"]

    @extend_schema_field(BankImportRowOut(many=True))
    def get_rows(self, record: BankImport) -> list[dict]:
        return [{key: row.get(key, default) for key, default in ROW_DEFAULTS.items()} for row in bank_io.rows_for_display(record)]


class BankImportIn(serializers.Serializer):
    file = serializers.FileField(help_text="JSON exported from a bank, or CSV of choice questions; UTF-8, at most 2 MB.")


FORMAT_PARAMETER = OpenApiParameter("format", str, enum=["json", "csv"], description="json (the default) or csv.")
IMPORT_ID_PARAMETER = OpenApiParameter("bank_import_id", int, OpenApiParameter.PATH, description="The import's id.")


class BankIOActions:
    """Export, import and import progress for ``QuestionBankViewSet``."""

    def _import_author(self, request: Request):
        bank = self.get_object()
        membership = api_membership(request)
        if not can_author_bank(membership, bank):
            raise PermissionDenied("Only the course's authors can import questions into its banks.")
        return bank, membership

    @extend_schema(
        summary="Export a bank as a file",
        description="JSON holds every question that is still drawn; CSV only the single and multiple choice ones.",
        parameters=[FORMAT_PARAMETER],
        responses={(200, "application/json"): OpenApiTypes.OBJECT, (200, "text/csv"): OpenApiTypes.STR},
    )
    @action(detail=True, methods=["get"], renderer_classes=[JSONRenderer, CSVTextRenderer])
    def export(self, request: Request, **kwargs) -> Response:
        bank = self.get_object()
        if request.accepted_renderer.format == "csv":
            response = Response(bank_io.bank_export_csv(bank=bank), content_type="text/csv; charset=utf-8")
            extension = "csv"
        else:
            response, extension = Response(bank_io.bank_export_json(bank=bank)), "json"
        response["Content-Disposition"] = f'attachment; filename="{bank_io.export_file_name(bank, extension)}"'
        return response

    @extend_schema(
        summary="Upload a question file to preview it",
        description="Checks every question and stores the preview; nothing is added until the import is applied.",
        request={"multipart/form-data": BankImportIn},
        responses={201: BankImportDetailOut},
    )
    @action(detail=True, methods=["post"], url_path="import", url_name="import", parser_classes=[MultiPartParser, FormParser])
    def import_(self, request: Request, **kwargs) -> Response:
        bank, membership = self._import_author(request)
        payload = BankImportIn(data=request.data)
        payload.is_valid(raise_exception=True)
        upload = payload.validated_data["file"]
        try:
            data = read_upload(upload, max_bytes=bank_files.MAX_FILE_BYTES)
        except ValidationError as error:
            raise ValidationError({"file": error.messages}) from None
        record = bank_io.bank_import_preview(tenant=request.tenant, actor=membership, bank=bank, file_name=upload.name,
                                             data=data)
        return Response(BankImportDetailOut(record).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="One import into the bank: its preview and progress",
        description="Every question's problems while previewed; `status`, `processed` and `percent` while it imports.",
        parameters=[IMPORT_ID_PARAMETER],
        responses={200: BankImportDetailOut},
    )
    @action(detail=True, methods=["get"], url_path=r"import/(?P<bank_import_id>[0-9]+)", url_name="import-detail")
    def import_detail(self, request: Request, bank_import_id: str, **kwargs) -> Response:
        bank, _ = self._import_author(request)
        return Response(BankImportDetailOut(self._owned(request, bank, bank_import_id)).data)

    @extend_schema(
        summary="Apply a previewed import without errors",
        description="Queues the background job, which adds every question or none; a second call does nothing. "
        "Follow `status` and `processed` on the import.",
        request=None,
        parameters=[IMPORT_ID_PARAMETER],
        responses={202: BankImportOut, 400: OpenApiResponse(description="The file has questions with problems.")},
    )
    @action(detail=True, methods=["post"], url_path=r"import/(?P<bank_import_id>[0-9]+)/apply", url_name="import-apply")
    def import_apply(self, request: Request, bank_import_id: str, **kwargs) -> Response:
        bank, membership = self._import_author(request)
        record = self._owned(request, bank, bank_import_id)
        bank_io.bank_import_apply_request(tenant=request.tenant, actor=membership, bank_import=record)
        record.refresh_from_db()
        return Response(BankImportOut(record).data, status=status.HTTP_202_ACCEPTED)

    def _owned(self, request: Request, bank, bank_import_id: str) -> BankImport:
        """The import, if it is into this bank; 404 otherwise, like any id that is not yours."""
        record = bank_io.bank_import_get_for(membership=api_membership(request), bank_import_id=bank_import_id)
        if record.bank_id != bank.pk:
            raise Http404("No such question import.")
        return record
