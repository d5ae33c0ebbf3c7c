"""Reading the CMS HCPCS Level II Excel workbook (for example ``HCPC2025_OCT_ANWEB.xlsx``).

Since 2020 CMS publishes each quarterly HCPCS release as a workbook too: one
sheet, one header row, then one row per procedure code (RECID 3) or modifier
(RECID 7) with the same 48 fields as the fixed-width layout. A long
description is whole in its cell, so there are no continuation records, and a
date is ``CCYYMMDD`` as text in some cells and as a number in others.

Columns are found by their header names, not their positions, and the sheet is
checked as it is read, so a workbook that is not a CMS HCPCS sheet is refused
with the row at fault rather than loaded as nonsense.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from codesets.hcpcs import KIND_NAMES, HcpcsFormatError, first_seen, item_code, item_row
from codesets.loading import Row
from codesets.models import Code

ROW = "row"
# The headers we read (others, such as PRICE1 or BETOS, may be there or not).
HCPC, RECID, LONG, SHORT = "HCPC", "RECID", "LONG DESCRIPTION", "SHORT DESCRIPTION"
ADDED, EFFECTIVE, TERMINATED, ACTION = "ADD DT", "ACT EFF DT", "TERM DT", "ACTION CD"
REQUIRED = (HCPC, RECID, LONG, SHORT, ADDED, EFFECTIVE, TERMINATED, ACTION)
RECORD_KINDS = {"3": Code.Kind.PROCEDURE, "7": Code.Kind.MODIFIER}


def read_workbook(path: Path, *, effective_from: date) -> list[Row]:
    """Every procedure code and modifier on the workbook's first sheet, in sheet order."""
    try:
        workbook = load_workbook(Path(path), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError) as error:
        raise HcpcsFormatError(1, f"not an Excel workbook (.xlsx) that can be read: {error}", ROW) from None
    try:
        return parse_rows(workbook.worksheets[0].iter_rows(values_only=True), effective_from=effective_from)
    finally:
        workbook.close()


def parse_rows(rows: Iterable[Sequence[object]], *, effective_from: date) -> list[Row]:
    """Rows from the sheet's cell values, header row first; raises HcpcsFormatError naming the row.

    ``effective_from`` is the release's first day (see ``hcpcs.item_row`` for what it makes billable).
    """
    rows = iter(rows)
    columns = _columns(next(rows, None))
    out: list[Row] = []
    seen: dict[str, int] = {}
    for number, values in enumerate(rows, start=2):
        if not any(_text(value) for value in values):
            continue

        def cell(name: str) -> object:
            index = columns[name]
            return values[index] if index < len(values) else None

        recid = _text(cell(RECID)).strip()
        kind = RECORD_KINDS.get(recid)
        if kind is None:
            raise HcpcsFormatError(number, f"unknown record identification code {recid!r} in column RECID (expected 3 "
                                   "or 7; a workbook holds each long description whole, with no continuation rows)", ROW)
        hcpc = _text(cell(HCPC)).strip()  # a modifier is right-aligned: "   A1"
        code = item_code(hcpc, kind)
        if code is None:
            raise HcpcsFormatError(number, f"{hcpc.strip()!r} in column HCPC is not a {KIND_NAMES[kind]}", ROW)
        first_seen(seen, code, number, ROW)
        row = item_row(
            code, kind, effective_from=effective_from, at=number, where=ROW, description=_text(cell(LONG)),
            short_description=_text(cell(SHORT)), added=cell(ADDED), effective=cell(EFFECTIVE),
            terminated=cell(TERMINATED), action_code=_text(cell(ACTION)),
        )
        if not row.description:
            raise HcpcsFormatError(number, f"{code} has no long description", ROW)
        out.append(row)
    if not out:
        raise HcpcsFormatError(2, "no HCPCS records found below the header row", ROW)
    return out


def _columns(header: Sequence[object] | None) -> dict[str, int]:
    """Header name -> column index, checked: every column we read must be there."""
    if header is None:
        raise HcpcsFormatError(
            1, "the sheet is empty; a CMS HCPCS sheet starts with a header row (HCPC, SEQNUM, RECID, ...)", ROW)
    columns: dict[str, int] = {}
    for index, value in enumerate(header):
        columns.setdefault(_header(value), index)
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        found = ", ".join(repr(_text(value)) for value in header[:6] if _text(value)) or "nothing"
        raise HcpcsFormatError(
            1, f"the header row lacks {', '.join(missing)} (it starts with {found}); a CMS HCPCS sheet has the "
            f"headers {', '.join(REQUIRED)}", ROW)
    return columns


def _header(value: object) -> str:
    """A header as we compare it: upper case, blanks and underscores as single spaces (ACT_EFF_DT is ACT EFF DT)."""
    return " ".join(_text(value).replace("_", " ").split()).upper()


def _text(value: object) -> str:
    """A cell's text; a whole number stored as a float (RECID 3.0) reads as its digits."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
