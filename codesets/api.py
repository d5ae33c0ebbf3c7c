"""The code-set API: search, one code with its notes, and the check service.

This is the contract later capabilities and integrations use; the graders call
``codesets.check.codes_check`` directly with the same inputs.
"""

from __future__ import annotations

import functools
from dataclasses import asdict

from django.urls import reverse
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from codesets import selectors
from codesets.check import codes_check
from codesets.models import Code, Release, System
from codesets.search import MAX_RESULTS, code_search

MAX_CHECK_CODES = 50


@functools.cache
def _codes_path() -> str:
    return reverse("api:code-list")


def code_url(system: str, code: str) -> str:
    # One reverse() per process rather than per code: a page of results lists up to 100 codes.
    return f"{_codes_path()}{system}/{code}/"


class ReleaseOut(serializers.ModelSerializer):
    class Meta:
        model = Release
        fields = ["system", "version", "title", "effective_from", "effective_to"]


class HitOut(serializers.Serializer):
    code = serializers.CharField()
    system = serializers.CharField()
    description = serializers.CharField()
    billable = serializers.BooleanField(allow_null=True)
    kind = serializers.CharField()
    match = serializers.ChoiceField(choices=["exact", "prefix", "words"])
    url = serializers.CharField(allow_null=True)


class SearchOut(serializers.Serializer):
    results = HitOut(many=True)
    page = serializers.IntegerField()
    next = serializers.CharField(allow_null=True)
    previous = serializers.CharField(allow_null=True)
    corrected = serializers.CharField(help_text="The words searched after typo correction, if they changed.")


class SearchIn(serializers.Serializer):
    system = serializers.ChoiceField(choices=System.choices, required=False)
    search = serializers.CharField(max_length=200, trim_whitespace=False)
    page = serializers.IntegerField(min_value=1, default=1)
    page_size = serializers.IntegerField(min_value=1, max_value=100, default=25)

    def validate_search(self, value: str) -> str:
        if not value.strip():
            raise ValidationError("Type a code or some words to search for.")
        return value


class CodeSearchView(APIView):
    @extend_schema(
        operation_id="codes_search", parameters=[SearchIn], responses=SearchOut,
        summary="Search codes: the exact code, then codes starting with the text, then description words",
    )
    def get(self, request: Request) -> Response:
        params = SearchIn(data=request.query_params)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        page, size = data["page"], data["page_size"]
        wanted = min(page * size + 1, MAX_RESULTS)
        result = code_search(tenant=request.tenant, query=data["search"], system=data.get("system"), limit=wanted)
        hits = result.hits[(page - 1) * size : page * size]
        more = len(result.hits) > page * size
        # Plain values already: SearchOut documents the shape, and skipping it per keystroke saves milliseconds.
        return Response({
            "results": [_hit(h) for h in hits],
            "page": page,
            "next": _page_url(request, page + 1) if more else None,
            "previous": _page_url(request, page - 1) if page > 1 else None,
            "corrected": result.corrected,
        })


def _hit(hit) -> dict:
    return {"code": hit.code, "system": hit.system, "description": hit.description, "billable": hit.billable,
            "kind": hit.kind, "match": hit.match, "url": code_url(hit.system, hit.code) if hit.code_id else None}


def _page_url(request: Request, page: int) -> str:
    query = request.query_params.copy()
    query["page"] = page
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


class CodeRefOut(serializers.Serializer):
    code = serializers.CharField()
    description = serializers.CharField()
    billable = serializers.BooleanField()
    kind = serializers.CharField()
    url = serializers.CharField()


class NoteOut(serializers.Serializer):
    text = serializers.CharField()
    on = serializers.CharField(help_text="The item the note sits on (this code or an ancestor).")
    codes = serializers.ListField(child=serializers.DictField(), help_text="The codes or ranges the note names.")


class CodeOut(serializers.Serializer):
    code = serializers.CharField()
    system = serializers.CharField()
    kind = serializers.CharField()
    description = serializers.CharField()
    short_description = serializers.CharField()
    billable = serializers.BooleanField()
    parent = CodeRefOut(allow_null=True)
    ancestors = CodeRefOut(many=True)
    children = CodeRefOut(many=True)
    notes = serializers.DictField(child=NoteOut(many=True), help_text="By kind: excludes1, code_first, ...")
    inherited_notes = serializers.DictField(child=NoteOut(many=True), help_text="Notes on ancestors that apply here.")
    seventh_characters = serializers.ListField(child=serializers.DictField())
    seventh_characters_from = serializers.CharField(allow_null=True)
    dates = serializers.DictField()
    release = ReleaseOut()


def _ref(code: Code) -> dict:
    return {"code": code.code, "description": code.description, "billable": code.billable, "kind": code.kind,
            "url": code_url(code.system, code.code)}


def _notes(notes_by_kind: dict, on: Code) -> dict:
    return {
        kind: [{"text": n.text, "on": on.code, "codes": [
            {"text": r.text, "code": r.target.code if r.target else None, "url": code_url(on.system, r.target.code) if r.target else None}
            for r in n.references.all()
        ]} for n in notes]
        for kind, notes in notes_by_kind.items()
    }


class CodeDetailView(APIView):
    @extend_schema(
        operation_id="codes_detail", responses=CodeOut, parameters=[OpenApiParameter("version", str, description="A release version; the newest by default.")],
        summary="One code (or chapter or block) with its hierarchy, tabular notes and 7th-character table",
    )
    def get(self, request: Request, system: str, code: str) -> Response:
        item = selectors.code_get(tenant=request.tenant, system=system, code=code, version=request.query_params.get("version"))
        detail = selectors.code_detail(item)
        inherited: dict[str, list] = {}
        for ancestor, notes in detail.inherited_notes:
            for kind, items in _notes(notes, ancestor).items():
                inherited.setdefault(kind, []).extend(items)
        return Response(CodeOut({
            "code": item.code, "system": item.system, "kind": item.kind, "description": item.description,
            "short_description": item.short_description, "billable": item.billable,
            "parent": _ref(detail.ancestors[-1]) if detail.ancestors else None,
            "ancestors": [_ref(a) for a in detail.ancestors], "children": [_ref(c) for c in detail.children],
            "notes": _notes(detail.notes, item), "inherited_notes": inherited,
            "seventh_characters": [{"character": s.character, "description": s.description} for s in detail.seventh_characters],
            "seventh_characters_from": detail.seventh_from.code if detail.seventh_from else None,
            "dates": {"added": item.added_on, "effective": item.effective_on, "terminated": item.terminated_on,
                      "action_code": item.action_code},
            "release": item.release,
        }).data)


class CheckIn(serializers.Serializer):
    system = serializers.ChoiceField(choices=System.choices)
    codes = serializers.ListField(child=serializers.CharField(max_length=20), min_length=1, max_length=MAX_CHECK_CODES)
    modifiers = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField(max_length=4), max_length=4), required=False,
        help_text='Modifiers by the code they go with: {"J1100": ["LT"]}.',
    )


class FindingOut(serializers.Serializer):
    rule = serializers.CharField()
    reason = serializers.CharField()
    codes = serializers.ListField(child=serializers.CharField())
    note = serializers.DictField(allow_null=True)


class CodeCheckOut(serializers.Serializer):
    input = serializers.CharField()
    code = serializers.CharField()
    valid = serializers.BooleanField(allow_null=True, help_text="null: CPT checked by format only.")
    billable = serializers.BooleanField(allow_null=True)
    description = serializers.CharField()
    kind = serializers.CharField()
    missing = serializers.DictField(allow_null=True)
    modifiers = serializers.ListField(child=serializers.DictField())
    findings = FindingOut(many=True)


class CheckOut(serializers.Serializer):
    system = serializers.CharField()
    release = ReleaseOut(allow_null=True)
    ok = serializers.BooleanField()
    codes = CodeCheckOut(many=True)
    findings = FindingOut(many=True)


class CodeCheckView(APIView):
    @extend_schema(operation_id="codes_check", request=CheckIn, responses=CheckOut,
                   summary="Check codes: validity, billable, what is missing, Excludes1 conflicts and sequencing")
    def post(self, request: Request) -> Response:
        data = CheckIn(data=request.data)
        data.is_valid(raise_exception=True)
        result = codes_check(tenant=request.tenant, **data.validated_data)
        return Response(CheckOut({
            "system": result.system, "release": result.release, "ok": result.ok,
            "codes": [asdict(c) for c in result.codes], "findings": [asdict(f) for f in result.findings],
        }).data)
