"""How the audit log reads to a registrar: action names, field names and values in words.

The log stores machine names (``invitation.created``, ``is_active: True``);
this module is the one place that turns them into words. Each app registers
its own labels once, from its AppConfig.ready():

    register_audit_labels(
        actions={"enrollment.approved": "Enrollment approved"},
        fields={"final_grade": "Final grade"},
        values={"enrollment.state": {"active": "Active"}},
    )

Values are keyed by field, or by "<target type>.<field>" when two subjects
share a field name with different meanings.

An action or field nobody registered still reads as words
(``enrollment.waitlisted`` -> "Enrollment waitlisted").
"""

from __future__ import annotations

from dataclasses import dataclass

from lms.models import AuditLogEntry, Invitation, Role, Tenant

EMPTY = "—"

_ACTIONS: dict[str, str] = {
    "invitation.created": "Invitation sent",
    "invitation.revoked": "Invitation revoked",
    "membership.joined_by_invitation": "Joined by invitation",
    "membership.self_signup": "Signed up",
    "membership.joined_open_school": "Joined as a student from another school",
    "membership.role_changed": "Role changed",
    "membership.status_changed": "Status changed",
    "school.settings_changed": "School settings changed",
}

_FIELDS: dict[str, str] = {
    "email": "Email",
    "role": "Role",
    "is_active": "Active",
    "status": "Status",
    "name": "Name",
    "logo": "Logo",
    "accent_colour": "Accent colour",
    "time_zone": "Time zone",
    "signup_policy": "Sign-up policy",
}

# Keyed by field, or by "<target type>.<field>" where two subjects share a field name.
_VALUES: dict[str, dict[str, str]] = {
    "role": dict(Role.choices),
    "signup_policy": dict(Tenant.SignupPolicy.choices),
    "invitation.status": dict(Invitation.Status.choices),
}

# Fields holding a stored file: the file name means nothing to a reader, so a
# word stands for it.
_FILES: dict[str, str] = {"logo": "Image"}


def register_audit_labels(
    actions: dict[str, str] | None = None,
    fields: dict[str, str] | None = None,
    *,
    values: dict[str, dict[str, str]] | None = None,
    files: dict[str, str] | None = None,
) -> None:
    """Add (or replace) the words shown for actions, fields, field values and stored files."""
    _ACTIONS.update(actions or {})
    _FIELDS.update(fields or {})
    _FILES.update(files or {})
    for key, labels in (values or {}).items():
        _VALUES.setdefault(key, {}).update(labels)


def _words(name: str) -> str:
    text = name.replace(".", " ").replace("_", " ").strip()
    return text[:1].upper() + text[1:].lower() if text else EMPTY


def action_label(action: str) -> str:
    return _ACTIONS.get(action) or _words(action)


def field_label(field: str) -> str:
    return _FIELDS.get(field) or _words(field)


def value_label(field: str, value: object, target_type: str = "") -> str:
    if value is None or value == "" or value == [] or value == {}:
        return EMPTY
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if field == "time_zone":
        from lms.templatetags.lms_tags import tz_label

        return tz_label(value)
    if field in _FILES:
        return _FILES[field]
    labels = _VALUES.get(f"{target_type}.{field}") or _VALUES.get(field) or {}
    if isinstance(value, list):
        return ", ".join(labels.get(str(v), str(v)) for v in value) or EMPTY
    return labels.get(str(value), str(value))


@dataclass(frozen=True)
class Change:
    field: str
    before: str
    after: str
    had_before: bool  # False when the field only appears after (something new)


def audit_changes(entry: AuditLogEntry) -> list[Change]:
    """The entry's changed fields in words, in the order ``entry.changes`` gives them."""
    rows = []
    for field, old, new in entry.changes:
        before = value_label(field, old, entry.target_type)
        after = value_label(field, new, entry.target_type)
        if before == after != EMPTY:  # two different values that read alike, e.g. a replaced logo
            after = f"New {after[:1].lower()}{after[1:]}"
        rows.append(Change(field_label(field), before, after, had_before=old is not None))
    return rows
