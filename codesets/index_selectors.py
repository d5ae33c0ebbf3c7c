"""Reads of the indexes that pages, the API and the code page share. Each is one query."""

from __future__ import annotations

from django.db.models import Case, IntegerField, Value, When
from django.http import Http404

from codesets.index_search import TERM_FIELDS
from codesets.models import Code, IndexKind, IndexRelease, IndexTerm

LEADS_LIMIT = 30


def _terms(release: IndexRelease, kind: str):
    return IndexTerm.objects.filter(release=release, kind=kind)


def term_get(*, release: IndexRelease, kind: str | list[str], term_id: int) -> IndexTerm:
    kinds = [kind] if isinstance(kind, str) else kind
    term = IndexTerm.objects.filter(release=release, kind__in=kinds, pk=term_id).only("id", "main_id", "kind").first()
    if term is None:
        raise Http404("No such term in this index.")
    return term


def term_row(term: IndexTerm) -> dict:
    """One term as the pages shape it."""
    return IndexTerm.objects.filter(pk=term.pk).values(*TERM_FIELDS).get()


def main_term_rows(main: IndexTerm) -> list[dict]:
    """The main term and its whole subtree, in the printed order."""
    return list(IndexTerm.objects.filter(main_id=main.pk).order_by("position").values(*TERM_FIELDS))


def main_terms(*, release: IndexRelease, kind: str, letter: str) -> list[dict]:
    """The main terms printed under ``letter``."""
    return list(_terms(release, kind).filter(depth=0, letter=letter).order_by("position").values(*TERM_FIELDS))


def table_rows(*, release: IndexRelease, kind: str, letter: str):
    """A table's rows under ``letter`` (the Table of Neoplasms: its sites), in the printed order, for paging."""
    rows = _terms(release, kind).filter(letter=letter)
    if kind == IndexKind.NEOPLASM:
        rows = rows.exclude(depth=0)
    return rows.order_by("position").values(*TERM_FIELDS)


def table_top(*, release: IndexRelease, kind: str) -> dict:
    """The table's own first row (the Table of Neoplasms: "Neoplasm, neoplastic", site unspecified)."""
    return _terms(release, kind).filter(depth=0).order_by("position").values(*TERM_FIELDS).first()


def leads_to(code: Code) -> list[dict]:
    """Index entries whose code is this code or one it completes (S72.00- leads to S72.001A)."""
    ids = [code.pk, *code.lineage]
    return list(IndexTerm.objects.filter(target_id__in=ids, kind__in=[IndexKind.INDEX, IndexKind.EXTERNAL],
                                         release__status="ready")
                .order_by(Case(When(target_id=code.pk, then=Value(0)), default=Value(1), output_field=IntegerField()),
                          "kind", "position")
                .values(*TERM_FIELDS)[:LEADS_LIMIT])
