"""GET /api/v1/codes/index/, /index/<main_term_id>/, /tables/neoplasm/, /tables/drugs/, /external-causes/."""

from __future__ import annotations

import pytest

from codesets.models import IndexKind, IndexTerm

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(school_a, icd10cm_index):
    return school_a.client(school_a.student)


def test_index_search_returns_entries_with_their_status(api):
    body = api.get("/api/v1/codes/index/", {"search": "diabetes hyperglycemia"}).json()
    first = body["results"][0]
    assert first["path"] == ["Diabetes, diabetic", "with", "hyperglycemia"]
    assert (first["code"], first["code_status"], first["nemod"]) == ("E11.65", "billable", "")
    assert first["url"] == f"/codes/index/{first['main_term']}/#t{first['id']}"
    assert set(first) == {"id", "path", "nemod", "code", "code_status", "see", "see_url", "see_main_term", "see_also",
                          "see_also_url", "see_also_main_term", "main_term", "url"}


def test_an_entry_without_a_code_says_so_and_links_its_reference(api):
    body = api.get("/api/v1/codes/index/", {"search": "abdominalgia"}).json()
    entry = next(r for r in body["results"] if r["path"] == ["Abdominalgia"])
    assert entry["code"] is None and entry["code_status"] is None
    assert entry["see"] == "Pain, abdominal" and entry["see_url"].startswith("/codes/index/")
    pain = api.get(f"/api/v1/codes/index/{entry['see_main_term']}/").json()
    assert pain["title"] == "Pain" and any(t["title"] == "abdominal" for t in pain["terms"])


def test_index_search_pages(api):
    first = api.get("/api/v1/codes/index/", {"search": "fracture", "page_size": 5}).json()
    second = api.get("/api/v1/codes/index/", {"search": "fracture", "page_size": 5, "page": 2}).json()
    assert len(first["results"]) == 5 and first["next"].endswith("page=2") and first["previous"] is None
    assert {r["id"] for r in first["results"]}.isdisjoint({r["id"] for r in second["results"]})


def test_an_empty_search_is_a_clear_error(api):
    response = api.get("/api/v1/codes/index/", {"search": "  "})
    assert response.status_code == 400 and "Type some words to look up" in str(response.json())


def test_a_main_term_comes_with_its_whole_subtree(api, icd10cm_index):
    diabetes = IndexTerm.objects.get(release=icd10cm_index, kind=IndexKind.INDEX, depth=0, title="Diabetes, diabetic")
    body = api.get(f"/api/v1/codes/index/{diabetes.pk}/").json()
    assert (body["title"], body["nemod"], body["code"], body["code_status"]) == ("Diabetes, diabetic", "(mellitus) (sugar)", "E11.9", "billable")
    with_ = next(t for t in body["terms"] if t["title"] == "with")
    hyperglycemia = next(t for t in with_["terms"] if t["title"] == "hyperglycemia")
    assert hyperglycemia["code"] == "E11.65" and hyperglycemia["terms"] == []

    def count(node):
        return 1 + sum(count(child) for child in node["terms"])

    assert count(body) == IndexTerm.objects.filter(main=diabetes).count()


def test_a_subterm_id_is_not_a_main_term(api, icd10cm_index):
    subterm = IndexTerm.objects.filter(release=icd10cm_index, kind=IndexKind.INDEX, depth=2).first()
    assert api.get(f"/api/v1/codes/index/{subterm.pk}/").status_code == 404


def test_the_neoplasm_table_answers_rows_of_cells_by_heading(api):
    body = api.get("/api/v1/codes/tables/neoplasm/", {"search": "breast"}).json()
    breast = body["results"][0]
    assert breast["path"] == ["breast"]
    assert breast["cells"] == {"Malignant Primary": "C50.9-", "Malignant Secondary": "C79.81", "Ca in situ": "D05.-",
                               "Benign": "D24.-", "Uncertain Behavior": "D48.6-", "Unspecified Behavior": "D49.3"}
    assert breast["statuses"]["Malignant Primary"] == "incomplete"


def test_the_drug_table_answers_null_where_there_is_no_code(api):
    body = api.get("/api/v1/codes/tables/drugs/", {"search": "propanol"}).json()
    row = next(r for r in body["results"] if r["path"] == ["1-propanol"])
    assert row["cells"]["Poisoning Accidental (unintentional)"] == "T51.3X1" and row["cells"]["Adverse effect"] is None


def test_the_external_cause_index_answers_as_the_index(api):
    body = api.get("/api/v1/codes/external-causes/", {"search": "fall stairs"}).json()
    assert body["results"][0]["code"] == "W10.9" and body["results"][0]["code_status"] == "needs_more"
    assert body["results"][0]["url"].startswith("/codes/external-causes/")


def test_the_index_api_needs_a_member(school_a, icd10cm_index, outsider):
    assert school_a.client().get("/api/v1/codes/index/", {"search": "diabetes"}).status_code in (401, 403)
    assert school_a.client(outsider).get("/api/v1/codes/tables/drugs/", {"search": "aspirin"}).status_code in (403, 404)


def test_the_index_routes_are_in_the_api_schema(api):
    schema = api.get("/api/schema/").content.decode()
    for route in ["/api/v1/codes/index/", "/api/v1/codes/index/{main_term_id}/", "/api/v1/codes/tables/neoplasm/",
                  "/api/v1/codes/tables/drugs/", "/api/v1/codes/external-causes/"]:
        assert f"{route}:" in schema


@pytest.mark.parametrize(("small", "large"), [("Aarskog's syndrome", "Disorder")])
def test_a_main_term_answers_in_the_same_queries_however_big(api, icd10cm_index, django_assert_max_num_queries, small, large):
    for title in (small, large):
        main = IndexTerm.objects.get(release=icd10cm_index, kind=IndexKind.INDEX, depth=0, title=title)
        with django_assert_max_num_queries(8):
            assert api.get(f"/api/v1/codes/index/{main.pk}/").status_code == 200


def test_the_index_routes_say_when_the_index_is_not_loaded(api, icd10cm_index):
    from codesets.models import IndexRelease

    IndexRelease.objects.update(status="failed")
    response = api.get("/api/v1/codes/index/", {"search": "diabetes"})
    assert response.status_code == 404 and "not loaded" in str(response.json())
