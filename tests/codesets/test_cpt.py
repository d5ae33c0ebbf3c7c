"""A school's licensed CPT file: upload, loading, isolation between schools, removal, the shell command.

The files here are made up: real CPT descriptors are the AMA's and never go in the repository.
"""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.http import Http404
from django.utils import timezone

from codesets.cpt import (
    cpt_code_list,
    cpt_release_get,
    cpt_release_list,
    cpt_release_load,
    cpt_upload_create,
    parse_cpt_csv,
)
from codesets.models import Code, Release, System
from codesets.tasks import load_cpt_release
from lms.models import AuditLogEntry
from tests.conftest import text, without_bell
from tests.factories import ReleaseFactory

GOOD_CSV = (
    "code,descriptor\n"
    "10001,Office visit test descriptor\n"
    "0001F,Quality measure test descriptor\n"
    "0002T,Emerging technology test descriptor\n"
)
OTHER_CSV = "code,descriptor\n20002,Replacement test descriptor\n0003T,Another replacement test descriptor\n"


def csv_file(content: str | bytes, name: str = "cpt.csv") -> SimpleUploadedFile:
    data = content.encode() if isinstance(content, str) else content
    return SimpleUploadedFile(name, data, content_type="text/csv")


def upload(school, content: str | bytes = GOOD_CSV, version: str = "2026", user=None):
    client = school.client(user or school.registrar)
    return client.post(
        "/codes/cpt/releases/", {"upload_file": csv_file(content), "version": version, "effective_from": "2026-01-01"}
    )


# ICD-10-CM and HCPCS releases loaded once per run by other tests stay in the
# database, so these tests count CPT rows only.
def cpt_releases():
    return Release.objects.filter(system=System.CPT)


def cpt_codes():
    return Code.objects.filter(system=System.CPT)


@pytest.fixture
def loaded_release(school_a, django_capture_on_commit_callbacks) -> Release:
    with django_capture_on_commit_callbacks(execute=True):
        upload(school_a)
    return Release.objects.get(tenant=school_a.tenant, system=System.CPT)


def pending_release(school, content: str = GOOD_CSV) -> Release:
    """An upload whose load has not run: on-commit callbacks never fire inside a test transaction."""
    return cpt_upload_create(
        tenant=school.tenant, actor=school.registrar, upload_file=csv_file(content),
        version="2026", effective_from=date(2026, 1, 1),
    )


# --- the upload page -------------------------------------------------------------


def test_registrar_upload_loads_a_ready_release(school_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(school_a)
    release = Release.objects.get(tenant=school_a.tenant, system=System.CPT)
    assert response.status_code == 302
    assert response.url == f"/codes/cpt/releases/{release.pk}/"
    assert (release.status, release.progress, release.item_count, release.version) == ("ready", 100, 3, "2026")
    assert list(cpt_code_list(tenant=school_a.tenant, release_id=release.pk).values_list("code", "description")) == [
        ("10001", "Office visit test descriptor"),
        ("0001F", "Quality measure test descriptor"),
        ("0002T", "Emerging technology test descriptor"),
    ]


def test_loaded_codes_carry_the_school(school_a, loaded_release):
    codes = cpt_codes()
    assert codes.count() == 3
    assert set(codes.values_list("tenant_id", "kind", "billable")) == {(school_a.tenant.pk, "procedure", True)}
    assert loaded_release.tenant == school_a.tenant


def test_upload_is_recorded_in_the_audit_log(school_a, loaded_release):
    entry = AuditLogEntry.objects.get(tenant=school_a.tenant, action="cpt_release.uploaded")
    assert entry.actor == school_a.registrar
    assert entry.target_id == str(loaded_release.pk)
    assert entry.after["version"] == "2026"


def test_release_page_shows_the_first_codes(school_a, loaded_release):
    body = text(school_a.client(school_a.registrar).get(f"/codes/cpt/releases/{loaded_release.pk}/"))
    assert "3 codes loaded" in body
    assert "Office visit test descriptor" in body


def test_uploading_a_version_again_replaces_its_codes_and_file(
    school_a, loaded_release, django_capture_on_commit_callbacks
):
    first_file = loaded_release.upload.name
    with django_capture_on_commit_callbacks(execute=True):
        upload(school_a, OTHER_CSV)
    release = Release.objects.get(tenant=school_a.tenant, system=System.CPT)
    assert release.pk == loaded_release.pk
    assert (release.status, release.item_count) == ("ready", 2)
    assert set(cpt_codes().values_list("code", flat=True)) == {"20002", "0003T"}
    assert not release.upload.storage.exists(first_file)


# --- other schools and other roles -------------------------------------------------


def test_other_school_selectors_see_none_of_the_codes(school_a, school_b, loaded_release):
    assert not cpt_release_list(tenant=school_b.tenant).exists()
    assert not cpt_code_list(tenant=school_b.tenant, release_id=loaded_release.pk).exists()
    with pytest.raises(Http404):
        cpt_release_get(tenant=school_b.tenant, release_id=loaded_release.pk)


@pytest.mark.parametrize("path", ["/codes/cpt/releases/{pk}/", "/codes/cpt/releases/{pk}/delete/"])
def test_other_schools_registrar_gets_404_for_the_release(school_a, school_b, loaded_release, path):
    client = school_b.client(school_b.registrar)
    url = path.format(pk=loaded_release.pk)
    assert client.get(url).status_code == 404
    if url.endswith("/delete/"):
        assert client.post(url).status_code == 404
        assert Release.objects.filter(pk=loaded_release.pk).exists()


def test_other_schools_list_page_shows_nothing_of_the_release(school_a, school_b, loaded_release):
    body = text(school_b.client(school_b.registrar).get("/codes/cpt/releases/"))
    assert "No CPT file has been uploaded" in body
    assert f"/codes/cpt/releases/{loaded_release.pk}/" not in body


@pytest.mark.parametrize("who", ["instructor", "student"])
@pytest.mark.parametrize("path", ["/codes/cpt/releases/", "/codes/cpt/releases/{pk}/", "/codes/cpt/releases/{pk}/delete/"])
def test_students_and_instructors_are_refused(school_a, loaded_release, who, path):
    response = school_a.client(getattr(school_a, who)).get(path.format(pk=loaded_release.pk))
    assert response.status_code == 403
    assert "Only the school's registrars can manage its CPT codes." in text(response)


@pytest.mark.parametrize("who", ["instructor", "student"])
def test_students_and_instructors_cannot_upload(school_a, who):
    response = upload(school_a, user=getattr(school_a, who))
    assert response.status_code == 403
    assert not cpt_releases().exists()


# --- refused files -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("code,descriptor\n10001,Test descriptor\n1234X,Test descriptor\n", "Row 3: \u201c1234X\u201d is not a CPT code"),
        ("code,descriptor\n10001,Test descriptor\n10001,Test descriptor\n", "Row 3: 10001 is already in row 2"),
        ("code,descriptor\n10001,Test descriptor\n10002,   \n", "Row 3: the descriptor is empty"),
    ],
    ids=["bad-format", "duplicate", "empty-descriptor"],
)
def test_bad_rows_are_named_and_nothing_is_saved(school_a, content, expected, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = upload(school_a, content)
    assert response.status_code == 400
    assert expected in text(response)
    assert not cpt_releases().exists()
    assert not cpt_codes().exists()
    assert not callbacks


def test_binary_file_is_refused(school_a):
    response = upload(school_a, b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00workbook")
    assert response.status_code == 400
    assert "This is not a text file" in text(response)
    assert not cpt_releases().exists()


def test_file_over_five_megabytes_is_refused(school_a):
    line = b"10001,Office visit test descriptor\n"
    response = upload(school_a, line * (5 * 1024 * 1024 // len(line) + 1))
    assert response.status_code == 400
    assert "the limit is 5 MB" in text(response)
    assert not cpt_releases().exists()


def test_file_that_is_not_utf8_is_refused(school_a):
    response = upload(school_a, "10001,Caf\u00e9 test descriptor\n".encode("latin-1"))
    assert response.status_code == 400
    assert "not UTF-8 text" in text(response)


# --- reading the file ------------------------------------------------------------------


def test_parse_accepts_a_known_header_and_ignores_extra_columns():
    rows = parse_cpt_csv("\ufeffCPT Code,Short,Long Descriptor\n10001,short,Test long descriptor\n")
    assert [(r.code, r.key, r.kind, r.description, r.billable) for r in rows] == [
        ("10001", "10001", Code.Kind.PROCEDURE, "Test long descriptor", True)
    ]


def test_parse_reads_a_file_without_header_and_upper_cases_codes():
    rows = parse_cpt_csv("0001f,Quality test descriptor\n1234a,Vaccine test descriptor\n")
    assert [r.key for r in rows] == ["0001F", "1234A"]


def test_parse_reads_tab_separated_files():
    rows = parse_cpt_csv("10001\tTest descriptor, with a comma\n")
    assert rows[0].description == "Test descriptor, with a comma"


def test_parse_refuses_a_file_without_codes():
    with pytest.raises(ValidationError, match="no CPT codes"):
        parse_cpt_csv("code,descriptor\n\n")


def test_parse_refuses_a_header_without_a_descriptor_column():
    with pytest.raises(ValidationError, match="Row 1: the header has no descriptor column"):
        parse_cpt_csv("code,notes\n10001,Test descriptor\n")


def test_parse_hints_at_leading_zeros_a_spreadsheet_dropped():
    with pytest.raises(ValidationError, match="leading zeros"):
        parse_cpt_csv("100,Test descriptor\n")


def test_parse_lists_at_most_twenty_bad_rows():
    content = "code,descriptor\n" + "".join(f"X{n:04d},Test descriptor\n" for n in range(30))
    with pytest.raises(ValidationError) as raised:
        parse_cpt_csv(content)
    assert len(raised.value.messages) == 21
    assert raised.value.messages[0].startswith("Row 2:")
    assert raised.value.messages[-1] == "\u2026 and 10 more rows with problems."


# --- the background load -------------------------------------------------------------------


def test_running_the_task_twice_loads_once(school_a):
    release = pending_release(school_a)
    assert load_cpt_release(tenant_id=school_a.tenant.pk, release_id=release.pk) is True
    assert load_cpt_release(tenant_id=school_a.tenant.pk, release_id=release.pk) is False
    assert cpt_codes().count() == 3
    release.refresh_from_db()
    assert (release.status, release.item_count) == ("ready", 3)


def test_task_with_another_schools_id_does_nothing(school_a, school_b):
    release = pending_release(school_a)
    assert cpt_release_load(tenant_id=school_b.tenant.pk, release_id=release.pk) is False
    release.refresh_from_db()
    assert release.status == "pending"


def test_a_live_claim_is_not_taken_twice(school_a):
    release = pending_release(school_a)
    Release.objects.filter(pk=release.pk).update(status="loading", loaded_at=timezone.now())
    assert cpt_release_load(tenant_id=school_a.tenant.pk, release_id=release.pk) is False
    assert not cpt_codes().exists()


def test_a_claim_left_by_a_dead_worker_is_taken_again(school_a):
    release = pending_release(school_a)
    Release.objects.filter(pk=release.pk).update(status="loading", loaded_at=timezone.now() - timedelta(hours=1))
    assert cpt_release_load(tenant_id=school_a.tenant.pk, release_id=release.pk) is True
    release.refresh_from_db()
    assert (release.status, release.item_count) == ("ready", 3)


def test_a_stored_file_with_bad_rows_marks_the_release_failed(school_a):
    release = ReleaseFactory(system=System.CPT, tenant=school_a.tenant, status="pending")
    release.upload.save("bad.csv", ContentFile(b"code,descriptor\n10001,\n"))
    assert cpt_release_load(tenant_id=school_a.tenant.pk, release_id=release.pk) is False
    release.refresh_from_db()
    assert release.status == "failed"
    assert "Row 2: the descriptor is empty." in release.message
    assert not cpt_codes().exists()


def test_release_page_polls_while_loading(school_a):
    release = pending_release(school_a)
    client = school_a.client(school_a.registrar)
    assert 'hx-trigger="every 1s"' in text(client.get(f"/codes/cpt/releases/{release.pk}/"))
    partial = client.get(f"/codes/cpt/releases/{release.pk}/", HTTP_HX_REQUEST="true")
    assert partial.status_code == 200
    assert "<html" not in text(partial)
    assert "<progress" in text(partial)


def test_release_page_stops_polling_when_ready(school_a, loaded_release):
    client = school_a.client(school_a.registrar)
    assert "hx-trigger" not in without_bell(text(client.get(f"/codes/cpt/releases/{loaded_release.pk}/")))
    partial = client.get(f"/codes/cpt/releases/{loaded_release.pk}/", HTTP_HX_REQUEST="true")
    assert partial.status_code == 286  # htmx stops polling on this status
    assert "3 codes loaded" in text(partial)


# --- removal -----------------------------------------------------------------------------


def test_delete_page_asks_first(school_a, loaded_release):
    response = school_a.client(school_a.registrar).get(f"/codes/cpt/releases/{loaded_release.pk}/delete/")
    assert response.status_code == 200
    assert "Remove CPT 2026?" in text(response)
    assert Release.objects.filter(pk=loaded_release.pk).exists()


def test_delete_removes_codes_release_and_file(school_a, loaded_release, django_capture_on_commit_callbacks):
    stored = loaded_release.upload.name
    with django_capture_on_commit_callbacks(execute=True):
        response = school_a.client(school_a.registrar).post(f"/codes/cpt/releases/{loaded_release.pk}/delete/")
    assert response.status_code == 302
    assert response.url == "/codes/cpt/releases/"
    assert not Release.objects.filter(pk=loaded_release.pk).exists()
    assert not cpt_codes().exists()
    assert not loaded_release.upload.storage.exists(stored)
    assert AuditLogEntry.objects.filter(tenant=school_a.tenant, action="cpt_release.deleted").exists()


def test_a_release_being_loaded_is_not_deleted(school_a):
    release = pending_release(school_a)
    Release.objects.filter(pk=release.pk).update(status="loading", loaded_at=timezone.now())
    response = school_a.client(school_a.registrar).post(f"/codes/cpt/releases/{release.pk}/delete/", follow=True)
    assert "is loading right now" in text(response)
    assert Release.objects.filter(pk=release.pk).exists()


# --- the list page ----------------------------------------------------------------------


@pytest.mark.parametrize("releases", [2, 20])
def test_release_list_query_count_does_not_grow(school_a, releases, django_assert_max_num_queries):
    for _ in range(releases):
        ReleaseFactory(system=System.CPT, tenant=school_a.tenant, created_by=school_a.registrar)
    client = school_a.client(school_a.registrar)
    with django_assert_max_num_queries(6):  # with the header bell's count (then kept in the cache)
        response = client.get("/codes/cpt/releases/")
    assert response.status_code == 200
    assert text(response).count("<progress") == releases


# --- manage.py load_cpt -------------------------------------------------------------------


@pytest.fixture
def cpt_path(tmp_path):
    path = tmp_path / "cpt.csv"
    path.write_text(GOOD_CSV, encoding="utf-8")
    return path


def run_load_cpt(*args, **options) -> str:
    out = io.StringIO()
    call_command("load_cpt", *args, stdout=out, **options)
    return out.getvalue()


def test_load_cpt_command_loads_the_file_for_the_school(school_a, school_b, cpt_path):
    output = run_load_cpt(str(cpt_path), tenant=school_a.tenant.slug, version="2026")
    release = cpt_releases().get()
    assert (release.tenant, release.status, release.item_count) == (school_a.tenant, "ready", 3)
    assert release.effective_from == date(2026, 1, 1)
    assert set(cpt_codes().values_list("tenant_id", flat=True)) == {school_a.tenant.pk}
    assert "3 of 3 items" in output
    assert f"Loaded CPT 2026 for {school_a.tenant.name}: 3 codes" in output


def test_load_cpt_command_is_idempotent(school_a, cpt_path):
    run_load_cpt(str(cpt_path), tenant=school_a.tenant.slug, version="2026")
    ids = set(cpt_codes().values_list("id", flat=True))
    output = run_load_cpt(str(cpt_path), tenant=school_a.tenant.slug, version="2026")
    assert "already loaded" in output
    assert set(cpt_codes().values_list("id", flat=True)) == ids
    assert cpt_releases().count() == 1


def test_load_cpt_command_reloads_with_force(school_a, cpt_path):
    run_load_cpt(str(cpt_path), tenant=school_a.tenant.slug, version="2026")
    run_load_cpt(str(cpt_path), tenant=school_a.tenant.slug, version="2026", force=True)
    assert cpt_codes().count() == 3


def test_load_cpt_command_refuses_an_unknown_school(db, cpt_path):
    with pytest.raises(CommandError, match='No school has the slug "nowhere"'):
        run_load_cpt(str(cpt_path), tenant="nowhere")


def test_load_cpt_command_lists_the_bad_rows(school_a, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("code,descriptor\n10001,Test descriptor\n99,Test descriptor\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Row 3:"):
        run_load_cpt(str(path), tenant=school_a.tenant.slug)
    assert not cpt_releases().exists()
