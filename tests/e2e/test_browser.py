"""A student signs in and out; a registrar invites a member. Every page is checked with axe-core."""

import pytest
from django.core import mail

from lms.models import Invitation
from tests.factories import PASSWORD

pytestmark = pytest.mark.e2e


def sign_in(page, base_url: str, email: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()


def test_student_signs_in_sees_the_dashboard_and_signs_out(live_server, page, school, shots, axe_check):
    page.goto(f"{live_server.url}/")
    assert "/accounts/login/" in page.url
    assert page.get_by_text("Northwind College of Health").first.is_visible()
    axe_check(page)
    shots.take(page, "sign-in")

    sign_in(page, live_server.url, school.student.email)
    page.get_by_role("heading", name="Welcome").wait_for()
    assert page.url == f"{live_server.url}/"
    assert page.get_by_role("link", name="Members", exact=True).count() == 0
    axe_check(page)
    shots.take(page, "dashboard")

    page.set_viewport_size({"width": 390, "height": 844})
    axe_check(page)
    shots.take(page, "dashboard-phone")
    page.set_viewport_size({"width": 1280, "height": 900})

    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/accounts/login/")
    page.goto(f"{live_server.url}/")
    assert "/accounts/login/" in page.url


def test_registrar_invites_a_member(live_server, page, school, shots, axe_check):
    sign_in(page, live_server.url, school.registrar.email)
    page.get_by_role("link", name="Members", exact=True).click()
    page.get_by_role("heading", name="Members").wait_for()
    assert page.get_by_role("cell", name=school.student.email, exact=True).is_visible()
    axe_check(page)
    shots.take(page, "members")

    page.get_by_label("Role").select_option("instructor")
    page.wait_for_timeout(600)  # htmx swaps the table in place
    assert page.get_by_role("cell", name=school.student.email, exact=True).count() == 0
    assert page.get_by_role("cell", name=school.instructor.email, exact=True).is_visible()

    page.get_by_role("link", name="Invite someone").first.click()
    axe_check(page)
    page.get_by_label("Email address").fill("not-an-email")
    page.get_by_role("button", name="Send invitation").click()
    assert page.get_by_text("Enter a valid email address.").is_visible()
    axe_check(page)
    shots.take(page, "invite-error")

    page.get_by_label("Email address").fill("new.instructor@example.test")
    page.get_by_label("Role").select_option("instructor")
    page.get_by_role("button", name="Send invitation").click()
    page.get_by_text("Invitation sent to new.instructor@example.test as Instructor.").wait_for()
    assert page.get_by_role("cell", name="new.instructor@example.test", exact=True).is_visible()
    axe_check(page)
    shots.take(page, "invited")

    invitation = Invitation.objects.get(tenant=school.tenant, email="new.instructor@example.test")
    assert invitation.role == "instructor"
    assert any(invitation.token in m.body for m in mail.outbox)

    page.get_by_role("link", name="Audit log").click()
    assert page.get_by_role("cell", name="Invitation sent", exact=True).is_visible()
    axe_check(page)
    shots.take(page, "audit-log")
    page.get_by_role("link", name="School settings").click()
    axe_check(page)
    shots.take(page, "school-settings")
