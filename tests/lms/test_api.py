import pytest
from django.core import mail
from django.core.management import call_command
from rest_framework.authtoken.models import Token
from rest_framework.throttling import UserRateThrottle

from lms.models import AuditLogEntry, Invitation, Role
from tests.factories import MembershipFactory


def test_me_returns_user_school_and_role(school_a):
    response = school_a.client(school_a.instructor).get("/api/v1/me/")
    assert response.status_code == 200
    data = response.json()
    assert data["user"]["email"] == school_a.instructor.email
    assert data["tenant"]["slug"] == "northwind"
    assert data["role"] == "instructor"


def test_me_refuses_a_member_of_another_school(school_a, school_b):
    response = school_b.client(school_a.student).get("/api/v1/me/")
    assert response.status_code == 403
    assert response.json() == {"error": {"code": "permission_denied", "message": "You are not a member of this school."}}


def test_anonymous_request_gets_a_json_401_or_403_with_a_message(school_a):
    response = school_a.client().get("/api/v1/me/")
    assert response.status_code in (401, 403)
    assert response.json()["error"]["message"] == "Authentication credentials were not provided."


def test_token_authentication_and_drf_create_token_command(school_a, capsys):
    call_command("drf_create_token", school_a.registrar.email)
    key = Token.objects.get(user=school_a.registrar).key
    assert key in capsys.readouterr().out
    response = school_a.client().get("/api/v1/members/", HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 200
    assert response.json()["count"] == 4


def test_token_of_a_non_member_sees_nothing(school_a, school_b):
    key = Token.objects.create(user=school_a.registrar).key
    response = school_b.client().get("/api/v1/members/", HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 403


@pytest.mark.parametrize("who", ["instructor", "student"])
def test_members_api_is_for_registrars(school_a, who):
    response = school_a.client(getattr(school_a, who)).get("/api/v1/members/")
    assert response.status_code == 403
    assert response.json()["error"]["message"] == "Only the school's registrars can do this."


def test_members_api_lists_pages_and_filters_by_role(school_a, school_b):
    client = school_a.client(school_a.registrar)
    data = client.get("/api/v1/members/?role=student").json()
    assert data["count"] == 2
    assert {m["user"]["email"] for m in data["results"]} == {school_a.student.email, school_a.student2.email}
    page = client.get("/api/v1/members/?page_size=3").json()
    assert len(page["results"]) == 3 and page["next"] is not None


@pytest.mark.parametrize("extra", [5, 80])
def test_members_api_query_count_does_not_grow(school_a, extra, django_assert_max_num_queries):
    MembershipFactory.create_batch(extra, tenant=school_a.tenant)
    client = school_a.client(school_a.registrar)
    with django_assert_max_num_queries(7):
        assert client.get("/api/v1/members/?page_size=200").status_code == 200


def test_post_member_invites_by_email(school_a, django_capture_on_commit_callbacks):
    client = school_a.client(school_a.registrar)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/api/v1/members/", {"email": "api-invitee@example.test", "role": "student"}, content_type="application/json")
    assert response.status_code == 201
    assert response.json()["status"] == "pending"
    assert Invitation.objects.get(tenant=school_a.tenant).email == "api-invitee@example.test"
    assert len(mail.outbox) == 1


def test_post_member_with_bad_input_gives_field_errors_and_changes_nothing(school_a):
    response = school_a.client(school_a.registrar).post(
        "/api/v1/members/", {"email": "nope", "role": "dean"}, content_type="application/json"
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert set(error["fields"]) == {"email", "role"}
    assert not Invitation.objects.exists()


def test_post_member_for_existing_member_is_a_clear_400(school_a):
    response = school_a.client(school_a.registrar).post(
        "/api/v1/members/", {"email": school_a.student.email, "role": "student"}, content_type="application/json"
    )
    assert response.status_code == 400
    assert "already a member" in response.json()["error"]["message"]


def test_patch_member_changes_role_and_is_audited(school_a):
    member = school_a.membership(school_a.student)
    response = school_a.client(school_a.registrar).patch(
        f"/api/v1/members/{member.pk}/", {"role": "instructor"}, content_type="application/json"
    )
    assert response.status_code == 200
    assert response.json()["role"] == "instructor"
    assert AuditLogEntry.objects.get(action="membership.role_changed").after["role"] == "instructor"


def test_patch_own_membership_is_refused(school_a):
    own = school_a.membership(school_a.registrar)
    response = school_a.client(school_a.registrar).patch(
        f"/api/v1/members/{own.pk}/", {"is_active": False}, content_type="application/json"
    )
    assert response.status_code == 400
    own.refresh_from_db()
    assert own.is_active is True and own.role == Role.REGISTRAR


def test_delete_invitation_revokes_it(school_a, invitation_a):
    response = school_a.client(school_a.registrar).delete(f"/api/v1/invitations/{invitation_a.pk}/")
    assert response.status_code == 204
    invitation_a.refresh_from_db()
    assert invitation_a.status == Invitation.Status.REVOKED


def test_audit_log_api_lists_this_schools_entries(school_a, school_b):
    member = school_a.membership(school_a.student)
    school_a.client(school_a.registrar).patch(f"/api/v1/members/{member.pk}/", {"role": "instructor"}, content_type="application/json")
    assert school_a.client(school_a.registrar).get("/api/v1/audit-log/").json()["count"] == 1
    assert school_b.client(school_b.registrar).get("/api/v1/audit-log/").json()["count"] == 0


def test_unknown_api_route_is_json_404(school_a):
    response = school_a.client(school_a.registrar).get("/api/v1/no-such-thing/")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_throttling_answers_429_in_json(school_a, monkeypatch):
    monkeypatch.setattr(UserRateThrottle, "THROTTLE_RATES", {"user": "2/minute", "anon": "2/minute"})
    client = school_a.client(school_a.student)
    statuses = [client.get("/api/v1/me/").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    assert "throttled" in client.get("/api/v1/me/").json()["error"]["code"]


def test_openapi_schema_and_offline_docs(school_a):
    client = school_a.client()
    schema = client.get("/api/schema/")
    assert schema.status_code == 200
    assert b"/api/v1/members/{membership_id}/" in schema.content
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    assert b"/static/drf_spectacular_sidecar/swagger-ui-dist/" in docs.content


def test_members_api_lists_by_name_by_default_and_takes_an_ordering(school_a):
    for user, name in [(school_a.registrar, "Yara"), (school_a.instructor, "bea"), (school_a.student, "Carl"), (school_a.student2, "")]:
        user.full_name = name
        user.save()
    client = school_a.client(school_a.registrar)
    by_name = [m["user"]["email"] for m in client.get("/api/v1/members/").json()["results"]]
    # student2 has no name, so their email ("student2@...") stands in for it.
    assert by_name == [school_a.instructor.email, school_a.student.email, school_a.student2.email, school_a.registrar.email]
    by_email = [m["user"]["email"] for m in client.get("/api/v1/members/?ordering=-email").json()["results"]]
    assert by_email == sorted(by_email, reverse=True)


def test_members_api_ignores_an_unknown_ordering(school_a):
    response = school_a.client(school_a.registrar).get("/api/v1/members/?ordering=user__password")
    assert response.status_code == 200
    assert response.json()["count"] == 4


def test_api_docs_link_back_to_the_school(school_a):
    body = school_a.client().get("/api/docs/").content.decode()
    assert '<a href="/">← Back to Northwind College of Health</a>' in body
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in body


def test_api_docs_for_a_signed_in_outsider_link_back_to_codecohort(school_a, outsider):
    body = school_a.client(outsider).get("/api/docs/").content.decode()
    assert '<a href="/">← Back to CodeCohort</a>' in body
    assert school_a.tenant.name not in body
