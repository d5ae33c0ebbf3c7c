"""The shape of demo content: dataclasses a loader turns into rows, and helpers the courses share."""

from __future__ import annotations

import re
from dataclasses import dataclass
from inspect import cleandoc as _t

# --- the shape ---------------------------------------------------------------


@dataclass(frozen=True)
class Key:
    """One answer-key line."""

    role: str  # "principal" (principal / first-listed dx) | "secondary" | "procedure" | "supply"
    code: str  # printed form: "E11.65", "99213", "A4253"
    rationale: str
    requirement: str = "required"  # "required" | "optional" | "group" (one of a group)
    group: str = ""  # label shared by the lines of a one-of group
    modifiers: tuple[str, ...] = ()
    units: int = 1


@dataclass(frozen=True)
class Video:
    title: str
    transcript: str  # plain text, a few short paragraphs
    duration_seconds: int
    media: str = ""  # "icd10cm-code-structure": the committed lecture in courses/demo_media, else ""
    video_url: str = ""  # an external lecture on the school's media server
    summary: str = ""


@dataclass(frozen=True)
class Reading:
    title: str
    body: str  # Markdown
    textbook: tuple[str, str, str] = ()  # (book, chapter or section, pages)
    summary: str = ""


@dataclass(frozen=True)
class Exercise:
    title: str
    record_kind: str  # "office_note" | "operative_report" | "ed_record" | "discharge_summary"
    patient: dict  # {"name", "date_of_birth", "sex", "mrn", "date_of_service", "provider", "facility"}
    note: str
    instructions: str
    key: tuple[Key, ...]
    order_scored: bool = False
    summary: str = ""


@dataclass(frozen=True)
class Module:
    title: str
    kind: str  # "foundations" | "icd10cm" | "cpt" | "hcpcs" | "specialty" | "revenue_cycle" | "exam_review"
    release_offset_days: int
    lessons: tuple
    summary: str = ""
    requires: tuple[str, ...] = ()  # titles of earlier modules of the same course
    requirements: tuple[dict, ...] = ({"kind": "view_all"},)
    specialty: str = ""  # for kind "specialty": "cardiology", "orthopedics", "E/M"


MEDIA = "https://media.northwind.example/lectures"
GUIDELINES = "ICD-10-CM Official Guidelines for Coding and Reporting FY 2026"
EXERCISE_80 = ({"kind": "view_all"}, {"kind": "exercise_score", "min_score": 80})
EXERCISE_70 = ({"kind": "view_all"}, {"kind": "exercise_score", "min_score": 70})

DX = "Code the diagnoses for this encounter (ICD-10-CM)."

# A line of a clinical note that starts something: "CC:", "Procedure:", "1.", "-".
_NOTE_LINE_START = re.compile(r"^(\d+\.|-|[A-Z][A-Za-z0-9 /(),-]*:)\s")


def _prose(text: str) -> str:
    """Paragraphs as single lines: the source is wrapped for reading here, the page wraps on its own."""
    return "\n\n".join(" ".join(line.strip() for line in para.splitlines()) for para in _t(text).split("\n\n"))


def _record(text: str) -> str:
    """A clinical note with its own line breaks kept (headings, numbered problems) and source wrapping undone."""
    paragraphs = []
    for para in _t(text).split("\n\n"):
        lines: list[str] = []
        for line in para.splitlines():
            if lines and not _NOTE_LINE_START.match(line.strip()):
                lines[-1] += " " + line.strip()
            else:
                lines.append(line.strip())
        paragraphs.append("\n".join(lines))
    return "\n\n".join(paragraphs)


def _patient(name: str, born: str, sex: str, mrn: str, seen: str, provider: str, facility: str) -> dict:
    return {"name": name, "date_of_birth": born, "sex": sex, "mrn": mrn,
            "date_of_service": seen, "provider": provider, "facility": facility}


# Fictional practices of the two demo schools' teaching records.
NW_FAMILY = "Northwind Family Medicine"
NW_ED = "Northwind Regional Medical Center, Emergency Department"
NW_HOSPITAL = "Northwind Regional Medical Center"
NW_URGENT = "Northwind Urgent Care"
RS_CLINIC = "Riverside Community Clinic"
