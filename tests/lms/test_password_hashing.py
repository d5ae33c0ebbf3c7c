"""Passwords are stored with Argon2id at OWASP's setting; older PBKDF2 hashes still sign in and are upgraded."""

from __future__ import annotations

import pytest
from django.contrib.auth.hashers import make_password
from django.test import override_settings

from lms import settings as production
from tests.factories import UserFactory

REAL_HASHERS = override_settings(PASSWORD_HASHERS=production.PASSWORD_HASHERS)


@REAL_HASHERS
def test_a_new_password_is_stored_with_argon2id_at_owasps_cost():
    encoded = make_password("Coder-of-the-year-2026")
    assert encoded.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")


@REAL_HASHERS
@pytest.mark.django_db
def test_a_pbkdf2_password_signs_in_and_is_moved_to_argon2id(school_a):
    user = school_a.student
    user.password = make_password("Coder-of-the-year-2026", hasher="pbkdf2_sha256")
    user.save(update_fields=["password"])
    client = school_a.client()
    response = client.post("/accounts/login/", {"login": user.email, "password": "Coder-of-the-year-2026"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.password.startswith("argon2$argon2id$")


@REAL_HASHERS
@pytest.mark.django_db
def test_a_wrong_password_changes_nothing(school_a):
    user = UserFactory()
    user.password = make_password("right-password-1", hasher="pbkdf2_sha256")
    user.save(update_fields=["password"])
    before = user.password
    assert not user.check_password("wrong-password-1")
    user.refresh_from_db()
    assert user.password == before
