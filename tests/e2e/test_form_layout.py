"""Checkboxes and radio buttons sit left of their labels, on one line, in every kind of form."""

import pytest
from django.core.files.base import ContentFile

from tests.e2e.test_browser import sign_in
from tests.factories import InvitationFactory

pytestmark = pytest.mark.e2e

PNG = (  # a 1x1 transparent PNG
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)


def assert_beside(page, control, label) -> None:
    box, text = control.bounding_box(), label.bounding_box()
    assert box["x"] + box["width"] <= text["x"], f"the control is not left of its label: {box} {text}"
    middle = box["y"] + box["height"] / 2
    assert text["y"] <= middle <= text["y"] + text["height"], f"the control is not on its label's line: {box} {text}"


def test_sign_in_remember_me_checkbox_sits_left_of_its_label(live_server, page, school):
    page.goto(f"{live_server.url}/accounts/login/")
    assert_beside(page, page.locator("#id_remember"), page.locator("label[for=id_remember]"))


def test_member_active_checkbox_sits_left_of_its_label(live_server, page, school, axe_check):
    sign_in(page, live_server.url, school.registrar.email)
    page.goto(f"{live_server.url}/members/{school.membership(school.student).pk}/")
    assert_beside(page, page.get_by_role("checkbox", name="Active"), page.locator("label[for=id_is_active]"))
    axe_check(page)


def test_email_address_radio_sits_left_of_its_label(live_server, page, school):
    sign_in(page, live_server.url, school.registrar.email)
    page.goto(f"{live_server.url}/accounts/email/")
    assert_beside(page, page.locator("#email_radio_0"), page.locator("label[for=email_radio_0]"))


def test_logo_field_previews_the_logo_with_remove_beside_its_label(live_server, page, school, axe_check, shots):
    school.tenant.logo.save("crest.png", ContentFile(PNG))
    sign_in(page, live_server.url, school.registrar.email)
    page.goto(f"{live_server.url}/school/settings/")
    assert page.get_by_role("img", name="Current logo").is_visible()
    remove = page.get_by_role("checkbox", name="Remove the logo")
    assert_beside(page, remove, page.locator("label[for=logo-clear_id]"))
    assert page.get_by_label("Replace the logo").is_visible()
    axe_check(page)
    shots.take(page, "school-settings-logo")


def test_revoke_confirmation_page_is_accessible(live_server, page, school, axe_check):
    invitation = InvitationFactory(tenant=school.tenant, email="pending@example.test", invited_by=school.registrar)
    sign_in(page, live_server.url, school.registrar.email)
    page.goto(f"{live_server.url}/members/")
    page.get_by_role("link", name="Revoke the invitation to pending@example.test").click()
    page.get_by_role("heading", name="Revoke the invitation to pending@example.test?").wait_for()
    axe_check(page)
    page.get_by_role("button", name="Revoke").click()
    page.get_by_text("Revoked the invitation to pending@example.test.").wait_for()
    invitation.refresh_from_db()
    assert invitation.status == "revoked"
