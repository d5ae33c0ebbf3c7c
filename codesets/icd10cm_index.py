"""Reading the ICD-10-CM indexes of a fiscal year (CDC/NCHS) into terms in the printed order.

Four files sit beside the Tabular List:

- the Index to Diseases and Injuries, as a CSV flattened from the official
  XML, one row per term (``Level`` 0 is a main term; a term at level n belongs
  to the nearest row above it at level n-1);
- the Table of Neoplasms and the Table of Drugs and Chemicals, official XML
  whose terms carry one ``cell`` per column heading;
- the External Cause of Injuries Index, official XML like the Index.

Each reader returns ``TermRow``s whose ``parent`` is the index of the parent
row in the same list, so the loader can keep the tree without looking titles
up. The shipped copies are gzipped; plain files (the originals) read too.
"""

from __future__ import annotations

import csv
import gzip
import io
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from codesets.models import IndexKind

DATA_DIR: Path = Path(__file__).resolve().parent / "data" / "icd10cm-index-2025"
VERSION = "2025"
FILES = {
    IndexKind.INDEX: "icd10cm-index-2025.csv",
    IndexKind.NEOPLASM: "icd-10-cm-neoplasm-2025.xml",
    IndexKind.DRUG: "icd-10-cm-drug-2025.xml",
    IndexKind.EXTERNAL: "icd-10-cm-eindex-2025.xml",
}
CSV_COLUMNS = ["RowID", "Letter", "Level", "Term", "See", "SeeAlso", "NonEssModif", "Code"]
# A table cell with no code is printed as a dash (one in the Table of Neoplasms, two in the Table of Drugs).
NO_CODE = {"", "-", "--"}


class IndexFormatError(ValueError):
    """The file is not the index it should be; names where."""


@dataclass
class TermRow:
    kind: str
    depth: int
    title: str
    parent: int | None = None
    letter: str = ""
    nemod: str = ""
    code: str = ""
    see: str = ""
    see_also: str = ""
    cells: list[str | None] | None = None  # one code (or None) per column heading, tables only
    children: list[int] = field(default_factory=list)


@dataclass
class IndexFile:
    kind: str
    rows: list[TermRow]
    headings: list[str] = field(default_factory=list)  # the tables' column headings, after the first


def path_for(kind: str, directory: Path | None = None) -> Path:
    """The file of ``kind`` in ``directory`` (default: the shipped copies): ``name.gz`` or ``name``."""
    directory = directory or DATA_DIR
    name = FILES[kind]
    gz = directory / f"{name}.gz"
    return gz if gz.exists() else directory / name


def _open_bytes(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data


def read(kind: str, directory: Path | None = None) -> IndexFile:
    path = path_for(kind, directory)
    if not path.is_file():
        raise IndexFormatError(f"{FILES[kind]} (or {FILES[kind]}.gz) is not in {path.parent}")
    try:
        data = _open_bytes(path)
        if kind == IndexKind.INDEX:
            return IndexFile(kind, read_csv(data.decode("utf-8-sig")))
        return read_xml(kind, data)
    except IndexFormatError:
        raise
    except (OSError, EOFError, UnicodeDecodeError, csv.Error, ValueError) as error:  # a bad gzip, bytes, a number
        raise IndexFormatError(f"{path.name} cannot be read: {error}") from None


def _attach(rows: list[TermRow], stack: list[int], row: TermRow, where: str) -> None:
    """Append ``row`` under the nearest row above it one level up (``stack`` holds the open rows by depth)."""
    if row.depth > len(stack):
        raise IndexFormatError(f"{where}: a term at level {row.depth} has no term at level {row.depth - 1} above it")
    del stack[row.depth:]
    if row.depth:
        row.parent = stack[-1]
        rows[row.parent].children.append(len(rows))
    stack.append(len(rows))
    rows.append(row)


def read_csv(text: str) -> list[TermRow]:
    """The Index to Diseases and Injuries from its flattened CSV."""
    reader = csv.reader(io.StringIO(text))
    header = next(reader, [])
    if header != CSV_COLUMNS:
        raise IndexFormatError(f"line 1: the columns are {', '.join(header) or 'missing'}; expected {', '.join(CSV_COLUMNS)}")
    rows: list[TermRow] = []
    stack: list[int] = []
    for number, record in enumerate(reader, start=2):
        if not record:
            continue
        if len(record) != len(CSV_COLUMNS):
            raise IndexFormatError(f"line {number}: {len(record)} fields; expected {len(CSV_COLUMNS)}")
        _, letter, level, term, see, see_also, nemod, code = (value.strip() for value in record)
        if not level.isdigit():
            raise IndexFormatError(f"line {number}: level {level!r} is not a number")
        if not term and not nemod:
            raise IndexFormatError(f"line {number}: a term with neither a title nor modifiers")
        row = TermRow(IndexKind.INDEX, int(level), term, nemod=nemod, code=code, see=see, see_also=see_also,
                      letter=letter[:1].upper())
        _attach(rows, stack, row, f"line {number}")
    if not rows:
        raise IndexFormatError("the file holds no terms")
    return rows


def _title(element: ET.Element | None) -> tuple[str, str]:
    """A title's words and its nonessential modifiers: <title>Abandonment<nemod>(...)</nemod> NEC</title>."""
    if element is None:
        return "", ""
    words = [element.text or ""]
    modifiers = []
    for child in element:
        if child.tag == "nemod":
            modifiers.append(" ".join("".join(child.itertext()).split()))
        else:
            words.append("".join(child.itertext()))
        words.append(child.tail or "")
    return " ".join(" ".join(words).split()), " ".join(modifiers)


def _text(element: ET.Element, tag: str) -> str:
    found = element.find(tag)
    return " ".join("".join(found.itertext()).split()) if found is not None else ""


def read_xml(kind: str, data: bytes) -> IndexFile:
    """One of the official XML indexes: a table (cells under ``indexHeading``) or the External Cause Index."""
    try:
        root = ET.fromstring(data)
    except ET.ParseError as error:
        raise IndexFormatError(f"{FILES[kind]} is not well-formed XML: {error}") from None
    if root.tag != "ICD10CM.index":
        raise IndexFormatError(f"{FILES[kind]}: the root element is <{root.tag}>; expected <ICD10CM.index>")
    heads = {int(h.get("col", "0")): " ".join((h.text or "").split()) for h in root.iter("head")}
    columns = sorted(c for c in heads if c > 1)
    is_table = kind in (IndexKind.NEOPLASM, IndexKind.DRUG)
    if is_table and len(columns) != 6:
        raise IndexFormatError(f"{FILES[kind]}: {len(columns)} column headings; a table of the Index has six")
    rows: list[TermRow] = []
    stack: list[int] = []

    def walk(element: ET.Element, depth: int, letter: str) -> None:
        title, nemod = _title(element.find("title"))
        # A manifestation note ("ventral surface of tongue...") qualifies the site: kept with the modifiers.
        manif = _text(element, "manif")
        if manif:
            nemod = f"{nemod} [{manif}]".strip()
        code = _text(element, "code") or _text(element, "subcat") or _text(element, "seecat")
        row = TermRow(kind, depth, title, nemod=nemod, code=code, see=_text(element, "see"), see_also=_text(element, "seeAlso"),
                      letter=letter)
        if is_table:
            cells = {int(c.get("col", "0")): " ".join((c.text or "").split()) for c in element.findall("cell")}
            if cells:
                row.cells = [None if cells.get(col, "") in NO_CODE else cells[col] for col in columns]
        _attach(rows, stack, row, f"{FILES[kind]}, term {title!r}")
        for child in element.findall("term"):
            walk(child, depth + 1, letter)

    for letter in root.iter("letter"):
        # The Table of Neoplasms prints every site under N; its sites are lettered by their own title.
        name = _text(letter, "title")[:1].upper()
        for main in letter.findall("mainTerm"):
            walk(main, 0, name)
    if kind == IndexKind.NEOPLASM:  # a site's subsites print under the site's letter
        for row in rows:
            if row.depth == 1:
                row.letter = row.title[:1].upper() or row.letter
            elif row.depth > 1:
                row.letter = rows[row.parent].letter
            else:
                row.letter = ""
    if not rows:
        raise IndexFormatError(f"{FILES[kind]} holds no main terms")
    return IndexFile(kind, rows, [heads[c] for c in columns] if is_table else [])
