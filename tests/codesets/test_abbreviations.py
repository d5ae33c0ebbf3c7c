"""Abbreviations of physician notes, searched as the Tabular's words (on the real April 2026 tabular)."""

from __future__ import annotations

import pytest

from codesets.abbreviations import ABBREVIATIONS, expand
from codesets.search import code_search
from tests.conftest import text

pytestmark = pytest.mark.django_db


def test_an_abbreviation_is_searched_as_its_meaning_and_says_so(icd10cm, school_a):
    result = code_search(tenant=school_a.tenant, query="CHF", limit=5)
    assert result.expanded == "CHF: searched congestive heart failure"
    assert result.meanings == []
    assert [h.code for h in result.hits][:2] == ["I50.2", "I50.3"]  # Systolic / Diastolic (congestive) heart failure


def test_an_abbreviation_alone_expands_in_lower_case(icd10cm, school_a):
    assert code_search(tenant=school_a.tenant, query="chf").expanded == "CHF: searched congestive heart failure"


def test_an_abbreviation_among_words_is_written_out_in_place(icd10cm, school_a):
    result = code_search(tenant=school_a.tenant, query="acute CHF", limit=3)
    assert result.expanded == "CHF: searched congestive heart failure"
    assert [h.code for h in result.hits] == ["I50.21", "I50.31", "I50.23"]


def test_an_ambiguous_abbreviation_searches_its_first_meaning_and_lists_them_all(icd10cm, school_a):
    result = code_search(tenant=school_a.tenant, query="MS", limit=5)
    assert result.expanded == "MS: searched multiple sclerosis"
    assert result.meanings == [("MS", "multiple sclerosis"), ("MS", "mitral stenosis")]
    assert result.hits[0].code == "G35"


@pytest.mark.parametrize("query", ["E11.65", "e1165", "J1100", "S72"])
def test_a_code_is_never_expanded(query):
    assert expand(query).note == ""
    assert expand(query).text == query


def test_a_code_search_still_finds_the_code(icd10cm, school_a):
    result = code_search(tenant=school_a.tenant, query="E11.65", limit=1)
    assert result.expanded == "" and result.hits[0].code == "E11.65"


@pytest.mark.parametrize("query", ["the", "fracture of the femur", "pain as needed", "ms lesion", "aspirin 81 mg", "si joint pain"])
def test_ordinary_words_are_not_expanded(query):
    expansion = expand(query)
    assert (expansion.text, expansion.note, expansion.meanings) == (query, "", [])


def test_an_abbreviation_that_is_also_a_word_expands_when_written_in_capitals():
    assert expand("MS lesion").text == "multiple sclerosis lesion"
    assert expand("ms").note == "MS: searched multiple sclerosis"


def test_every_meaning_of_every_abbreviation_finds_icd10cm_codes(icd10cm, school_a):
    """Each meaning is written in the Tabular's words: searched as typed (no typo correction), it finds codes."""
    assert len(ABBREVIATIONS) >= 150
    failures = []
    for abbreviation, meanings in ABBREVIATIONS.items():
        searched = code_search(tenant=school_a.tenant, query=abbreviation, system="icd10cm", limit=1)
        if not searched.hits or not searched.expanded.startswith(f"{abbreviation}: searched {meanings[0]}"):
            failures.append((abbreviation, searched.expanded))
        for meaning in meanings:
            result = code_search(tenant=school_a.tenant, query=meaning, system="icd10cm", limit=1)
            if not result.hits or result.corrected:
                failures.append((abbreviation, meaning, result.corrected))
    assert failures == []


def test_note_shorthand_is_written_out_too(icd10cm, school_a):
    result = code_search(tenant=school_a.tenant, query="DM2 w/ hyperglycemia", limit=1)
    assert result.expanded == "DM2: searched type 2 diabetes mellitus; w/: searched with"
    assert result.hits[0].code == "E11.65"


# --- on the pages ----------------------------------------------------------------------

def test_the_encoder_says_what_an_abbreviation_was_searched_as(icd10cm, school_a):
    body = text(school_a.client(school_a.student).get("/codes/search/", {"q": "CHF"}, HTTP_HX_REQUEST="true"))
    assert '<p class="corrected expanded">CHF: searched congestive heart failure.</p>' in body
    assert "can mean" not in body


def test_the_encoder_links_each_meaning_of_an_ambiguous_abbreviation(icd10cm, school_a):
    body = text(school_a.client(school_a.student).get("/codes/search/", {"q": "MS", "system": "icd10cm"}))
    assert ('MS can mean: <a href="/codes/search/?q=multiple%20sclerosis&system=icd10cm" aria-current="true">'
            'multiple sclerosis</a> · <a href="/codes/search/?q=mitral%20stenosis&system=icd10cm">mitral stenosis</a>') in body


def test_a_meaning_link_keeps_the_rest_of_the_query(icd10cm, school_a):
    body = text(school_a.client(school_a.student).get("/codes/search/", {"q": "PE chronic"}))
    assert '<a href="/codes/search/?q=pleural%20effusion%20chronic">pleural effusion</a>' in body


def test_the_lookup_panel_shows_the_abbreviation_and_its_meanings(icd10cm, school_a):
    body = text(school_a.client(school_a.student).get("/codes/panel/", {"q": "PE"}, HTTP_HX_REQUEST="true"))
    assert '<p class="muted panel-expanded">PE: searched pulmonary embolism.</p>' in body
    assert ('<a href="/codes/panel/?q=pleural%20effusion" hx-get="/codes/panel/?q=pleural%20effusion" '
            'hx-target="#code-panel-results">pleural effusion</a>') in body
