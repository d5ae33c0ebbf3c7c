"""Encoder pages for the Alphabetic Index, the External Cause Index and the two tables.

Thin: the reads live in ``index_selectors`` and ``index_search``; the shaping in ``index_present``.
"""

from __future__ import annotations

from string import ascii_uppercase

from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from codesets import index_selectors as selectors
from codesets.index_present import entry, term_url
from codesets.index_search import index_current, index_search
from codesets.models import IndexKind
from codesets.views import QUERY_MAX_LENGTH, _is_partial
from lms.permissions import member_required

SEARCH_LIMIT = 50
TREE_CACHE_SECONDS = 24 * 3600
TABLE_PAGE_SIZE = 150
LETTERS = list(ascii_uppercase)
# The Table of Drugs prints substances that start with a digit ("1-propanol", "2,4-D") under "#".
TABLE_LETTERS = {IndexKind.NEOPLASM: LETTERS, IndexKind.DRUG: ["#", *LETTERS]}

INDEXES = {
    IndexKind.INDEX: {
        "title": "Alphabetic Index", "heading": "Index to Diseases and Injuries", "url": "codes:index",
        "label": "Search the Alphabetic Index",
        "help": "Type the condition, then what is special about it: fracture femur neck, diabetes hyperglycemia, pain chest.",
    },
    IndexKind.EXTERNAL: {
        "title": "External Cause Index", "heading": "External Cause of Injuries Index", "url": "codes:external",
        "label": "Search the External Cause Index",
        "help": "Type how the injury happened: fall stairs, struck by ball, burn hot water.",
    },
}
TABLES = {
    IndexKind.NEOPLASM: {
        "title": "Table of Neoplasms", "url": "codes:neoplasms", "row_heading": "Site", "label": "Search by site",
        "help": "Type the site: breast, lung upper lobe, colon sigmoid.",
        "reminder": "Look the morphology up in the Index first (carcinoma, adenoma...): it says which column to use. "
                    "A code ending in “-” needs more characters from the Tabular.",
    },
    IndexKind.DRUG: {
        "title": "Table of Drugs and Chemicals", "url": "codes:drugs", "row_heading": "Substance",
        "label": "Search by substance",
        "help": "Type the substance: aspirin, acetaminophen, carbon monoxide.",
        "reminder": "Every code here lacks its 7th character: add A (initial encounter), D (subsequent encounter) or "
                    "S (sequela) from the Tabular, so T39.011 becomes T39.011A.",
    },
}


def _query(request: HttpRequest) -> str:
    return " ".join(request.GET.get("q", "")[:QUERY_MAX_LENGTH].split())


def _release_or_404():
    release = index_current()
    if release is None:
        raise Http404("The ICD-10-CM Index is not loaded yet (manage.py load_icd10cm_index).")
    return release


def _index_page(request: HttpRequest, kind: str) -> HttpResponse:
    release = _release_or_404()
    query = _query(request)
    letter = request.GET.get("letter", "").upper()[:1]
    context = {"kind": kind, "page_info": INDEXES[kind], "query": query, "release": release, "letters": LETTERS,
               "limit": SEARCH_LIMIT}
    if query:
        result = index_search(query=query, kind=kind, limit=SEARCH_LIMIT, release=release)
        context.update(result=result, entries=[entry(h) for h in result.hits])
    elif letter in LETTERS:
        context.update(letter=letter, mains=selectors.main_terms(release=release, kind=kind, letter=letter))
    if _is_partial(request):
        return render(request, "codesets/partials/index_results.html", {**context, "partial": True})
    return render(request, "codesets/index.html", context)


@member_required()
def index_page(request: HttpRequest) -> HttpResponse:
    return _index_page(request, IndexKind.INDEX)


@member_required()
def external_page(request: HttpRequest) -> HttpResponse:
    return _index_page(request, IndexKind.EXTERNAL)


def _term_page(request: HttpRequest, kind: str, main_term_id: int) -> HttpResponse:
    release = _release_or_404()
    # A term of the other index, or a subterm: its own main term's page, at the term.
    term = selectors.term_get(release=release, kind=list(INDEXES), term_id=main_term_id)
    if term.main_id != term.pk or term.kind != kind:
        return redirect(term_url(term.kind, term.main_id, term.pk))
    # A main term's tree is the same for everyone until the Index is loaded again: rendered once, then
    # read from the cache ("Fracture, traumatic" has 1,194 terms).
    key = f"codesets:index-tree:{release.pk}:{release.loaded_at.timestamp() if release.loaded_at else 0}:{term.pk}"
    tree = cache.get(key)
    if tree is None:
        rows = [entry(row) for row in selectors.main_term_rows(term)]
        tree = render_to_string("codesets/partials/index_tree.html", {"rows": rows})
        cache.set(key, tree, TREE_CACHE_SECONDS)
    return render(request, "codesets/index_term.html", {
        "kind": kind, "page_info": INDEXES[kind], "release": release, "main": entry(selectors.term_row(term)),
        "tree": mark_safe(tree),  # noqa: S308 - rendered from our template, its values escaped there
    })


@member_required()
def index_term(request: HttpRequest, main_term_id: int) -> HttpResponse:
    return _term_page(request, IndexKind.INDEX, main_term_id)


@member_required()
def external_term(request: HttpRequest, main_term_id: int) -> HttpResponse:
    return _term_page(request, IndexKind.EXTERNAL, main_term_id)


def _table_page(request: HttpRequest, kind: str) -> HttpResponse:
    release = _release_or_404()
    query = _query(request)
    letter = request.GET.get("letter", "").upper()[:1]
    letters = TABLE_LETTERS[kind]
    if not query and letter not in letters:
        letter = "A"
    context = {"kind": kind, "page_info": TABLES[kind], "query": query, "release": release, "letters": letters,
               "headings": release.headings.get(kind, []), "limit": SEARCH_LIMIT}
    if query:
        result = index_search(query=query, kind=kind, limit=SEARCH_LIMIT, release=release)
        context.update(result=result, rows=[entry(h) for h in result.hits], searched=True)
    else:
        page = Paginator(selectors.table_rows(release=release, kind=kind, letter=letter), TABLE_PAGE_SIZE).get_page(request.GET.get("page"))
        context.update(letter=letter, page=page, rows=[entry(row) for row in page.object_list])
        if kind == IndexKind.NEOPLASM and page.number == 1 and letter == "A":
            context["top"] = entry(selectors.table_top(release=release, kind=kind))
    if _is_partial(request):
        return render(request, "codesets/partials/table_results.html", {**context, "partial": True})
    return render(request, "codesets/table.html", context)


@member_required()
def neoplasms(request: HttpRequest) -> HttpResponse:
    return _table_page(request, IndexKind.NEOPLASM)


@member_required()
def drugs(request: HttpRequest) -> HttpResponse:
    return _table_page(request, IndexKind.DRUG)
