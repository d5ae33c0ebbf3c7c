import pytest
from django.core import mail

from lms.models import AuditLogEntry, Invitation, Membership, Role
from tests.conftest import text
from tests.factories import MembershipFactory


@pytest.mark.parametrize("who", ["instructor", "student", "student2"])
def test_only_registrars_open_the_member_list(school_a, who):
    response = school_a.client(getattr(school_a, who)).get("/members/")
    assert response.status_code == 403
    assert "Only the school's registrars can manage members." in text(response)


def test_registrar_sees_the_schools_members_only(school_a, school_b):
    body = text(school_a.client(school_a.registrar).get("/members/"))
    assert school_a.student.email in body
    assert school_b.student.email not in body
    assert "4 members" in body


def test_member_list_filters_by_role(school_a):
    body = text(school_a.client(school_a.registrar).get("/members/?role=instructor"))
    assert school_a.instructor.email in body
    assert school_a.student.email not in body


def test_member_list_filter_returns_only_the_table_for_htmx(school_a):
    response = school_a.client(school_a.registrar).get("/members/?role=student", HTTP_HX_REQUEST="true")
    body = text(response)
    assert "<html" not in body
    assert school_a.student2.email in body
    assert school_a.registrar.email not in body


def test_member_list_searches_name_and_email(school_a):
    school_a.student2.full_name = "Dana Whitfield"
    school_a.student2.save()
    body = text(school_a.client(school_a.registrar).get("/members/?q=whitf"))
    assert school_a.student2.email in body
    assert school_a.student.email not in body


@pytest.mark.parametrize("extra_members", [5, 60])
def test_member_list_query_count_does_not_grow(school_a, extra_members, django_assert_max_num_queries):
    MembershipFactory.create_batch(extra_members, tenant=school_a.tenant)
    client = school_a.client(school_a.registrar)
    with django_assert_max_num_queries(8):
        response = client.get("/members/")
    assert response.status_code == 200


def test_registrar_invites_by_email_and_the_email_names_the_school_host(school_a, django_capture_on_commit_callbacks):
    client = school_a.client(school_a.registrar)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/members/invite/", {"email": "New.Person@Example.test", "role": "instructor"})
    assert response.status_code == 302
    invitation = Invitation.objects.get(tenant=school_a.tenant)
    assert (invitation.email, invitation.role, invitation.status) == ("new.person@example.test", "instructor", "pending")
    assert invitation.sent_at is not None
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["new.person@example.test"]
    assert school_a.tenant.name in message.subject
    assert f"http://{school_a.host}/invitations/{invitation.token}/" in message.body
    entry = AuditLogEntry.objects.get(tenant=school_a.tenant, action="invitation.created")
    assert entry.actor == school_a.registrar
    assert entry.after == {"email": "new.person@example.test", "role": "instructor"}


def test_inviting_an_existing_member_is_refused_with_a_message(school_a):
    response = school_a.client(school_a.registrar).post(
        "/members/invite/", {"email": school_a.student.email.upper(), "role": "student"}
    )
    assert response.status_code == 400
    assert "is already a member of" in text(response)
    assert not Invitation.objects.exists()


def test_inviting_twice_is_refused_and_keeps_one_invitation(school_a, invitation_a):
    response = school_a.client(school_a.registrar).post(
        "/members/invite/", {"email": invitation_a.email, "role": "student"}
    )
    assert response.status_code == 400
    assert "already has a pending invitation" in text(response)
    assert Invitation.objects.filter(tenant=school_a.tenant).count() == 1


def test_invite_with_bad_email_shows_the_field_error(school_a):
    response = school_a.client(school_a.registrar).post("/members/invite/", {"email": "not-an-email", "role": "student"})
    body = text(response)
    assert response.status_code == 400
    assert 'id="id_email_error"' in body
    assert 'aria-describedby="id_email_error"' in body
    assert 'aria-invalid="true"' in body


def test_registrar_changes_a_role_and_the_audit_log_has_before_and_after(school_a):
    member = school_a.membership(school_a.student)
    response = school_a.client(school_a.registrar).post(
        f"/members/{member.pk}/", {"role": "instructor", "is_active": "on"}
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.role == Role.INSTRUCTOR
    entry = AuditLogEntry.objects.get(tenant=school_a.tenant, action="membership.role_changed")
    assert entry.before == {"role": "student", "is_active": True}
    assert entry.after == {"role": "instructor", "is_active": True}
    assert entry.actor == school_a.registrar


def test_registrar_deactivates_a_member(school_a):
    member = school_a.membership(school_a.student2)
    school_a.client(school_a.registrar).post(f"/members/{member.pk}/", {"role": "student"})
    member.refresh_from_db()
    assert member.is_active is False
    assert AuditLogEntry.objects.filter(action="membership.status_changed", target_id=str(member.pk)).exists()


def test_registrar_cannot_demote_themselves(school_a):
    own = school_a.membership(school_a.registrar)
    response = school_a.client(school_a.registrar).post(f"/members/{own.pk}/", {"role": "student", "is_active": "on"})
    assert response.status_code == 200
    assert "You cannot change your own role" in text(response)
    own.refresh_from_db()
    assert own.role == Role.REGISTRAR
    assert not AuditLogEntry.objects.exists()


def test_unchanged_save_writes_no_audit_entry(school_a):
    member = school_a.membership(school_a.student)
    school_a.client(school_a.registrar).post(f"/members/{member.pk}/", {"role": "student", "is_active": "on"})
    assert not AuditLogEntry.objects.exists()


def test_revoking_an_invitation(school_a, invitation_a):
    response = school_a.client(school_a.registrar).post(f"/invitations/{invitation_a.pk}/revoke/")
    assert response.status_code == 302
    invitation_a.refresh_from_db()
    assert invitation_a.status == Invitation.Status.REVOKED
    assert AuditLogEntry.objects.filter(action="invitation.revoked").count() == 1


def test_dashboard_counts_people_for_registrars(school_a):
    body = text(school_a.client(school_a.registrar).get("/"))
    assert "Students</dt><dd>2</dd>" in body.replace("\n", "").replace("  ", "")


def test_students_dashboard_has_no_registrar_navigation(school_a):
    body = text(school_a.client(school_a.student).get("/"))
    assert "Dashboard" in body
    assert 'href="/members/"' not in body
    assert 'href="/school/settings/"' not in body


def test_membership_is_unique_per_school(school_a, school_b):
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        Membership.objects.create(tenant=school_a.tenant, user=school_a.student, role=Role.INSTRUCTOR)


def test_last_active_registrar_cannot_be_demoted_by_anyone(school_a):
    from django.core.exceptions import ValidationError

    from lms import services

    second = MembershipFactory(tenant=school_a.tenant, role=Role.REGISTRAR)
    services.membership_update(
        tenant=school_a.tenant, actor=second, membership=school_a.membership(school_a.registrar), role=Role.INSTRUCTOR
    )
    # `second` is now the only registrar; a stale handle on the demoted one cannot act.
    with pytest.raises(ValidationError, match="Only registrars can change members"):
        services.membership_update(
            tenant=school_a.tenant,
            actor=Membership(pk=school_a.membership(school_a.registrar).pk, tenant=school_a.tenant, role=Role.REGISTRAR),
            membership=second,
            role=Role.STUDENT,
        )
    second.refresh_from_db()
    assert second.role == Role.REGISTRAR


def test_changing_a_membership_deleted_meanwhile_is_a_clear_error(school_a):
    from django.core.exceptions import ValidationError

    from lms import services

    member = school_a.membership(school_a.student)
    Membership.objects.filter(pk=member.pk).delete()
    with pytest.raises(ValidationError, match="no longer exists"):
        services.membership_update(
            tenant=school_a.tenant, actor=school_a.membership(school_a.registrar), membership=member, role=Role.INSTRUCTOR
        )


# --- revoking asks first ------------------------------------------------------------


def test_revoke_link_on_the_members_page_opens_a_confirmation(school_a, invitation_a):
    client = school_a.client(school_a.registrar)
    body = text(client.get("/members/"))
    assert f'<a href="/invitations/{invitation_a.pk}/revoke/" class="danger">Revoke' in body
    assert f'action="/invitations/{invitation_a.pk}/revoke/"' not in body  # no one-click form any more
    response = client.get(f"/invitations/{invitation_a.pk}/revoke/")
    page = text(response)
    assert response.status_code == 200
    assert f"Revoke the invitation to {invitation_a.email}?" in page
    assert '<button type="submit" class="danger">Revoke</button>' in page
    assert '<a href="/members/">Cancel</a>' in page
    invitation_a.refresh_from_db()
    assert invitation_a.status == Invitation.Status.PENDING
    assert not AuditLogEntry.objects.exists()


def test_confirmation_page_for_a_revoked_invitation_offers_no_button(school_a, invitation_a):
    invitation_a.status = Invitation.Status.REVOKED
    invitation_a.save()
    page = text(school_a.client(school_a.registrar).get(f"/invitations/{invitation_a.pk}/revoke/"))
    assert f"The invitation to {invitation_a.email} is revoked" in page
    assert "<button" not in page.split('<main id="main"', 1)[1].split("</main>", 1)[0]


@pytest.mark.parametrize("who", ["instructor", "student"])
def test_only_registrars_open_the_revoke_confirmation(school_a, invitation_a, who):
    response = school_a.client(getattr(school_a, who)).get(f"/invitations/{invitation_a.pk}/revoke/")
    assert response.status_code == 403
    assert invitation_a.email not in text(response)


# --- sorting ------------------------------------------------------------------------


def _named(school, **names):
    for local, full_name in names.items():
        user = getattr(school, local)
        user.full_name = full_name
        user.save()


def _emails_in_order(body: str) -> list[str]:
    import re

    return re.findall(r"<td>([^<@]+@[^<]+)</td>", body)


def test_members_are_listed_by_name_case_insensitively_by_default(school_a):
    _named(school_a, registrar="zoe Young", instructor="Adam Baker", student="beth Cole", student2="")
    body = text(school_a.client(school_a.registrar).get("/members/"))
    # No name: the email stands in for it, as the table shows it.
    assert _emails_in_order(body) == [
        school_a.instructor.email, school_a.student.email, school_a.student2.email, school_a.registrar.email,
    ]
    assert '<th scope="col" aria-sort="ascending"><a href="/members/?sort=-name"' in body


def test_members_sort_by_email_descending_from_the_header_link(school_a):
    client = school_a.client(school_a.registrar)
    body = text(client.get("/members/?sort=email"))
    assert '<th scope="col" aria-sort="ascending"><a href="/members/?sort=-email"' in body
    body = text(client.get("/members/?sort=-email"))
    emails = sorted([school_a.registrar.email, school_a.instructor.email, school_a.student.email, school_a.student2.email])
    assert _emails_in_order(body) == emails[::-1]
    assert '<th scope="col" aria-sort="descending"><a href="/members/?sort=email"' in body


def test_members_sort_by_role_then_name(school_a):
    _named(school_a, student="Al Student", student2="Zoe Student")
    body = text(school_a.client(school_a.registrar).get("/members/?sort=role"))
    assert _emails_in_order(body) == [
        school_a.instructor.email, school_a.registrar.email, school_a.student.email, school_a.student2.email,
    ]


def test_members_sort_by_joined_date(school_a):
    from datetime import timedelta

    from django.utils import timezone

    for days, user in enumerate([school_a.student2, school_a.registrar, school_a.student, school_a.instructor]):
        Membership.objects.filter(user=user).update(joined_at=timezone.now() - timedelta(days=10 - days))
    body = text(school_a.client(school_a.registrar).get("/members/?sort=-joined"))
    assert _emails_in_order(body) == [
        school_a.instructor.email, school_a.student.email, school_a.registrar.email, school_a.student2.email,
    ]


def test_sort_links_keep_the_filters_and_the_filter_form_keeps_the_sort(school_a):
    body = text(school_a.client(school_a.registrar).get("/members/?role=student&q=northwind&sort=-email"))
    assert 'href="/members/?role=student&q=northwind&sort=name"' in body
    assert '<input type="hidden" name="sort" value="-email" id="id_sort">' in body


def test_htmx_sort_swaps_the_table_and_updates_the_hidden_sort(school_a):
    response = school_a.client(school_a.registrar).get("/members/?sort=-name", HTTP_HX_REQUEST="true")
    body = text(response)
    assert "<html" not in body
    assert 'aria-sort="descending"' in body
    assert 'hx-get="/members/?sort=name"' in body
    assert '<input type="hidden" name="sort" value="-name" id="id_sort" hx-swap-oob="true">' in body


def test_unknown_sort_value_is_refused_and_the_default_order_used(school_a):
    _named(school_a, registrar="Zed", instructor="Amy", student="Bo", student2="Cy")
    body = text(school_a.client(school_a.registrar).get("/members/?sort=user__password"))
    assert _emails_in_order(body)[0] == school_a.instructor.email
    assert 'aria-sort="ascending"><a href="/members/?sort=-name"' in body
