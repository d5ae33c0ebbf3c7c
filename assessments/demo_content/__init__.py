"""The demo question banks: one per demo course, at least 60 questions across the CPC domains.

Each course's questions live in their own module (``mcc101.py`` …) as a tuple ``QUESTIONS``;
``BANKS`` maps the course code to it. ``tests/assessments/test_demo_content.py`` checks every
ICD-10-CM and HCPCS code in a key against the code sets that ship.
"""

from __future__ import annotations

import importlib

COURSE_MODULES = {
    "MCC-101": "mcc101", "MCC-102": "mcc102", "MCC-103": "mcc103", "MCC-104": "mcc104", "MCC-105": "mcc105",
    "MCC-106": "mcc106", "OCE-101": "oce101", "OCE-102": "oce102", "OCE-103": "oce103",
}


def banks() -> dict[str, tuple]:
    """Course code -> its questions, for the courses whose file exists."""
    found = {}
    for code, name in COURSE_MODULES.items():
        try:
            module = importlib.import_module(f"assessments.demo_content.{name}")
        except ModuleNotFoundError:
            continue
        found[code] = module.QUESTIONS
    return found
