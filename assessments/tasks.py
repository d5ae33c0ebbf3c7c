"""Celery entry points of assessments: thin, they call services."""

from __future__ import annotations

from celery import shared_task
from django.db import OperationalError

from assessments.services import attempts, grading
from lms.celery import CLAIMED_TASK


@shared_task(**CLAIMED_TASK)
def grade_attempt(*, tenant_id: int, attempt_id: int) -> bool:
    # The service claims the attempt with a conditional update and only the current claim writes the
    # result, so a redelivered message (a killed worker) or a retry grades it once.
    return grading.attempt_grade(tenant_id=tenant_id, attempt_id=attempt_id)


@shared_task
def close_overdue_attempts() -> int:
    """Beat dispatcher: submit the saved answers of attempts whose time ran out, then requeue stuck gradings."""
    closed = attempts.close_overdue_attempts()
    for tenant_id, attempt_id in grading.attempts_to_requeue():
        grade_attempt.delay(tenant_id=tenant_id, attempt_id=attempt_id)
    return closed


@shared_task(**CLAIMED_TASK)
def run_regrade(*, tenant_id: int, job_id: int) -> bool:
    # Claimed by a conditional update; each attempt is recomputed from the current key, so a second run changes nothing.
    from assessments.services import regrade

    return regrade.regrade_run(tenant_id=tenant_id, job_id=job_id)


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3)
def flag_keys_for_review(*, release_id: int) -> int:
    # One review per question or exercise and release (a unique key), so a second run adds nothing.
    from assessments.key_review import keys_flag_for_review

    return keys_flag_for_review(release_id=release_id)


@shared_task(**CLAIMED_TASK)
def apply_bank_import(*, tenant_id: int, import_id: int) -> bool:
    # Claimed with a conditional update and applied in one transaction (all or nothing), so a
    # redelivered or retried message does no harm.
    from assessments.services import bank_io

    return bank_io.bank_import_run(tenant_id=tenant_id, import_id=import_id)


@shared_task
def requeue_stuck_bank_imports() -> int:
    """Beat dispatcher: enqueue again bank imports whose message was lost or whose worker died."""
    from assessments.services import bank_io

    stuck = bank_io.bank_imports_stuck()
    for tenant_id, import_id in stuck:
        apply_bank_import.delay(tenant_id=tenant_id, import_id=import_id)
    return len(stuck)
