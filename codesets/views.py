"""Encoder pages: search, browse and read the code sets. Thin: call search and selectors, render.

Every member of a school uses them. The helpers below only shape what the
selectors returned for the templates; they run no queries of their own.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from codesets import index_selectors
from codesets.index_present import entry
from codesets.index_search import index_search
from codesets.models import Code, IndexKind, Note, NoteKind, Release, System
from codesets.permissions import can_manage_code_sets
from codesets.search import Hit, SearchResult, code_search, current_releases
from codesets.selectors import CodeDetail, chapters, code_detail, code_get, release_for
from lms.permissions import member_required

SEARCH_LIMIT = 50
PANEL_LIMIT = 20
PANEL_INDEX_LIMIT = 8
BROWSE_PAGE_SIZE = 100
QUERY_MAX_LENGTH = 100

NOTE_HEADINGS = {
    NoteKind.NOTE: "Notes",
    NoteKind.INCLUDES: "Includes",
    NoteKind.INCLUSION_TERM: "Inclusion terms",
    NoteKind.EXCLUDES1: "Excludes1",
    NoteKind.EXCLUDES2: "Excludes2",
    NoteKind.CODE_FIRST: "Code first",
    NoteKind.USE_ADDITIONAL: "Use additional code",
    NoteKind.CODE_ALSO: "Code also",
    NoteKind.SEVENTH_CHARACTER: "7th character note",
}
# One line for students on what the instruction asks of them.
NOTE_HINTS = {
    NoteKind.EXCLUDES1: "Not coded here: never report these together with this code.",
    NoteKind.EXCLUDES2: "Not included here: both codes may be reported when the patient has both conditions.",
    NoteKind.CODE_FIRST: "Sequence the underlying condition before this code.",
    NoteKind.USE_ADDITIONAL: "Add a second code after this one to complete the picture.",
    NoteKind.CODE_ALSO: "A second code may be needed; the order depends on the encounter.",
}
# CMS HCPCS record layout, "action code".
HCPCS_ACTIONS = {
    "A": "Added",
    "B": "Change in both administrative data and long description",
    "C": "Change in long description",
    "D": "Discontinued",
    "F": "Change in administrative data",
    "N": "No maintenance",
    "P": "Payment change",
    "R": "Reactivated",
    "S": "Change in short description",
    "T": "Miscellaneous change",
}


# --- shaping for templates ---------------------------------------------------

@dataclass(frozen=True)
class HitRow:
    hit: Hit
    system_label: str
    status: str  # "billable", "header" or "format only"


@dataclass(frozen=True)
class NoteLine:
    parts: list[tuple[str, Code | None]]  # the note's text with the codes it names linked
    unplaced: list[Code]  # named codes whose text could not be found in the note


@dataclass(frozen=True)
class NoteSection:
    kind: str
    heading: str
    hint: str
    lines: list[NoteLine]


def _search_params(request: HttpRequest) -> tuple[str, str]:
    query = request.GET.get("q", "")[:QUERY_MAX_LENGTH].strip()
    system = request.GET.get("system", "")
    return query, system if system in System.values else ""


def _hit_rows(result: SearchResult) -> list[HitRow]:
    def status(hit: Hit) -> str:
        return "format only" if hit.billable is None else ("billable" if hit.billable else "header")

    return [HitRow(hit, System(hit.system).label, status(hit)) for hit in result.hits]


def _note_line(note: Note) -> NoteLine:
    """Split the note's text around each code it names, so each can be a link."""
    parts: list[tuple[str, Code | None]] = []
    unplaced: list[Code] = []
    text, cursor = note.text, 0
    for reference in note.references.all():
        if reference.target is None:
            continue
        found = text.find(reference.text, cursor) if reference.text else -1
        if found < 0:
            unplaced.append(reference.target)
            continue
        if found > cursor:
            parts.append((text[cursor:found], None))
        parts.append((reference.text, reference.target))
        cursor = found + len(reference.text)
    if cursor < len(text):
        parts.append((text[cursor:], None))
    return NoteLine(parts, unplaced)


def _note_sections(notes: dict[str, list[Note]]) -> list[NoteSection]:
    return [
        NoteSection(kind, NOTE_HEADINGS.get(kind, NoteKind(kind).label), NOTE_HINTS.get(kind, ""),
                    [_note_line(note) for note in items])
        for kind, items in notes.items()
    ]


def _code_context(detail: CodeDetail) -> dict:
    item = detail.code
    own_notes = _note_sections(detail.notes)
    inherited = [(ancestor, _note_sections(notes)) for ancestor, notes in detail.inherited_notes]
    contents = _contents(detail, own_notes, inherited)
    return {
        "detail": detail,
        "item": item,
        "release": item.release,
        "system_label": System(item.system).label,
        "own_notes": own_notes,
        "inherited": inherited,
        "contents": contents,
        "seventh_current": item.key[6] if item.kind == Code.Kind.EXTENSION and len(item.key) >= 7 else "",
        "action_label": HCPCS_ACTIONS.get(item.action_code, ""),
    }


def _contents(detail: CodeDetail, own_notes: list, inherited: list, index: bool = False) -> list[tuple[str, str]]:
    """The page's sections to jump to; none when there is only one (a list of one section is no help)."""
    contents = [
        (anchor, label) for anchor, label, shown in [
            ("notes-heading", "Notes", own_notes),
            ("children-heading", f"Codes below ({len(detail.children)})", detail.children),
            ("seventh-heading", "7th characters", detail.seventh_characters),
            ("inherited-heading", "Notes from above", inherited),
            ("index-heading", "In the Index", index),
        ] if shown
    ]
    return contents if len(contents) > 1 else []


def _version_suffix(version: str | None) -> str:
    return f"?{urlencode({'version': version})}" if version else ""


# --- pages -------------------------------------------------------------------

def _search_context(request: HttpRequest) -> dict:
    query, system = _search_params(request)
    releases = current_releases(tenant=request.tenant)
    searched = [r for r in releases if not system or r.system == system]
    result = code_search(tenant=request.tenant, query=query, system=system or None, limit=SEARCH_LIMIT,
                         releases=searched)
    by_system = {r.system: r for r in releases}
    icd = by_system.get(System.ICD10CM)
    return {
        "query": query,
        "system": system,
        "systems": System.choices,
        "result": result,
        "rows": _hit_rows(result),
        "limit": SEARCH_LIMIT,
        "releases": by_system,
        "cpt_unlicensed": system in ("", System.CPT) and System.CPT not in by_system,
        "can_manage_cpt": can_manage_code_sets(request.membership),
        "chapters": list(chapters(release=icd)) if icd and not query else [],
    }


def _is_partial(request: HttpRequest) -> bool:
    # A history restore asks for the whole page even though htmx sends it.
    return bool(request.htmx) and not request.htmx.history_restore_request


@member_required()
def encoder(request: HttpRequest) -> HttpResponse:
    return render(request, "codesets/encoder.html", _search_context(request))


@member_required()
def search(request: HttpRequest) -> HttpResponse:
    context = _search_context(request)
    if _is_partial(request):
        return render(request, "codesets/partials/results.html", {**context, "partial": True})
    return render(request, "codesets/encoder.html", context)


@member_required()
def code_page(request: HttpRequest, system: str, code: str) -> HttpResponse:
    version = request.GET.get("version") or None
    item = code_get(tenant=request.tenant, system=system, code=code, version=version)
    if code != item.code:  # e1165 or E1165 -> E11.65, one address per code
        return redirect(_code_url(item) + _version_suffix(version))
    context = _code_context(code_detail(item))
    context["version_suffix"] = _version_suffix(version)
    if item.system == System.ICD10CM and not item.is_header:
        context["index_leads"] = [entry(row) for row in index_selectors.leads_to(item)]
        if context["index_leads"]:
            context["contents"] = _contents(context["detail"], context["own_notes"], context["inherited"], index=True)
    return render(request, "codesets/code.html", context)


def _code_url(item: Code) -> str:
    return reverse("codes:code", kwargs={"system": item.system, "code": item.code})


@member_required()
def browse(request: HttpRequest, system: str) -> HttpResponse:
    version = request.GET.get("version") or None
    release: Release = release_for(tenant=request.tenant, system=system, version=version)
    items = chapters(release=release)
    context = {"release": release, "system_label": System(system).label, "version_suffix": _version_suffix(version)}
    if system == System.ICD10CM:
        context["chapters"] = list(items)
    else:
        context["page"] = Paginator(items, BROWSE_PAGE_SIZE).get_page(request.GET.get("page"))
        context["querystring"] = urlencode({"version": version}) if version else ""
    return render(request, "codesets/browse.html", context)


@member_required()
def panel(request: HttpRequest) -> HttpResponse:
    query, _ = _search_params(request)
    result = code_search(tenant=request.tenant, query=query, limit=PANEL_LIMIT)
    context = {"panel_query": query, "panel_result": result, "panel_rows": _hit_rows(result), "panel_limit": PANEL_LIMIT}
    if query and not result.hits or query and result.hits[0].match == "words":  # words, not a code: the Index too
        index_result = index_search(query=query, kind=IndexKind.INDEX, limit=PANEL_INDEX_LIMIT)
        context["panel_index"] = [entry(row) for row in index_result.hits]
    if _is_partial(request):
        return render(request, "codesets/partials/panel_results.html", {**context, "partial": True})
    return render(request, "codesets/panel.html", context)
