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
nonsense.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from codesets.formats import HCPCS_KEY, MODIFIER_KEY
from codesets.loading import Row
from codesets.models import Code

SAMPLE_FILE: Path = Path(__file__).resolve().parent / "data" / "hcpcs-sample.txt"
SAMPLE_VERSION = "2016-sample"

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


class HcpcsFormatError(ValueError):
    """The file is not in the CMS HCPCS record layout; names the line at fault."""

    def __init__(self, line: int, problem: str):
        self.line = line
        self.problem = problem
        super().__init__(f"line {line}: {problem}")


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
            if record.code in seen:
                raise HcpcsFormatError(number, f"{record.code} appears again (first at line {seen[record.code]})")
            seen[record.code] = number
            current = _Open(_first_row(record, effective_from), number, record.sequence)
        else:
            _check_continuation(record, current)
            current.sequence = record.sequence
        current.parts.append(line[LONG_DESCRIPTION])
    _close(current, rows)
    if not rows:
        raise HcpcsFormatError(1, "no HCPCS records found")
    return rows


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
    if kind == Code.Kind.MODIFIER:
        code = field_text[3:].upper()
        if field_text[:3].strip() or not MODIFIER_KEY.match(code):
            raise HcpcsFormatError(number, f"{field_text.strip()!r} in columns 1-5 is not a HCPCS modifier")
    else:
        code = field_text.upper()
        if not HCPCS_KEY.match(code):
            raise HcpcsFormatError(number, f"{field_text.strip()!r} in columns 1-5 is not a HCPCS Level II code")
    return code


def _check_continuation(record: _Record, current: _Open | None) -> None:
    if current is None or current.row.code != record.code or current.row.kind != record.kind:
        raise HcpcsFormatError(record.number, f"continuation of {record.code} with no first line before it")
    if record.sequence <= current.sequence:
        raise HcpcsFormatError(
            record.number, f"sequence number {record.sequence:05d} of {record.code} does not follow "
            f"{current.sequence:05d}; lines are out of order")


def _first_row(record: _Record, effective_from: date) -> Row:
    line, number = record.line, record.number
    terminated_on = _date(line[TERMINATED], "termination date", number)
    if record.kind == Code.Kind.PROCEDURE:
        billable = terminated_on is None or terminated_on >= effective_from
    else:
        billable = False
    return Row(
        code=record.code, key=record.code, kind=record.kind, description="", billable=billable,
        short_description=" ".join(line[SHORT_DESCRIPTION].split()),
        added_on=_date(line[ADDED], "added date", number),
        effective_on=_date(line[ACTION_EFFECTIVE], "action effective date", number),
        terminated_on=terminated_on, action_code=line[ACTION_CODE].strip().upper(),
    )


def _date(text: str, name: str, number: int) -> date | None:
    """A CCYYMMDD date; blank (or zeros) means none."""
    text = text.strip()
    if not text or text.strip("0") == "":
        return None
    try:
        if len(text) != 8 or not text.isdigit():
            raise ValueError
        return date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        raise HcpcsFormatError(number, f"{name} {text!r} is not a CCYYMMDD date") from None
