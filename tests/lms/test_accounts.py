"""Sign-in, sign-up, verification, password reset and TOTP through django-allauth."""

import re

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret, hotp_value
from django.core import mail

from lms.models import Membership, Role, Tenant, User
from tests.conftest import text
from tests.factories import PASSWORD


def test_sign_in_with_email_and_password_lands_on_the_dashboard(school_a):
    client = school_a.client()
    response = client.post("/accounts/login/", {"login": school_a.student.email, "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == "/"
    assert "Welcome" in text(response)


def test_sign_in_is_case_insensitive_on_email(school_a):
    response = school_a.client().post("/accounts/login/", {"login": school_a.student.email.upper(), "password": PASSWORD})
    assert response.status_code == 302


def test_wrong_password_is_refused_with_a_message(school_a):
    response = school_a.client().post("/accounts/login/", {"login": school_a.student.email, "password": "nope"})
    assert response.status_code == 200
    assert "not correct" in text(response)


def test_open_school_self_signup_makes_an_unverified_prospective_student(school_a):
    Tenant.objects.filter(pk=school_a.tenant.pk).update(signup_policy=Tenant.SignupPolicy.OPEN)
    client = school_a.client()
    response = client.post(
        "/accounts/signup/",
        {"email": "prospect@example.test", "password1": "a-long-pass-phrase-9", "password2": "a-long-pass-phrase-9"},
    )
    assert response.status_code == 302
    user = User.objects.get(email="prospect@example.test")
    # Verification is mandatory: an email with a link to this school's host,
    # and no membership until the address is confirmed.
    assert client.get("/").status_code == 302
    assert not Membership.objects.filter(user=user).exists()
    assert len(mail.outbox) == 1
    link = re.search(r"http://\S+/accounts/confirm-email/\S+", mail.outbox[0].body).group(0)
    assert link.startswith(f"http://{school_a.host}/")
    client.post(link.split(school_a.host, 1)[1])
    assert Membership.objects.get(tenant=school_a.tenant, user=user).role == Role.STUDENT
    assert client.get("/").status_code == 200


def test_password_reset_mails_a_link_on_the_schools_host(school_a):
    response = school_a.client().post("/accounts/password/reset/", {"email": school_a.student.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"http://\S+/accounts/password/reset/key/\S+", mail.outbox[0].body).group(0)
    assert link.startswith(f"http://{school_a.host}/")


def test_totp_two_factor_asks_for_a_code_after_the_password(school_a):
    secret = generate_totp_secret()
    TOTP.activate(school_a.instructor, secret)
    client = school_a.client()
    response = client.post("/accounts/login/", {"login": school_a.instructor.email, "password": PASSWORD})
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert client.get("/").status_code == 302  # not in yet
    code = f"{hotp_value(secret, int(__import__('time').time()) // 30):06d}"
    response = client.post("/accounts/2fa/authenticate/", {"code": code})
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    assert Authenticator.objects.filter(user=school_a.instructor, type=Authenticator.Type.TOTP).exists()


def test_sign_out_ends_the_session(school_a):
    client = school_a.client(school_a.student)
    client.post("/accounts/logout/")
    assert client.get("/").status_code == 302


def test_invite_only_school_says_to_ask_its_registrar_when_sign_up_is_closed(school_a):
    response = school_a.client().get("/accounts/signup/")
    body = text(response)
    assert "Northwind College of Health is invite only: ask the school's registrar for an invitation." in body
    assert "We are sorry, but the sign up is currently closed." not in body
    assert '<a href="/accounts/login/">Sign in</a>' in body


def test_sign_in_page_of_an_invite_only_school_offers_no_sign_up(school_a):
    body = text(school_a.client().get("/accounts/login/"))
    assert "Northwind College of Health is invite only: ask the school's registrar for an invitation." in body
    assert "please sign up" not in body
    assert 'href="/accounts/signup/' not in body


def test_sign_in_page_of_an_open_school_offers_sign_up(school_a):
    Tenant.objects.filter(pk=school_a.tenant.pk).update(signup_policy=Tenant.SignupPolicy.OPEN)
    body = text(school_a.client().get("/accounts/login/"))
    assert 'please <a href="/accounts/signup/">sign up</a> first.' in body
    assert "is invite only" not in body


def test_sign_in_page_offers_sign_up_to_a_visitor_who_opened_an_invitation(school_a, invitation_a):
    client = school_a.client()
    client.get(f"/invitations/{invitation_a.token}/")
    body = text(client.get("/accounts/login/"))
    assert '<a href="/accounts/signup/">sign up</a>' in body
