"""A school's licensed CPT file: reading it, loading it, and the school's CPT releases.

The AMA licenses CPT descriptors school by school, so none ships with
CodeCohort. A registrar uploads the school's file; the release and every code
in it carry that school as tenant, and every read here filters by it, so no
other school sees them. Without a file, CPT answers are checked by format only.
"""

from __future__ import annotations

import csv
import io
import re
import uuid
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from codesets.formats import cpt_category
from codesets.loading import (
    LOAD_CLAIM_TIMEOUT,
    Progress,
    Row,
    no_progress,
    release_fail,
    release_is_claimed,
    release_load,
    release_open,
    release_purge,
)
from codesets.models import Code, Release, System
from lms.models import Tenant, User
from lms.services import audit_record, snapshot
from lms.uploads import read_upload, upload_text

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_ERRORS_SHOWN = 20
VERSION_PATTERN = re.compile(r"^[0-9A-Za-z][0-9A-Za-z._-]{0,39}$")
# A load of a full CPT file takes seconds; a claim this old belongs to a
# worker that died, so the release may be claimed again.

CODE_HEADERS = {"code", "codes", "cpt", "cpt code", "cpt codes", "cpt hcpcs code", "procedure code"}
DESCRIPTOR_HEADERS = {
    "descriptor", "description", "long descriptor", "long description", "full descriptor", "cpt descriptor",
}

AUDITED_FIELDS = ("version", "status", "item_count", "upload")


# --- reading the file ----------------------------------------------------------


def cpt_file_text(data: bytes) -> str:
    """The file's text; a ValidationError when it is too large, binary or not UTF-8."""
    return upload_text(
        data, max_bytes=MAX_FILE_BYTES, what="the CPT file as CSV: one code and its descriptor per row"
    )


def parse_cpt_csv(text: str) -> list[Row]:
    """Rows to load from a CPT file of code and descriptor, with or without a header row.

    Every problem is collected with its row number and raised together, so a
    registrar fixes the file once; nothing loads while any row is bad.
    """
    errors: list[str] = []
    records = _records(text.lstrip("\ufeff"))
    columns, records = _columns(records, errors)
    rows: list[Row] = []
    seen: dict[str, int] = {}
    for line, cells in records:
        row = _row(line, cells, columns, seen, errors)
        if row is not None:
            rows.append(row)
    if not rows and not errors:
        errors.append("The file has no CPT codes in it.")
    if errors:
        raise ValidationError(_summary(errors), code="bad_rows")
    return rows


def _records(text: str) -> list[tuple[int, list[str]]]:
    """(row number, cells) of the non-blank records; the AMA's own files are tab-separated, so tabs work too."""
    # A descriptor may hold commas, but a code or a column name never does.
    first_fields = text.split("\n", 1)[0].split("\t")
    delimiter = "\t" if len(first_fields) > 1 and "," not in first_fields[0] else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return [(reader.line_num, cells) for cells in reader if any(cell.strip() for cell in cells)]
    except csv.Error as error:
        raise ValidationError(f"Row {reader.line_num}: the file is not valid CSV ({error}).", code="csv") from None


def _header_name(cell: str) -> str:
    return " ".join(re.sub(r"[_/\-]", " ", cell).lower().split())


def _columns(records: list, errors: list[str]) -> tuple[tuple[int, int], list]:
    """Which columns hold the code and the descriptor, and the data records (the header dropped)."""
    if not records:
        return (0, 1), records
    line, first = records[0]
    if cpt_category(first[0].strip().upper()):
        return (0, 1), records
    names = [_header_name(cell) for cell in first]
    code_col = next((i for i, name in enumerate(names) if name in CODE_HEADERS), None)
    descriptor_col = next((i for i, name in enumerate(names) if name in DESCRIPTOR_HEADERS), None)
    if code_col is None and descriptor_col is None:
        return (0, 1), records  # not a header we know: read it as data, and its row error says so
    if code_col is None or descriptor_col is None:
        missing, choices = ("code", CODE_HEADERS) if code_col is None else ("descriptor", DESCRIPTOR_HEADERS)
        errors.append(
            f"Row {line}: the header has no {missing} column. Name it one of: {', '.join(sorted(choices))}."
        )
        return (0, 1), []
    return (code_col, descriptor_col), records[1:]


def _row(line: int, cells: list[str], columns: tuple[int, int], seen: dict[str, int], errors: list[str]) -> Row | None:
    code_col, descriptor_col = columns
    code = cells[code_col].strip().upper() if code_col < len(cells) else ""
    descriptor = " ".join(cells[descriptor_col].split()) if descriptor_col < len(cells) else ""
    problems = []
    code_problem = _code_problem(code, first_row=line == 1)
    if code_problem:
        problems.append(code_problem)
    elif code in seen:
        problems.append(f"{code} is already in row {seen[code]}")
    if not descriptor:
        problems.append("the descriptor is empty")
    if problems:
        errors.append(f"Row {line}: {'; '.join(problems)}.")
        return None
    seen[code] = line
    return Row(code=code, key=code, kind=Code.Kind.PROCEDURE, description=descriptor, billable=True)


def _code_problem(code: str, *, first_row: bool) -> str | None:
    if not code:
        return "the code is empty"
    if cpt_category(code):
        return None
    shown = code if len(code) <= 20 else f"{code[:20]}\u2026"
    if code.isdigit() and len(code) < 5:
        return (
            f"\u201c{shown}\u201d is not a CPT code; it has {len(code)} digits, so a spreadsheet may have "
            "dropped its leading zeros (format the code column as text)"
        )
    hint = ' (if this is a header row, name its columns "code" and "descriptor")' if first_row else ""
    return (
        f"\u201c{shown}\u201d is not a CPT code: expected four digits then a digit, A, M or U "
        f"(Category I), F (Category II) or T (Category III){hint}"
    )


def _summary(errors: list[str]) -> list[str]:
    if len(errors) <= MAX_ERRORS_SHOWN:
        return errors
    more = len(errors) - MAX_ERRORS_SHOWN
    return [*errors[:MAX_ERRORS_SHOWN], f"\u2026 and {more:,} more row{'s' if more != 1 else ''} with problems."]


# --- writes --------------------------------------------------------------------


def cpt_upload_create(
    *, tenant: Tenant, actor: User, upload_file: File, version: str, effective_from: date
) -> Release:
    """Check the school's CPT file, store it and queue its load.

    Uploading a version the school already has replaces that release's file
    and, once loaded, its codes. The release waits as pending until a worker
    claims it.
    """
    data = _read_upload(upload_file)
    try:
        parse_cpt_csv(cpt_file_text(data))
    except ValidationError as error:
        raise ValidationError({"upload_file": error.messages}) from None
    if not VERSION_PATTERN.match(version or ""):
        raise ValidationError({"version": "Use letters, digits, dots and dashes, for example 2026."})
    try:
        return _release_reopen(
            tenant=tenant, actor=actor, version=version, effective_from=effective_from,
            data=data, original_name=getattr(upload_file, "name", "") or "",
        )
    except IntegrityError:  # a concurrent first upload of the same version won
        raise ValidationError({"version": f"CPT {version} was uploaded a moment ago; reload the page."}) from None


def _read_upload(upload_file: File) -> bytes:
    try:
        return read_upload(upload_file, max_bytes=MAX_FILE_BYTES)
    except ValidationError as error:
        raise ValidationError({"upload_file": error.messages}) from None


@transaction.atomic
def _release_reopen(
    *, tenant: Tenant, actor: User, version: str, effective_from: date, data: bytes, original_name: str
) -> Release:
    from codesets.tasks import load_cpt_release

    release = Release.objects.select_for_update().filter(tenant=tenant, system=System.CPT, version=version).first()
    if release is not None and release_is_claimed(release):
        raise ValidationError({"version": f"{release} is loading right now; upload again when it has finished."})
    before = snapshot(release, AUDITED_FIELDS) if release else {}
    release = release or Release(tenant=tenant, system=System.CPT, version=version)
    old_file = release.upload.name
    _reset_for_upload(release, actor=actor, effective_from=effective_from, original_name=original_name)
    release.full_clean(exclude=["upload"])
    # The stored name never comes from the uploader.
    release.upload.save(f"school-{tenant.pk}-{uuid.uuid4().hex}.csv", ContentFile(data), save=False)
    try:
        release.save()
    except Exception:
        release.upload.delete(save=False)
        raise
    if old_file:
        storage = release.upload.storage
        transaction.on_commit(lambda: storage.delete(old_file))
    audit_record(
        tenant=tenant, actor=actor, action="cpt_release.uploaded", target=release,
        before=before, after={**snapshot(release, AUDITED_FIELDS), "effective_from": effective_from.isoformat()},
    )
    load_cpt_release.delay_on_commit(tenant_id=tenant.pk, release_id=release.pk)
    return release


def _reset_for_upload(release: Release, *, actor: User, effective_from: date, original_name: str) -> None:
    release.effective_from = effective_from
    release.title = f"CPT {release.version}"
    release.source = f"Uploaded file {original_name}"[:255] if original_name else "Uploaded file"
    release.status = Release.Status.PENDING
    release.progress = 0
    release.message = ""
    release.item_count = release.billable_count = 0
    release.loaded_at = None
    release.created_by = actor
    if release.pk:
        release.created_at = timezone.now()  # "uploaded at" is the latest upload


def cpt_release_load(*, tenant_id: int, release_id: int) -> bool:
    """Load a pending release from its stored file. False when there was nothing to do.

    The release is claimed with a conditional update (pending -> loading), so
    a task delivered twice loads once. A claim left by a dead worker can be
    taken again after LOAD_CLAIM_TIMEOUT.
    """
    now = timezone.now()
    release_rows = Release.objects.filter(pk=release_id, tenant_id=tenant_id, system=System.CPT)
    claimed = release_rows.filter(status=Release.Status.PENDING).update(
        status=Release.Status.LOADING, progress=0, message="", loaded_at=now
    ) or release_rows.filter(status=Release.Status.LOADING, loaded_at__lt=now - LOAD_CLAIM_TIMEOUT).update(
        progress=0, message="", loaded_at=now
    )
    if not claimed:
        return False
    release = Release.objects.get(pk=release_id)
    try:
        rows = parse_cpt_csv(cpt_file_text(_stored_bytes(release)))
    except ValidationError as error:
        release_fail(release, "\n".join(error.messages))
        return False
    release_purge(release)  # a re-upload replaces the codes of the earlier file
    release_load(release, rows)
    return True


def _stored_bytes(release: Release) -> bytes:
    if not release.upload:
        raise ValidationError("This release has no stored file to load; upload the file again.")
    try:
        with release.upload.open("rb") as handle:
            return handle.read()
    except OSError as error:
        raise ValidationError(f"The stored file could not be read ({error}); upload it again.") from None


@transaction.atomic
def cpt_release_delete(*, tenant: Tenant, actor: User, release_id: int) -> None:
    """Remove one of the school's CPT releases with its codes and stored file."""
    try:
        release = Release.objects.select_for_update().get(tenant=tenant, system=System.CPT, pk=release_id)
    except (Release.DoesNotExist, ValueError, TypeError):
        raise Http404("No such CPT release in this school.") from None
    if release_is_claimed(release):
        raise ValidationError(f"{release} is loading right now; remove it when it has finished.")
    audit_record(
        tenant=tenant, actor=actor, action="cpt_release.deleted", target=release,
        before=snapshot(release, AUDITED_FIELDS),
    )
    stored = release.upload.name
    release_purge(release)
    release.delete()
    if stored:
        storage = release.upload.storage
        transaction.on_commit(lambda: storage.delete(stored))


def cpt_file_load(
    *,
    tenant: Tenant,
    rows: list[Row],
    version: str,
    effective_from: date,
    source: str,
    force: bool = False,
    progress: Progress = no_progress,
) -> Release | None:
    """Load parsed rows as the school's CPT ``version`` now (the shell command). None when already loaded."""
    release = release_open(
        system=System.CPT, version=version, effective_from=effective_from, title=f"CPT {version}",
        source=source[:255], tenant=tenant, force=force,
    )
    if release is None:
        return None
    release = release_load(release, rows, progress)
    audit_record(
        tenant=tenant, actor=None, action="cpt_release.loaded_from_shell", target=release,
        after={"version": version, "item_count": release.item_count, "source": release.source},
    )
    return release


# --- reads ---------------------------------------------------------------------


def cpt_release_list(*, tenant: Tenant) -> QuerySet[Release]:
    """The school's CPT releases, newest edition first, with who uploaded them."""
    return (
        Release.objects.filter(tenant=tenant, system=System.CPT)
        .select_related("created_by")
        .order_by("-effective_from", "-id")
    )


def cpt_release_get(*, tenant: Tenant, release_id: int) -> Release:
    """One CPT release of this school; 404 for missing and another school's alike."""
    try:
        return Release.objects.select_related("created_by").get(tenant=tenant, system=System.CPT, pk=release_id)
    except (Release.DoesNotExist, ValueError, TypeError):
        raise Http404("No such CPT release in this school.") from None


def cpt_code_list(*, tenant: Tenant, release_id: int) -> QuerySet[Code]:
    """The codes of one of this school's CPT releases in file order; empty for another school's."""
    return Code.objects.filter(
        tenant=tenant, release_id=release_id, release__tenant=tenant, system=System.CPT
    ).order_by("position")
