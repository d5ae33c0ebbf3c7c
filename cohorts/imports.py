"""Bulk enrollment from a registrar's CSV: read the file, preview every row, apply it whole or not at all.

A file has the columns email, full_name, section_code and state. The preview
(``enrollment_import_preview``) checks every row against the database and
stores, per row, what will change or what is wrong; nothing else is written.
Applying (``enrollment_import_apply_request`` then the Celery job
``enrollment_import_run``) checks every row again against the database as it
is then and applies all of them in one transaction through
``cohorts.services.enrollment_admit``, so a row that went bad since the
preview fails the file and changes nothing.

People without an account are invited through ``lms.services.invitation_create``.
Their enrollment cannot exist before they have a membership, so the row stays
in the import's ``rows`` marked ``pending`` with its invitation's id; when that
invitation is accepted, ``enroll_on_acceptance`` (a post_save hook on the
invitation, inside the acceptance's transaction) admits them.
"""

from __future__ import annotations

import logging
import os
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, DatabaseError, InterfaceError, OperationalError, connection, connections, transaction
from django.db.models import Q, QuerySet
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.http import Http404
from django.utils import timezone

from cohorts import permissions, services
from cohorts.import_rows import assess, goes_active, parse_import_csv, read_import_file
from cohorts.models import Cohort, EnrollmentImport
from lms.audit import register_audit_labels
from lms.links import school_base_url
from lms.models import Invitation, Membership, Role, Tenant, User
from lms.services import audit_record, invitation_create

logger = logging.getLogger(__name__)

Status = EnrollmentImport.Status


# --- reads ---------------------------------------------------------------------


def enrollment_import_list(*, tenant: Tenant) -> QuerySet[EnrollmentImport]:
    """The school's imports, newest first, without their (large) content."""
    return (
        EnrollmentImport.objects.filter(tenant=tenant)
        .select_related("created_by")
        .defer("content", "rows")
        .order_by("-created_at", "-id")
    )


def enrollment_import_get(*, tenant: Tenant, import_id: object) -> EnrollmentImport:
    """One import of this school; 404 for missing, foreign and malformed alike."""
    try:
        number = int(str(import_id))
        if not 0 < number < 2**62:
            raise ValueError
        return EnrollmentImport.objects.select_related("created_by").get(tenant=tenant, pk=number)
    except (ValueError, EnrollmentImport.DoesNotExist):
        raise Http404("No such enrollment import in this school.") from None


def rows_for_display(enrollment_import: EnrollmentImport) -> list[dict]:
    """The preview's rows with the rows that have problems first, each group in file order."""
    return sorted(enrollment_import.rows, key=lambda row: (not row["errors"], row["line"]))


def import_counts(enrollment_import: EnrollmentImport) -> dict[str, int]:
    rows = enrollment_import.rows
    return {
        "rows": len(rows),
        "errors": sum(1 for row in rows if row["errors"]),
        "changes": sum(1 for row in rows if not row["errors"] and row["action"] != "none"),
        "unchanged": sum(1 for row in rows if not row["errors"] and row["action"] == "none"),
        "pending": sum(1 for row in rows if row.get("pending")),
    }


# --- preview -------------------------------------------------------------------


def _check_actor(actor: Membership, tenant: Tenant) -> None:
    if actor.tenant_id != tenant.pk or not permissions.can_import_enrollments(actor):
        raise ValidationError("Only the school's registrars import enrollments.")


@transaction.atomic
def enrollment_import_preview(*, tenant: Tenant, actor: Membership, file_name: str, data: bytes) -> EnrollmentImport:
    """Check an uploaded file row by row and store the preview. Nothing else changes."""
    _check_actor(actor, tenant)
    text, lines = read_import_file(data)
    rows = assess(actor=actor, lines=lines)
    record = EnrollmentImport(
        tenant=tenant, created_by=actor.user, file_name=os.path.basename(file_name or "enrollments.csv")[:255],
        content=text, status=Status.PREVIEWED, rows=rows, total=len(rows),
        error_count=sum(1 for row in rows if row["errors"]),
    )
    record.full_clean(exclude=["tenant", "created_by"])  # both come from the request, not from input
    record.save()
    audit_record(
        tenant=tenant, actor=actor.user, action="enrollment_import.previewed", target=record,
        after={"file_name": record.file_name, "rows": record.total, "errors": record.error_count},
    )
    return record


# --- applying --------------------------------------------------------------------


# A file of 5,000 rows applies in well under a minute; an ``applying`` claim
# older than this belongs to a worker that died (its transaction rolled back),
# so the import may be claimed again. A ``queued`` import older than
# QUEUE_TIMEOUT lost its message and is enqueued again by the dispatcher.
CLAIM_TIMEOUT = timedelta(minutes=15)
QUEUE_TIMEOUT = timedelta(minutes=2)


@transaction.atomic
def enrollment_import_apply_request(*, tenant: Tenant, actor: Membership, enrollment_import: EnrollmentImport) -> bool:
    """Queue a previewed file without errors for the job. False when it was queued already (a second click)."""
    from cohorts.tasks import apply_enrollment_import

    _check_actor(actor, tenant)
    if enrollment_import.tenant_id != tenant.pk:
        raise ValidationError("This import belongs to another school.")
    if enrollment_import.error_count:
        raise ValidationError(
            f"This file has {enrollment_import.error_count:,} row{'s' if enrollment_import.error_count > 1 else ''} "
            "with problems, so nothing can be applied. Fix the file and upload it again."
        )
    # ``claimed_at`` holds when the import was queued, then when a worker claimed it.
    queued = EnrollmentImport.objects.filter(
        pk=enrollment_import.pk, tenant=tenant, status=Status.PREVIEWED, error_count=0
    ).update(status=Status.QUEUED, claimed_at=timezone.now(), processed=0, message="")
    if not queued:
        return False
    audit_record(
        tenant=tenant, actor=actor.user, action="enrollment_import.queued", target=enrollment_import,
        after={"file_name": enrollment_import.file_name, "rows": enrollment_import.total},
    )
    apply_enrollment_import.delay_on_commit(tenant_id=tenant.pk, import_id=enrollment_import.pk)
    return True


def import_claim(model, *, tenant_id: int, import_id: int, running: str, timeout) -> object | None:
    """Take a queued import (``model`` has status, claimed_at, processed) for this run with a conditional update,
    or retake one ``running`` under a claim older than ``timeout``; the claim's time, or None when someone else has it."""
    now = timezone.now()
    rows = model.objects.filter(pk=import_id, tenant_id=tenant_id)
    claimed = rows.filter(status="queued").update(status=running, claimed_at=now, processed=0) or rows.filter(
        status=running, claimed_at__lt=now - timeout
    ).update(claimed_at=now, processed=0)
    return now if claimed else None


def _claim(tenant_id: int, import_id: int) -> object | None:
    return import_claim(EnrollmentImport, tenant_id=tenant_id, import_id=import_id, running=Status.APPLYING,
                        timeout=CLAIM_TIMEOUT)


class ImportRefused(Exception):
    """A row cannot be applied: the whole file is rolled back and the import fails with this message."""


class ClaimLost(Exception):
    """Another run retook this import while this one worked; this run's changes are rolled back."""


def enrollment_import_run(*, tenant_id: int, import_id: int) -> bool:
    """Apply a queued import. False when there was nothing to do (already applied, failed, or claimed elsewhere)."""
    stamp = _claim(tenant_id, import_id)
    if stamp is None:
        return False
    record = EnrollmentImport.objects.select_related("tenant", "created_by").get(pk=import_id)
    progress = ProgressWriter(import_id)  # decided before our transaction opens
    try:
        with transaction.atomic():
            _apply_all(record, stamp, progress)
    except ClaimLost:
        return False
    except ImportRefused as refusal:
        EnrollmentImport.objects.filter(pk=import_id, status=Status.APPLYING, claimed_at=stamp).update(
            status=Status.FAILED, message=str(refusal), finished_at=timezone.now(), processed=0
        )
        return False
    except (OperationalError, InterfaceError):
        # A database hiccup rolled everything back: give the claim up so a retry starts afresh.
        EnrollmentImport.objects.filter(pk=import_id, status=Status.APPLYING, claimed_at=stamp).update(
            status=Status.QUEUED, processed=0
        )
        raise
    except Exception:
        # A fault of ours would fail the same way on every retry: stop, say so, change nothing.
        logger.exception("Enrollment import %s failed", import_id)
        EnrollmentImport.objects.filter(pk=import_id, status=Status.APPLYING, claimed_at=stamp).update(
            status=Status.FAILED, processed=0, finished_at=timezone.now(),
            message="The import stopped on an unexpected error and nothing was changed. Upload the file again; "
            "if it fails again, tell your CodeCohort support contact.",
        )
        raise
    finally:
        progress.close()
    return True


def _apply_all(record: EnrollmentImport, stamp: object, progress: ProgressWriter) -> None:
    tenant = record.tenant
    actor = Membership.objects.filter(tenant=tenant, user=record.created_by, is_active=True).first()
    if actor is None or not permissions.can_import_enrollments(actor):
        raise ImportRefused("The registrar who uploaded this file is no longer a registrar of the school; upload it again.")
    try:
        lines = parse_import_csv(record.content)
    except ValidationError as error:
        raise ImportRefused(" ".join(error.messages)) from None
    rows = assess(actor=actor, lines=lines)
    bad = [row for row in rows if row["errors"]]
    if bad:
        more = f" {len(bad):,} rows have problems now." if len(bad) > 1 else ""
        raise ImportRefused(f"line {bad[0]['line']}: {bad[0]['errors'][0]}.{more} Nothing was changed.")
    applier = _Applier(tenant=tenant, actor=actor)
    # Seats first: rows going active take the seats the preview counted before
    # any drop in the file frees one (a freed seat goes to the waitlist, as always).
    ordered = sorted(rows, key=lambda row: (not goes_active(row), row["line"]))
    for done, row in enumerate(ordered, start=1):
        try:
            applier.apply(row)
        except ValidationError as error:
            raise ImportRefused(f"line {row['line']}: {' '.join(error.messages)} Nothing was changed.") from None
        progress.report(done)
    finished = EnrollmentImport.objects.filter(pk=record.pk, status=Status.APPLYING, claimed_at=stamp).update(
        status=Status.APPLIED, rows=rows, processed=len(rows), error_count=0, finished_at=timezone.now(),
        message=_summary(rows),
    )
    if not finished:
        raise ClaimLost
    audit_record(
        tenant=tenant, actor=record.created_by, action="enrollment_import.applied", target=record,
        after={"file_name": record.file_name, "rows": len(rows), "pending": sum(1 for r in rows if r.get("pending"))},
    )


def _summary(rows: list[dict]) -> str:
    changed = sum(1 for row in rows if row["action"] != "none")
    pending = sum(1 for row in rows if row.get("pending"))
    text = f"Applied {len(rows):,} rows: {changed:,} changes."
    if pending:
        text += f" {pending:,} wait for the student to accept the invitation."
    return text


class _Applier:
    """Finds or creates each person once per run, then sets the enrollment through the service."""

    def __init__(self, *, tenant: Tenant, actor: Membership) -> None:
        self.tenant, self.actor = tenant, actor
        self.members: dict[str, Membership] = {}
        self.invitations: dict[str, Invitation] = {}
        self.cohorts: dict[str, Cohort] = {}

    def apply(self, row: dict) -> None:
        if row["action"] == "none":
            return
        if row["person"] in ("invite", "invited"):
            row.update(invitation_id=self._invitation(row).pk, pending=True)
            return
        membership = self._member(row)
        services.enrollment_admit(actor=self.actor, cohort=self._cohort(row["section"]), membership=membership, state=row["state"])

    def _cohort(self, section: str) -> Cohort:
        if section not in self.cohorts:
            self.cohorts[section] = Cohort.objects.get(tenant=self.tenant, section_code=section)
        return self.cohorts[section]

    def _member(self, row: dict) -> Membership:
        email = row["email"]
        if email not in self.members:
            self.members[email] = Membership.objects.select_related("user").get(
                tenant=self.tenant, user__email__iexact=email, is_active=True, role=Role.STUDENT
            )
        return self.members[email]

    def _invitation(self, row: dict) -> Invitation:
        email = row["email"]
        if email not in self.invitations:
            existing = Invitation.objects.filter(
                tenant=self.tenant, email__iexact=email, status=Invitation.Status.PENDING, role=Role.STUDENT
            ).first()
            self.invitations[email] = existing or invitation_create(
                tenant=self.tenant, actor=self.actor.user, email=email, role=Role.STUDENT,
                base_url=school_base_url(self.tenant),
            )
        return self.invitations[email]


class ProgressWriter:
    """Writes ``processed`` while the import's one transaction is still open.

    Rows written inside that transaction are invisible to the page polling
    the progress until it commits, so the count goes through a second
    connection of its own, in autocommit: each update is committed (and seen)
    at once, while the enrollments stay all-or-nothing. The import row is not
    touched by the main transaction until its final update, so the two never
    wait on each other; a lock timeout makes sure of it, and a failed write
    only loses a progress tick. SQLite allows one writer at a time, and a run
    already inside someone else's transaction (a test) cannot be watched from
    outside: there the bar jumps from 0 to done when the transaction commits.
    """

    EVERY = 50

    def __init__(self, import_id: int) -> None:
        self.import_id = import_id
        self.side = None
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            self.side = connections.create_connection(DEFAULT_DB_ALIAS)
            self._sql = [
                "SET lock_timeout = '2s'",
                f"UPDATE {connection.ops.quote_name(EnrollmentImport._meta.db_table)} SET processed = %s "
                "WHERE id = %s AND status = 'applying'",
            ]

    def report(self, done: int) -> None:
        if self.side is None or done % self.EVERY:
            return
        try:
            with self.side.cursor() as cursor:
                if self._sql[0]:
                    cursor.execute(self._sql[0])
                    self._sql[0] = ""
                cursor.execute(self._sql[1], [done, self.import_id])
        except DatabaseError:
            logger.warning("Could not report progress of enrollment import %s", self.import_id, exc_info=True)
            self.close()

    def close(self) -> None:
        if self.side is not None:
            self.side.close()
            self.side = None


def enrollment_imports_stuck() -> list[tuple[int, int]]:
    """(tenant_id, import_id) of imports whose job never ran or whose worker died holding the claim."""
    now = timezone.now()
    stuck = list(
        EnrollmentImport.objects.filter(
            Q(status=Status.QUEUED, claimed_at__lt=now - QUEUE_TIMEOUT)
            | Q(status=Status.QUEUED, claimed_at__isnull=True)
            | Q(status=Status.APPLYING, claimed_at__lt=now - CLAIM_TIMEOUT)
        ).values_list("tenant_id", "pk")[:200]
    )
    # Restart the queue clock of what is re-enqueued, so a backed-up queue gets one message per import, not one per beat.
    EnrollmentImport.objects.filter(pk__in=[pk for _, pk in stuck], status=Status.QUEUED).update(claimed_at=now)
    return stuck


# --- people who were invited -------------------------------------------------------


@receiver(post_save, sender=Invitation, dispatch_uid="cohorts.imports.enroll_on_acceptance")
def _invitation_saved(sender, instance: Invitation, update_fields=None, **kwargs) -> None:
    if instance.status == Invitation.Status.ACCEPTED and instance.accepted_by_id and (
        update_fields is None or "status" in update_fields
    ):
        enroll_on_acceptance(invitation=instance)


def enroll_on_acceptance(*, invitation: Invitation) -> int:
    """Admit an invited student into the cohorts applied imports hold for them. Returns how many rows were settled.

    Runs inside the acceptance's transaction; a row that cannot be applied now
    (the cohort filled up meanwhile) never stops the person from joining: its
    reason is kept on the import row for the registrar to see.
    """
    settled = 0
    imports = EnrollmentImport.objects.select_for_update().filter(
        tenant_id=invitation.tenant_id, status=Status.APPLIED, content__icontains=invitation.email
    )
    for record in imports:
        waiting = [row for row in record.rows if row.get("pending") and row.get("invitation_id") == invitation.pk]
        for row in waiting:
            row.update(pending=False, outcome=_admit_invited(record, row, invitation))
            settled += 1
        if waiting:
            EnrollmentImport.objects.filter(pk=record.pk).update(rows=record.rows)
    return settled


def _admit_invited(record: EnrollmentImport, row: dict, invitation: Invitation) -> str:
    user = invitation.accepted_by
    if not user.full_name and row["name"]:
        User.objects.filter(pk=user.pk, full_name="").update(full_name=row["name"][:150])
    membership = Membership.objects.filter(tenant_id=record.tenant_id, user=user, is_active=True).first()
    actor = Membership.objects.filter(tenant_id=record.tenant_id, user_id=record.created_by_id, is_active=True).first()
    cohort = Cohort.objects.filter(tenant_id=record.tenant_id, section_code=row["section"]).first()
    if membership is None or actor is None or cohort is None:
        return "Not enrolled when they accepted: the student, the registrar or the cohort is gone; enroll them by hand."
    try:
        with transaction.atomic():
            services.enrollment_admit(actor=actor, cohort=cohort, membership=membership, state=row["state"])
    except ValidationError as error:
        return f"Not enrolled when they accepted: {' '.join(error.messages)}"
    return f"Enrolled as {row['state']} when they accepted the invitation."




register_audit_labels(
    actions={
        "enrollment_import.previewed": "Enrollment file checked",
        "enrollment_import.queued": "Enrollment file queued to apply",
        "enrollment_import.applied": "Enrollment file applied",
    },
    fields={"file_name": "File", "rows": "Rows", "errors": "Rows with problems", "pending": "Waiting on an invitation"},
)
