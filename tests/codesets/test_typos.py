"""Typo correction against the code sets' words, the same on SQLite and PostgreSQL (real April 2026 tabular)."""

from __future__ import annotations

from datetime import date

import pytest
from django.db.models import Q

from codesets.loading import Row, code_word_counts, release_load, release_open, release_purge, words_refresh
from codesets.models import Code, SearchWord
from codesets.search import code_search
from codesets.typos import correct

pytestmark = pytest.mark.django_db


def test_misspelled_words_find_diabetes_mellitus_and_say_what_was_searched(icd10cm, school_a):
    result = code_search(tenant=school_a.tenant, query="diabetis mellitis", limit=20)
    assert result.corrected == "diabetes mellitus"
    codes = [h.code for h in result.hits]
    assert codes[:2] == ["E10", "E11"]
    assert all("diabetes mellitus" in f"{h.description} {Code.objects.get(pk=h.code_id).terms}".lower() for h in result.hits)


def test_a_transposed_letter_is_corrected(icd10cm):
    assert correct(["pnuemonia"])[0] == ["pneumonia"]


def test_a_word_being_typed_is_not_corrected(icd10cm, school_a):
    result = code_search(tenant=school_a.tenant, query="femur fractur", limit=5)
    assert result.corrected == ""
    assert result.hits and all(h.code.startswith(("S72", "M84")) for h in result.hits)


def test_a_word_of_the_code_sets_is_never_corrected_even_near_a_commoner_one(icd10cm):
    # "diabetic" is one letter from "diabetes", which more codes use.
    assert correct(["diabetic", "retinopathy"])[0] == ["diabetic", "retinopathy"]


def test_an_inflection_is_left_to_the_stemmer(icd10cm, school_a):
    # "strained" is no word of the tabular, but "strain" is: correcting it to "stained" would lose the strains.
    result = code_search(tenant=school_a.tenant, query="strained ankle", limit=5)
    assert result.corrected == ""
    assert result.hits[0].code.startswith("S96")  # Strain of muscle and tendon at ankle and foot level


def test_of_equally_close_words_the_one_more_codes_use_wins(icd10cm):
    # "artritis" is one letter from antritis, arteritis and arthritis; far more codes say arthritis.
    assert correct(["artritis"])[0] == ["arthritis"]


def test_the_codes_give_each_word_with_how_many_codes_use_it(icd10cm):
    counts = code_word_counts()
    public = Code.objects.filter(tenant__isnull=True)
    assert counts["mellitus"] == public.filter(Q(description__icontains="mellitus") | Q(terms__icontains="mellitus")).count()
    assert not {"of", "e11", "x7"} & set(counts)  # 3 to 60 letters a-z only


def test_a_rebuild_writes_every_sources_words(icd10cm):
    words_refresh()
    assert SearchWord.objects.get(word="mellitus").documents >= code_word_counts()["mellitus"]


def _load_public(description: str):
    release = release_open(system="hcpcs", version="typo-test", effective_from=date(2026, 1, 1))
    return release_load(release, [Row(code="A9999", key="A9999", kind="procedure", description=description, billable=True)])


def test_loading_a_public_release_fills_the_word_list(icd10cm):
    _load_public("Zyxwvutronic widget")
    assert SearchWord.objects.get(word="zyxwvutronic").documents == 1
    assert 600 < SearchWord.objects.get(word="mellitus").documents < 2000  # the tabular's words are there too


def test_a_new_word_is_correctable_once_its_release_is_loaded(icd10cm, school_a):
    _load_public("Zyxwvutronic widget")
    result = code_search(tenant=school_a.tenant, query="zyxwvutronik widget")
    assert result.corrected == "zyxwvutronic widget"
    assert [h.code for h in result.hits] == ["A9999"]


def test_a_purged_release_takes_its_words_with_it(icd10cm):
    release = _load_public("Zyxwvutronic widget")
    release_purge(release)
    assert not SearchWord.objects.filter(word="zyxwvutronic").exists()
    assert SearchWord.objects.filter(word="mellitus").exists()
