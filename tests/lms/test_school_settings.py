import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from lms.models import AuditLogEntry, Tenant, contrast_with_white
from tests.conftest import text
from tests.factories import AuditLogEntryFactory

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _form(**overrides):
    data = {
        "name": "Northwind College of Health",
        "accent_colour": "#1f5f8b",
        "time_zone": "America/New_York",
        "signup_policy": "invite",
        "coding_partial_credit": "0.50",
    }
    data.update(overrides)
    return data


def test_registrar_changes_name_colour_time_zone_and_policy_with_an_audit_entry(school_a):
    response = school_a.client(school_a.registrar).post(
        "/school/settings/",
        _form(name="Northwind Health", accent_colour="#7a1f3d", time_zone="America/Denver", signup_policy="open"),
    )
    assert response.status_code == 302
    tenant = Tenant.objects.get(pk=school_a.tenant.pk)
    assert (tenant.name, tenant.accent_colour, tenant.time_zone, tenant.signup_policy) == (
        "Northwind Health", "#7a1f3d", "America/Denver", "open",
    )
    entry = AuditLogEntry.objects.get(action="school.settings_changed")
    assert entry.before["name"] == "Northwind College of Health"
    assert entry.after["name"] == "Northwind Health"
    assert "--accent: #7a1f3d" in text(school_a.client(school_a.registrar).get("/"))


def test_low_contrast_colour_is_refused_and_nothing_changes(school_a):
    response = school_a.client(school_a.registrar).post("/school/settings/", _form(name="Renamed", accent_colour="#ffff66"))
    assert response.status_code == 400
    assert "pick a darker colour" in text(response)
    tenant = Tenant.objects.get(pk=school_a.tenant.pk)
    assert tenant.name == "Northwind College of Health"
    assert not AuditLogEntry.objects.exists()


def test_contrast_ratio_matches_wcag_reference_values():
    assert contrast_with_white("#000000") == pytest.approx(21.0)
    assert contrast_with_white("#767676") == pytest.approx(4.54, abs=0.01)


def test_png_logo_is_stored_and_served_on_the_schools_host(school_a):
    logo = SimpleUploadedFile("crest.png", PNG, content_type="image/png")
    response = school_a.client(school_a.registrar).post("/school/settings/", {**_form(), "logo": logo})
    assert response.status_code == 302
    served = school_a.client().get("/school/logo/")
    assert served.status_code == 200
    assert served["Content-Type"] == "image/png"
    assert b"".join(served.streaming_content) == PNG


def test_svg_logo_is_refused(school_a):
    svg = SimpleUploadedFile("crest.png", b"<svg onload='alert(1)'></svg>", content_type="image/png")
    response = school_a.client(school_a.registrar).post("/school/settings/", {**_form(), "logo": svg})
    assert response.status_code == 400
    assert "Upload a PNG, JPEG or WebP image." in text(response)
    assert not Tenant.objects.get(pk=school_a.tenant.pk).logo


def test_oversized_logo_is_refused(school_a):
    big = SimpleUploadedFile("big.png", PNG + b"\x00" * 600_000, content_type="image/png")
    response = school_a.client(school_a.registrar).post("/school/settings/", {**_form(), "logo": big})
    assert response.status_code == 400
    assert "the limit is 512 KB" in text(response)


def test_school_without_logo_answers_404_for_it(school_a):
    assert school_a.client().get("/school/logo/").status_code == 404


@pytest.mark.parametrize("who", ["instructor", "student"])
def test_only_registrars_change_settings_or_read_the_audit_log(school_a, who):
    client = school_a.client(getattr(school_a, who))
    assert client.post("/school/settings/", _form(name="Hijacked")).status_code == 403
    assert client.get("/school/audit-log/").status_code == 403
    assert Tenant.objects.get(pk=school_a.tenant.pk).name == "Northwind College of Health"


def test_audit_log_shows_who_what_and_the_change(school_a, school_b):
    AuditLogEntryFactory(tenant=school_a.tenant, actor=school_a.registrar, target_repr="Sam Patel")
    AuditLogEntryFactory(tenant=school_b.tenant, actor=school_b.registrar, target_repr="Riverside person")
    body = text(school_a.client(school_a.registrar).get("/school/audit-log/"))
    assert "<td>Role changed</td>" in body
    assert "Sam Patel" in body and school_a.registrar.email in body
    assert "<strong>Role</strong>: <del>Student</del> → <ins>Instructor</ins>" in body
    assert "Riverside person" not in body


def test_audit_log_filters_by_action(school_a):
    AuditLogEntryFactory(tenant=school_a.tenant, action="invitation.created", target_repr="only-invite")
    AuditLogEntryFactory(tenant=school_a.tenant, action="membership.role_changed", target_repr="only-role")
    body = text(school_a.client(school_a.registrar).get("/school/audit-log/?action=invitation.created"))
    assert "only-invite" in body and "only-role" not in body


@pytest.mark.parametrize("entries", [3, 60])
def test_audit_log_query_count_does_not_grow(school_a, entries, django_assert_max_num_queries):
    AuditLogEntryFactory.create_batch(entries, tenant=school_a.tenant, actor=school_a.instructor)
    client = school_a.client(school_a.registrar)
    with django_assert_max_num_queries(8):
        assert client.get("/school/audit-log/").status_code == 200


def test_html_disguised_as_png_is_stored_and_served_as_an_image_only(school_a):
    disguised = SimpleUploadedFile("x.html", PNG + b"<script>alert(1)</script>", content_type="text/html")
    response = school_a.client(school_a.registrar).post("/school/settings/", {**_form(), "logo": disguised})
    assert response.status_code == 302
    tenant = Tenant.objects.get(pk=school_a.tenant.pk)
    assert tenant.logo.name.endswith(".png") and "x.html" not in tenant.logo.name
    served = school_a.client().get("/school/logo/")
    assert served["Content-Type"] == "image/png"
    assert "sandbox" in served["Content-Security-Policy"]


def _settings_page_with_a_logo(school_a) -> str:
    client = school_a.client(school_a.registrar)
    client.post("/school/settings/", {**_form(), "logo": SimpleUploadedFile("crest.png", PNG, content_type="image/png")})
    return text(client.get("/school/settings/"))


def test_logo_field_previews_the_current_logo_instead_of_its_file_name(school_a):
    body = _settings_page_with_a_logo(school_a)
    stored = Tenant.objects.get(pk=school_a.tenant.pk).logo.name
    assert '<img src="/school/logo/?v=' in body and 'alt="Current logo"' in body
    assert stored not in body.replace(f"?v={stored}", "")  # only as the preview's cache key, never shown
    assert "Currently:" not in body


def test_logo_field_has_a_remove_checkbox_with_its_label_beside_it(school_a):
    body = _settings_page_with_a_logo(school_a)
    assert (
        '<div class="checkbox">\n  <input type="checkbox" name="logo-clear" id="logo-clear_id">\n'
        '  <label for="logo-clear_id">Remove the logo</label>\n</div>'
    ) in body
    assert ">Clear</label>" not in body


def test_logo_file_input_is_labelled_replace_the_logo_under_a_logo_legend(school_a):
    body = _settings_page_with_a_logo(school_a)
    assert '<label for="id_logo">Replace the logo</label>' in body
    assert '<fieldset aria-describedby="id_logo_helptext">' in body
    assert "<legend>Logo:</legend>" in body


def test_logo_field_without_a_logo_offers_an_upload_only(school_a):
    body = text(school_a.client(school_a.registrar).get("/school/settings/"))
    assert '<label for="id_logo">Upload a logo</label>' in body
    assert "Remove the logo" not in body and 'alt="Current logo"' not in body


def test_remove_the_logo_checkbox_removes_it(school_a):
    client = school_a.client(school_a.registrar)
    client.post("/school/settings/", {**_form(), "logo": SimpleUploadedFile("crest.png", PNG, content_type="image/png")})
    response = client.post("/school/settings/", {**_form(), "logo-clear": "on"})
    assert response.status_code == 302
    assert not Tenant.objects.get(pk=school_a.tenant.pk).logo
    assert school_a.client().get("/school/logo/").status_code == 404


def test_registrar_sets_the_partial_credit_for_coding_answers(school_a):
    response = school_a.client(school_a.registrar).post("/school/settings/", _form(coding_partial_credit="0.75"))
    assert response.status_code == 302
    assert str(Tenant.objects.get(pk=school_a.tenant.pk).coding_partial_credit) == "0.75"


def test_partial_credit_above_one_is_refused_and_nothing_changes(school_a):
    response = school_a.client(school_a.registrar).post("/school/settings/", _form(coding_partial_credit="1.5"))
    assert response.status_code == 400
    assert "Ensure this value is less than or equal to 1" in text(response)
    assert str(Tenant.objects.get(pk=school_a.tenant.pk).coding_partial_credit) == "0.50"
