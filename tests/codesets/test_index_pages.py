"""The encoder's Index, Neoplasms, Drugs and External causes pages, the code page's Index entries, the panel."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from codesets.models import IndexKind, IndexTerm
from tests.conftest import text

pytestmark = pytest.mark.django_db


@pytest.fixture
def student(school_a, icd10cm_index):
    return school_a.client(school_a.student)


def main_term(index, title: str, kind: str = IndexKind.INDEX) -> IndexTerm:
    return IndexTerm.objects.get(release=index, kind=kind, depth=0, title=title)


def test_the_encoder_opens_each_book(student):
    page = text(student.get(reverse("codes:encoder")))
    nav = re.search(r'<nav class="encoder-tabs".*?</nav>', page, re.S).group(0)
    assert re.findall(r">([A-Za-z ]+)</a>", nav) == ["Tabular", "Index", "Neoplasms", "Drugs", "External causes"]
    assert 'aria-current="page">Tabular' in nav


def test_index_search_shows_paths_with_what_the_tabular_says(student):
    page = text(student.get(reverse("codes:index"), {"q": "fracture femur neck"}))
    assert "Fracture, traumatic</span>" in page and "S72.00-" in page
    assert "incomplete: finish it in the Tabular" in page
    assert 'href="/codes/icd10cm/S72.00/"' in page


def test_index_search_as_you_type_answers_the_results_only(student):
    response = student.get(reverse("codes:index"), {"q": "diabetes hyperglycemia"}, HTTP_HX_REQUEST="true")
    page = text(response)
    assert "<html" not in page and 'id="index-hits"' in page and "E11.65" in page
    assert 'id="index-status" hx-swap-oob="innerHTML"' in page


def test_a_search_that_finds_nothing_says_what_to_try(student):
    page = text(student.get(reverse("codes:index"), {"q": "zzzqqq"}))
    assert "No entries match “zzzqqq”" in page


def test_a_letter_lists_its_main_terms(student, icd10cm_index):
    page = text(student.get(reverse("codes:index"), {"letter": "d"}))
    assert "Diabetes, diabetic" in page and "Aarskog" not in page
    assert re.search(r"\d+ main terms under D\.", page)


def test_a_main_term_page_reads_like_the_printed_index(student, icd10cm_index):
    diabetes = main_term(icd10cm_index, "Diabetes, diabetic")
    page = text(student.get(reverse("codes:index_term", args=[diabetes.pk])))
    assert '<h1>Diabetes, diabetic <span class="nemod">(mellitus) (sugar)</span></h1>' in page
    hyperglycemia = IndexTerm.objects.get(main=diabetes, trail=["Diabetes, diabetic", "with", "hyperglycemia"])
    row = re.search(rf'<li id="t{hyperglycemia.pk}".*?</li>', page, re.S).group(0)
    assert '<span class="dashes" aria-hidden="true">--</span>' in row and "Level 2" in row
    assert 'href="/codes/icd10cm/E11.65/"' in row and "billable" in row


def test_a_subterm_id_opens_its_main_term_at_the_subterm(student, icd10cm_index):
    diabetes = main_term(icd10cm_index, "Diabetes, diabetic")
    subterm = IndexTerm.objects.get(main=diabetes, trail=["Diabetes, diabetic", "with"])
    response = student.get(reverse("codes:index_term", args=[subterm.pk]))
    assert response.status_code == 302 and response["Location"] == f"/codes/index/{diabetes.pk}/#t{subterm.pk}"


def test_a_see_reference_is_a_link_to_the_term_it_names(student, icd10cm_index):
    abdominalgia = main_term(icd10cm_index, "Abdominalgia")
    page = text(student.get(reverse("codes:index_term", args=[abdominalgia.pk])))
    pain = abdominalgia.see_term
    assert f'<em>see</em> <a href="/codes/index/{pain.main_id}/#t{pain.pk}">Pain, abdominal</a>' in page


def test_an_unknown_term_is_not_found(student):
    assert student.get(reverse("codes:index_term", args=[10**9])).status_code == 404


def test_the_neoplasm_table_has_row_and_column_headers(student):
    page = text(student.get(reverse("codes:neoplasms"), {"q": "breast"}))
    assert '<th scope="col">Malignant Primary</th>' in page and '<th scope="col">Unspecified Behavior</th>' in page
    row = re.search(r'<tr id="t\d+">\s*<th scope="row"[^>]*>breast <span class="nemod">.*?</tr>', page, re.S).group(0)
    assert '<a href="/codes/icd10cm/C50.9/">C50.9-</a>' in row
    assert 'role="region"' in page and 'tabindex="0"' in page


def test_the_neoplasm_table_opens_at_its_first_letter(student):
    page = text(student.get(reverse("codes:neoplasms")))
    assert "abdomen, abdominal" in page and "Neoplasm, neoplastic" in page
    assert 'aria-current="page">A<' in page


def test_the_drug_table_reminds_that_the_seventh_character_comes_from_the_tabular(student):
    page = text(student.get(reverse("codes:drugs"), {"q": "aspirin"}))
    assert "Every code here lacks its 7th character" in page
    assert '<a href="/codes/icd10cm/T39.011/">T39.011</a><span class="visually-hidden"> (needs more characters)</span>' in page


def test_the_drug_table_pages_through_a_letter(student):
    first = text(student.get(reverse("codes:drugs"), {"letter": "A"}))
    second = text(student.get(reverse("codes:drugs"), {"letter": "A", "page": 2}))
    assert "Page 1 of" in first and "Page 2 of" in second
    assert "Acetaminophen" in first or "Acetaminophen" in second


def test_the_external_cause_index_searches_like_the_index(student):
    page = text(student.get(reverse("codes:external"), {"q": "fall stairs"}))
    assert "External Cause of Injuries Index" in page and "W10.9" in page


def test_the_code_page_lists_index_entries_that_lead_to_it(student):
    page = text(student.get(reverse("codes:code", args=["icd10cm", "S72.001A"])))
    section = re.search(r'<section aria-labelledby="index-heading".*?</section>', page, re.S).group(0)
    assert "Fracture, traumatic" in section and "neck" in section and "S72.00-" in section


def test_the_panel_searches_the_index_too(student):
    page = text(student.get(reverse("codes:panel"), {"q": "diabetes hyperglycemia"}, HTTP_HX_REQUEST="true"))
    section = page[page.index("In the Index"):]
    assert 'aria-label="Diabetes, diabetic; with; hyperglycemia (opens in a new tab)"' in section
    assert 'data-code="E11.65"' in section


def test_the_panel_offers_no_use_button_for_an_incomplete_code(student):
    page = text(student.get(reverse("codes:panel"), {"q": "fracture femur neck"}, HTTP_HX_REQUEST="true"))
    section = page[page.index("In the Index"):]
    assert "S72.00-" in section and 'data-code="S72.00-"' not in section


def test_index_pages_need_a_member(school_a, icd10cm_index, outsider):
    anonymous = school_a.client().get(reverse("codes:index"), {"q": "diabetes"})
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    assert school_a.client(outsider).get(reverse("codes:drugs")).status_code in (302, 403, 404)


@pytest.mark.parametrize(("small", "large"), [("Aarskog's syndrome", "Disorder")])
def test_a_main_term_page_keeps_its_queries_as_it_grows(student, icd10cm_index, django_assert_max_num_queries, small, large):
    for title in (small, large):
        term = main_term(icd10cm_index, title)
        with django_assert_max_num_queries(10):
            assert student.get(reverse("codes:index_term", args=[term.pk])).status_code == 200


def test_table_and_search_pages_keep_their_queries(student, django_assert_max_num_queries):
    student.get(reverse("codes:index"), {"q": "warm"})
    for url, params in [(reverse("codes:drugs"), {"letter": "A"}), (reverse("codes:drugs"), {"letter": "Q"}),
                        (reverse("codes:index"), {"q": "fracture"}), (reverse("codes:index"), {"q": "diabetes hyperglycemia"}),
                        (reverse("codes:neoplasms"), {"q": "lung"}), (reverse("codes:index"), {"letter": "X"}),
                        (reverse("codes:index"), {"letter": "D"})]:
        with django_assert_max_num_queries(15):
            assert student.get(url, params).status_code == 200


def test_an_ambiguous_abbreviation_offers_each_meaning(student):
    page = text(student.get(reverse("codes:index"), {"q": "MS"}))
    assert 'MS can mean: <a href="?q=multiple%20sclerosis" aria-current="true">multiple sclerosis</a> · ' in page
    assert '<a href="?q=mitral%20stenosis">mitral stenosis</a>' in page


def test_the_drug_table_lists_substances_that_start_with_a_digit(student):
    page = text(student.get(reverse("codes:drugs"), {"letter": "#"}))
    assert 'href="/codes/drugs/?letter=%23" aria-current="page">#<' in page
    assert "1-propanol" in page and "2,4-D" in page


def test_a_main_terms_tree_is_read_once_per_load_of_the_index(student, icd10cm_index):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    disorder = main_term(icd10cm_index, "Disorder")
    url = reverse("codes:index_term", args=[disorder.pk])
    def tree(response) -> str:
        return re.search(r'<ul class="index-tree".*?</ul>', text(response), re.S).group(0)

    first = tree(student.get(url))
    with CaptureQueriesContext(connection) as again:
        assert tree(student.get(url)) == first
    assert not any('"main_id" =' in q["sql"] for q in again.captured_queries)
    from codesets.models import IndexRelease

    IndexRelease.objects.filter(pk=icd10cm_index.pk).update(loaded_at=icd10cm_index.loaded_at.replace(year=2030))
    with CaptureQueriesContext(connection) as reloaded:
        student.get(url)
    assert any('"main_id" =' in q["sql"] for q in reloaded.captured_queries)
