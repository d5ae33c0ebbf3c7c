"""The code-set API: search, one code, and the check endpoint."""

from __future__ import annotations

import pytest

from tests.factories import CodeFactory, ReleaseFactory

pytestmark = pytest.mark.django_db


def test_search_returns_ranked_codes(icd10cm, school_a):
    body = school_a.client(school_a.student).get("/api/v1/codes/", {"system": "icd10cm", "search": "E11.6", "page_size": 2}).json()
    assert [r["code"] for r in body["results"]] == ["E11.6", "E11.61"]
    assert body["results"][0] == {"code": "E11.6", "system": "icd10cm", "description": "Type 2 diabetes mellitus with other specified complications",
                                  "billable": False, "kind": "subcategory", "match": "exact", "url": "/api/v1/codes/icd10cm/E11.6/"}
    assert body["next"].endswith("page=2") and body["previous"] is None


def test_search_second_page_continues_the_first(icd10cm, school_a):
    client = school_a.client(school_a.student)
    first = client.get("/api/v1/codes/", {"search": "E11.6", "page_size": 2}).json()
    second = client.get("/api/v1/codes/", {"search": "E11.6", "page_size": 2, "page": 2}).json()
    assert [r["code"] for r in second["results"]] == ["E11.610", "E11.618"]
    assert second["previous"] and not set(r["code"] for r in first["results"]) & set(r["code"] for r in second["results"])


def test_search_without_text_is_a_clear_400(school_a):
    response = school_a.client(school_a.student).get("/api/v1/codes/", {"search": "  "})
    assert response.status_code == 400
    assert response.json()["error"]["fields"]["search"] == ["Type a code or some words to search for."]


def test_search_unknown_system_is_a_400(school_a):
    response = school_a.client(school_a.student).get("/api/v1/codes/", {"search": "E11", "system": "icd9"})
    assert response.status_code == 400 and "system" in response.json()["error"]["fields"]


def test_code_detail_has_hierarchy_notes_and_seventh_characters(icd10cm, school_a):
    body = school_a.client(school_a.student).get("/api/v1/codes/icd10cm/S72.001/").json()
    assert body["billable"] is False and body["parent"]["code"] == "S72.00"
    assert [a["code"] for a in body["ancestors"]] == ["19", "S70-S79", "S72", "S72.0", "S72.00"]
    assert body["children"][0]["code"] == "S72.001A"
    assert body["seventh_characters_from"] == "S72"
    assert {"character": "A", "description": "initial encounter for closed fracture"} in body["seventh_characters"]
    assert body["release"]["version"] == "2026-04"


def test_code_detail_notes_name_their_codes(icd10cm, school_a):
    body = school_a.client(school_a.student).get("/api/v1/codes/icd10cm/e11/").json()
    note = next(n for n in body["notes"]["excludes1"] if n["text"].startswith("type 1 diabetes"))
    assert note["codes"] == [{"text": "E10.-", "code": "E10", "url": "/api/v1/codes/icd10cm/E10/"}]
    assert body["notes"]["use_additional"]


def test_unknown_code_is_a_404_in_json(icd10cm, school_a):
    response = school_a.client(school_a.student).get("/api/v1/codes/icd10cm/E11.99/")
    assert response.status_code == 404 and response.json()["error"]["message"] == "E11.99 is not in ICD-10-CM 2026-04."


def test_check_reports_an_excludes1_conflict(icd10cm, school_a):
    response = school_a.client(school_a.student).post(
        "/api/v1/codes/check/", {"system": "icd10cm", "codes": ["e1165", "E10.9"]}, content_type="application/json")
    body = response.json()
    assert response.status_code == 200 and body["ok"] is False
    assert [c["code"] for c in body["codes"]] == ["E11.65", "E10.9"]
    assert body["findings"][0]["rule"] == "excludes1"
    assert body["findings"][0]["note"] == {"kind": "excludes1", "text": "type 1 diabetes mellitus (E10.-)", "code": "E11",
                                           "description": "Type 2 diabetes mellitus"}


def test_check_reports_the_missing_seventh_character(icd10cm, school_a):
    body = school_a.client(school_a.student).post(
        "/api/v1/codes/check/", {"system": "icd10cm", "codes": ["S72.001"]}, content_type="application/json").json()
    assert body["codes"][0]["missing"]["what"] == "seventh_character"
    assert body["codes"][0]["missing"]["allowed"][0] == {"character": "A", "description": "initial encounter for closed fracture", "code": "S72.001A"}


def test_check_with_bad_input_changes_nothing_and_says_why(school_a):
    response = school_a.client(school_a.student).post(
        "/api/v1/codes/check/", {"system": "icd10cm", "codes": []}, content_type="application/json")
    assert response.status_code == 400 and "codes" in response.json()["error"]["fields"]


def test_anonymous_cannot_use_the_api(school_a):
    assert school_a.client().get("/api/v1/codes/", {"search": "E11"}).status_code in (401, 403)


def test_non_member_cannot_use_the_api(school_a, school_b):
    client = school_a.client(school_b.student)
    assert client.get("/api/v1/codes/", {"search": "E11"}).status_code == 403
    assert client.post("/api/v1/codes/check/", {"system": "icd10cm", "codes": ["E11.9"]}, content_type="application/json").status_code == 403


def test_licensed_cpt_code_is_visible_to_its_school_only(school_a, school_b):
    release = ReleaseFactory(system="cpt", tenant=school_a.tenant, version="2026")
    CodeFactory(release=release, code="99213", key="99213", description="Licensed descriptor of school A")
    assert school_a.client(school_a.student).get("/api/v1/codes/cpt/99213/").json()["description"] == "Licensed descriptor of school A"
    other = school_b.client(school_b.student).get("/api/v1/codes/cpt/99213/")
    assert other.status_code == 404 and "Licensed descriptor" not in other.content.decode()
    check = school_b.client(school_b.student).post(
        "/api/v1/codes/check/", {"system": "cpt", "codes": ["99213"]}, content_type="application/json").json()
    assert check["codes"][0]["valid"] is None and check["codes"][0]["findings"][0]["rule"] == "format_only"


@pytest.mark.parametrize("page_size", [5, 100])
def test_search_query_count_does_not_grow_with_page_size(icd10cm, school_a, django_assert_max_num_queries, page_size):
    client = school_a.client(school_a.student)
    with django_assert_max_num_queries(12):
        body = client.get("/api/v1/codes/", {"search": "fracture", "page_size": page_size}).json()
    assert len(body["results"]) == page_size


@pytest.mark.parametrize("code", ["E11.65", "1"])
def test_detail_query_count_does_not_grow_with_children_or_notes(icd10cm, school_a, django_assert_max_num_queries, code):
    # E11.65 has no children and a few inherited notes; chapter 1 has 22 blocks and many notes.
    client = school_a.client(school_a.student)
    with django_assert_max_num_queries(12):
        assert client.get(f"/api/v1/codes/icd10cm/{code}/").status_code == 200
