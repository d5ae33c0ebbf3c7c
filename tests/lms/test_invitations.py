from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.utils import timezone

from lms import services, tasks
from lms.models import AuditLogEntry, Invitation, Membership, Role, User
from tests.conftest import text
from tests.factories import InvitationFactory, UserFactory


def test_invitation_page_for_anonymous_visitor_offers_sign_up_and_sign_in(school_a, invitation_a):
    response = school_a.client().get(f"/invitations/{invitation_a.token}/")
    body = text(response)
    assert response.status_code == 200
    assert "Join Northwind College of Health" in body
    assert "Create an account" in body and "sign in" in body


def test_sign_up_through_an_invitation_on_an_invite_only_school_joins_with_the_role(school_a, invitation_a):
    invitation_a.role = Role.INSTRUCTOR
    invitation_a.save()
    client = school_a.client()
    client.get(f"/invitations/{invitation_a.token}/")
    response = client.post(
        "/accounts/signup/",
        {"email": invitation_a.email, "password1": "a-long-pass-phrase-9", "password2": "a-long-pass-phrase-9"},
    )
    assert response.status_code == 302
    user = User.objects.get(email=invitation_a.email)
    membership = Membership.objects.get(tenant=school_a.tenant, user=user)
    assert membership.role == Role.INSTRUCTOR
    invitation_a.refresh_from_db()
    assert invitation_a.status == Invitation.Status.ACCEPTED
    # The link came to this address, so it counts as verified: no second email round trip.
    assert EmailAddress.objects.get(user=user).verified is True


def test_invite_only_school_refuses_sign_up_without_an_invitation(school_a):
    response = school_a.client().get("/accounts/signup/")
    assert "Sign Up Closed" in text(response) or "closed" in text(response).lower()
    school_a.client().post(
        "/accounts/signup/", {"email": "walkin@example.test", "password1": "a-long-pass-phrase-9", "password2": "a-long-pass-phrase-9"}
    )
    assert not User.objects.filter(email="walkin@example.test").exists()


def test_signed_in_person_accepts_an_invitation_for_their_address(school_a, school_b):
    invitation = InvitationFactory(tenant=school_b.tenant, email=school_a.student.email, role=Role.STUDENT)
    response = school_b.client(school_a.student).post(f"/invitations/{invitation.token}/")
    assert response.status_code == 302
    assert Membership.objects.filter(tenant=school_b.tenant, user=school_a.student, is_active=True).exists()
    assert AuditLogEntry.objects.filter(tenant=school_b.tenant, action="membership.joined_by_invitation").exists()


def test_invitation_for_another_address_is_refused(school_a, invitation_a):
    response = school_a.client(school_a.student2).post(f"/invitations/{invitation_a.token}/")
    assert response.status_code == 400
    assert f"This invitation was sent to {invitation_a.email}" in text(response)
    invitation_a.refresh_from_db()
    assert invitation_a.status == Invitation.Status.PENDING


def test_expired_invitation_cannot_be_used(school_a, invitation_a):
    invitation_a.expires_at = timezone.now() - timedelta(minutes=1)
    invitation_a.save()
    newcomer = UserFactory(email=invitation_a.email)
    response = school_a.client(newcomer).post(f"/invitations/{invitation_a.token}/")
    assert response.status_code == 410
    assert not Membership.objects.filter(user=newcomer).exists()


def test_accepting_reactivates_a_deactivated_member_with_the_new_role(school_a):
    membership = school_a.membership(school_a.student)
    membership.is_active = False
    membership.save()
    invitation = InvitationFactory(tenant=school_a.tenant, email=school_a.student.email, role=Role.INSTRUCTOR)
    services.invitation_accept(tenant=school_a.tenant, invitation=invitation, user=school_a.student)
    membership.refresh_from_db()
    assert (membership.is_active, membership.role) == (True, Role.INSTRUCTOR)


def test_invitation_email_task_sends_once_however_often_it_runs(school_a, invitation_a):
    kwargs = {"tenant_id": school_a.tenant.pk, "invitation_id": invitation_a.pk}
    assert tasks.send_invitation_email.delay(**kwargs).get() is True
    assert tasks.send_invitation_email.delay(**kwargs).get() is False
    assert len(mail.outbox) == 1


def test_invitation_email_task_ignores_another_schools_id(school_a, school_b, invitation_a):
    sent = tasks.send_invitation_email.delay(
        tenant_id=school_b.tenant.pk, invitation_id=invitation_a.pk
    ).get()
    assert sent is False
    assert mail.outbox == []


def test_failed_send_releases_the_claim_for_a_retry(school_a, invitation_a, monkeypatch):
    def broken_send(**kwargs):
        raise ConnectionError("mail server down")

    monkeypatch.setattr(services, "send_mail", broken_send)
    with pytest.raises(ConnectionError):
        services.invitation_send_email(tenant_id=school_a.tenant.pk, invitation_id=invitation_a.pk)
    invitation_a.refresh_from_db()
    assert (invitation_a.sent_at, invitation_a.send_claimed_at) == (None, None)


def test_a_claim_left_by_a_dead_worker_is_taken_again_after_the_timeout(school_a, invitation_a):
    Invitation.objects.filter(pk=invitation_a.pk).update(send_claimed_at=timezone.now() - timedelta(minutes=1))
    assert services.invitation_send_email(tenant_id=school_a.tenant.pk, invitation_id=invitation_a.pk) is False
    Invitation.objects.filter(pk=invitation_a.pk).update(send_claimed_at=timezone.now() - timedelta(minutes=11))
    assert services.invitation_send_email(tenant_id=school_a.tenant.pk, invitation_id=invitation_a.pk) is True
    assert len(mail.outbox) == 1


def test_dispatcher_resends_only_invitations_whose_email_never_went_out(school_a):
    old = timezone.now() - timedelta(minutes=30)
    unsent = InvitationFactory(tenant=school_a.tenant, created_at=old)
    InvitationFactory(tenant=school_a.tenant, created_at=old, sent_at=old)
    InvitationFactory(tenant=school_a.tenant, created_at=old, send_claimed_at=timezone.now())  # in flight
    assert tasks.resend_unsent_invitations.delay().get() == 1
    assert [m.to for m in mail.outbox] == [[unsent.email]]
    assert tasks.resend_unsent_invitations.delay().get() == 0


def test_expiry_dispatcher_marks_old_pending_invitations_only(school_a):
    old = InvitationFactory(tenant=school_a.tenant, expires_at=timezone.now() - timedelta(days=1))
    fresh = InvitationFactory(tenant=school_a.tenant)
    assert tasks.expire_invitations.delay().get() == 1
    assert tasks.expire_invitations.delay().get() == 0
    old.refresh_from_db()
    fresh.refresh_from_db()
    assert (old.status, fresh.status) == (Invitation.Status.EXPIRED, Invitation.Status.PENDING)


def test_deactivated_member_cannot_reactivate_themselves_with_an_old_invitation(school_a):
    invitation = InvitationFactory(tenant=school_a.tenant, email=school_a.student.email, role=Role.INSTRUCTOR)
    member = school_a.membership(school_a.student)
    services.membership_update(
        tenant=school_a.tenant, actor=school_a.membership(school_a.registrar), membership=member, is_active=False
    )
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.REVOKED
    response = school_a.client(school_a.student).post(f"/invitations/{invitation.token}/")
    assert response.status_code == 410
    member.refresh_from_db()
    assert (member.is_active, member.role) == (False, Role.STUDENT)


def test_stale_invitation_does_not_change_an_active_members_role(school_a):
    invitation = InvitationFactory(tenant=school_a.tenant, email=school_a.student.email, role=Role.REGISTRAR)
    response = school_a.client(school_a.student).post(f"/invitations/{invitation.token}/")
    assert response.status_code == 400
    assert "already a member" in text(response)
    assert school_a.membership(school_a.student).role == Role.STUDENT


def _link(body: str, text_: str) -> str:
    import re

    match = re.search(rf'<a [^>]*href="([^"]+)"[^>]*>{re.escape(text_)}</a>', body)
    assert match, f"no link {text_!r}"
    return match.group(1)


def _hidden(body: str, name: str) -> str:
    import re

    return re.search(rf'<input type="hidden" name="{name}" value="([^"]*)"', body).group(1)


def test_creating_an_account_from_an_invitation_ends_on_the_dashboard_with_a_welcome(school_a, invitation_a):
    invitation_a.role = Role.INSTRUCTOR
    invitation_a.save()
    client = school_a.client()
    signup_url = _link(text(client.get(f"/invitations/{invitation_a.token}/")), "Create an account")
    signup_page = text(client.get(signup_url))
    response = client.post(
        "/accounts/signup/",
        {
            "email": invitation_a.email,
            "password1": "a-long-pass-phrase-9",
            "password2": "a-long-pass-phrase-9",
            "next": _hidden(signup_page, "next"),
        },
        follow=True,
    )
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == "/"
    body = text(response)
    assert "Welcome to Northwind College of Health." in body
    assert "You are an instructor at Northwind College of Health." in body
    user = User.objects.get(email=invitation_a.email)
    assert Membership.objects.get(tenant=school_a.tenant, user=user).role == Role.INSTRUCTOR


def test_opening_your_accepted_invitation_again_goes_to_the_dashboard(school_a, invitation_a):
    newcomer = UserFactory(email=invitation_a.email)
    services.invitation_accept(tenant=school_a.tenant, invitation=invitation_a, user=newcomer)
    response = school_a.client(newcomer).get(f"/invitations/{invitation_a.token}/")
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_an_accepted_invitation_stays_invalid_for_anyone_else(school_a, invitation_a):
    newcomer = UserFactory(email=invitation_a.email)
    services.invitation_accept(tenant=school_a.tenant, invitation=invitation_a, user=newcomer)
    response = school_a.client(school_a.student).get(f"/invitations/{invitation_a.token}/")
    assert response.status_code == 410
    assert "This invitation is no longer valid" in text(response)
