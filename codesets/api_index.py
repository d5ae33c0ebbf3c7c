"""The API of the Alphabetic Index, its two tables and the External Cause Index.

Same rules as the other code routes: a member of the school, paginated with
``page`` and ``page_size``, errors as DRF's validation errors.
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from codesets import index_selectors
from codesets.api import SearchIn, _page_url
from codesets.index_present import Entry, entry
from codesets.index_search import MAX_RESULTS, IndexResult, index_current, index_search
from codesets.models import CodeStatus, IndexKind

STATUSES = [CodeStatus.BILLABLE, CodeStatus.INCOMPLETE, CodeStatus.NEEDS_MORE, CodeStatus.NOT_IN_TABULAR]


class IndexSearchIn(SearchIn):
    system = None  # the index is ICD-10-CM's

    def validate_search(self, value: str) -> str:
        if not value.strip():
            raise ValidationError("Type some words to look up: the condition first (fracture femur neck).")
        return value


class _ReferencesOut(serializers.Serializer):
    """The cross-references every term carries."""

    see = serializers.CharField(allow_null=True, help_text='A cross-reference as printed: "Pain, abdominal".')
    see_url = serializers.CharField(allow_null=True, help_text="The page of the term (or table, or code) it names, when it was resolved.")
    see_main_term = serializers.IntegerField(allow_null=True, help_text="The main term it names (GET /api/v1/codes/index/<id>/).")
    see_also = serializers.CharField(allow_null=True)
    see_also_url = serializers.CharField(allow_null=True)
    see_also_main_term = serializers.IntegerField(allow_null=True)


class IndexEntryOut(_ReferencesOut):
    id = serializers.IntegerField()
    path = serializers.ListField(child=serializers.CharField(), help_text="Titles from the main term down, without modifiers.")
    nemod = serializers.CharField(help_text="This term's nonessential modifiers, as printed.")
    code = serializers.CharField(allow_null=True, help_text="As printed; an incomplete code ends in '-'.")
    code_status = serializers.ChoiceField(choices=STATUSES, allow_null=True)
    main_term = serializers.IntegerField(help_text="The main term's id: GET /api/v1/codes/index/<main_term>/.")
    url = serializers.CharField(help_text="The main term's page, at this term.")


class IndexTermOut(_ReferencesOut):
    id = serializers.IntegerField()
    title = serializers.CharField()
    nemod = serializers.CharField()
    code = serializers.CharField(allow_null=True)
    code_status = serializers.ChoiceField(choices=STATUSES, allow_null=True)
    terms = serializers.ListField(child=serializers.DictField(), help_text="Its subterms, the same shape, recursively.")


class TableRowOut(_ReferencesOut):
    id = serializers.IntegerField()
    path = serializers.ListField(child=serializers.CharField())
    nemod = serializers.CharField()
    cells = serializers.DictField(child=serializers.CharField(allow_null=True), help_text="Column heading -> code, or null.")
    statuses = serializers.DictField(child=serializers.CharField(allow_null=True), help_text="Column heading -> code status, or null.")


class _PageOut(serializers.Serializer):
    """A page of results and what the search did to the words."""

    page = serializers.IntegerField()
    next = serializers.CharField(allow_null=True)
    previous = serializers.CharField(allow_null=True)
    corrected = serializers.CharField()
    expanded = serializers.CharField(help_text='An abbreviation expanded: "CHF: searched congestive heart failure".')
    meanings = serializers.ListField(child=serializers.ListField(child=serializers.CharField()),
                                     help_text="An ambiguous abbreviation's meanings: [[abbreviation, meaning], ...].")


class IndexSearchOut(_PageOut):
    results = IndexEntryOut(many=True)


class TableSearchOut(_PageOut):
    results = TableRowOut(many=True)


def _references(e: Entry) -> dict:
    out = {}
    for name, ref in (("see", e.see), ("see_also", e.see_also)):
        out[name] = ref.text if ref else None
        out[f"{name}_url"] = ref.url if ref else None
        out[f"{name}_main_term"] = ref.main_term if ref else None
    return out


def _entry(e: Entry) -> dict:
    return {
        "id": e.id, "path": e.path, "nemod": e.nemod, "code": e.code.code if e.code else None,
        "code_status": e.code.status if e.code else None, **_references(e), "main_term": e.main_id, "url": e.url,
    }


def _row(e: Entry, headings: list[str]) -> dict:
    cells = e.cells or [None] * len(headings)
    return {
        "id": e.id, "path": e.row_path, "nemod": e.nemod,
        "cells": {h: (c.code if c else None) for h, c in zip(headings, cells, strict=False)},
        "statuses": {h: (c.status if c else None) for h, c in zip(headings, cells, strict=False)}, **_references(e),
    }


def _searched(request: Request, kind: str) -> tuple[IndexResult, int, int]:
    params = IndexSearchIn(data=request.query_params)
    params.is_valid(raise_exception=True)
    data = params.validated_data
    page, size = data["page"], data["page_size"]
    release = index_current()
    if release is None:
        raise NotFound("The ICD-10-CM Index is not loaded yet.")
    result = index_search(query=data["search"], kind=kind, limit=min(page * size + 1, MAX_RESULTS), release=release)
    return result, page, size


def _page(request: Request, result: IndexResult, page: int, size: int, items: list[dict]) -> Response:
    more = len(result.hits) > page * size
    return Response({
        "results": items, "page": page,
        "next": _page_url(request, page + 1) if more else None,
        "previous": _page_url(request, page - 1) if page > 1 else None,
        "corrected": result.corrected, "expanded": result.expanded, "meanings": [list(m) for m in result.meanings],
    })


def _search_view(name: str, kind: str, out, operation_id: str, summary: str) -> type[APIView]:
    """A search route of one index: entries (the Index, the External Cause Index) or table rows."""
    table = kind in (IndexKind.NEOPLASM, IndexKind.DRUG)

    @extend_schema(operation_id=operation_id, parameters=[IndexSearchIn], responses=out, summary=summary)
    def get(self, request: Request) -> Response:
        result, page, size = _searched(request, kind)
        hits = [entry(h) for h in result.hits[(page - 1) * size : page * size]]
        headings = result.release.headings.get(kind, []) if table else []
        return _page(request, result, page, size, [_row(e, headings) if table else _entry(e) for e in hits])

    return type(name, (APIView,), {"get": get, "__doc__": summary})


IndexSearchView = _search_view("IndexSearchView", IndexKind.INDEX, IndexSearchOut, "codes_index_search",
                               "Search the ICD-10-CM Alphabetic Index: main term first, then its subterms")
ExternalCauseSearchView = _search_view("ExternalCauseSearchView", IndexKind.EXTERNAL, IndexSearchOut,
                                       "codes_external_causes_search", "Search the ICD-10-CM External Cause of Injuries Index")
NeoplasmTableView = _search_view("NeoplasmTableView", IndexKind.NEOPLASM, TableSearchOut, "codes_neoplasm_table",
                                 "Search the Table of Neoplasms by site: rows with a code per behaviour column")
DrugTableView = _search_view("DrugTableView", IndexKind.DRUG, TableSearchOut, "codes_drug_table",
                             "Search the Table of Drugs and Chemicals by substance (codes lack their 7th character)")


def _tree(rows: list[Entry]) -> dict:
    """The main term (first row) with its subterms nested by depth."""
    def node(e: Entry) -> dict:
        return {"id": e.id, "title": e.title, "nemod": e.nemod, "code": e.code.code if e.code else None,
                "code_status": e.code.status if e.code else None, **_references(e), "terms": []}

    root = node(rows[0])
    stack = [root]
    for e in rows[1:]:
        del stack[e.depth:]
        child = node(e)
        stack[-1]["terms"].append(child)
        stack.append(child)
    return root


class IndexTermView(APIView):
    @extend_schema(operation_id="codes_index_term", responses=IndexTermOut,
                   summary="A main term of the Alphabetic Index (or the External Cause Index) with its whole subtree")
    def get(self, request: Request, main_term_id: int) -> Response:
        release = index_current()
        if release is None:
            raise NotFound("The ICD-10-CM Index is not loaded yet.")
        term = index_selectors.term_get(release=release, kind=[IndexKind.INDEX, IndexKind.EXTERNAL], term_id=main_term_id)
        if term.main_id != term.pk:
            raise NotFound("No main term has that id.")
        return Response(_tree([entry(row) for row in index_selectors.main_term_rows(term)]))


