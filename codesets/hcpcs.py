"""Reading the CMS alpha-numeric HCPCS Level II file in its official record layout.

CMS publishes HCPCS Level II each year as fixed-width 320-character records
(see the year's record layout, for example ``HCPCS2016_recordlayout.txt``).
A procedure or modifier starts with a first line (record identification code
3 or 7) that carries the short description, dates and action code; a long
description that does not fit in 80 characters continues on lines with code
4 or 8, which the file stores cut short after the description column.

We read the whole file in one pass and check the layout as we go, so that a
file from another source (a CSV export, the Excel sheet saved as text, a
truncated download) is refused with the line at fault rather than loaded as
nonsense. The quarterly Excel workbook is read by ``codesets.hcpcs_xlsx``,
which builds its rows with ``item_code`` and ``item_row`` from here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from codesets.formats import HCPCS_KEY, MODIFIER_KEY
from codesets.loading import Row
from codesets.models import Code

SAMPLE_FILE: Path = Path(__file__).resolve().parent / "data" / "hcpcs-sample.txt"
SAMPLE_VERSION = "2016-sample"
# The current release, as CMS publishes it in Excel (read by codesets.hcpcs_xlsx): version 2025-10.
CURRENT_FILE: Path = Path(__file__).resolve().parent / "data" / "HCPC2025_OCT_ANWEB.xlsx"

RECORD_LENGTH = 320
# Columns of the layout (1-based, inclusive) as Python slices.
CODE = slice(0, 5)
SEQUENCE = slice(5, 10)
RECID = slice(10, 11)
LONG_DESCRIPTION = slice(11, 91)
SHORT_DESCRIPTION = slice(91, 119)
ADDED = slice(268, 276)
ACTION_EFFECTIVE = slice(276, 284)
TERMINATED = slice(284, 292)
ACTION_CODE = slice(292, 293)
# A first line must reach the action code; the filler after it may have been trimmed.
FIRST_LINE_MIN = ACTION_CODE.stop


@dataclass(frozen=True)
class RecordType:
    kind: str
    first: bool


RECORD_TYPES = {
    "3": RecordType(Code.Kind.PROCEDURE, first=True),
    "4": RecordType(Code.Kind.PROCEDURE, first=False),
    "7": RecordType(Code.Kind.MODIFIER, first=True),
    "8": RecordType(Code.Kind.MODIFIER, first=False),
}
KIND_NAMES = {Code.Kind.PROCEDURE: "HCPCS Level II code", Code.Kind.MODIFIER: "HCPCS modifier"}


class HcpcsFormatError(ValueError):
    """The file is not in the CMS HCPCS record layout; names the line (or workbook row) at fault."""

    def __init__(self, line: int, problem: str, where: str = "line"):
        self.line = line
        self.problem = problem
        super().__init__(f"{where} {line}: {problem}")


def decode(data: bytes) -> str:
    """The file's text. CMS files have been plain ASCII, but some years carry Windows
    characters (a registered sign, curly quotes): UTF-8 first, then cp1252, then
    latin-1, which accepts any byte."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def read_file(path: Path, *, effective_from: date) -> list[Row]:
    """Every procedure code and modifier of a CMS HCPCS file, in file order."""
    return parse_lines(decode(Path(path).read_bytes()).split("\n"), effective_from=effective_from)


@dataclass
class _Record:
    number: int
    line: str
    kind: str
    first: bool
    code: str
    sequence: int


@dataclass
class _Open:
    """The item being read: its row and the description lines seen so far."""

    row: Row
    number: int
    sequence: int
    parts: list[str] = field(default_factory=list)


def parse_lines(lines: Iterable[str], *, effective_from: date) -> list[Row]:
    """Rows from the file's lines (line ends "\\r\\n" or "\\n"); raises HcpcsFormatError.

    ``effective_from`` is the first day of the release: a procedure code whose
    termination date falls before it is kept (claims for earlier dates still
    use it) but is not billable in this release.
    """
    rows: list[Row] = []
    seen: dict[str, int] = {}
    current: _Open | None = None
    for number, line in enumerate(lines, start=1):
        line = line.rstrip("\r")
        if not line.strip():
            continue
        record = _record(line, number)
        if record.first:
            _close(current, rows)
            first_seen(seen, record.code, number)
            current = _Open(_first_row(record, effective_from), number, record.sequence)
        else:
            _check_continuation(record, current)
            current.sequence = record.sequence
        current.parts.append(line[LONG_DESCRIPTION])
    _close(current, rows)
    if not rows:
        raise HcpcsFormatError(1, "no HCPCS records found")
    return rows


def first_seen(seen: dict[str, int], code: str, number: int, where: str = "line") -> None:
    """Remember where ``code`` starts; a code that appears twice makes the file ambiguous."""
    if code in seen:
        raise HcpcsFormatError(number, f"{code} appears again (first at {where} {seen[code]})", where)
    seen[code] = number


def _close(current: _Open | None, rows: list[Row]) -> None:
    """Finish the open item: its long description is its lines joined, spaces normalised."""
    if current is None:
        return
    current.row.description = " ".join(" ".join(current.parts).split())
    if not current.row.description:
        raise HcpcsFormatError(current.number, f"{current.row.code} has no long description")
    rows.append(current.row)


def _record(line: str, number: int) -> _Record:
    """The fields every record has, checked against the layout."""
    if len(line) > RECORD_LENGTH:
        raise HcpcsFormatError(
            number, f"record is {len(line)} characters long; HCPCS records are at most {RECORD_LENGTH}")
    recid = line[RECID]
    if recid not in RECORD_TYPES:
        raise HcpcsFormatError(
            number, f"unknown record identification code {recid!r} in column 11 (expected 3, 4, 7 or 8)")
    record_type = RECORD_TYPES[recid]
    code = _code(line, record_type.kind, number)
    sequence = line[SEQUENCE]
    if not sequence.isdigit():
        raise HcpcsFormatError(number, f"sequence number {sequence!r} in columns 6-10 is not a number")
    if record_type.first and len(line) < FIRST_LINE_MIN:
        raise HcpcsFormatError(
            number, f"first line of {code} is {len(line)} characters long; it must reach column {FIRST_LINE_MIN}")
    return _Record(number, line, record_type.kind, record_type.first, code, int(sequence))


def _code(line: str, kind: str, number: int) -> str:
    """A procedure code fills columns 1-5; a modifier sits in columns 4-5 after three blanks."""
    field_text = line[CODE]
    code = item_code(field_text, kind)
    if code is None:
        raise HcpcsFormatError(number, f"{field_text.strip()!r} in columns 1-5 is not a {KIND_NAMES[kind]}")
    return code


def item_code(text: str, kind: str) -> str | None:
    """The code in a HCPC field (upper case), or None when it is not one of ``kind``.

    A modifier is the field's last two characters with only blanks before them
    (CMS right-aligns it: ``"   A1"``); a procedure code is the whole field.
    """
    if kind == Code.Kind.MODIFIER:
        code = text[-2:].upper()
        return code if not text[:-2].strip() and MODIFIER_KEY.match(code) else None
    code = text.upper()
    return code if HCPCS_KEY.match(code) else None


def _check_continuation(record: _Record, current: _Open | None) -> None:
    if current is None or current.row.code != record.code or current.row.kind != record.kind:
        raise HcpcsFormatError(record.number, f"continuation of {record.code} with no first line before it")
    if record.sequence <= current.sequence:
        raise HcpcsFormatError(
            record.number, f"sequence number {record.sequence:05d} of {record.code} does not follow "
            f"{current.sequence:05d}; lines are out of order")


def _first_row(record: _Record, effective_from: date) -> Row:
    line = record.line
    return item_row(
        record.code, record.kind, effective_from=effective_from, at=record.number,
        short_description=line[SHORT_DESCRIPTION], added=line[ADDED], effective=line[ACTION_EFFECTIVE],
        terminated=line[TERMINATED], action_code=line[ACTION_CODE],
    )


def item_row(code: str, kind: str, *, effective_from: date, at: int, where: str = "line", description: str = "",
             short_description: str, added: object, effective: object, terminated: object, action_code: str) -> Row:
    """The row of one procedure code or modifier from its fields as the file gives them (dates as text or numbers).

    A procedure code whose termination date falls before ``effective_from`` (the
    release's first day) is kept, since claims for earlier dates still use it, but
    is not billable in this release; a modifier is never billable on its own.
    """
    def when(value: object, name: str) -> date | None:
        try:
            return parse_date(value)
        except ValueError:
            shown = value.strip() if isinstance(value, str) else value
            raise HcpcsFormatError(at, f"{name} {shown!r} is not a CCYYMMDD date", where) from None

    terminated_on = when(terminated, "termination date")
    billable = kind == Code.Kind.PROCEDURE and (terminated_on is None or terminated_on >= effective_from)
    return Row(
        code=code, key=code, kind=kind, description=" ".join(description.split()), billable=billable,
        short_description=" ".join(short_description.split()), added_on=when(added, "added date"),
        effective_on=when(effective, "action effective date"), terminated_on=terminated_on,
        action_code=action_code.strip().upper(),
    )


def parse_date(value: object) -> date | None:
    """A CCYYMMDD date, as text or as a number (a spreadsheet stores some dates as numbers);
    blank, None or zeros mean none. Raises ValueError for anything else."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if value is None or isinstance(value, bool):
        text = "" if value is None else "x"
    elif isinstance(value, float):
        text = str(int(value)) if value.is_integer() else "x"
    else:
        text = str(value).strip()
    if not text or text.strip("0") == "":
        return None
    if len(text) != 8 or not text.isdigit():
        raise ValueError(f"{value!r} is not a CCYYMMDD date")
    return date(int(text[:4]), int(text[4:6]), int(text[6:]))
