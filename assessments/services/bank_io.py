"""A question bank as a file: export it (JSON, or CSV for its choice questions), import one back, previewed first.

Import follows the enrollment import (``cohorts/imports.py``): the preview
reads the file, runs every question through ``question_clean`` (the editor's
and the API's rules) and stores per row what is wrong; nothing else is
written. Applying (``bank_import_apply_request``, then the Celery job
``bank_import_run``) reads the stored file again and creates every question
in one transaction, so a question that went bad since the preview (its domain
removed, say) fails the file and creates nothing.

In a file a question's domain is its code (``cpc:em``) and its module the
module's 1-based position in the course, so a bank exported from one course
imports into another course's bank, or another school's.
"""

from __future__ import annotations

import csv
import io
import logging
import os
from datetime import timedelta

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import InterfaceError, OperationalError, connection, transaction
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.text import slugify

from assessments.models import BankImport, Question, QuestionBank
from assessments.permissions import can_author_bank
from assessments.selectors import banks_visible_to
from assessments.services.bank_files import (
    CSV_COLUMNS,
    CSV_LETTERS,
    FORMAT_NAME,
    FORMAT_VERSION,
    Parsed,
    parse_rows,
    read_question_file,
)
from assessments.services.questions import CHOICE_KINDS, question_clean, question_create
from cohorts.imports import ClaimLost, ImportRefused, ProgressWriter, import_claim
from courses.models import Module
from lms.audit import register_audit_labels
from lms.models import Membership, Tenant
from lms.selectors import object_id
from lms.services import audit_record

logger = logging.getLogger(__name__)

Status = BankImport.Status
SUMMARY_LENGTH = 80
# A file of 2,000 questions applies in well under a minute; a ``running`` claim older than this belongs
# to a worker that died (its transaction rolled back). A ``queued`` import older than QUEUE_TIMEOUT
# lost its message and is enqueued again by the dispatcher.
CLAIM_TIMEOUT = timedelta(minutes=10)
QUEUE_TIMEOUT = timedelta(minutes=2)
IN_PROGRESS = (Status.QUEUED, Status.RUNNING)



# --- reads ---------------------------------------------------------------------


def bank_imports_of(*, bank: QuestionBank) -> QuerySet[BankImport]:
    """The bank's imports, newest first, without their (large) content."""
    return (
        BankImport.objects.filter(tenant_id=bank.tenant_id, bank=bank)
        .select_related("created_by")
        .defer("content", "rows")
        .order_by("-created_at", "-id")
    )


def bank_import_get_for(*, membership: Membership | None, bank_import_id: object) -> BankImport:
    """An import into a bank this member sees; 404 for missing, foreign, not-yours and malformed alike."""
    try:
        return BankImport.objects.select_related("bank__course", "created_by").get(
            pk=object_id(bank_import_id), bank__in=banks_visible_to(membership=membership)
        )
    except BankImport.DoesNotExist:
        raise Http404("No such question import.") from None


def rows_for_display(bank_import: BankImport) -> list[dict]:
    """The preview's rows, those with problems first, each group in file order."""
    return sorted(bank_import.rows, key=lambda row: (not row["errors"], row["number"]))


def import_percent(bank_import: BankImport) -> int:
    return int(100 * bank_import.processed / bank_import.total) if bank_import.total else 0


# --- export ----------------------------------------------------------------------


def _module_ids(bank: QuestionBank) -> list[int]:
    """The course's modules in course order: a module's position in a file is its index here plus one."""
    return list(Module.objects.filter(tenant_id=bank.tenant_id, course_id=bank.course_id)
                .order_by("position", "id").values_list("pk", flat=True))


def _exported(bank: QuestionBank) -> QuerySet[Question]:
    return (Question.objects.filter(tenant_id=bank.tenant_id, bank=bank, is_archived=False, current__isnull=False)
            .select_related("current", "domain").order_by("id"))


def _shape(question: Question, positions: dict[int, int]) -> dict:
    version = question.current
    return {
        "kind": question.kind, "domain": f"{question.domain.exam}:{question.domain.code}",
        "module": positions.get(question.module_id), "prompt": version.prompt,
        "choices": [{"text": c["text"], "correct": bool(c.get("correct"))} for c in version.choices],
        "items": version.items, "record_title": version.record_title, "record_text": version.record_text,
        "points": str(version.points), "rationale": version.rationale, "rubric": version.rubric,
        "order_scored": version.order_scored,
    }


def bank_export_json(*, bank: QuestionBank) -> dict:
    """The bank's questions that are still drawn (archived ones left out), in the shape import reads."""
    positions = {pk: number for number, pk in enumerate(_module_ids(bank), start=1)}
    return {
        "format": FORMAT_NAME, "version": FORMAT_VERSION,
        "bank": {"title": bank.title, "description": bank.description, "course": bank.course.code},
        "questions": [_shape(question, positions) for question in _exported(bank)],
    }


def bank_export_csv(*, bank: QuestionBank) -> str:
    """The bank's choice questions as CSV; a question with more than six choices only travels as JSON."""
    positions = {pk: number for number, pk in enumerate(_module_ids(bank), start=1)}
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for question in _exported(bank).filter(kind__in=CHOICE_KINDS):
        choices = question.current.choices
        if len(choices) > len(CSV_LETTERS):
            continue
        texts = [c["text"] for c in choices] + [""] * (len(CSV_LETTERS) - len(choices))
        correct = ";".join(CSV_LETTERS[i] for i, c in enumerate(choices) if c.get("correct"))
        shape = _shape(question, positions)
        writer.writerow([shape["kind"], shape["domain"], shape["module"] or "", shape["prompt"], *texts, correct,
                         shape["points"], shape["rationale"]])
    return out.getvalue()


def export_file_name(bank: QuestionBank, extension: str) -> str:
    return f"{slugify(f'{bank.course.code} {bank.title}')[:80] or 'question-bank'}.{extension}"


# --- judging the rows --------------------------------------------------------------


def _resolved(data: dict, module_ids: list[int], course_code: str, errors: dict) -> dict:
    """``data`` with its module position replaced by that module's id (or None and a problem).

    A file names a domain by its code: an id means nothing in another school, or could mean another domain.
    """
    if str(data.get("domain") or "").strip().isdigit():
        errors["domain"] = ["Write the domain as its code, such as cpc:em, not as an id."]
        data = {**data, "domain": None}
    raw = data.get("module")
    if raw in (None, ""):
        return {**data, "module": None}
    text = str(raw).strip()
    if not isinstance(raw, bool) and text.isdigit() and 1 <= int(text) <= len(module_ids):
        return {**data, "module": module_ids[int(text) - 1]}
    if module_ids:
        errors["module"] = [f"{course_code} has no module {text[:20]}: give the module's position in the course, "
                            f"1 to {len(module_ids)}, or leave it empty."]
    else:
        errors["module"] = [f"{course_code} has no modules yet: leave the module empty."]
    return {**data, "module": None}


def _row_errors(tenant: Tenant, bank: QuestionBank, data: dict, problems: dict, module_ids: list[int]) -> list[str]:
    if NON_FIELD_ERRORS in problems:  # not a question at all: nothing more to say about its fields
        return list(problems[NON_FIELD_ERRORS])
    errors = {field: list(messages) for field, messages in problems.items()}
    data = _resolved(data, module_ids, bank.course.code, errors)
    try:
        question_clean(tenant=tenant, bank=bank, data=data)
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field, messages)  # the file's own word on a field comes first
    return [message if field == NON_FIELD_ERRORS else f"{field}: {message}"
            for field, messages in errors.items() for message in messages]


def _assess(tenant: Tenant, bank: QuestionBank, parsed: list[Parsed]) -> list[dict]:
    module_ids = _module_ids(bank)
    rows = []
    for number, (data, problems) in enumerate(parsed, start=1):
        rows.append({
            "number": number, "kind": str(data.get("kind") or "")[:20], "domain": str(data.get("domain") or "")[:80],
            "summary": " ".join(str(data.get("prompt") or "").split())[:SUMMARY_LENGTH],
            "errors": _row_errors(tenant, bank, data, problems, module_ids),
        })
    return rows


def _check_author(tenant: Tenant, actor: Membership, bank: QuestionBank) -> None:
    if actor.tenant_id != tenant.pk or bank.tenant_id != tenant.pk or not can_author_bank(actor, bank):
        raise PermissionDenied("Only the course's authors can import questions into its banks.")


# --- preview and applying ------------------------------------------------------------


@transaction.atomic
def bank_import_preview(*, tenant: Tenant, actor: Membership, bank: QuestionBank, file_name: str,
                        data: bytes) -> BankImport:
    """Check an uploaded file question by question and store the preview. Nothing else changes."""
    _check_author(tenant, actor, bank)
    text, file_format, parsed = read_question_file(file_name, data)
    rows = _assess(tenant, bank, parsed)
    record = BankImport(
        tenant=tenant, bank=bank, created_by=actor.user, file_name=os.path.basename(file_name or "questions")[:255],
        format=file_format, content=text, status=Status.PREVIEWED, rows=rows, total=len(rows),
        error_count=sum(1 for row in rows if row["errors"]),
    )
    record.full_clean(exclude=["tenant", "bank", "created_by"])  # these come from the request, not from input
    record.save()
    return record


@transaction.atomic
def bank_import_apply_request(*, tenant: Tenant, actor: Membership, bank_import: BankImport) -> bool:
    """Queue a previewed file without errors for the job. False when it was queued already (a second click)."""
    from assessments.tasks import apply_bank_import

    if bank_import.tenant_id != tenant.pk:
        raise ValidationError("This import belongs to another school.")
    _check_author(tenant, actor, bank_import.bank)
    if bank_import.error_count:
        count = bank_import.error_count
        raise ValidationError(f"This file has {count:,} question{'s' if count > 1 else ''} with problems, so nothing "
                              "can be imported. Fix the file and upload it again.")
    # ``claimed_at`` holds when the import was queued, then when a worker claimed it.
    queued = BankImport.objects.filter(
        pk=bank_import.pk, tenant=tenant, status=Status.PREVIEWED, error_count=0
    ).update(status=Status.QUEUED, claimed_at=timezone.now(), processed=0, message="")
    if not queued:
        return False
    audit_record(tenant=tenant, actor=actor.user, action="question_bank.import_queued", target=bank_import.bank,
                 after={"file_name": bank_import.file_name, "questions": bank_import.total})
    apply_bank_import.delay_on_commit(tenant_id=tenant.pk, import_id=bank_import.pk)
    return True


def _claim(tenant_id: int, import_id: int) -> object | None:
    return import_claim(BankImport, tenant_id=tenant_id, import_id=import_id, running=Status.RUNNING, timeout=CLAIM_TIMEOUT)


class _Progress(ProgressWriter):
    """The enrollment import's progress writer, pointed at this table (see ProgressWriter for why)."""

    EVERY = 25

    def __init__(self, import_id: int) -> None:
        super().__init__(import_id)
        if self.side is not None:
            self._sql[1] = (f"UPDATE {connection.ops.quote_name(BankImport._meta.db_table)} SET processed = %s "
                            f"WHERE id = %s AND status = '{Status.RUNNING}'")


def bank_import_run(*, tenant_id: int, import_id: int) -> bool:
    """Apply a queued import. False when there was nothing to do (already done, failed, or claimed elsewhere)."""
    stamp = _claim(tenant_id, import_id)
    if stamp is None:
        return False
    claimed = BankImport.objects.filter(pk=import_id, status=Status.RUNNING, claimed_at=stamp)
    record = BankImport.objects.select_related("tenant", "bank__course", "created_by").get(pk=import_id)
    progress = _Progress(import_id)  # decided before our transaction opens
    try:
        with transaction.atomic():
            _apply_all(record, stamp, progress)
    except ClaimLost:
        return False
    except ImportRefused as refusal:
        claimed.update(status=Status.FAILED, message=str(refusal), finished_at=timezone.now(), processed=0)
        return False
    except (OperationalError, InterfaceError):
        # A database hiccup rolled everything back: give the claim up so a retry starts afresh.
        claimed.update(status=Status.QUEUED, processed=0)
        raise
    except Exception:
        # A fault of ours would fail the same way on every retry: stop, say so, create nothing.
        logger.exception("Question import %s failed", import_id)
        claimed.update(status=Status.FAILED, processed=0, finished_at=timezone.now(),
                       message="The import stopped on an unexpected error and no question was created. Upload the "
                       "file again; if it fails again, tell your CodeCohort support contact.")
        raise
    finally:
        progress.close()
    return True


def _first_problem(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        field, messages = next(iter(error.message_dict.items()))
        return messages[0] if field == NON_FIELD_ERRORS else f"{field}: {messages[0]}"
    return error.messages[0]


def _apply_all(record: BankImport, stamp: object, progress: _Progress) -> None:
    tenant, bank, author = record.tenant, record.bank, record.created_by
    actor = Membership.objects.filter(tenant=tenant, user=author, is_active=True).first() if author else None
    if actor is None or not can_author_bank(actor, bank):
        raise ImportRefused("The person who uploaded this file can no longer write this bank's questions; "
                            "upload it again.")
    try:
        parsed = parse_rows(record.format, record.content)
    except ValidationError as error:
        raise ImportRefused(" ".join(error.messages)) from None
    module_ids = _module_ids(bank)
    for number, (data, problems) in enumerate(parsed, start=1):
        errors = {field: list(messages) for field, messages in problems.items()}
        data = _resolved(data, module_ids, bank.course.code, errors)
        try:
            if errors:
                raise ValidationError(errors)
            question_create(tenant=tenant, actor=author, bank=bank, data=data)
        except ValidationError as error:
            raise ImportRefused(f"Question {number}: {_first_problem(error)} Nothing was imported.") from None
        progress.report(number)
    count = len(parsed)
    message = f"Imported {count:,} question{'s' if count != 1 else ''}"
    finished = BankImport.objects.filter(pk=record.pk, status=Status.RUNNING, claimed_at=stamp).update(
        status=Status.DONE, processed=count, finished_at=timezone.now(), message=message,
    )
    if not finished:
        raise ClaimLost
    audit_record(tenant=tenant, actor=author, action="question_bank.imported", target=bank,
                 after={"file_name": record.file_name, "questions": count})


def bank_imports_stuck() -> list[tuple[int, int]]:
    """(tenant_id, import_id) of imports whose job never ran or whose worker died holding the claim."""
    now = timezone.now()
    stuck = list(
        BankImport.objects.filter(
            Q(status=Status.QUEUED, claimed_at__lt=now - QUEUE_TIMEOUT)
            | Q(status=Status.QUEUED, claimed_at__isnull=True)
            | Q(status=Status.RUNNING, claimed_at__lt=now - CLAIM_TIMEOUT)
        ).values_list("tenant_id", "pk")[:200]
    )
    # Restart the queue clock of what is re-enqueued, so a backed-up queue gets one message per import, not one per beat.
    BankImport.objects.filter(pk__in=[pk for _, pk in stuck], status=Status.QUEUED).update(claimed_at=now)
    return stuck


register_audit_labels(
    actions={"question_bank.import_queued": "Question file queued to import"},
    fields={"questions": "Questions"},
)
