"""Search over code keys and words, on the real April 2026 tabular."""

from __future__ import annotations

import pytest

from codesets.search import code_search, current_releases
from tests.factories import CodeFactory, ReleaseFactory

pytestmark = pytest.mark.django_db


def _codes(school, query, **kwargs):
    return [h.code for h in code_search(tenant=school.tenant, query=query, **kwargs).hits]


def test_exact_code_comes_first_then_codes_below_it(icd10cm, school_a):
    hits = code_search(tenant=school_a.tenant, query="E11.6", limit=5).hits
    assert [h.code for h in hits] == ["E11.6", "E11.61", "E11.610", "E11.618", "E11.62"]
    assert [h.match for h in hits] == ["exact", "prefix", "prefix", "prefix", "prefix"]


def test_code_without_dot_in_lower_case_finds_the_same(icd10cm, school_a):
    assert _codes(school_a, "e116", limit=3) == _codes(school_a, "E11.6", limit=3)


def test_headers_chapters_and_blocks_are_not_search_results(icd10cm, school_a):
    assert "E08-E13" not in _codes(school_a, "diabetes mellitus", limit=50)


def test_words_find_the_code_in_any_order(icd10cm, school_a):
    assert _codes(school_a, "hyperglycemia diabetes type 2", limit=3) == ["E11.65"]


def test_shorter_descriptions_rank_before_their_details(icd10cm, school_a):
    codes = _codes(school_a, "diabetes hyperglycemia", limit=3)
    assert codes == ["E10.65", "E11.65", "E13.65"]


def test_fracture_of_the_neck_of_the_right_femur_initial_encounter(icd10cm, school_a):
    codes = _codes(school_a, "fracture neck femur right initial", limit=50)
    assert "S72.001A" in codes
    assert all(c.startswith("S72.0") and c[-1] in "ABC" for c in codes)  # the initial encounters


def test_last_word_matches_while_it_is_typed(icd10cm, school_a):
    assert "E11.65" in _codes(school_a, "diabetes hypergl", limit=5)


def test_a_code_in_the_words_narrows_to_that_category(icd10cm, school_a):
    codes = _codes(school_a, "S72 right initial", limit=20)
    assert codes and all(c.startswith("S72") for c in codes)


def test_description_matches_come_before_inclusion_term_matches(icd10cm, school_a):
    hits = code_search(tenant=school_a.tenant, query="pneumonia", limit=200).hits
    from codesets.models import Code

    terms_only = [h for h in hits if "pneumonia" not in h.description.lower()]
    assert terms_only, "some codes mention pneumonia only in their inclusion terms"
    first_terms_only = hits.index(terms_only[0])
    assert all("pneumonia" in h.description.lower() for h in hits[:first_terms_only])
    assert Code.objects.get(pk=terms_only[0].code_id).terms


def test_typos_are_corrected(icd10cm, school_a):
    result = code_search(tenant=school_a.tenant, query="diabetis hyperglycemia", limit=5)
    assert result.corrected and "E11.65" in [h.code for h in result.hits]


def test_single_letter_lists_codes_starting_with_it(icd10cm, school_a):
    assert _codes(school_a, "Z", limit=3) == ["Z00", "Z00.0", "Z00.00"]


def test_system_filter_keeps_to_that_system(icd10cm, hcpcs, school_a):
    hits = code_search(tenant=school_a.tenant, query="wheelchair", system="hcpcs", limit=20).hits
    assert hits and {h.system for h in hits} == {"hcpcs"}


def test_search_spans_icd10cm_and_hcpcs(icd10cm, hcpcs, school_a):
    systems = {h.system for h in code_search(tenant=school_a.tenant, query="wheelchair", limit=200).hits}
    assert systems == {"icd10cm", "hcpcs"}


def test_cpt_without_a_license_is_shown_by_format_only(school_a):
    [hit] = code_search(tenant=school_a.tenant, query="99213", system="cpt").hits
    assert hit.code_id is None and hit.billable is None and "format only" in hit.description


def test_another_schools_cpt_codes_are_not_found(school_a, school_b):
    release = ReleaseFactory(system="cpt", tenant=school_a.tenant, version="2026")
    CodeFactory(release=release, code="99213", key="99213", description="Licensed descriptor of school A")
    assert [h.description for h in code_search(tenant=school_a.tenant, query="99213").hits] == ["Licensed descriptor of school A"]
    assert "Licensed descriptor of school A" not in [h.description for h in code_search(tenant=school_b.tenant, query="99213").hits]
    assert code_search(tenant=school_b.tenant, query="licensed descriptor").hits == []


def test_only_ready_releases_are_searched(school_a):
    release = ReleaseFactory(system="cpt", tenant=school_a.tenant, status="loading")
    CodeFactory(release=release, code="99213", key="99213", description="Half-loaded descriptor")
    assert current_releases(tenant=school_a.tenant, system="cpt") == []
    assert "Half-loaded descriptor" not in [h.description for h in code_search(tenant=school_a.tenant, query="99213").hits]


@pytest.mark.parametrize("limit", [5, 100])
def test_query_count_does_not_grow_with_results(icd10cm, school_a, django_assert_max_num_queries, limit):
    for query in ["S72", "fracture", "right femur", "S72 right initial"]:
        with django_assert_max_num_queries(9):
            assert len(code_search(tenant=school_a.tenant, query=query, limit=limit).hits) == limit


def test_a_schools_licensed_cpt_words_never_feed_typo_correction(icd10cm, school_a, school_b, tmp_path):
    from django.core.management import call_command

    from codesets.models import SearchWord

    upload = tmp_path / "cpt.csv"
    upload.write_text("code,descriptor\n0001T,Zyxwvutronic licensed procedure\n")
    call_command("load_cpt", str(upload), "--tenant", school_a.tenant.slug, verbosity=0)
    assert not SearchWord.objects.filter(word="zyxwvutronic").exists()
    assert "zyxwvutronic" not in code_search(tenant=school_b.tenant, query="zyxwvutronik").corrected


def test_common_and_rare_words_find_the_same_codes_as_a_full_sort(icd10cm, hcpcs, school_a):
    """Whichever index PostgreSQL walks, the first page is the shortest matching descriptions."""
    from codesets.models import Code

    for word in ["fracture", "injection", "wheelchair"]:
        hits = code_search(tenant=school_a.tenant, query=word + " ", limit=10).hits
        expected = [h.code_id for h in hits]
        lengths = [len(Code.objects.get(pk=pk).description) for pk in expected]
        assert lengths == sorted(lengths), word
