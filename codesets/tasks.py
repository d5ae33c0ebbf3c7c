"""Celery entry points of the code sets: thin, they call services."""

from __future__ import annotations

from celery import shared_task

from codesets import cpt


@shared_task(acks_late=True, reject_on_worker_lost=True)
def load_cpt_release(*, tenant_id: int, release_id: int) -> bool:
    # The service claims the release with a conditional update, so a message
    # redelivered after a lost worker does no harm.
    return cpt.cpt_release_load(tenant_id=tenant_id, release_id=release_id)
