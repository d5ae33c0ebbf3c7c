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


# --- notifications ---------------------------------------------------------------------------

_MAIL_ERRORS = (smtplib.SMTPException, ConnectionError, TimeoutError)


@shared_task(acks_late=True, reject_on_worker_lost=True, autoretry_for=_MAIL_ERRORS, retry_backoff=True, max_retries=5)
def send_notification_emails(*, tenant_id: int, key: str) -> int:
    # Claims each notice with a conditional update, so a redelivery sends nothing twice.
    from lms.notifications import email

    return email.send_immediate(tenant_id=tenant_id, key=key)


@shared_task(acks_late=True, reject_on_worker_lost=True, autoretry_for=_MAIL_ERRORS, retry_backoff=True, max_retries=5)
def send_notification_digest(*, tenant_id: int, user_id: int) -> int:
    from lms.notifications import email

    return email.send_digest(tenant_id=tenant_id, user_id=user_id)


@shared_task
def dispatch_notification_emails() -> dict:
    """Beat dispatcher: the digests that are due, and immediate emails whose task was lost."""
    from lms.notifications import email

    stuck, digests = email.due_work()
    for tenant_id, key in stuck:
        send_notification_emails.delay(tenant_id=tenant_id, key=key)
    for tenant_id, user_id in digests:
        send_notification_digest.delay(tenant_id=tenant_id, user_id=user_id)
    return {"immediate": len(stuck), "digests": len(digests)}
