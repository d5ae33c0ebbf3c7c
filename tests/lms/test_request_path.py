"""The fixed cost of a request: the host map, the cached membership and sessions, and that
whatever is cached is forgotten on change (a school taken offline, a member deactivated)."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone
from rest_framework.authtoken.models import Token

from lms import services, tenancy
from lms.api import MeOut
from lms.models import Membership, Role
from lms.tenancy import GENERATION_KEY, HOST_CACHE_SIZE, _HostMap, tenant_for_host
from tests.factories import PASSWORD, DomainFactory

ROOT = Path(__file__).resolve().parents[2]


def _registrar(school):
    return school.membership(school.registrar)


# --- host -> school -----------------------------------------------------------


def test_host_lookup_asks_the_database_once_then_not_again(school_a, django_assert_num_queries):
    with django_assert_num_queries(1):
        first = tenant_for_host(school_a.host)
    with django_assert_num_queries(0):
        again = tenant_for_host(school_a.host.upper() + ":8443")
    assert first == again == school_a.tenant


def test_each_lookup_hands_out_its_own_tenant_instance(school_a):
    first = tenant_for_host(school_a.host)
    first.name = "Changed by one request only"
    assert tenant_for_host(school_a.host).name == school_a.tenant.name


def test_an_unknown_host_is_remembered_too(school_a, django_assert_num_queries):
    assert tenant_for_host("nowhere.example") is None
    with django_assert_num_queries(0):
        assert tenant_for_host("nowhere.example") is None


def test_a_domain_moved_to_another_school_serves_it_on_the_next_request(school_a, school_b):
    client = Client(HTTP_HOST=school_a.host)
    assert school_a.tenant.name in client.get("/accounts/login/").content.decode()
    domain = school_a.tenant.domains.get(host=school_a.host)
    domain.tenant, domain.is_primary = school_b.tenant, False
    domain.save()
    page = client.get("/accounts/login/").content.decode()
    assert school_b.tenant.name in page
    assert school_a.tenant.name not in page


def test_a_new_domain_is_served_on_the_next_request(school_a):
    client = Client(HTTP_HOST="learn.northwind.example")
    assert client.get("/accounts/login/").status_code == 404
    DomainFactory(tenant=school_a.tenant, host="learn.northwind.example", is_primary=False)
    assert client.get("/accounts/login/").status_code == 200


def test_a_deleted_domain_is_not_served_on_the_next_request(school_a):
    client = school_a.client(school_a.student)
    assert client.get("/").status_code == 200
    school_a.tenant.domains.all().delete()
    assert client.get("/").status_code == 404


def test_a_school_taken_offline_loses_access_on_the_next_request(school_a):
    client = school_a.client(school_a.student)
    assert client.get("/").status_code == 200
    assert client.get("/api/v1/me/").status_code == 200
    school_a.tenant.is_active = False
    school_a.tenant.save()
    assert client.get("/").status_code == 404
    assert client.get("/api/v1/me/").status_code == 404


def test_another_process_drops_its_stale_map_on_its_next_request(school_a, monkeypatch):
    """Two workers: ``theirs`` has the school in memory; the school is taken offline in ``ours``."""
    theirs, ours = _HostMap(HOST_CACHE_SIZE), _HostMap(HOST_CACHE_SIZE)
    client = school_a.client(school_a.student)
    monkeypatch.setattr(tenancy, "_hosts", theirs)
    assert client.get("/").status_code == 200
    monkeypatch.setattr(tenancy, "_hosts", ours)
    school_a.tenant.is_active = False
    school_a.tenant.save()  # clears only our memory, and replaces the shared token
    monkeypatch.setattr(tenancy, "_hosts", theirs)
    assert theirs.get(school_a.host)[0], "their memory still holds the school until they look at the token"
    assert client.get("/").status_code == 404


def test_a_process_keeps_its_map_while_the_shared_token_is_unchanged(school_a, django_assert_num_queries):
    tenant_for_host(school_a.host)
    token = cache.get(GENERATION_KEY)
    with django_assert_num_queries(0):
        tenant_for_host(school_a.host)
    assert cache.get(GENERATION_KEY) == token


def test_a_row_read_before_a_change_is_not_kept(school_a):
    """A lookup that queried while a change landed must not store what it read."""
    generation = tenancy._hosts.sync()
    tenancy.hosts_changed()
    tenancy._hosts.put(school_a.host, ("default", ()), generation)
    assert tenancy._hosts.get(school_a.host) == (False, None)


def test_with_the_cache_down_the_host_is_resolved_from_the_database(school_a, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(cache, "get", broken)
    assert tenant_for_host(school_a.host) == school_a.tenant
    assert tenancy._hosts.get(school_a.host) == (False, None)


# --- the membership ---------------------------------------------------------


def test_a_member_deactivated_by_a_registrar_loses_access_on_the_next_request(school_a):
    client = school_a.client(school_a.student)
    assert client.get("/").status_code == 200
    assert client.get("/api/v1/me/").status_code == 200
    services.membership_update(
        tenant=school_a.tenant, actor=_registrar(school_a), membership=school_a.membership(school_a.student),
        is_active=False,
    )
    assert client.get("/").status_code == 403
    assert client.get("/api/v1/me/").status_code == 403


def test_a_membership_deactivated_on_the_model_loses_access_on_the_next_request(school_a):
    client = school_a.client(school_a.student)
    assert client.get("/api/v1/me/").status_code == 200
    membership = school_a.membership(school_a.student)
    membership.is_active = False
    membership.save()
    assert client.get("/api/v1/me/").status_code == 403


def test_a_deleted_membership_loses_access_on_the_next_request(school_a):
    client = school_a.client(school_a.student)
    assert client.get("/").status_code == 200
    school_a.membership(school_a.student).delete()
    assert client.get("/").status_code == 403


def test_a_deactivated_user_loses_access_on_the_next_request(school_a):
    client = school_a.client(school_a.student)
    token = Token.objects.create(user=school_a.student)
    assert client.get("/").status_code == 200
    assert client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {token.key}").status_code == 200
    school_a.student.is_active = False
    school_a.student.save()
    assert client.get("/").status_code == 302  # signed out: to the sign-in page
    assert client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {token.key}").status_code in (401, 403)


def test_a_deactivated_user_is_refused_though_the_membership_is_cached(school_a):
    """membership_for reads is_active from the user loaded for the request, not from the cache."""
    client = school_a.client(school_a.student)
    assert client.get("/").status_code == 200
    type(school_a.student).objects.filter(pk=school_a.student.pk).update(is_active=False)  # no signal
    assert client.get("/").status_code == 302


def test_a_role_change_takes_effect_on_the_next_request(school_a):
    client = school_a.client(school_a.student)
    assert client.get("/api/v1/me/").json()["role"] == "student"
    services.membership_update(
        tenant=school_a.tenant, actor=_registrar(school_a), membership=school_a.membership(school_a.student),
        role=Role.INSTRUCTOR,
    )
    assert client.get("/api/v1/me/").json()["role"] == "instructor"


def test_a_membership_moved_to_another_person_is_forgotten_for_the_first(school_a, outsider):
    client = school_a.client(school_a.student2)
    assert client.get("/").status_code == 200
    membership = school_a.membership(school_a.student2)
    membership.user = outsider  # the admin allows it
    membership.save()
    assert client.get("/").status_code == 403


def test_a_new_member_gets_in_on_the_next_request(school_a, outsider):
    client = school_a.client(outsider)
    assert client.get("/").status_code == 403  # "no membership" is cached too
    Membership.objects.create(tenant=school_a.tenant, user=outsider, role=Role.STUDENT)
    assert client.get("/").status_code == 200


def test_request_membership_is_a_real_membership_instance(school_a):
    from lms.permissions import membership_for

    first = membership_for(school_a.student, school_a.tenant)
    cached = membership_for(school_a.student, school_a.tenant)
    expected = school_a.membership(school_a.student)
    assert isinstance(cached, Membership) and cached is not first
    assert cached.pk == expected.pk and cached.role == expected.role and cached.is_active
    assert cached.tenant == school_a.tenant and cached.user == school_a.student
    assert not cached._state.adding


def test_after_a_change_commits_a_read_from_before_it_is_not_cached(school_a, django_capture_on_commit_callbacks):
    from lms.permissions import membership_cache_key, membership_for

    key = membership_cache_key(tenant_id=school_a.tenant.pk, user_id=school_a.student.pk)
    membership_for(school_a.student, school_a.tenant)
    with django_capture_on_commit_callbacks(execute=True):
        membership = school_a.membership(school_a.student)
        membership.role = Role.INSTRUCTOR
        membership.save()
    assert membership_for(school_a.student, school_a.tenant).role == Role.INSTRUCTOR
    assert not isinstance(cache.get(key), tuple), "a marker holds the key for a few seconds after the commit"


def test_last_seen_is_still_written_every_five_minutes_with_a_cached_membership(school_a):
    membership = school_a.membership(school_a.student)
    with time_machine.travel(timezone.now(), tick=False) as clock:
        client = school_a.client(school_a.student)
        Membership.objects.filter(pk=membership.pk).update(last_seen_at=timezone.now() - timedelta(minutes=4))
        client.get("/")  # caches the membership, seen four minutes ago: no write
        clock.shift(timedelta(minutes=2))
        assert _last_seen_writes(client) == 1
        assert _last_seen_writes(client) == 0
        membership.refresh_from_db()
        assert membership.last_seen_at == timezone.now()


def _last_seen_writes(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    return sum(1 for q in queries if q["sql"].startswith("UPDATE") and "last_seen_at" in q["sql"])


# --- queries and sessions ---------------------------------------------------


@override_settings(SESSION_ENGINE="django.contrib.sessions.backends.db")
def test_me_asks_two_queries_with_database_sessions(school_a, django_assert_num_queries):
    """Was 4: the host, the session, the user, the membership. Now the session and the user."""
    client = school_a.client(school_a.student)
    client.get("/api/v1/me/")
    with django_assert_num_queries(2):
        assert client.get("/api/v1/me/").status_code == 200


@override_settings(SESSION_ENGINE="django.contrib.sessions.backends.cached_db")
def test_me_asks_one_query_with_cached_sessions(school_a, django_assert_num_queries):
    client = school_a.client(school_a.student)
    client.get("/api/v1/me/")
    with django_assert_num_queries(1):  # the user
        assert client.get("/api/v1/me/").status_code == 200


def test_me_with_a_token_asks_one_query(school_a, django_assert_num_queries):
    token = Token.objects.create(user=school_a.student)
    client = Client(HTTP_HOST=school_a.host, HTTP_AUTHORIZATION=f"Token {token.key}")
    client.get("/api/v1/me/")
    with django_assert_num_queries(1):  # the token with its user
        assert client.get("/api/v1/me/").status_code == 200


@pytest.mark.parametrize("who", ["student", "registrar"])
def test_me_answers_exactly_what_its_schema_serializer_gives(school_a, who):
    user = getattr(school_a, who)
    user.full_name, user.credentials, user.time_zone = "Ada Lovelace", "CPC", "Europe/Dublin"
    user.save()
    data = school_a.client(user).get("/api/v1/me/").json()
    membership = school_a.membership(user)
    expected = MeOut({"user": user, "tenant": school_a.tenant, "role": membership.role}).data
    assert data == expected
    assert list(data) == list(expected) and list(data["user"]) == list(expected["user"])
    assert list(data["tenant"]) == list(expected["tenant"])


@pytest.mark.parametrize(("redis_url", "engine"), [("redis://127.0.0.1:6399/0", "cached_db"), ("", "db")])
def test_sessions_use_cached_db_when_a_shared_cache_is_configured(redis_url, engine):
    env = {"PATH": os.environ.get("PATH", ""), "DJANGO_SETTINGS_MODULE": "lms.settings", "REDIS_URL": redis_url}
    script = "from django.conf import settings; print(settings.SESSION_ENGINE)"
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.strip() == f"django.contrib.sessions.backends.{engine}"


@override_settings(SESSION_ENGINE="django.contrib.sessions.backends.cached_db")
def test_signing_in_and_out_works_with_cached_sessions(school_a):
    client = Client(HTTP_HOST=school_a.host)
    response = client.post("/accounts/login/", {"login": school_a.student.email, "password": PASSWORD})
    assert response.status_code == 302, response.content[:500]
    assert client.get("/").status_code == 200
    client.post("/accounts/logout/")
    assert client.get("/").status_code == 302
