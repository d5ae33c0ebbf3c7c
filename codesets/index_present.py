"""Shaping index terms for pages and the API: code links by status, cross-references as links, table rows.

Runs no queries: everything comes from the values ``index_search`` and the
selectors read (``TERM_FIELDS``).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse

from codesets.index_loading import code_named, table_named
from codesets.models import CodeStatus, IndexKind, System

# Shorter than the CodeStatus labels: they sit beside every code of a page.
STATUS_LABELS = {
    CodeStatus.BILLABLE: "billable",
    CodeStatus.INCOMPLETE: "incomplete: finish it in the Tabular",
    CodeStatus.NEEDS_MORE: "needs more characters",
    CodeStatus.NOT_IN_TABULAR: "not in the Tabular",
}
# Pages that list the terms of each index, by kind (the tables are searched rather than opened by term).
TERM_PAGES = {IndexKind.INDEX: "codes:index_term", IndexKind.EXTERNAL: "codes:external_term"}
TABLE_PAGES = {IndexKind.NEOPLASM: "codes:neoplasms", IndexKind.DRUG: "codes:drugs"}


@functools.cache
def _code_base() -> str:
    return reverse("codes:code", kwargs={"system": System.ICD10CM, "code": "X"})[:-2]


def code_page(code: str) -> str:
    return f"{_code_base()}{code}/"


@functools.cache
def _term_base(kind: str) -> str:
    return reverse(TERM_PAGES[kind], kwargs={"main_term_id": 0})[:-2]


def term_url(kind: str, main_id: int, term_id: int | None = None) -> str:
    """The page of a main term, at ``term_id`` when it is one of its subterms."""
    if kind in TABLE_PAGES:
        return reverse(TABLE_PAGES[kind])
    anchor = f"#t{term_id}" if term_id and term_id != main_id else ""
    return f"{_term_base(kind)}{main_id}/{anchor}"


@dataclass(frozen=True)
class CodeLink:
    code: str
    status: str
    label: str
    url: str | None  # the tabular page where the code is checked (for an incomplete code: finished)

    @property
    def final(self) -> bool:
        return self.status == CodeStatus.BILLABLE


def code_link(code: str, status: str, target_code: str | None = None) -> CodeLink | None:
    if not code:
        return None
    stem = target_code or (code.rstrip("-").rstrip(".") if status != CodeStatus.NOT_IN_TABULAR else "")
    return CodeLink(code, status, STATUS_LABELS.get(status, status), code_page(stem) if stem else None)


@dataclass(frozen=True)
class Reference:
    text: str
    url: str | None
    main_term: int | None = None  # the Index (or External Cause Index) main term it names


def reference(text: str, term_id: int | None, main_id: int | None, kind: str | None) -> Reference | None:
    if not text:
        return None
    code = code_named(text)
    if code:
        return Reference(text, code_page(code))
    table = table_named(text)
    if table:
        return Reference(text, reverse(TABLE_PAGES[table]))
    if term_id is None or kind is None:
        return Reference(text, None)
    if kind in TABLE_PAGES:
        words = text.split(",", 1)
        site = words[1].strip() if kind == IndexKind.NEOPLASM and len(words) > 1 else text
        return Reference(text, f"{reverse(TABLE_PAGES[kind])}?{urlencode({'q': site})}")
    return Reference(text, term_url(kind, main_id, term_id), main_id)


@dataclass(frozen=True)
class Entry:
    id: int
    kind: str
    depth: int
    title: str
    nemod: str
    path: list[str]
    code: CodeLink | None
    see: Reference | None
    see_also: Reference | None
    main_id: int
    url: str
    cells: list[CodeLink | None] | None

    @property
    def dashes(self) -> str:
        """One dash a level below the main term, as the printed Index indents."""
        return "-" * self.depth

    @property
    def path_label(self) -> str:
        """The path as a screen reader says it (titles have commas of their own)."""
        return "; ".join(self.path)

    @property
    def row_path(self) -> list[str]:
        """The titles a table row is read by: the Table of Neoplasms' sites without "Neoplasm, neoplastic"."""
        return self.path[1:] if self.kind == IndexKind.NEOPLASM and self.depth else self.path


def entry(row: dict) -> Entry:
    """One term (a dict of TERM_FIELDS) ready for a template or the API."""
    cells = None
    if row["cells"] is not None:
        cells = [code_link(cell["code"], cell["status"]) if cell else None for cell in row["cells"]]
    return Entry(
        id=row["id"], kind=row["kind"], depth=row["depth"], title=row["title"] or row["nemod"], nemod=row["nemod"] if row["title"] else "",
        path=row["trail"], code=code_link(row["code"], row["code_status"], row.get("target__code")),
        see=reference(row["see"], row["see_term_id"], row.get("see_term__main_id"), row.get("see_term__kind")),
        see_also=reference(row["see_also"], row["see_also_term_id"], row.get("see_also_term__main_id"), row.get("see_also_term__kind")),
        main_id=row["main_id"], url=term_url(row["kind"], row["main_id"], row["id"]), cells=cells,
    )
