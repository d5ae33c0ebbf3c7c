"""The Alphabetic Index, its tables and the External Cause Index: loaded from the real FY 2025 files."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.db.models import F
from django.utils import timezone

from codesets import icd10cm_index as index_files
from codesets.icd10cm_index import IndexFormatError
from codesets.index_search import index_search
from codesets.models import CodeStatus, IndexKind, IndexRelease, IndexTerm, Release

pytestmark = pytest.mark.django_db


def term(index, *trail: str, kind: str = IndexKind.INDEX) -> IndexTerm:
    return IndexTerm.objects.select_related("target", "see_term", "see_also_term", "parent").get(
        release=index, kind=kind, trail=list(trail))


# --- the tree ----------------------------------------------------------------------

def test_a_main_term_keeps_its_modifiers_apart_from_its_title(icd10cm_index):
    diabetes = term(icd10cm_index, "Diabetes, diabetic")
    assert (diabetes.depth, diabetes.title, diabetes.nemod, diabetes.code) == (0, "Diabetes, diabetic", "(mellitus) (sugar)", "E11.9")
    assert diabetes.main_id == diabetes.pk


def test_subterms_hang_from_the_term_one_level_up(icd10cm_index):
    hyperglycemia = term(icd10cm_index, "Diabetes, diabetic", "with", "hyperglycemia")
    assert hyperglycemia.depth == 2
    assert hyperglycemia.parent.trail == ["Diabetes, diabetic", "with"]
    assert hyperglycemia.main_id == term(icd10cm_index, "Diabetes, diabetic").pk


def test_the_loader_counts_every_index(icd10cm_index):
    counts = icd10cm_index.counts
    assert (counts["index"]["main_terms"], counts["index"]["terms"]) == (8100, 81024)
    assert (counts["neoplasm"]["terms"], counts["drug"]["main_terms"], counts["drug"]["terms"]) == (1939, 5177, 7428)
    assert (counts["external"]["main_terms"], counts["external"]["terms"]) == (314, 8064)
    assert IndexTerm.objects.filter(release=icd10cm_index).count() == 81024 + 1939 + 7428 + 8064


# --- code status -------------------------------------------------------------------

def test_a_billable_code_is_final(icd10cm_index):
    hyperglycemia = term(icd10cm_index, "Diabetes, diabetic", "with", "hyperglycemia")
    assert (hyperglycemia.code, hyperglycemia.code_status, hyperglycemia.target.code) == ("E11.65", CodeStatus.BILLABLE, "E11.65")


def test_an_incomplete_code_opens_the_subtree_to_finish_it_in(icd10cm_index):
    neck = term(icd10cm_index, "Fracture, traumatic", "femur, femoral", "upper end", "neck")
    assert (neck.code, neck.code_status) == ("S72.00-", CodeStatus.INCOMPLETE)
    assert neck.target.code == "S72.00" and not neck.target.billable


def test_a_code_that_needs_more_characters_is_not_final(icd10cm_index):
    edema = term(icd10cm_index, "Diabetes, diabetic", "due to underlying condition", "with", "retinopathy",
                 "nonproliferative", "with macular edema")
    assert (edema.code, edema.code_status) == ("E08.321", CodeStatus.NEEDS_MORE)
    assert edema.target.code == "E08.321" and not edema.target.billable


def test_no_index_code_is_final_unless_the_tabular_says_billable(icd10cm_index):
    terms = IndexTerm.objects.filter(release=icd10cm_index).exclude(code="")
    assert not terms.filter(code_status=CodeStatus.BILLABLE, target__billable=False).exists()
    assert not terms.filter(code_status=CodeStatus.NEEDS_MORE, target__billable=True).exists()
    assert terms.filter(code_status=CodeStatus.INCOMPLETE).count() == terms.filter(code__endswith="-").count() > 6000


# --- cross-references ----------------------------------------------------------------

def test_see_names_a_main_term_and_its_subterm(icd10cm_index):
    abdominalgia = term(icd10cm_index, "Abdominalgia")
    assert abdominalgia.see == "Pain, abdominal"
    assert abdominalgia.see_term.trail == ["Pain", "abdominal"]
    assert abdominalgia.see_term.code == "R10.9"


def test_see_walks_subterms_whose_titles_have_commas(icd10cm_index):
    neck = term(icd10cm_index, "Fracture, traumatic", "femur, femoral", "neck")
    assert neck.see == "Fracture, femur, upper end, neck"
    assert neck.see_term.trail == ["Fracture, traumatic", "femur, femoral", "upper end", "neck"]


def test_see_also_resolves_too(icd10cm_index):
    pain = term(icd10cm_index, "Pain")
    assert pain.see_also == "Painful" and pain.see_also_term.trail == ["Painful"]


def test_a_generic_instruction_stays_text(icd10cm_index):
    abdomen = term(icd10cm_index, "Abdomen, abdominal")
    assert abdomen.see_also == "condition" and abdomen.see_also_term is None


# --- the tables ----------------------------------------------------------------------

def test_the_neoplasm_table_has_six_behaviour_columns(icd10cm_index):
    assert icd10cm_index.headings["neoplasm"] == [
        "Malignant Primary", "Malignant Secondary", "Ca in situ", "Benign", "Uncertain Behavior", "Unspecified Behavior"]


def test_a_neoplasm_site_row_carries_a_code_per_column(icd10cm_index):
    breast = term(icd10cm_index, "Neoplasm, neoplastic", "breast", kind=IndexKind.NEOPLASM)
    assert breast.nemod == "(connective tissue) (glandular tissue) (soft parts)"
    assert [c["code"] for c in breast.cells] == ["C50.9-", "C79.81", "D05.-", "D24.-", "D48.6-", "D49.3"]
    assert [c["status"] for c in breast.cells][:2] == [CodeStatus.INCOMPLETE, CodeStatus.BILLABLE]


def test_a_dash_in_the_neoplasm_table_means_no_code(icd10cm_index):
    connective = term(icd10cm_index, "Neoplasm, neoplastic", "abdomen, abdominal", "wall", "connective tissue",
                      kind=IndexKind.NEOPLASM)
    assert connective.cells[2] is None and connective.cells[0]["code"] == "C49.4"


def test_the_drug_table_codes_lack_their_seventh_character(icd10cm_index):
    aspirin = term(icd10cm_index, "Aspirin", kind=IndexKind.DRUG)
    assert icd10cm_index.headings["drug"][0] == "Poisoning Accidental (unintentional)"
    assert [c["code"] for c in aspirin.cells] == ["T39.011", "T39.012", "T39.013", "T39.014", "T39.015", "T39.016"]
    assert {c["status"] for c in aspirin.cells} == {CodeStatus.NEEDS_MORE}


def test_two_dashes_in_the_drug_table_mean_no_code(icd10cm_index):
    propanol = term(icd10cm_index, "1-propanol", kind=IndexKind.DRUG)
    assert propanol.cells[4] is None and propanol.cells[5] is None and propanol.cells[0]["code"] == "T51.3X1"


def test_the_external_cause_index_keeps_codes_and_modifiers(icd10cm_index):
    stairs = term(icd10cm_index, "Fall, falling", "down", "stairs, steps", kind=IndexKind.EXTERNAL)
    assert stairs.code == "W10.9" and stairs.code_status == CodeStatus.NEEDS_MORE
    abandonment = term(icd10cm_index, "Abandonment NEC", kind=IndexKind.EXTERNAL)
    assert abandonment.nemod.startswith("(causing exposure to weather conditions)")


# --- search --------------------------------------------------------------------------

def paths(result) -> list[list[str]]:
    return [hit["trail"] for hit in result.hits]


def test_search_finds_the_main_term_first(icd10cm_index):
    result = index_search(query="diabetes hyperglycemia")
    assert result.hits[0]["trail"] == ["Diabetes, diabetic", "with", "hyperglycemia"]
    assert result.hits[0]["code"] == "E11.65"


def test_search_prefers_a_main_term_that_starts_with_the_word(icd10cm_index):
    found = paths(index_search(query="pneumonia", limit=200))
    assert found[0] == ["Pneumonia"]
    # every main term that starts with the word before one with the word later in its title
    leads = [trail[0].startswith("Pneumonia") for trail in found]
    assert leads == sorted(leads, reverse=True)


def test_search_reads_words_in_any_order_through_the_main_term(icd10cm_index):
    result = index_search(query="femur neck fracture", limit=10)
    assert ["Fracture, traumatic", "femur, femoral", "upper end", "neck"] in paths(result)[:3]


def test_modifiers_count_for_less_than_titles(icd10cm_index):
    found = paths(index_search(query="diabetes mellitus", limit=10))
    # "mellitus" is only a nonessential modifier of Diabetes, diabetic: found by it, after the titles that say it.
    assert found[0] == ["Diabetes, diabetic", "secondary diabetes mellitus NEC"]
    assert found.index(["Diabetes, diabetic"]) > found.index(["Mellitus, diabetes"])


def test_the_last_word_matches_as_it_is_typed(icd10cm_index):
    assert index_search(query="diabetes hypergly").hits[0]["code"] == "E11.65"


def test_each_index_is_searched_on_its_own(icd10cm_index):
    assert index_search(query="aspirin", kind=IndexKind.DRUG).hits[0]["trail"] == ["Aspirin"]
    assert index_search(query="breast", kind=IndexKind.NEOPLASM).hits[0]["trail"] == ["Neoplasm, neoplastic", "breast"]
    assert index_search(query="fall stairs", kind=IndexKind.EXTERNAL).hits[0]["code"] == "W10.9"
    assert all(h["kind"] == IndexKind.INDEX for h in index_search(query="aspirin").hits)


@pytest.mark.parametrize("query", ["fracture", "diabetes type 2 with hyperglycemia long term insulin"])
def test_search_runs_a_bounded_number_of_queries(icd10cm_index, django_assert_max_num_queries, query):
    index_search(query="warm the word list")
    # the index release, the word list's version, five passes and one read of the hits at most
    with django_assert_max_num_queries(8):
        index_search(query=query, limit=50)


def test_nothing_to_search_finds_nothing(icd10cm_index):
    assert index_search(query="  ").hits == [] and index_search(query="!!!").hits == []


# --- loading -------------------------------------------------------------------------

def test_a_second_load_skips_what_is_loaded(icd10cm_index, capsys):
    call_command("load_icd10cm_index")
    assert "already loaded" in capsys.readouterr().out
    assert IndexRelease.objects.get(pk=icd10cm_index.pk).loaded_at == icd10cm_index.loaded_at


def test_a_load_in_progress_is_not_taken_over(icd10cm_index):
    IndexRelease.objects.create(version="busy", tabular=icd10cm_index.tabular, status=Release.Status.LOADING,
                                loaded_at=timezone.now())
    with pytest.raises(CommandError, match="being loaded by another process"):
        call_command("load_icd10cm_index", "--version", "busy", verbosity=0)


def test_a_file_that_is_not_the_index_is_refused_and_loads_nothing(icd10cm_index, tmp_path):
    for kind, name in index_files.FILES.items():
        (tmp_path / name).write_text("Code,Description\nE11.65,Type 2 diabetes\n" if kind == IndexKind.INDEX else "<x/>")
    with pytest.raises(CommandError, match="line 1: the columns are Code, Description"):
        call_command("load_icd10cm_index", "--version", "bad", "--directory", str(tmp_path), verbosity=0)
    assert not IndexRelease.objects.filter(version="bad").exists()
    assert IndexRelease.objects.get(pk=icd10cm_index.pk).status == Release.Status.READY


def test_a_file_that_cannot_be_read_is_a_clear_error(tmp_path):
    (tmp_path / (index_files.FILES[IndexKind.DRUG] + ".gz")).write_bytes(b"not gzip at all")
    with pytest.raises(IndexFormatError, match="icd-10-cm-drug-2025.xml.gz cannot be read"):
        index_files.read(IndexKind.DRUG, tmp_path)


def test_an_xml_index_must_be_the_official_root():
    with pytest.raises(IndexFormatError, match="expected <ICD10CM.index>"):
        index_files.read_xml(IndexKind.DRUG, b"<drugs/>")


def test_a_term_cannot_skip_a_level():
    with pytest.raises(IndexFormatError, match="line 3: a term at level 2 has no term at level 1"):
        index_files.read_csv(",".join(index_files.CSV_COLUMNS) + "\n1,A,0,Abasia,,,,F44.4\n2,A,2,hysterical,,,,F44.4\n")


def test_the_shipped_files_are_the_official_ones():
    assert index_files.path_for(IndexKind.INDEX).name == "icd10cm-index-2025.csv.gz"
    rows = index_files.read(IndexKind.EXTERNAL).rows
    assert len(rows) == 8064 and rows[0].title == "Abandonment NEC"


# --- abbreviations and typos -----------------------------------------------------------

def test_an_abbreviation_is_searched_expanded_and_says_so(icd10cm_index):
    result = index_search(query="CHF")
    assert result.expanded.startswith("CHF: searched ")
    assert ["Failure, failed", "heart", "congestive"] in paths(result)[:5]


def test_an_ambiguous_abbreviation_lists_its_meanings(icd10cm_index):
    result = index_search(query="MS")
    assert [meaning for _, meaning in result.meanings][:2] == ["multiple sclerosis", "mitral stenosis"]
    assert result.hits and "Sclerosis" in result.hits[0]["trail"][0]


def test_a_typo_is_corrected_and_said(icd10cm_index):
    result = index_search(query="diabetis mellitis")
    assert result.corrected == "diabetes mellitus"
    assert result.hits[0]["trail"][0] == "Diabetes, diabetic"


def test_an_index_word_the_tabular_lacks_is_no_typo(icd10cm_index):
    result = index_search(query="abdominalgia")
    assert result.corrected == "" and result.hits[0]["trail"] == ["Abdominalgia"]


def test_a_neoplasm_subsite_prints_under_its_sites_letter(icd10cm_index):
    cavity = term(icd10cm_index, "Neoplasm, neoplastic", "abdomen, abdominal", "cavity", kind=IndexKind.NEOPLASM)
    assert cavity.letter == "A"
    wrong = IndexTerm.objects.filter(release=icd10cm_index, kind=IndexKind.NEOPLASM, depth__gt=1).exclude(letter=F("parent__letter"))
    assert not wrong.exists()


def test_accents_do_not_matter(icd10cm_index):
    for query in ("behcet", "behçet"):
        hits = index_search(query=query).hits
        assert hits and hits[0]["trail"][0].startswith("Behçet"), query


def test_a_two_letter_word_in_a_name_is_no_abbreviation(icd10cm_index):
    result = index_search(query="di george")
    assert result.expanded == "" and result.hits[0]["trail"][0].startswith("Di George")


def test_purging_the_tabular_lets_go_of_the_index_and_a_reload_links_it_again(icd10cm_index):
    from django.db import connection

    from codesets.index_loading import is_current
    from codesets.loading import release_purge
    from tests.factories import CodeFactory, ReleaseFactory

    tabular = ReleaseFactory(system="icd10cm", version="purge-test")
    code = CodeFactory(release=tabular, code="E11.65", description="Type 2 diabetes mellitus with hyperglycemia")
    entry = term(icd10cm_index, "Diabetes, diabetic", "with", "hyperglycemia")
    IndexTerm.objects.filter(pk=entry.pk).update(target=code)
    release_purge(tabular)
    connection.check_constraints()  # the foreign keys hold: no term points at a deleted code
    assert IndexTerm.objects.get(pk=entry.pk).target_id is None
    icd10cm_index.tabular.loaded_at = timezone.now()
    assert not is_current(icd10cm_index, icd10cm_index.tabular)  # so load_icd10cm_index links it again
