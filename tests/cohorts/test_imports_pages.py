"""Enrollment import pages and API: upload, preview, apply, progress; registrars only."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cohorts.models import Enrollment, EnrollmentImport
from tests.conftest import text
from tests.factories import CohortFactory, EnrollmentFactory

HEADER = "email,full_name,section_code,state\n"
Status = EnrollmentImport.Status


@pytest.fixture
def section(school_a):
    cohort = CohortFactory(tenant=school_a.tenant, section_code="MCC-103-S27-01", capacity=25)
    EnrollmentFactory(cohort=cohort, membership=school_a.membership(school_a.student), state="active")
    return cohort


@pytest.fixture
def good_csv(school_a, section) -> str:
    return (
        HEADER
        + f"{school_a.student2.email},Priya Raman,MCC-103-S27-01,active\n"
        + f"{school_a.student.email},Sam Student,MCC-103-S27-01,active\n"
        + "new.coder@example.test,Jordan Newcomer,MCC-103-S27-01,waitlisted\n"
    )


def csv_file(body: str | bytes, name: str = "spring-roster.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, body.encode("utf-8") if isinstance(body, str) else body, content_type="text/csv")


def upload(school, body, user=None, **extra):
    client = school.client(user or school.registrar)
    return client.post("/enrollment-imports/", {"file": csv_file(body)}, **extra)


# --- who may open it -----------------------------------------------------------------


def test_registrar_sees_the_upload_form_and_past_imports(school_a, good_csv):
    upload(school_a, good_csv)
    response = school_a.client(school_a.registrar).get("/enrollment-imports/")
    body = text(response)
    assert response.status_code == 200
    assert '<label for="id_file">Enrollment file (CSV):</label>' in body
    assert "spring-roster.csv" in body and "Previewed" in body


@pytest.mark.parametrize("who", ["instructor", "student"])
def test_instructors_and_students_may_not_import(school_a, who):
    client = school_a.client(getattr(school_a, who))
    response = client.get("/enrollment-imports/")
    assert response.status_code == 403
    assert "Only the school's registrars can import enrollments." in text(response)
    response = client.post("/enrollment-imports/", {"file": csv_file(HEADER + "a@b.test,A B,X,active\n")})
    assert response.status_code == 403
    assert not EnrollmentImport.objects.exists()


def test_anonymous_visitor_is_sent_to_sign_in(school_a):
    response = school_a.client().get("/enrollment-imports/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_another_schools_import_is_not_found(school_a, school_b, good_csv):
    upload(school_a, good_csv)
    record = EnrollmentImport.objects.get()
    assert school_b.client(school_b.registrar).get(f"/enrollment-imports/{record.pk}/").status_code == 404
    assert school_b.client(school_b.registrar).post(f"/enrollment-imports/{record.pk}/apply/").status_code == 404
    record.refresh_from_db()
    assert record.status == Status.PREVIEWED


# --- upload and preview ------------------------------------------------------------------


def test_upload_shows_the_preview_with_totals_and_an_apply_button(school_a, good_csv):
    response = upload(school_a, good_csv)
    record = EnrollmentImport.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/enrollment-imports/{record.pk}/"
    body = text(school_a.client(school_a.registrar).get(response["Location"]))
    assert re.search(r"3 rows:\s+2 changes,\s+0 errors,\s+1 without change", body)
    assert "new enrollment: active" in body
    assert "will be invited as a student first; when they accept: new enrollment: waitlisted" in body
    assert "Apply 3 rows" in body
    assert "Fix the file and upload it again" not in body


def test_preview_with_errors_lists_them_first_and_offers_no_apply(school_a, good_csv):
    upload(school_a, good_csv + "casey@example.test,Casey Quinn,MCC-103-X,active\nnot-an-email,Pat Doe,MCC-103-S27-01,active\n")
    record = EnrollmentImport.objects.get()
    body = text(school_a.client(school_a.registrar).get(f"/enrollment-imports/{record.pk}/"))
    assert re.search(r"5 rows:\s+2 changes,\s+2 errors", body)
    assert "line 5: no cohort with section MCC-103-X" in body
    assert "line 6: \u201cnot-an-email\u201d is not an email address" in body
    assert body.index("line 5: no cohort") < body.index("new enrollment: active")
    assert "Fix the file and upload it again" in body
    assert "Apply 5 rows" not in body


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"PK\x03\x04\x14\x00\x06\x00workbook", "This is not a text file (it looks like an Excel workbook"),
        (b"email,full_name,section_code,state\n\x00\x00", "This is not a text file."),
        (b"x" * (5 * 1024 * 1024 + 10), "The file is 5.0 MB; the limit is 5 MB."),
        ((HEADER + "jose@example.test,Jos\u00e9,MCC-103-S27-01,active\n").encode("cp1252"),
         "The file is not UTF-8 text: line 2"),
        (b"Email,Name,Section Code,State\n", "the header row has no full_name column"),
    ],
    ids=["xlsx", "nul", "size", "cp1252", "columns"],
)
def test_refused_upload_says_why_on_the_form_and_saves_nothing(school_a, body, message):
    response = upload(school_a, body)
    assert response.status_code == 400
    page = text(response)
    assert message in page
    assert 'aria-invalid="true"' in page  # the message belongs to the file field
    assert not EnrollmentImport.objects.exists()


def test_upload_without_a_file_is_refused(school_a):
    response = school_a.client(school_a.registrar).post("/enrollment-imports/", {})
    assert response.status_code == 400
    assert "This field is required." in text(response)


# --- apply and progress ------------------------------------------------------------------


def test_apply_runs_the_file_and_the_page_shows_it_applied(school_a, section, good_csv, django_capture_on_commit_callbacks):
    upload(school_a, good_csv)
    record = EnrollmentImport.objects.get()
    client = school_a.client(school_a.registrar)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/enrollment-imports/{record.pk}/apply/")
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.status == Status.APPLIED
    assert Enrollment.objects.get(cohort=section, membership__user=school_a.student2).state == "active"
    body = text(client.get(f"/enrollment-imports/{record.pk}/"))
    assert "Applying spring-roster.csv: every row, or none if one fails." in body
    assert "Applied." in body and "Waiting for the invitation to be accepted" in body
    assert 'role="progressbar"' in body and 'aria-valuenow="3"' in body and 'aria-valuemax="3"' in body
    assert 'hx-trigger="every 1s"' not in body


def test_second_apply_click_changes_nothing_and_says_so(school_a, good_csv, django_capture_on_commit_callbacks):
    upload(school_a, good_csv)
    record = EnrollmentImport.objects.get()
    client = school_a.client(school_a.registrar)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/enrollment-imports/{record.pk}/apply/")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(f"/enrollment-imports/{record.pk}/apply/", follow=True)
    assert not callbacks
    assert "spring-roster.csv is already applied; nothing more to do." in text(response)


def test_apply_of_a_file_with_errors_is_refused_with_the_reason(school_a, good_csv):
    upload(school_a, good_csv + "casey@example.test,Casey Quinn,MCC-103-X,active\n")
    record = EnrollmentImport.objects.get()
    response = school_a.client(school_a.registrar).post(f"/enrollment-imports/{record.pk}/apply/", follow=True)
    assert "This file has 1 row with problems, so nothing can be applied." in text(response)
    record.refresh_from_db()
    assert record.status == Status.PREVIEWED


def test_queued_import_page_polls_its_progress_until_done(school_a, good_csv):
    upload(school_a, good_csv)
    record = EnrollmentImport.objects.get()
    EnrollmentImport.objects.filter(pk=record.pk).update(status=Status.APPLYING, processed=1)
    client = school_a.client(school_a.registrar)
    body = text(client.get(f"/enrollment-imports/{record.pk}/"))
    assert f'hx-get="/enrollment-imports/{record.pk}/" hx-trigger="every 1s"' in body
    polled = client.get(f"/enrollment-imports/{record.pk}/", HTTP_HX_REQUEST="true")
    assert polled.status_code == 200
    assert 'aria-valuenow="1"' in text(polled) and "1 of 3 rows (33%)" in text(polled)
    assert "<html" not in text(polled)
    EnrollmentImport.objects.filter(pk=record.pk).update(status=Status.FAILED, message="line 2: MCC-103-S27-01 is full.")
    done = client.get(f"/enrollment-imports/{record.pk}/", HTTP_HX_REQUEST="true")
    assert done.status_code == 286  # htmx stops polling
    assert "Nothing was applied." in text(done) and "line 2: MCC-103-S27-01 is full." in text(done)


# --- queries -----------------------------------------------------------------------------


def _imports(school, count: int, rows: int) -> list[EnrollmentImport]:
    row = {"line": 2, "email": "a@b.test", "name": "A B", "section": "S", "state": "active",
           "change": "new enrollment: active", "errors": [], "person": "student", "action": "set"}
    return EnrollmentImport.objects.bulk_create(
        [
            EnrollmentImport(tenant=school.tenant, created_by=school.registrar, file_name=f"roster-{n}.csv",
                             content=HEADER, rows=[{**row, "line": i + 2} for i in range(rows)], total=rows)
            for n in range(count)
        ]
    )


@pytest.mark.parametrize("count", [2, 30])
def test_import_list_queries_do_not_grow(school_a, count, django_assert_max_num_queries):
    _imports(school_a, count, rows=3)
    client = school_a.client(school_a.registrar)
    client.get("/enrollment-imports/")
    with django_assert_max_num_queries(8):
        response = client.get("/enrollment-imports/")
    assert text(response).count("roster-") == min(count, 25)


@pytest.mark.parametrize("rows", [20, 1000])
def test_import_page_queries_do_not_grow_with_rows(school_a, rows, django_assert_max_num_queries):
    record = _imports(school_a, 1, rows=rows)[0]
    client = school_a.client(school_a.registrar)
    client.get(f"/enrollment-imports/{record.pk}/")
    with django_assert_max_num_queries(7):
        response = client.get(f"/enrollment-imports/{record.pk}/")
    assert f"{rows:,} rows:" in text(response)


# --- API -----------------------------------------------------------------------------------


def api(school, user=None):
    return school.client(user or school.registrar)


def test_api_upload_answers_201_with_the_preview(school_a, good_csv):
    response = api(school_a).post("/api/v1/enrollment-imports/", {"file": csv_file(good_csv)})
    assert response.status_code == 201
    data = response.json()
    assert data["status"] == "previewed" and data["total"] == 3 and data["error_count"] == 0
    assert data["rows"][0] == {
        "line": 2, "email": "student2@northwind.test", "name": "Priya Raman", "section": "MCC-103-S27-01",
        "state": "active", "change": "new enrollment: active", "errors": [], "pending": False, "outcome": "",
    }


def test_api_refuses_a_bad_file_in_the_shared_error_shape(school_a):
    response = api(school_a).post("/api/v1/enrollment-imports/", {"file": csv_file(b"%PDF-1.4 binary")})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert error["fields"]["file"][0].startswith("This is not a text file (it looks like a PDF)")
    assert not EnrollmentImport.objects.exists()


def test_api_lists_and_retrieves_imports_with_rows(school_a, good_csv):
    created = api(school_a).post("/api/v1/enrollment-imports/", {"file": csv_file(good_csv)}).json()
    listed = api(school_a).get("/api/v1/enrollment-imports/").json()
    assert [r["id"] for r in listed["results"]] == [created["id"]]
    assert "rows" not in listed["results"][0]
    detail = api(school_a).get(f"/api/v1/enrollment-imports/{created['id']}/").json()
    assert len(detail["rows"]) == 3 and detail["processed"] == 0 and detail["percent"] == 0


def test_api_apply_answers_202_and_applies(school_a, section, good_csv, django_capture_on_commit_callbacks):
    created = api(school_a).post("/api/v1/enrollment-imports/", {"file": csv_file(good_csv)}).json()
    with django_capture_on_commit_callbacks(execute=True):
        response = api(school_a).post(f"/api/v1/enrollment-imports/{created['id']}/apply/", content_type="application/json")
    assert response.status_code == 202
    assert response.json()["status"] in ("queued", "applied")
    detail = api(school_a).get(f"/api/v1/enrollment-imports/{created['id']}/").json()
    assert detail["status"] == "applied" and detail["processed"] == 3
    assert [r["pending"] for r in detail["rows"]] == [False, False, True]


def test_api_apply_of_a_file_with_errors_is_400(school_a, good_csv):
    created = api(school_a).post(
        "/api/v1/enrollment-imports/", {"file": csv_file(good_csv + "casey@example.test,Casey,MCC-103-X,active\n")}
    ).json()
    response = api(school_a).post(f"/api/v1/enrollment-imports/{created['id']}/apply/")
    assert response.status_code == 400
    assert "Fix the file and upload it again" in response.json()["error"]["message"]


@pytest.mark.parametrize("who", ["instructor", "student"])
def test_api_is_for_registrars_only(school_a, good_csv, who):
    client = api(school_a, getattr(school_a, who))
    assert client.get("/api/v1/enrollment-imports/").status_code == 403
    assert client.post("/api/v1/enrollment-imports/", {"file": csv_file(good_csv)}).status_code == 403
    assert not EnrollmentImport.objects.exists()


def test_api_hides_another_schools_import(school_a, school_b, good_csv):
    created = api(school_a).post("/api/v1/enrollment-imports/", {"file": csv_file(good_csv)}).json()
    assert api(school_b).get(f"/api/v1/enrollment-imports/{created['id']}/").status_code == 404
    assert api(school_b).post(f"/api/v1/enrollment-imports/{created['id']}/apply/").status_code == 404
    assert api(school_b).get("/api/v1/enrollment-imports/").json()["results"] == []
