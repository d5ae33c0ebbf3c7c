import pytest

from tests.conftest import text
from tests.factories import MembershipFactory


def test_person_sets_name_and_time_zone(school_a):
    response = school_a.client(school_a.student).post("/profile/", {"full_name": "Sam Patel", "time_zone": "Europe/London"})
    assert response.status_code == 302
    school_a.student.refresh_from_db()
    assert (school_a.student.full_name, school_a.student.time_zone) == ("Sam Patel", "Europe/London")


def test_instructor_adds_credentials(school_a):
    client = school_a.client(school_a.instructor)
    assert "Credentials" in text(client.get("/profile/"))
    client.post("/profile/", {"full_name": "Ian Castillo", "time_zone": "", "credentials": "CPC, CCS"})
    school_a.instructor.refresh_from_db()
    assert school_a.instructor.credentials == "CPC, CCS"
    assert school_a.instructor.display_name == "Ian Castillo, CPC, CCS"


def test_student_profile_has_no_credentials_field(school_a):
    assert 'name="credentials"' not in text(school_a.client(school_a.student).get("/profile/"))


def test_unknown_time_zone_is_refused(school_a):
    response = school_a.client(school_a.student).post("/profile/", {"full_name": "X", "time_zone": "Mars/Olympus"})
    assert response.status_code == 400
    school_a.student.refresh_from_db()
    assert school_a.student.time_zone == ""


def test_my_schools_lists_each_school_with_a_link_to_its_host(school_a, school_b):
    MembershipFactory(tenant=school_b.tenant, user=school_a.student, role="instructor")
    body = text(school_a.client(school_a.student).get("/schools/"))
    assert f'href="http://{school_a.host}/"' in body
    assert f'href="http://{school_b.host}/"' in body
    assert "Riverside Coding Academy" in body and "Instructor" in body


@pytest.mark.parametrize("schools", [1, 8])
def test_my_schools_query_count_does_not_grow(school_a, schools, django_assert_max_num_queries):
    from tests.factories import DomainFactory, TenantFactory

    for n in range(schools):
        tenant = TenantFactory(slug=f"extra{n}")
        DomainFactory(tenant=tenant)
        MembershipFactory(tenant=tenant, user=school_a.student)
    client = school_a.client(school_a.student)
    with django_assert_max_num_queries(7):
        assert client.get("/schools/").status_code == 200
