"""What the demo courses teach, as data: modules, lessons and coding exercises with their answer keys.

Written against the April 2026 ICD-10-CM table (valid for dates of service
from April 1 to September 30, 2026, so every exercise is dated in that window)
and the 2016 HCPCS Level II sample that ships in ``codesets/data``. CPT codes
are real numbers, but no CPT descriptor is quoted anywhere: CodeCohort holds
no AMA licence, so rationales say what a service is in our own words.

One module per course, the shared shapes in ``shapes``. Nothing here imports Django: the loader that turns these dataclasses into
``courses`` rows lives elsewhere, and ``tests/courses/test_demo_content.py``
checks every key against the code sets.

Patients, providers and facilities are fictional.
"""

from __future__ import annotations

from courses.demo_content.mcc101 import MCC_101
from courses.demo_content.mcc102 import MCC_102
from courses.demo_content.mcc103 import MCC_103
from courses.demo_content.mcc104 import MCC_104
from courses.demo_content.mcc105 import MCC_105
from courses.demo_content.mcc106 import MCC_106
from courses.demo_content.oce101 import OCE_101
from courses.demo_content.oce102 import OCE_102
from courses.demo_content.oce103 import OCE_103
from courses.demo_content.shapes import Exercise, Key, Module, Reading, Video

__all__ = ["COURSES", "Exercise", "Key", "Module", "Reading", "Video"]

COURSES: dict[str, tuple[Module, ...]] = {
    "MCC-101": MCC_101,
    "MCC-102": MCC_102,
    "MCC-103": MCC_103,
    "MCC-104": MCC_104,
    "MCC-105": MCC_105,
    "MCC-106": MCC_106,
    "OCE-101": OCE_101,
    "OCE-102": OCE_102,
    "OCE-103": OCE_103,
}
