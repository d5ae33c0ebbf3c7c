"""A person signed in with an account of another school joins an open school as a student."""

from __future__ import annotations

from lms.models import AuditLogEntry, Membership, Role, Tenant
from tests.conftest import text


def open_school(school):
    school.tenant.signup_policy = Tenant.SignupPolicy.OPEN
    school.tenant.save()


def test_no_access_page_offers_to_join_an_open_school(school_a, school_b):
    open_school(school_b)
    response = school_b.client(school_a.student).get("/")
    assert response.status_code == 403
    assert "Join as a student" in text(response)


def test_no_access_page_of_an_invite_only_school_offers_no_join(school_a, school_b):
    response = school_b.client(school_a.student).get("/")
    assert "Join as a student" not in text(response)


def test_joining_an_open_school_makes_a_student_and_lands_on_the_dashboard(school_a, school_b):
    open_school(school_b)
    client = school_b.client(school_a.student)
    response = client.post("/schools/join/", follow=True)
    assert response.status_code == 200
    assert f"Welcome to {school_b.tenant.name}" in text(response)
    membership = Membership.objects.get(tenant=school_b.tenant, user=school_a.student)
    assert (membership.role, membership.is_active) == (Role.STUDENT, True)
    assert AuditLogEntry.objects.filter(tenant=school_b.tenant, action="membership.joined_open_school").exists()


def test_joining_an_invite_only_school_is_refused(school_a, school_b):
    response = school_b.client(school_a.student).post("/schools/join/")
    assert response.status_code == 403
    assert "invite only" in text(response)
    assert not Membership.objects.filter(tenant=school_b.tenant, user=school_a.student).exists()


def test_a_deactivated_member_cannot_rejoin_by_themselves(school_a, school_b):
    open_school(school_b)
    Membership.objects.create(tenant=school_b.tenant, user=school_a.student, is_active=False)
    client = school_b.client(school_a.student)
    assert "Join as a student" not in text(client.get("/"))
    response = client.post("/schools/join/")
    assert response.status_code == 403
    assert not Membership.objects.get(tenant=school_b.tenant, user=school_a.student).is_active


def test_a_member_who_posts_join_keeps_their_role(school_a):
    open_school(school_a)
    response = school_a.client(school_a.instructor).post("/schools/join/")
    assert response.status_code == 302
    assert school_a.membership(school_a.instructor).role == Role.INSTRUCTOR


def test_joining_needs_a_signed_in_person(school_a):
    open_school(school_a)
    response = school_a.client().post("/schools/join/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
