"""The shape of the demo question banks: dataclasses the loader (assessments/demo.py) turns into questions.

Nothing here imports Django. Domains are written as ``cpc:<code>`` (assessments/domains.py);
``module`` is the 1-based position of the course's module the question belongs to, or 0 for none.
Key lines reuse the course exercises' ``Key`` (courses/demo_content/shapes.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from courses.demo_content.shapes import Key


@dataclass(frozen=True)
class Choice:
    text: str
    correct: bool = False


@dataclass(frozen=True)
class Single:
    """Single choice (one correct) or, with ``multiple=True``, multiple answer (one or more correct)."""

    domain: str
    prompt: str
    choices: tuple[Choice, ...]
    rationale: str
    module: int = 0
    multiple: bool = False
    points: str = "1"


@dataclass(frozen=True)
class CodeEntry:
    domain: str
    prompt: str  # the scenario, short: "Office visit: type 2 diabetes with hyperglycemia. Code the diagnosis."
    key: tuple[Key, ...]
    rationale: str
    module: int = 0
    points: str = "2"
    order_scored: bool = False


@dataclass(frozen=True)
class CaseItem:
    label: str  # "Diagnoses", "Procedures"
    prompt: str
    key: tuple[Key, ...]


@dataclass(frozen=True)
class Case:
    """Case abstraction: a health-record document and several code-entry items."""

    domain: str
    prompt: str
    record_title: str  # "Operative report", "Office note"
    record_text: str
    items: tuple[CaseItem, ...]
    rationale: str
    module: int = 0
    points: str = "4"


@dataclass(frozen=True)
class Written:
    domain: str
    prompt: str
    rubric: str
    rationale: str  # a model answer, shown when answers are released
    module: int = 0
    points: str = "3"


# Short names for the CPC domains, as the bank files write them.
TA = "cpc:terminology-anatomy"
ICD = "cpc:icd10cm"
GL = "cpc:guidelines"
EM = "cpc:em"
CO = "cpc:compliance"
HC = "cpc:hcpcs"
RAD = "cpc:radiology"
LAB = "cpc:pathology-laboratory"
MED = "cpc:medicine"
ANES = "cpc:anesthesia"
INTEG = "cpc:surgery-integumentary"
MSK = "cpc:surgery-musculoskeletal"
DIG = "cpc:surgery-digestive"
CV = "cpc:surgery-cardiovascular"
RESP = "cpc:surgery-respiratory"


def R(text: str) -> Choice:
    """The right choice."""
    return Choice(text, True)


W = Choice  # a wrong choice

__all__ = ["ANES", "CO", "CV", "DIG", "EM", "GL", "HC", "ICD", "INTEG", "LAB", "MED", "MSK", "RAD", "RESP", "TA",
           "Case", "CaseItem", "Choice", "CodeEntry", "Key", "R", "Single", "W", "Written"]
