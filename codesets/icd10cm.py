"""Reading the ICD-10-CM tabular that the simple-icd-10-cm package ships.

The package carries the CMS tabular XML and the list of every valid item. We
read the XML ourselves (one pass, no per-code calls) and build the same items
the package does: chapters, blocks, categories, subcategories, and the codes
made by adding a 7th character (with placeholder X) wherever a table applies,
kept only when the package's list confirms them.
"""

from __future__ import annotations

import dataclasses
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date
from importlib.util import find_spec
from pathlib import Path

from codesets.formats import to_key
from codesets.loading import Row
from codesets.models import Code, NoteKind

NOTE_TAGS = {
    "includes": NoteKind.INCLUDES,
    "inclusionTerm": NoteKind.INCLUSION_TERM,
    "excludes1": NoteKind.EXCLUDES1,
    "excludes2": NoteKind.EXCLUDES2,
    "codeFirst": NoteKind.CODE_FIRST,
    "useAdditionalCode": NoteKind.USE_ADDITIONAL,
    "codeAlso": NoteKind.CODE_ALSO,
    "notes": NoteKind.NOTE,
    "sevenChrNote": NoteKind.SEVENTH_CHARACTER,
}
MONTHS = {m: i for i, m in enumerate(
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
     "November", "December"], start=1)}


@dataclass(frozen=True)
class Reference:
    text: str
    start: str
    end: str
    qualified: bool

    @property
    def target_key(self) -> str:
        """The item it links to: a block is named by its range (E08-E13), anything else by its first code."""
        return self.start if self.start == self.end else f"{self.start}-{self.end}"


@dataclass(frozen=True)
class Edition:
    xml_name: str
    list_name: str
    version: str
    effective_from: date
    effective_to: date
    title: str


CODE = r"[A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{0,4})?"
ITEM = re.compile(rf"({CODE})\s*-\s*({CODE})|({CODE})(?:\.?-)?")
GROUP = re.compile(r"\(([^()]*)\)")


def _bare(token: str) -> str:
    return to_key(token).rstrip("-")


def parse_references(text: str) -> list[Reference]:
    """The codes and ranges a note names inside its parentheses: "(E08-E13)", "(O24.4-)", "(T36-T65 with ...)"."""
    found: list[Reference] = []
    for group in GROUP.findall(text):
        refs: list[Reference] = []
        # A condition written as its own part, "(T39.0-, with sixth character 1-4)", belongs to
        # every code in the bracket, so none of them may be read as naming the whole code.
        conditioned = False
        for part in re.split(r",|\band\b|\bor\b", group):
            part = part.strip()
            match = ITEM.match(part)
            if not match:
                conditioned = conditioned or part.lower().startswith("with ")
                continue
            first, last = (match.group(1), match.group(2)) if match.group(1) else (match.group(3), None)
            written = match.group(0).strip()
            qualified = len(part) > len(written) and bool(part[len(written):].strip())
            refs.append(Reference(written, _bare(first), _bare(last or first), qualified))
        if conditioned:
            refs = [dataclasses.replace(ref, qualified=True) for ref in refs]
        found.extend(refs)
    return found


def data_dir() -> Path:
    """The package's data folder, found without importing the package (its import parses the whole tabular)."""
    spec = find_spec("simple_icd_10_cm")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def edition() -> Edition:
    """The edition the installed package ships, read from its file names."""
    names = [entry.name for entry in data_dir().iterdir()]
    xml_name = next(n for n in names if n.startswith("icd10c-tabular-") and n.endswith(".xml"))
    list_name = next(n for n in names if n.startswith("code-list-") and n.endswith(".txt"))
    month, day, year = re.match(r"icd10c-tabular-([A-Za-z]+)-(\d+)-(\d{4})\.xml", xml_name).groups()
    start = date(int(year), MONTHS[month], int(day))
    # ICD-10-CM years run October to September; an April update lasts until the next October.
    end = date(start.year if start.month < 10 else start.year + 1, 9, 30)
    fiscal = end.year
    return Edition(
        xml_name=xml_name, list_name=list_name, version=start.strftime("%Y-%m"), effective_from=start,
        effective_to=end, title=f"ICD-10-CM FY{fiscal}, {month} {int(day)}, {year} update",
    )


def _text(node: ET.Element | None) -> str:
    return " ".join((node.text or "").split()) if node is not None else ""


class _Reader:
    def __init__(self, confirmed: set[str]):
        self.confirmed = confirmed
        self.rows: list[Row] = []

    def add(self, node: ET.Element, kind: str, parent: int | None, inherited: dict[str, str]) -> None:
        name = node.get("id") if kind == Code.Kind.BLOCK else _text(node.find("name"))
        description = _text(node.find("desc"))
        row = Row(code=name, key=name if kind in (Code.Kind.CHAPTER, Code.Kind.BLOCK) else to_key(name),
                  kind=kind, description=description, parent=parent)
        terms = []
        for child in node:
            if child.tag == "sevenChrDef":
                row.seventh = self._seventh(child)
            elif child.tag in NOTE_TAGS:
                for line in child.iter("note"):
                    text = _text(line)
                    if text:
                        row.notes.append((NOTE_TAGS[child.tag], text, parse_references(text)))
                        if child.tag == "inclusionTerm":
                            terms.append(text)
        row.terms = "\n".join(terms)
        index = len(self.rows)
        self.rows.append(row)
        table = row.seventh or inherited
        children = [c for c in node if c.tag in ("section", "diag")]
        for child in children:
            child_kind = Code.Kind.BLOCK if child.tag == "section" else (
                Code.Kind.CATEGORY if len(_text(child.find("name"))) == 3 else Code.Kind.SUBCATEGORY)
            self.add(child, child_kind, index, table)
        if not children and kind not in (Code.Kind.CHAPTER, Code.Kind.BLOCK):
            if table:
                self._extend(index, table)
            else:
                row.billable = True

    @staticmethod
    def _seventh(node: ET.Element) -> dict[str, str]:
        table: dict[str, str] = {}
        last = None
        for entry in node:
            if entry.tag == "extension":
                last = entry.get("char")
                table[last] = _text(entry)
            elif entry.tag == "note" and last is not None and _text(entry):
                table[last] = f"{table[last]} / {_text(entry)}"
        return table

    def _extend(self, index: int, table: dict[str, str]) -> None:
        """Add the codes a 7th-character table makes from this leaf (placeholder X up to six characters)."""
        base = self.rows[index]
        padded = base.key.ljust(6, "X")
        for character, meaning in table.items():
            key = padded + character
            if key not in self.confirmed:
                continue
            self.rows.append(Row(
                code=f"{key[:3]}.{key[3:]}", key=key, kind=Code.Kind.EXTENSION,
                description=f"{base.description}, {meaning}", billable=True, parent=index,
            ))


def read_rows(xml_text: str, confirmed: set[str]) -> list[Row]:
    """Every item of the tabular in order, with parents by index."""
    root = ET.fromstring(xml_text)
    reader = _Reader(confirmed)
    for chapter in root.iter("chapter"):
        reader.add(chapter, Code.Kind.CHAPTER, None, {})
    return reader.rows


def package_rows() -> tuple[Edition, list[Row]]:
    ed = edition()
    data = data_dir()
    confirmed = {line.split(" ")[0].strip().replace(".", "") for line in data.joinpath(ed.list_name).read_text("utf-8").splitlines()}
    return ed, read_rows(data.joinpath(ed.xml_name).read_text("utf-8"), confirmed)
