"""Reading a question file for a bank import: JSON in our export format, or CSV of choice questions.

Each row comes back in the shared question shape (``assessments/services/questions.py``), its module
still a position, with what the file format itself says is wrong with it, by field; nothing here
touches the database.
"""

from __future__ import annotations

import csv
import io
import json
import re

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from assessments.models import BankImport
from assessments.services.questions import CHOICE_KINDS
from lms.uploads import upload_text

FORMAT_NAME = "codecohort-question-bank"
FORMAT_VERSION = 1
CSV_LETTERS = "abcdef"
CSV_COLUMNS = ("kind", "domain", "module", "prompt", *(f"choice_{x}" for x in CSV_LETTERS), "correct", "points", "rationale")
CSV_REQUIRED = ("kind", "domain", "prompt", "choice_a", "choice_b", "correct")
MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_ROWS = 2000
FILE_WANTED = "a question file: JSON exported from a CodeCohort bank, or CSV of choice questions"

# A row as parsed: the shared question shape (module still a position) and what the file format
# itself says is wrong with it, by field.
Parsed = tuple[dict, dict[str, list[str]]]


def _too_many(count: int) -> None:
    if count > MAX_ROWS:
        raise ValidationError(f"The file has {count:,} questions; the limit is {MAX_ROWS:,}. Split it into smaller files.")


def _parse_json(text: str) -> list[Parsed]:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise ValidationError(f"The file is not valid JSON: line {error.lineno}, column {error.colno}: {error.msg}.") from None
    except RecursionError:
        raise ValidationError("The file is not valid JSON: it is nested too deeply to read.") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        raise ValidationError(f'This JSON is not a CodeCohort question bank: it needs "format": "{FORMAT_NAME}". '
                              "Export a bank to see the shape.")
    if document.get("version") != FORMAT_VERSION:
        raise ValidationError(f"This file is version {document.get('version')} of the question-bank format; "
                              f"this CodeCohort reads version {FORMAT_VERSION}.")
    questions = document.get("questions")
    if not isinstance(questions, list) or not questions:
        raise ValidationError('The file has no questions: "questions" must be a list of them.')
    _too_many(len(questions))
    return [_json_row(question) for question in questions]


# What each field of a question in a JSON file holds, and what to say when it holds something else.
SHAPE = {
    "kind": (str, "Write the kind as text: single, multiple, code, case or written."),
    "domain": (str, "Write the domain as its code, such as cpc:em."),
    "module": ((int, str), "Write the module as its position in the course, such as 2, or leave it out."),
    "prompt": (str, "Write the question as text."),
    "record_title": (str, "Write the record's title as text."),
    "record_text": (str, "Write the health record as text."),
    "points": ((str, int, float), "Write the points as a number."),
    "rationale": (str, "Write the rationale as text."),
    "rubric": (str, "Write the rubric as text."),
    "order_scored": (bool, "Write order_scored as true or false."),
    "choices": (list, "Give the choices as a list of objects with text and correct (true or false)."),
    "items": (list, "Give the items as a list of objects with label, prompt and key, the key a list of lines with "
                    "role, code, requirement, group, modifiers and units."),
}
CHOICE_SHAPE = {"text": str, "correct": bool}
ITEM_SHAPE = {"label": str, "prompt": str, "key": list}
KEY_LINE_SHAPE = {"role": str, "code": str, "requirement": str, "group": str, "modifiers": (str, list),
                  "units": (int, str), "rationale": str}


def _holds(value: object, kinds: type | tuple) -> bool:
    kinds = kinds if isinstance(kinds, tuple) else (kinds,)
    if isinstance(value, bool):  # a bool is an int to Python, never to a person
        return bool in kinds
    return value is None or isinstance(value, kinds)


def _object_of(value: object, shape: dict) -> bool:
    return isinstance(value, dict) and all(_holds(value.get(name), kinds) for name, kinds in shape.items())


def _json_row(question: object) -> Parsed:
    """A question of a JSON file, with the fields that are not in the shape's types named and left out, so the
    rules judge only what they can read."""
    if not isinstance(question, dict):
        return {}, {NON_FIELD_ERRORS: ["This entry is not a question: each is an object with kind, domain, prompt…"]}
    problems = {name: [message] for name, (kinds, message) in SHAPE.items() if not _holds(question.get(name), kinds)}
    if "choices" not in problems and not all(_object_of(c, CHOICE_SHAPE) for c in question.get("choices") or []):
        problems["choices"] = [SHAPE["choices"][1]]
    items = question.get("items") or []
    if "items" not in problems and not all(
        _object_of(item, ITEM_SHAPE) and all(_object_of(line, KEY_LINE_SHAPE) for line in item.get("key") or [])
        and all(isinstance(m, str) for line in item.get("key") or [] if isinstance(line.get("modifiers"), list)
                for m in line["modifiers"])
        for item in items
    ):
        problems["items"] = [SHAPE["items"][1]]
    return {name: value for name, value in question.items() if name not in problems}, problems


def _column_name(cell: str) -> str:
    return "_".join(cell.strip().lower().replace("-", " ").replace("_", " ").split())


def _parse_csv(text: str) -> list[Parsed]:
    # strict: an unclosed quote is an error, not a field that swallows the rest of the file.
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        records = [cells for cells in reader if any(cell.strip() for cell in cells)]
    except csv.Error as error:
        raise ValidationError(f"Line {reader.line_num}: the file is not valid CSV ({error}).") from None
    if not records:
        raise ValidationError(f"The file is empty. Upload {FILE_WANTED}.")
    names = [_column_name(cell) for cell in records[0]]
    missing = [column for column in CSV_REQUIRED if column not in names]
    if missing:
        raise ValidationError(
            f"The header row has no {', '.join(missing)} column{'s' if len(missing) > 1 else ''}. The first row must "
            f"name the columns {','.join(CSV_COLUMNS)} (module, choice_c to choice_f, points and rationale may be left out)."
        )
    if len(records) == 1:
        raise ValidationError("The file has a header row but no questions in it.")
    _too_many(len(records) - 1)
    where = {name: names.index(name) for name in CSV_COLUMNS if name in names}

    def cells_by_name(cells: list[str]) -> dict[str, str]:
        return {name: cells[where[name]].strip() if where.get(name, len(cells)) < len(cells) else "" for name in CSV_COLUMNS}

    return [_csv_row(cells_by_name(cells)) for cells in records[1:]]


def _csv_row(cell: dict[str, str]) -> Parsed:
    """A CSV row in the shared shape; the problems only a CSV can have (a kind it cannot hold, a bad letter)."""
    problems: dict[str, list[str]] = {}
    kind = cell["kind"].lower()
    if kind not in CHOICE_KINDS:
        problems["kind"] = ["A CSV holds choice questions only: write single or multiple (code, case and written "
                            "questions go in a JSON file)."]
        kind = ""  # so the row is not also judged as a question of that kind
    letters = [x for x in re.split(r"[;,\s]+", cell["correct"].lower()) if x]
    unknown = [x for x in letters if x not in CSV_LETTERS]
    empty = [x for x in letters if x in CSV_LETTERS and not cell[f"choice_{x}"]]
    if unknown:
        problems["correct"] = [f"{', '.join(unknown)}: name the right choices by their letters, a to f, separated by ;."]
    elif empty:
        problems["correct"] = [f"Choice {', '.join(empty)} is marked correct but is empty."]
    choices = [{"text": cell[f"choice_{x}"], "correct": x in letters} for x in CSV_LETTERS if cell[f"choice_{x}"]]
    data = {"kind": kind, "domain": cell["domain"], "module": cell["module"], "prompt": cell["prompt"],
            "choices": choices, "points": cell["points"], "rationale": cell["rationale"]}
    return data, problems


def parse_rows(file_format: str, text: str) -> list[Parsed]:
    return _parse_json(text) if file_format == BankImport.Format.JSON else _parse_csv(text)


def read_question_file(file_name: str, data: bytes) -> tuple[str, str, list[Parsed]]:
    """Text, format and rows of an uploaded file, judged by its bytes; errors are keyed ``file``."""
    try:
        text = upload_text(data, max_bytes=MAX_FILE_BYTES, what=FILE_WANTED)
        looks_json = text.lstrip()[:1] in ("{", "[") or (file_name or "").lower().endswith(".json")
        file_format = BankImport.Format.JSON if looks_json else BankImport.Format.CSV
        return text, file_format, parse_rows(file_format, text)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from None


