"""The audit log in words a registrar reads: actions, fields and values."""

import re

import pytest

from lms import audit
from tests.conftest import text
from tests.factories import AuditLogEntryFactory


def _audit_page(school, query: str = "") -> str:
    return text(school.client(school.registrar).get(f"/school/audit-log/{query}"))


def _changes(body: str) -> list[str]:
    """Each change line as read: "Field: before → after" without the markup."""
    items = re.findall(r'<ul class="plain changes">(.*?)</ul>', body, re.S)
    return [re.sub(r"<[^>]+>", "", li).strip() for ul in items for li in re.findall(r"<li>(.*?)</li>", ul, re.S)]


@pytest.fixture
def restore_labels():
    saved = {name: {**getattr(audit, name)} for name in ("_ACTIONS", "_FIELDS", "_VALUES", "_FILES")}
    yield
    for name, labels in saved.items():
        getattr(audit, name).clear()
        getattr(audit, name).update(labels)


@pytest.mark.parametrize(
    ("action", "label"),
    [
        ("invitation.created", "Invitation sent"),
        ("invitation.revoked", "Invitation revoked"),
        ("membership.joined_by_invitation", "Joined by invitation"),
        ("membership.self_signup", "Signed up"),
        ("membership.role_changed", "Role changed"),
        ("membership.status_changed", "Status changed"),
        ("school.settings_changed", "School settings changed"),
        ("cpt_release.uploaded", "CPT file uploaded"),
        ("cpt_release.deleted", "CPT file removed"),
        ("cpt_release.loaded_from_shell", "CPT file loaded on the server"),
    ],
)
def test_every_recorded_action_shows_as_words(school_a, action, label):
    AuditLogEntryFactory(tenant=school_a.tenant, action=action)
    body = _audit_page(school_a)
    assert f"<td>{label}</td>" in body
    assert f"<code>{action}</code>" not in body


def test_an_action_nobody_registered_still_reads_as_words(school_a):
    AuditLogEntryFactory(tenant=school_a.tenant, action="attendance.marked_absent")
    assert "<td>Attendance marked absent</td>" in _audit_page(school_a)


def test_an_app_registers_its_own_action_field_and_value_labels(school_a, restore_labels):
    audit.register_audit_labels(
        actions={"grade.posted": "Grade posted"}, fields={"score": "Score"}, values={"grade.score": {"A": "Excellent"}}
    )
    AuditLogEntryFactory(
        tenant=school_a.tenant, action="grade.posted", target_type="grade", before={"score": "B"}, after={"score": "A"}
    )
    body = _audit_page(school_a)
    assert "<td>Grade posted</td>" in body
    assert _changes(body) == ["Score: B → Excellent"]


def test_status_change_shows_active_as_yes_and_no(school_a):
    AuditLogEntryFactory(
        tenant=school_a.tenant,
        action="membership.status_changed",
        before={"role": "student", "is_active": True},
        after={"role": "student", "is_active": False},
    )
    assert _changes(_audit_page(school_a)) == ["Active: Yes → No"]


def test_school_settings_change_uses_field_and_value_labels(school_a):
    AuditLogEntryFactory(
        tenant=school_a.tenant,
        action="school.settings_changed",
        target_type="tenant",
        before={"accent_colour": "#1f5f8b", "time_zone": "America/New_York", "signup_policy": "invite", "logo": ""},
        after={"accent_colour": "#7a1f3d", "time_zone": "America/Los_Angeles", "signup_policy": "open",
               "logo": "logos/3f2a9c.png"},
    )
    assert _changes(_audit_page(school_a)) == [
        "Accent colour: #1f5f8b → #7a1f3d",
        "Logo: — → Image",
        "Sign-up policy: Invite only → Anyone may sign up as a prospective student",
        "Time zone: America/New York → America/Los Angeles",
    ]


def test_a_replaced_logo_reads_as_a_new_image_not_a_file_name(school_a):
    AuditLogEntryFactory(
        tenant=school_a.tenant, action="school.settings_changed", target_type="tenant",
        before={"logo": "logos/aaa.png"}, after={"logo": "logos/bbb.png"},
    )
    body = _audit_page(school_a)
    assert _changes(body) == ["Logo: Image → New image"]
    assert "logos/" not in body


def test_an_invitation_shows_the_role_label_and_no_before(school_a):
    AuditLogEntryFactory(
        tenant=school_a.tenant, action="invitation.created", target_type="invitation",
        before={}, after={"email": "new@example.test", "role": "instructor"},
    )
    body = _audit_page(school_a)
    assert _changes(body) == ["Email: new@example.test", "Role: Instructor"]
    assert "<del>" not in body


def test_a_removed_value_shows_a_dash(school_a):
    AuditLogEntryFactory(
        tenant=school_a.tenant, action="cpt_release.deleted", target_type="release",
        before={"version": "2026", "status": "ready", "item_count": 12}, after={},
    )
    assert _changes(_audit_page(school_a)) == ["Codes: 12 → —", "Status: Ready → —", "Version: 2026 → —"]


def test_action_filter_lists_labels_and_filters_by_the_action(school_a):
    AuditLogEntryFactory(tenant=school_a.tenant, action="invitation.created", target_repr="only-invite")
    AuditLogEntryFactory(tenant=school_a.tenant, action="membership.role_changed", target_repr="only-role")
    body = _audit_page(school_a, "?action=invitation.created")
    assert '<option value="invitation.created" selected>Invitation sent</option>' in body
    assert '<option value="membership.role_changed">Role changed</option>' in body
    assert "only-invite" in body and "only-role" not in body
