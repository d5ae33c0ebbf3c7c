"""Loading the ICD-10-CM tabular shipped by simple-icd-10-cm (April 2026)."""

from __future__ import annotations

from collections import Counter

import pytest
from django.core.management import call_command

from codesets.icd10cm import edition, package_rows, parse_references
from codesets.models import Code, Note, NoteKind, NoteReference, Release, SeventhCharacter, System

pytestmark = pytest.mark.django_db


def test_release_records_the_april_2026_edition(icd10cm):
    assert (icd10cm.version, icd10cm.effective_from.isoformat(), icd10cm.effective_to.isoformat()) == (
        "2026-04", "2026-04-01", "2026-09-30")
    assert icd10cm.status == Release.Status.READY and icd10cm.source.endswith("icd10c-tabular-April-1-2026.xml")


def test_item_counts_match_the_package(icd10cm):
    import simple_icd_10_cm as package

    items = package.get_all_codes()
    assert len(items) == 98_505
    assert Code.objects.filter(release=icd10cm).count() == len(items) == icd10cm.item_count
    kinds = Counter(Code.objects.filter(release=icd10cm).values_list("kind", flat=True))
    assert kinds == {"chapter": 22, "block": 297, "category": 1_918, "subcategory": 44_963, "extension": 51_305}


def test_billable_codes_are_the_leaves_of_the_tabular(icd10cm):
    """74,719 distinct billable codes; counted per item of the package's list (where five blocks
    share a billable code's name: B20, F99, P84, R99, Z66) the same figure is 74,724."""
    import simple_icd_10_cm as package

    billable = set(Code.objects.filter(release=icd10cm, billable=True).values_list("code", flat=True))
    assert len(billable) == icd10cm.billable_count == 74_719
    assert billable == {c for c in package.get_all_codes() if package.is_leaf(c) and not package.is_chapter_or_block(c)} | {
        "B20", "F99", "P84", "R99", "Z66"}
    assert sum(1 for c in package.get_all_codes() if c in billable) == 74_724


def test_header_and_billable_codes(icd10cm):
    codes = dict(Code.objects.filter(release=icd10cm, key__in=["E11", "E116", "E1165", "S72001", "S72001A"]).values_list("code", "billable"))
    assert codes == {"E11": False, "E11.6": False, "E11.65": True, "S72.001": False, "S72.001A": True}


def test_seventh_character_codes_use_placeholder_x_and_keep_real_x(icd10cm):
    t36 = Code.objects.get(release=icd10cm, key="T360X1A")
    assert t36.code == "T36.0X1A" and t36.billable and t36.kind == "extension"
    assert t36.description == "Poisoning by penicillins, accidental (unintentional), initial encounter"
    assert Code.objects.filter(release=icd10cm, key="S72001A").get().parent.code == "S72.001"


def test_seventh_character_table_sits_on_the_category_that_defines_it(icd10cm):
    rows = SeventhCharacter.objects.filter(code__release=icd10cm, code__key="S72")
    assert dict(rows.values_list("character", "description"))["A"] == "initial encounter for closed fracture"
    assert rows.count() == 16


def test_notes_keep_kind_and_text_and_link_the_codes_they_name(icd10cm):
    note = Note.objects.get(code__release=icd10cm, code__key="E11", kind=NoteKind.EXCLUDES1, text__startswith="type 1 diabetes")
    assert note.text == "type 1 diabetes mellitus (E10.-)"
    reference = note.references.get()
    assert (reference.text, reference.start, reference.end, reference.target.code) == ("E10.-", "E10", "E10", "E10")


def test_every_kind_of_tabular_note_is_loaded(icd10cm):
    kinds = set(Note.objects.filter(code__release=icd10cm).values_list("kind", flat=True))
    assert kinds == set(NoteKind.values)


def test_ranges_link_to_their_block(icd10cm):
    reference = NoteReference.objects.filter(note__code__release=icd10cm, text="E08-E13").first()
    assert reference.target.kind == "block" and reference.target.description == "Diabetes mellitus (E08-E13)"


def test_lineage_lists_every_ancestor_root_first(icd10cm):
    code = Code.objects.get(release=icd10cm, key="S72001A")
    ancestors = Code.objects.in_bulk(code.lineage)
    assert [ancestors[i].code for i in code.lineage] == ["19", "S70-S79", "S72", "S72.0", "S72.00", "S72.001"]


def test_second_run_leaves_the_release_alone(icd10cm):
    before = list(Code.objects.filter(release=icd10cm).values_list("id", flat=True)[:5])
    call_command("load_icd10cm", verbosity=0)
    assert list(Code.objects.filter(release=icd10cm).values_list("id", flat=True)[:5]) == before
    assert Release.objects.filter(system=System.ICD10CM).count() == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("type 1 diabetes mellitus (E10.-)", [("E10.-", "E10", "E10", False)]),
        ("pneumonia in coccidioidomycosis (B38.0-B38.2)", [("B38.0-B38.2", "B380", "B382", False)]),
        ("gestational diabetes (O24.4-)", [("O24.4-", "O244", "O244", False)]),
        ("(E08.42, E09.42)", [("E08.42", "E0842", "E0842", False), ("E09.42", "E0942", "E0942", False)]),
        ("(T36-T65 with fifth or sixth character 5)", [("T36-T65", "T36", "T65", True)]),
        ("salicylates, if applicable (T39.0-, with sixth character 1-4)", [("T39.0-", "T390", "T390", True)]),
        ("(T51-T65, with sixth character 5)", [("T51-T65", "T51", "T65", True)]),
        ("no codes here (old)", []),
    ],
)
def test_references_are_parsed_from_note_text(text, expected):
    assert [(r.text, r.start, r.end, r.qualified) for r in parse_references(text)] == expected


def test_reader_matches_the_edition_the_package_ships():
    ed, rows = package_rows()
    assert ed.version == edition().version == "2026-04"
    assert rows[0].code == "1" and rows[1].code == "A00-A09" and rows[1].kind == "block"
