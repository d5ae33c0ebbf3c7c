import pytest

from lms.tenancy import normalise_host, tenant_for_host
from tests.factories import DomainFactory, TenantFactory


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("Northwind.Test:8000", "northwind.test"), ("localhost", "localhost"), ("[::1]:8000", "[::1]"), ("a.test.", "a.test")],
)
def test_normalise_host_strips_port_case_and_trailing_dot(raw, expected):
    assert normalise_host(raw) == expected


def test_domain_row_resolves_its_school(school_a):
    assert tenant_for_host("NORTHWIND.test:8443") == school_a.tenant


def test_slug_dot_localhost_resolves_a_school_without_a_domain_row(db):
    tenant = TenantFactory(slug="lakeside")
    assert tenant_for_host("lakeside.localhost:8000") == tenant


def test_inactive_school_is_not_served(db):
    domain = DomainFactory(tenant=TenantFactory(slug="closed", is_active=False), host="closed.test")
    assert tenant_for_host(domain.host) is None


def test_unknown_host_gets_a_404_page_naming_the_host(client, school_a):
    response = client.get("/", HTTP_HOST="nowhere.example")
    assert response.status_code == 404
    assert b"No school at this address" in response.content
    assert b"nowhere.example" in response.content
    assert school_a.tenant.name.encode() not in response.content


def test_unknown_host_gets_404_on_api_too(client, school_a):
    assert client.get("/api/v1/me/", HTTP_HOST="nowhere.example").status_code == 404


def test_each_host_shows_its_own_school_name_on_sign_in(school_a, school_b):
    page_a = school_a.client().get("/accounts/login/")
    page_b = school_b.client().get("/accounts/login/")
    assert school_a.tenant.name in page_a.content.decode()
    assert school_b.tenant.name not in page_a.content.decode()
    assert school_b.tenant.name in page_b.content.decode()


def test_signed_in_outsider_sees_no_access_page_and_nothing_of_the_school(school_a, school_b):
    response = school_b.client(school_a.student).get("/")
    body = response.content.decode()
    assert response.status_code == 403
    assert "You are not a member of this school" in body
    assert school_b.tenant.name not in body
    assert school_a.tenant.name in body  # their own school, with a link to its host
    assert f"http://{school_a.host}/" in body


def test_deactivated_member_loses_access(school_a):
    membership = school_a.membership(school_a.student)
    membership.is_active = False
    membership.save()
    response = school_a.client(school_a.student).get("/")
    assert response.status_code == 403
    assert school_a.tenant.name not in response.content.decode()


def test_anonymous_visitor_is_sent_to_sign_in(school_a):
    response = school_a.client().get("/members/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/members/")


def test_viewer_time_zone_is_the_users_else_the_schools(school_a):
    school_a.tenant.time_zone = "America/Chicago"
    school_a.tenant.save()
    school_a.student.time_zone = ""
    school_a.student.save()
    body = school_a.client(school_a.student).get("/").content.decode()
    assert "Times are shown in America/Chicago" in body
    school_a.student.time_zone = "Europe/Dublin"
    school_a.student.save()
    body = school_a.client(school_a.student).get("/").content.decode()
    assert "Times are shown in Europe/Dublin" in body


def test_404_page_does_not_list_the_routes(school_a):
    response = school_a.client(school_a.student).get("/no-such-page/")
    assert response.status_code == 404
    assert "admin/" not in response.content.decode()
    assert "members/" not in response.content.decode()
