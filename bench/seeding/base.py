"""What every seeding step shares: the sizes, the bench school's names, and the run's state."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field

from lms.models import Tenant

SLUG = "bench"
NAME = "Bench College"
HOST = "bench.localhost"
MAIL_DOMAIN = "bench.test"
PASSWORD = "bench-password"
TIME_ZONE = "America/New_York"
TERM_STARTED_DAYS_AGO = 30  # a month into term: four modules done for the keen, the fifth opened two days ago
RANDOM_SEED = 2026  # the same size always seeds the same spread of progress

Counts = dict[str, int]


@dataclass(frozen=True)
class Size:
    """How big the bench school is.

    Students are split into ``sections`` equal blocks; each block takes every
    course in its own section, so a student holds ``courses`` active
    enrollments and a cohort holds ``students / sections`` students.
    """

    name: str
    students: int
    courses: int = 1
    sections: int = 1
    modules: int = 8
    lessons_per_module: int = 6
    help: str = ""

    @property
    def cohorts(self) -> int:
        return self.courses * self.sections

    @property
    def applicants(self) -> int:
        """People waiting for a decision in the first cohort, so the enrollment queue is not empty."""
        return max(2, self.students // 100)


# After Moodle's tool_generator course sizes (S 100, M 1,000, L 10,000 enrolled users),
# so our figures read beside theirs.
SIZES: dict[str, Size] = {
    size.name: size
    for size in (
        Size("XS", 12, courses=2, sections=2, help="12 students in 2 courses x 2 sections = 4 cohorts of 6 (for tests)"),
        Size("S", 100, help="one cohort of 100 students"),
        Size("M", 1_000, help="one cohort of 1,000 students"),
        Size("L", 10_000, help="one cohort of 10,000 students"),
        Size(
            "school", 5_000, courses=4, sections=5,
            help="5,000 students in 20 cohorts (4 courses x 5 sections of 1,000); each student takes "
                 "the 4 courses of their section, so 20,000 enrollments",
        ),
    )
}


def student_email(number: int) -> str:
    return f"student{number:05d}@{MAIL_DOMAIN}"


def instructor_email(number: int) -> str:
    return f"instructor{number}@{MAIL_DOMAIN}"


def applicant_email(number: int) -> str:
    return f"applicant{number:05d}@{MAIL_DOMAIN}"


REGISTRAR_EMAIL = f"registrar@{MAIL_DOMAIN}"


@dataclass(frozen=True)
class LessonInfo:
    """What the progress step needs of a lesson, without holding model instances for every row."""

    id: int
    module: int  # the module's position in the course, 0 first
    kind: str
    duration: int | None
    case: int | None  # exercises: index into the case list, for its scored answer variants


@dataclass(frozen=True)
class Variant:
    """One answer a student might give to an exercise, already scored by the real scorer."""

    answer: list[dict]
    score: float
    feedback: dict


@dataclass
class Seeding:
    """State passed from step to step: ids the next step needs, never whole tables of instances."""

    size: Size
    now: datetime.datetime
    use_copy: bool = True
    rng: random.Random = field(default_factory=lambda: random.Random(RANDOM_SEED))
    tenant: Tenant | None = None
    password_hash: str = ""
    registrar_user_id: int = 0
    instructor_ids: list[int] = field(default_factory=list)  # membership ids, instructor1 first
    student_ids: list[int] = field(default_factory=list)  # membership ids, student00001 first
    applicant_ids: list[int] = field(default_factory=list)
    course_ids: list[int] = field(default_factory=list)
    lessons: dict[int, list[LessonInfo]] = field(default_factory=dict)  # course id -> lessons in order
    variants: dict[int, list[Variant]] = field(default_factory=dict)  # case index -> right, partial, wrong
    term_starts_on: datetime.date | None = None
    cohort_ids: list[int] = field(default_factory=list)  # section-major: section 1's courses first
    cohort_course: dict[int, int] = field(default_factory=dict)
    enrollments: list[tuple[int, int]] = field(default_factory=list)  # (enrollment id, cohort id), active ones
