"""Grading throughput: code-entry responses graded per second by one Celery worker.

    python bench/grading.py --database-url postgres://…/codecohort_bench --redis-url redis://…/3

Seeds a throwaway school (its own slug, deleted afterwards) in the bench database with a practice
exam of code-entry questions keyed as the demo writes them, and submitted attempts whose answers
mix the right codes with the usual slips (a missing 7th character, a header code, an extra code, a
wrong modifier). Then it starts one worker (``--pool=solo``, one process: "per worker"), queues
every attempt's grading job, and times from the first job queued to the last attempt graded. The
same attempts graded in-process, without the broker, give the scorer's own ceiling.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SLUG = "bench-grading"
# An attempt the length of a coding practice test: fifty code-entry questions, the ten keys below five times over.
QUESTIONS_PER_ATTEMPT = 50
# (key lines, the answers students give: each a list of (code, modifiers))
KEYS = [
    ([("principal", "E11.65", ()), ("secondary", "Z79.4", ())],
     [[("E11.65", ()), ("Z79.4", ())], [("E11.9", ()), ("Z79.4", ())], [("E11.65", ())]]),
    ([("principal", "S52.521A", ()), ("secondary", "W01.0XXA", ())],
     [[("S52.521A", ()), ("W01.0XXA", ())], [("S52.521", ()), ("W01.0XXA", ())], [("S52.52", ())]]),
    ([("principal", "I10", ()), ("secondary", "E78.5", ())],
     [[("I10", ()), ("E78.5", ())], [("I11.9", ()), ("E78.5", ())], [("I10", ()), ("E78.5", ()), ("R03.0", ())]]),
    ([("procedure", "99214", ("25",)), ("procedure", "11042", ()), ("principal", "L97.412", ())],
     [[("99214", ("25",)), ("11042", ()), ("L97.412", ())], [("99214", ()), ("11042", ()), ("L97.412", ())],
      [("99213", ("25",)), ("11042", ()), ("L97.419", ())]]),
    ([("principal", "J44.1", ()), ("secondary", "F17.210", ())],
     [[("J44.1", ()), ("F17.210", ())], [("J44.9", ()), ("F17.210", ())], [("J44.1", ()), ("F17.200", ())]]),
    ([("principal", "N18.31", ()), ("secondary", "E11.22", ())],
     [[("E11.22", ()), ("N18.31", ())], [("N18.3", ()), ("E11.22", ())], [("E11.22", ())]]),
    ([("principal", "T36.0X5A", ()), ("secondary", "L50.0", ())],
     [[("L50.0", ()), ("T36.0X5A", ())], [("T36.0X5", ()), ("L50.0", ())], [("T36.0X1A", ()), ("L50.0", ())]]),
    ([("procedure", "J1100", ()), ("procedure", "96372", ()), ("principal", "M54.50", ())],
     [[("J1100", ()), ("96372", ()), ("M54.50", ())], [("J1100", ()), ("96374", ()), ("M54.5", ())], [("J1100", ())]]),
    ([("principal", "C50.911", ()), ("secondary", "Z17.0", ())],
     [[("C50.911", ()), ("Z17.0", ())], [("C50.919", ()), ("Z17.0", ())], [("Z85.3", ())]]),
    ([("principal", "K21.9", ())],
     [[("K21.9", ())], [("K21.0", ())], [("K21.9", ()), ("R12", ())]]),
]


def _django(database_url: str, redis_url: str = "") -> None:
    """Django with the production settings the worker gets (DEBUG off: no query log in the timings)."""
    from bench.server import production_env

    os.environ.update(production_env(database_url=database_url, redis_url=redis_url, host="bench.localhost"))
    import django

    django.setup()


def seed(attempts: int) -> dict:
    """A school, a course, a cohort, an exam of the ten code-entry questions, ``attempts`` submitted attempts."""
    from django.utils import timezone

    from assessments.domains import domains_ensure
    from assessments.models import Attempt, AttemptItem
    from assessments.services import delivery, questions
    from cohorts.models import Cohort, Enrollment, Term
    from courses.models import Course
    from lms.models import Membership, Role, Tenant, User

    teardown()
    tenant = Tenant.objects.create(slug=SLUG, name="Bench Grading College")
    domains_ensure(tenant=tenant)
    author = User.objects.create_user(email=f"author@{SLUG}.test", password=uuid.uuid4().hex)
    Membership.objects.create(tenant=tenant, user=author, role=Role.INSTRUCTOR)
    course = Course.objects.create(tenant=tenant, code="MCC-199", title="Grading bench", credit_hours="1.0")
    today = timezone.localdate()
    later = today + datetime.timedelta(days=90)
    term = Term.objects.create(tenant=tenant, name="Bench term", starts_on=today, ends_on=later, enrollment_opens_on=today,
                               enrollment_closes_on=today, drop_deadline=today)
    cohort = Cohort.objects.create(tenant=tenant, course=course, term=term, section_code="MCC-199-B-01", capacity=10_000)
    bank = questions.bank_create(tenant=tenant, actor=author, course=course, title="Code entry")
    made = []
    for n in range(QUESTIONS_PER_ATTEMPT):
        key, _ = KEYS[n % len(KEYS)]
        made.append(questions.question_create(tenant=tenant, actor=author, bank=bank, data={
            "kind": "code", "domain": "cpc:icd10cm", "prompt": f"Bench scenario {n + 1}: code it.", "points": "2",
            "items": [{"key": [{"role": r, "code": c, "modifiers": list(m)} for r, c, m in key]}],
        }))
    assessment = delivery.assessment_create(tenant=tenant, actor=author, course=course, bank=bank,
                                            data={"title": "Bench exam", "kind": "practice_exam"})
    delivery.questions_set(tenant=tenant, actor=author, assessment=assessment, question_ids=[q.pk for q in made])
    delivery.assessment_update(tenant=tenant, actor=author, assessment=assessment, data={"is_published": True})
    now = timezone.now()
    scheduled = delivery.schedule_set(tenant=tenant, actor=author, cohort=cohort, assessment=assessment, opens_at=now)
    student = User.objects.create_user(email=f"student@{SLUG}.test", password=uuid.uuid4().hex)
    enrollment = Enrollment.objects.create(tenant=tenant, cohort=cohort, state=Enrollment.State.ACTIVE,
                                           membership=Membership.objects.create(tenant=tenant, user=student))
    rows = Attempt.objects.bulk_create(
        Attempt(tenant=tenant, scheduled=scheduled, enrollment=enrollment, number=n, state=Attempt.State.SUBMITTED,
                started_at=now, submitted_at=now, max_points=2 * QUESTIONS_PER_ATTEMPT) for n in range(1, attempts + 1)
    )
    items = []
    for attempt in rows:
        for position, question in enumerate(made, start=1):
            answers = KEYS[(position - 1) % len(KEYS)][1]
            given = answers[(attempt.number + position) % len(answers)]
            items.append(AttemptItem(
                tenant=tenant, attempt=attempt, position=position, version=question.current, domain_id=question.domain_id,
                points=2, seq=1, saved_at=now,
                response={"items": [[{"code": c, "modifiers": list(m), "units": 1} for c, m in given]]},
            ))
    AttemptItem.objects.bulk_create(items, batch_size=2000)
    return {"tenant_id": tenant.pk, "attempt_ids": [a.pk for a in rows], "responses": len(items)}


def reset(attempt_ids: list[int]) -> None:
    from assessments.models import Attempt, AttemptItem

    Attempt.objects.filter(pk__in=attempt_ids).update(state=Attempt.State.SUBMITTED, claimed_at=None, graded_at=None,
                                                      points=None, percent=None, passed=None, times_graded=0)
    AttemptItem.objects.filter(attempt_id__in=attempt_ids).update(credit=None, earned=None, feedback={})


def grade_in_process(seeded: dict) -> float:
    """Seconds to grade every attempt in this process, as a worker's task body would."""
    from assessments.services.grading import attempt_grade

    started = time.perf_counter()
    for attempt_id in seeded["attempt_ids"]:
        attempt_grade(tenant_id=seeded["tenant_id"], attempt_id=attempt_id)
    return time.perf_counter() - started


def grade_with_worker(seeded: dict, database_url: str, redis_url: str) -> float:
    """Seconds from queueing the first job to the last attempt graded, by one solo worker."""
    from assessments.models import Attempt
    from assessments.tasks import grade_attempt
    from lms.celery import app

    queue = f"bench-grading-{uuid.uuid4().hex[:6]}"
    from bench.server import production_env

    env = {**production_env(database_url=database_url, redis_url=redis_url, host="bench.localhost"), "EMAIL_URL": "console://"}
    log = open(ROOT / f".bench-grading-{queue}.log", "w+")
    worker = subprocess.Popen([sys.executable, "-m", "celery", "-A", "lms", "worker", "--pool=solo", "-Q", queue,
                               "--loglevel=warning", "--without-gossip", "--without-mingle", "--without-heartbeat"],
                              cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        time.sleep(3)  # the worker connects; a warm-up job below loads its code paths
        app.conf.task_always_eager = False
        first = seeded["attempt_ids"][0]
        grade_attempt.apply_async(kwargs={"tenant_id": seeded["tenant_id"], "attempt_id": first}, queue=queue).get(timeout=60)
        pending = Attempt.objects.filter(pk__in=seeded["attempt_ids"]).exclude(state=Attempt.State.GRADED)
        started = time.perf_counter()
        for attempt_id in seeded["attempt_ids"][1:]:
            grade_attempt.apply_async(kwargs={"tenant_id": seeded["tenant_id"], "attempt_id": attempt_id}, queue=queue)
        while pending.exists():
            if time.perf_counter() - started > 600:
                raise RuntimeError("the worker did not finish in 10 minutes:\n" + Path(log.name).read_text()[-2000:])
            time.sleep(0.05)
        return time.perf_counter() - started
    finally:
        worker.terminate()
        worker.wait(timeout=30)
        log.close()
        Path(log.name).unlink(missing_ok=True)


def teardown() -> None:
    from bench.seeding.reset import delete_school

    delete_school(SLUG, mail_domain=f"{SLUG}.test")  # its own people only, never the bench school's


def run(*, database_url: str, redis_url: str, attempts: int) -> dict:
    _django(database_url, redis_url)
    from django.db import connection

    seeded = seed(attempts)
    per_attempt = QUESTIONS_PER_ATTEMPT
    try:
        grade_in_process(seeded)  # warm: the code-set lookups and the scorer's caches
        reset(seeded["attempt_ids"])
        in_process = grade_in_process(seeded)
        reset(seeded["attempt_ids"])
        connection.close()
        with_worker = grade_with_worker(seeded, database_url, redis_url)
    finally:
        teardown()
    graded_by_worker = (len(seeded["attempt_ids"]) - 1) * per_attempt
    return {
        "attempts": attempts, "responses": seeded["responses"], "responses_per_attempt": per_attempt,
        "in_process_seconds": round(in_process, 3), "in_process_per_second": round(seeded["responses"] / in_process),
        "worker_seconds": round(with_worker, 3), "worker_per_second": round(graded_by_worker / with_worker),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--redis-url", required=True)
    parser.add_argument("--attempts", type=int, default=300)
    args = parser.parse_args()
    print(json.dumps(run(database_url=args.database_url, redis_url=args.redis_url, attempts=args.attempts), indent=2))


if __name__ == "__main__":
    main()
