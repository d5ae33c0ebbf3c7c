"""Celery entry points of terms, cohorts and enrollment: thin, they call services."""

from __future__ import annotations

from celery import shared_task

from cohorts import imports
from lms.celery import CLAIMED_TASK


@shared_task(**CLAIMED_TASK)
def apply_enrollment_import(*, tenant_id: int, import_id: int) -> bool:
    # The service claims the import with a conditional update and applies it in
    # one transaction, so a redelivered or retried message does no harm.
    return imports.enrollment_import_run(tenant_id=tenant_id, import_id=import_id)


@shared_task
def requeue_stuck_enrollment_imports() -> int:
    """Beat dispatcher: enqueue again imports whose message was lost or whose worker died."""
    stuck = imports.enrollment_imports_stuck()
    for tenant_id, import_id in stuck:
        apply_enrollment_import.delay(tenant_id=tenant_id, import_id=import_id)
    return len(stuck)


@shared_task
def dispatch_term_schedule() -> int:
    """Beat dispatcher: term starting, enrollment closing, drop deadline and module notices that came due."""
    from cohorts import schedule

    return schedule.dispatch_term_schedule()


@shared_task
def publish_due_announcements() -> int:
    """Beat dispatcher: publish the announcements scheduled for now or earlier, each once."""
    from cohorts import announcements

    return announcements.publish_due_announcements()
