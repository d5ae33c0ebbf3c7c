"""What the load runner reads (bench/seeded.json), built from the database.

Built from what is stored rather than from the run's own state, so a run that
finds the school already seeded writes the same file, and the file always
describes the database it sits beside. Keys are listed in bench/seeding/__init__.py.
"""

from __future__ import annotations

import json
import zoneinfo
from pathlib import Path

from django.utils import timezone

from assessments.models import CohortAssessment
from bench.seeding.base import HOST, MAIL_DOMAIN, PASSWORD, REGISTRAR_EMAIL, SIZES, Counts
from bench.seeding.forums import LONG_THREAD_TITLE
from bench.seeding.reset import tenant_tables
from cohorts.models import Cohort, CohortStaff, Enrollment, ForumThread, ForumTopic
from courses.models import Course, Lesson
from lms.models import Domain, Membership, Role, Tenant, User

SAMPLE = 1_000
KINDS = [kind.value for kind in Lesson.Kind]


def _students(tenant: Tenant) -> int:
    """Seeded students only: applicants hold student memberships too."""
    return Membership.objects.filter(tenant=tenant, role=Role.STUDENT, user__email__startswith="student").count()


def existing_size(tenant: Tenant) -> str | None:
    """The size the school was seeded at, judged by its students and cohorts (None if it matches none)."""
    students, cohorts = _students(tenant), Cohort.objects.filter(tenant=tenant).count()
    return next((s.name for s in SIZES.values() if (s.students, s.cohorts) == (students, cohorts)), None)


def table_counts(tenant: Tenant) -> Counts:
    counts = {model.__name__: model._default_manager.filter(tenant=tenant).count()
              for model in [Domain, *tenant_tables()]}
    counts["User"] = User.objects.filter(email__endswith=f"@{MAIL_DOMAIN}").count()
    return {name: n for name, n in counts.items() if n}


def summary(tenant: Tenant, size: str) -> dict:
    cohorts = list(Cohort.objects.filter(tenant=tenant).select_related("term").order_by("section_code"))
    first = cohorts[0]
    places = list(
        Enrollment.objects.filter(tenant=tenant, cohort=first, state=Enrollment.State.ACTIVE)
        .order_by("membership__user__email").values_list("id", "membership__user__email")[:SAMPLE]
    )
    waiting = (Enrollment.objects.filter(tenant=tenant, cohort=first).exclude(state=Enrollment.State.ACTIVE)
               .order_by("applied_at", "id").values_list("membership__user__email", flat=True))
    staff = CohortStaff.objects.filter(tenant=tenant, cohort=first).order_by("id")
    return {
        "host": HOST,
        "size": size,
        "password": PASSWORD,
        "tenant_id": tenant.pk,
        "registrar_email": REGISTRAR_EMAIL,
        "instructor_email": staff.values_list("membership__user__email", flat=True).first(),
        "student_count": _students(tenant),
        "student_emails": [email for _, email in places],
        "enrollment_ids": [enrollment_id for enrollment_id, _ in places],
        "applicant_emails": list(waiting),
        "first_cohort_id": first.pk,
        "cohort_ids": [c.pk for c in cohorts],
        "course_ids": list(Course.objects.filter(tenant=tenant).order_by("code").values_list("id", flat=True)),
        **_lesson_ids(first),
        **_forum_ids(first),
        "exam_schedule_id": _exam(first),
        "index_main_term_id": _index_main_term(),
        "counts": table_counts(tenant),
        "seeded_at": tenant.created_at.isoformat(),
    }


def _index_main_term() -> int | None:
    """The Alphabetic Index's "Fracture, traumatic" (1,194 terms): the main-term page the journeys read."""
    from codesets.models import IndexTerm

    return (IndexTerm.objects.filter(release__status="ready", kind="index", depth=0, title="Fracture, traumatic")
            .values_list("id", flat=True).first())


def _exam(cohort: Cohort) -> int | None:
    return CohortAssessment.objects.filter(cohort=cohort).values_list("id", flat=True).first()


def _forum_ids(cohort: Cohort) -> dict[str, int | None]:
    """The first cohort's general topic and its long thread: the forum pages the journeys read."""
    topic = ForumTopic.objects.filter(cohort=cohort, kind="general").values_list("id", flat=True).first()
    thread = (ForumThread.objects.filter(topic_id=topic, title=LONG_THREAD_TITLE).values_list("id", flat=True).first()
              if topic else None)
    return {"forum_topic_id": topic, "forum_thread_id": thread}


def _lesson_ids(cohort: Cohort) -> dict[str, dict[str, list[int]]]:
    """The first cohort's lessons by kind: those open today, and those whose module opens later."""
    days_in = (timezone.now().astimezone(zoneinfo.ZoneInfo(cohort.time_zone)).date() - cohort.term.starts_on).days
    found: dict[str, dict[str, list[int]]] = {key: {kind: [] for kind in KINDS}
                                              for key in ("lesson_ids", "upcoming_lesson_ids")}
    lessons = (Lesson.objects.filter(tenant=cohort.tenant_id, module__course=cohort.course_id)
               .order_by("module__position", "position").values_list("id", "kind", "module__release_offset_days"))
    for lesson_id, kind, offset in lessons:
        found["lesson_ids" if offset <= days_in else "upcoming_lesson_ids"][kind].append(lesson_id)
    return found


def write(data: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=1) + "\n")


def describe(data: dict) -> list[str]:
    """The lines printed at the end: where to go and who to be."""
    return [
        f"Bench school on host {data['host']} (size {data['size']}, {data['student_count']:,} students; "
        f"http://{data['host']}:8000/ under `make run`)",
        f"  student:    {data['student_emails'][0]} / {data['password']}",
        f"  instructor: {data['instructor_email']} / {data['password']} (staffs cohort {data['first_cohort_id']})",
        f"  registrar:  {data['registrar_email']} / {data['password']}",
        f"  first cohort {data['first_cohort_id']}; cohorts {_ids(data['cohort_ids'])}; "
        f"courses {_ids(data['course_ids'])}",
        "  open lessons: " + ", ".join(f"{kind} {_ids(ids)}" for kind, ids in data["lesson_ids"].items()),
        f"  enrollments (first cohort): {_ids(data['enrollment_ids'])}",
    ]


def _ids(ids: list[int]) -> str:
    return ", ".join(map(str, ids)) if len(ids) <= 6 else f"{ids[0]}..{ids[-1]} ({len(ids)})"
