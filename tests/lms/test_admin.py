from lms.models import Domain, Tenant
from tests.factories import UserFactory


def test_platform_operator_creates_a_school_with_its_host_in_the_admin(school_a):
    operator = UserFactory(email="ops@codecohort.test", is_staff=True, is_superuser=True)
    client = school_a.client(operator)
    response = client.post(
        "/admin/lms/tenant/add/",
        {
            "name": "Lakeside Institute",
            "slug": "lakeside",
            "accent_colour": "#1f5f8b",
            "time_zone": "America/New_York",
            "signup_policy": "invite",
            "coding_partial_credit": "0.50",
            "is_active": "on",
            "domains-TOTAL_FORMS": "1",
            "domains-INITIAL_FORMS": "0",
            "domains-MIN_NUM_FORMS": "0",
            "domains-MAX_NUM_FORMS": "1000",
            "domains-0-host": "lakeside.example.edu",
            "domains-0-is_primary": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    tenant = Tenant.objects.get(slug="lakeside")
    assert Domain.objects.get(host="lakeside.example.edu").tenant == tenant
    assert client.get("/", HTTP_HOST="lakeside.example.edu").status_code == 403  # operator is no member


def test_school_staff_cannot_open_the_platform_admin(school_a):
    response = school_a.client(school_a.registrar).get("/admin/lms/tenant/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
