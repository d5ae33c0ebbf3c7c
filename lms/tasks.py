"""Celery entry points of the platform core: thin, they call services."""

from __future__ import annotations

import smtplib

from celery import shared_task

from lms import services


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(smtplib.SMTPException, ConnectionError, TimeoutError),
    retry_backoff=True,
    max_retries=5,
)
def send_invitation_email(*, tenant_id: int, invitation_id: int) -> bool:
    # Claims the invitation with a conditional update, so a redelivery is harmless.
    return services.invitation_send_email(tenant_id=tenant_id, invitation_id=invitation_id)


@shared_task
def resend_unsent_invitations() -> int:
    """Beat dispatcher: re-enqueue invitations whose email never went out."""
    rows = services.invitations_unsent()
    for tenant_id, invitation_id in rows:
        send_invitation_email.delay(tenant_id=tenant_id, invitation_id=invitation_id)
    return len(rows)


@shared_task
def expire_invitations() -> int:
    return services.invitations_expire()


@shared_task(ignore_result=False)
def ping(value: str = "pong") -> str:
    """Round trip used by the health check and the real-worker test."""
    return value
