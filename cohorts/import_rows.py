"""An enrollment file: reading it, and what each of its rows would do.

``parse_import_csv`` reads the file (header by name, case and spaces
ignored). ``assess`` judges every row against the database in bulk; the
preview uses it, and the job again right before it applies, so both judge a
row by the same rules. It asks a fixed number of queries whatever the number
of rows: cohorts, people, memberships, enrollments, invitations and
prerequisites are each looked up once.

A row is a plain dict (it is stored as JSON on the import):
``line, email, name, section, state`` as written; ``change`` (what will
happen, in words) or ``errors`` (what is wrong); ``person`` (student,
invite, invited) and ``action`` (set or none) for the job.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models.functions import Lower

from cohorts.models import Cohort, Enrollment
from cohorts.selectors import cohort_list, missing_prerequisites, seats_left
from lms.models import Invitation, Membership, Role, User
from lms.uploads import upload_text

COLUMNS = ("email", "full_name", "section_code", "state")
IMPORT_STATES = ("applied", "waitlisted", "active", "dropped")
STATE_RULE = f"state must be one of {', '.join(IMPORT_STATES)}"
MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
FILE_WANTED = "a CSV file with the columns email, full_name, section_code and state"
NEW_PERSON = 0  # stands for a membership that does not exist yet: nothing completed, nothing waived
State = Enrollment.State


@dataclass(frozen=True)
class Line:
    """One data row of the file, as the registrar wrote it (trimmed)."""

    line: int
    email: str
    name: str
    section: str
    state: str


# --- reading the file ----------------------------------------------------------


def import_file_text(data: bytes) -> str:
    """The file's text; a ValidationError when it is too large, binary or not UTF-8."""
    return upload_text(data, max_bytes=MAX_FILE_BYTES, what=FILE_WANTED)


def _column_name(cell: str) -> str:
    return "_".join(cell.strip().lower().replace("-", " ").replace("_", " ").split())


def parse_import_csv(text: str) -> list[Line]:
    """The data rows of an enrollment file; a ValidationError for a file that cannot be read as one."""
    # strict: an unclosed quote is an error, not a field that swallows the rest of the file.
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), strict=True)
    try:
        records = [(reader.line_num, cells) for cells in reader if any(cell.strip() for cell in cells)]
    except csv.Error as error:
        raise ValidationError(f"Line {reader.line_num}: the file is not valid CSV ({error}).", code="csv") from None
    if not records:
        raise ValidationError(f"The file is empty. Upload {FILE_WANTED}.", code="empty")
    header_line, header = records[0]
    names = [_column_name(cell) for cell in header]
    missing = [column for column in COLUMNS if column not in names]
    if missing:
        raise ValidationError(
            f"Line {header_line}: the header row has no {', '.join(missing)} column{'s' if len(missing) > 1 else ''}. "
            f"The first row must name the columns {', '.join(COLUMNS)} (in any order).",
            code="header",
        )
    if len(records) == 1:
        raise ValidationError("The file has a header row but no students in it.", code="empty")
    if len(records) - 1 > MAX_ROWS:
        raise ValidationError(
            f"The file has {len(records) - 1:,} rows; the limit is {MAX_ROWS:,}. Split it into smaller files.",
            code="too_many_rows",
        )
    where = {column: names.index(column) for column in COLUMNS}

    def cell(cells: list[str], column: str) -> str:
        index = where[column]
        return " ".join(cells[index].split()) if index < len(cells) else ""

    return [
        Line(line=number, email=cell(cells, "email").lower(), name=cell(cells, "full_name"),
             section=cell(cells, "section_code").upper(), state=cell(cells, "state").lower())
        for number, cells in records[1:]
    ]


def read_import_file(data: bytes) -> tuple[str, list[Line]]:
    """Text and rows of an uploaded file; errors are keyed ``file`` for forms and the API."""
    try:
        text = import_file_text(data)
        return text, parse_import_csv(text)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from None


# --- what each row would do ------------------------------------------------------


@dataclass
class _Facts:
    """Everything the rows refer to, looked up once."""

    cohorts: dict[str, Cohort] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)
    members: dict[int, Membership] = field(default_factory=dict)  # by user id
    enrollments: dict[tuple[int, int], Enrollment] = field(default_factory=dict)  # (membership, cohort)
    invitations: dict[str, Invitation] = field(default_factory=dict)  # pending, by email
    missing: dict[tuple[int, int], list] = field(default_factory=dict)


def _gather(actor: Membership, lines: list) -> _Facts:
    facts = _Facts()
    tenant_id = actor.tenant_id
    sections = {line.section for line in lines if line.section}
    # The registrar's own view of the cohorts, with the seats taken now.
    facts.cohorts = {c.section_code: c for c in cohort_list(membership=actor).filter(section_code__in=sections)}
    emails = {line.email for line in lines if line.email}
    facts.users = {
        u.email_lower: u for u in User.objects.annotate(email_lower=Lower("email")).filter(email_lower__in=emails)
    }
    facts.members = {
        m.user_id: m for m in Membership.objects.filter(tenant_id=tenant_id, user_id__in=[u.pk for u in facts.users.values()])
    }
    facts.enrollments = {
        (e.membership_id, e.cohort_id): e
        for e in Enrollment.objects.filter(
            tenant_id=tenant_id, membership_id__in=[m.pk for m in facts.members.values()],
            cohort_id__in=[c.pk for c in facts.cohorts.values()],
        )
    }
    facts.invitations = {
        i.email_lower: i
        for i in Invitation.objects.annotate(email_lower=Lower("email")).filter(
            tenant_id=tenant_id, status=Invitation.Status.PENDING, email_lower__in=emails
        )
    }
    pairs = {(_member_key(facts, line.email), cohort.course_id) for line in lines if (cohort := facts.cohorts.get(line.section))}
    facts.missing = missing_prerequisites(sorted(pairs))
    return facts


def _member_key(facts: _Facts, email: str) -> int:
    user = facts.users.get(email)
    member = facts.members.get(user.pk) if user else None
    return member.pk if member else NEW_PERSON


def goes_active(row: dict) -> bool:
    """The row takes a seat it does not hold now."""
    return row["state"] == State.ACTIVE and row["action"] != "none"


def assess(*, actor: Membership, lines: list) -> list[dict]:
    """Every row with what it would change or what is wrong with it, seats counted across the whole file.

    ``actor`` is the registrar importing; the rows are judged in their school.
    """
    facts = _gather(actor, lines)
    seen: dict[tuple[str, str], int] = {}
    rows = [_assess_line(line, facts, seen) for line in lines]
    _count_seats(rows, facts)
    return rows


def _assess_line(line, facts: _Facts, seen: dict[tuple[str, str], int]) -> dict:
    row = {
        "line": line.line, "email": line.email, "name": line.name, "section": line.section, "state": line.state,
        "change": "", "errors": [], "person": "", "action": "none",
    }
    errors = row["errors"]
    if not _is_email(line.email):
        errors.append(f"\u201c{line.email}\u201d is not an email address" if line.email else "the email is empty")
    if not line.name:
        errors.append("the full name is empty")
    cohort = facts.cohorts.get(line.section)
    if cohort is None:
        errors.append(f"no cohort with section {line.section}" if line.section else "the section code is empty")
    elif cohort.is_concluded:
        errors.append(f"{cohort.section_code} has concluded; its enrollments can no longer change")
    if line.state not in IMPORT_STATES:
        errors.append(f"{STATE_RULE} (not \u201c{line.state}\u201d)" if line.state else f"{STATE_RULE} (it is empty)")
    key = (line.email, line.section)
    if key in seen:
        errors.append(f"duplicate of line {seen[key]}")
    else:
        seen[key] = line.line
    if errors:
        return row
    person, person_note = _person(line.email, facts, errors)
    if errors:
        return row
    row["person"] = person
    _enrollment_change(row, cohort, facts, person_note)
    return row


def _is_email(value: str) -> bool:
    try:
        validate_email(value)
    except ValidationError:
        return False
    return True


def _person(email: str, facts: _Facts, errors: list[str]) -> tuple[str, str]:
    """Who the row is about: a student of this school, or someone to invite (whether or not they have an account)."""
    user = facts.users.get(email)
    member = facts.members.get(user.pk) if user else None
    if member is not None:
        if not member.is_active:
            errors.append(f"{email}'s membership of this school is deactivated; reactivate it on the Members page first")
        elif member.role != Role.STUDENT:
            article = "an" if member.role == Role.INSTRUCTOR else "a"
            errors.append(f"{email} is {article} {member.get_role_display().lower()} of this school, not a student")
        return "student", ""
    # Someone with an account elsewhere on the platform but none here is invited like anyone
    # else: they decide whether to join, and the preview never tells a school who has an account.
    invitation = facts.invitations.get(email)
    if invitation is not None and invitation.role != Role.STUDENT:
        errors.append(f"{email} has a pending invitation as {invitation.get_role_display().lower()}; revoke it first")
    if invitation is not None:
        return "invited", "has a pending invitation; when they accept: "
    return "invite", "will be invited as a student first; when they accept: "


def _enrollment_change(row: dict, cohort: Cohort, facts: _Facts, person_note: str) -> None:
    email, state = row["email"], row["state"]
    user = facts.users.get(email)
    member = facts.members.get(user.pk) if user else None
    current = facts.enrollments.get((member.pk, cohort.pk)) if member else None
    if current is not None and current.state == State.COMPLETED:
        row["errors"].append(f"{email} has already completed {cohort.section_code}")
        return
    if current is not None and current.state == state:
        row["change"] = "no change"
        return
    if current is None and state == State.DROPPED:
        row["change"] = "no change (not enrolled in this cohort, so nothing to drop)"
        return
    if state in (State.ACTIVE, State.WAITLISTED):
        missing = facts.missing.get((member.pk if member else NEW_PERSON, cohort.course_id), [])
        if missing:
            plural = "s" if len(missing) > 1 else ""
            row["errors"].append(f"missing prerequisite{plural} {', '.join(c.code for c in missing)}")
            return
    row["action"] = "set"
    if current is None:
        change = f"new enrollment: {state}"
    else:
        change = f"{current.state} \u2192 {state}"
        if current.state == State.ACTIVE:
            change += " (the seat goes to the first on the waitlist)"
    row["change"] = person_note + change


def _count_seats(rows: list[dict], facts: _Facts) -> None:
    """Seats taken now plus every row of the file going active, cohort by cohort, in file order."""
    taken: dict[str, int] = defaultdict(int)
    for row in rows:
        if row["errors"] or not goes_active(row):
            continue
        cohort = facts.cohorts[row["section"]]
        taken[row["section"]] += 1
        if taken[row["section"]] > seats_left(cohort):
            row["errors"].append(
                f"{cohort.section_code} would be over capacity ({cohort.capacity} seats): "
                f"{cohort.active_count} are taken and this is the file's {_ordinal(taken[row['section']])} row going active"
            )
            row["action"], row["change"] = "none", ""


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
