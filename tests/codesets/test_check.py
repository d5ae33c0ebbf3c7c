"""The check service graders and the API share, on real April 2026 codes."""

from __future__ import annotations

import pytest

from codesets.check import codes_check

pytestmark = pytest.mark.django_db


def _check(school, *codes, system="icd10cm", modifiers=None):
    return codes_check(tenant=school.tenant, system=system, codes=list(codes), modifiers=modifiers)


def test_lower_case_without_dot_is_normalised(icd10cm, school_a):
    result = _check(school_a, " e1165 ")
    assert (result.codes[0].code, result.codes[0].valid, result.codes[0].billable) == ("E11.65", True, True)
    assert result.ok


def test_header_code_is_valid_but_not_billable(icd10cm, school_a):
    check = _check(school_a, "E11").codes[0]
    assert (check.valid, check.billable) == (True, False)
    assert check.findings[0].rule == "header" and "E11.0 to E11.A" in check.findings[0].reason


def test_missing_seventh_character_lists_the_allowed_values(icd10cm, school_a):
    check = _check(school_a, "S72.001").codes[0]
    assert check.missing["what"] == "seventh_character"
    allowed = {a["character"]: a["description"] for a in check.missing["allowed"]}
    assert allowed["A"] == "initial encounter for closed fracture"
    assert set(allowed) == set("ABCDEFGHJKMNPQRS")


def test_wrong_seventh_character_is_named(icd10cm, school_a):
    check = _check(school_a, "S72.001Z").codes[0]
    assert check.valid is False and check.findings[0].rule == "seventh_character"
    assert check.findings[0].reason.startswith("Z is not a 7th character S72.001 takes")


def test_missing_placeholder_x_is_suggested(icd10cm, school_a):
    check = _check(school_a, "T36.01A").codes[0]
    assert check.valid is False
    assert check.missing == {"what": "placeholder", "suggestion": "T36.0X1A"}


def test_placeholder_x_code_is_valid(icd10cm, school_a):
    check = _check(school_a, "t360x1a").codes[0]
    assert (check.code, check.valid, check.billable) == ("T36.0X1A", True, True)


def test_unknown_code_and_bad_format_are_told_apart(icd10cm, school_a):
    unknown, bad = _check(school_a, "E11.99", "12").codes
    assert unknown.findings[0].rule == "not_a_code" and "ICD-10-CM 2026-04" in unknown.findings[0].reason
    assert bad.findings[0].rule == "bad_format"


def test_excludes1_pair_is_a_conflict_with_its_note(icd10cm, school_a):
    result = _check(school_a, "E11.65", "E10.9")
    [finding] = result.findings
    assert finding.rule == "excludes1" and finding.codes == ["E11.65", "E10.9"]
    assert (finding.note.code, finding.note.text) == ("E11", "type 1 diabetes mellitus (E10.-)")
    assert not result.ok


def test_excludes2_pair_is_not_a_conflict(icd10cm, school_a):
    # E11 has Excludes2 nothing for E78.5; hyperlipidemia with diabetes is reported together every day.
    assert _check(school_a, "E11.9", "E78.5").findings == []


def test_code_first_order_broken_is_found(icd10cm, school_a):
    findings = _check(school_a, "F02.80", "G30.9").findings
    rules = {f.rule: f for f in findings}
    assert "code_first" in rules and rules["code_first"].codes == ["G30.9", "F02.80"]
    assert rules["code_first"].note.code == "F02"


def test_code_first_order_kept_is_clean(icd10cm, school_a):
    assert _check(school_a, "G30.9", "F02.80").findings == []


def test_use_additional_code_listed_first_is_found(icd10cm, school_a):
    [finding] = _check(school_a, "Z79.4", "E11.9").findings
    assert finding.rule == "use_additional" and finding.note.text == "insulin (Z79.4)"


def test_icd10cm_takes_no_modifiers(icd10cm, school_a):
    check = _check(school_a, "E11.9", modifiers={"E11.9": ["LT"]}).codes[0]
    assert check.findings[0].rule == "modifier"


def test_cpt_without_a_licensed_file_is_checked_by_format(school_a):
    good, category3, bad = _check(school_a, "99213", "0075T", "9921", system="cpt").codes
    assert (good.valid, good.billable, good.findings[0].rule) == (None, None, "format_only")
    assert category3.description == "CPT Category III code"
    assert bad.valid is False and bad.findings[0].rule == "bad_format"


def test_query_count_does_not_grow_with_the_codes_checked(icd10cm, school_a, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        _check(school_a, "E11.65", "E10.9")
    with django_assert_max_num_queries(10):
        _check(school_a, "E11.65", "E10.9", "S72.001", "T36.01A", "F02.80", "G30.9", "Z79.4", "I10", "J44.1", "N18.3",
               "E78.5", "S72.001Z", "E11", "Z99.3")


def test_wrong_seventh_character_after_placeholder_x_is_named(icd10cm, school_a):
    check = _check(school_a, "S01.05XZ").codes[0]
    assert check.valid is False and check.findings[0].rule == "seventh_character"
    assert check.findings[0].reason.startswith("Z is not a 7th character S01.05 takes")
    assert {a["character"] for a in check.missing["allowed"]} == {"A", "D", "S"}
    assert "S01.05XA" in {a["code"] for a in check.missing["allowed"]}


@pytest.mark.parametrize(("code", "parent"), [("W17.1XX", "W17.1"), ("S01.05X", "S01.05")])
def test_missing_seventh_character_after_placeholder_x_lists_the_allowed_values(icd10cm, school_a, code, parent):
    check = _check(school_a, code).codes[0]
    assert check.valid is False
    assert check.findings[0].rule == "seventh_character" and check.findings[0].reason.startswith(f"{code} needs a 7th character")
    assert check.missing["what"] == "seventh_character"
    assert {a["character"] for a in check.missing["allowed"]} == {"A", "D", "S"}
    assert {a["code"] for a in check.missing["allowed"]} == {f"{parent.replace('.', '')[:3]}.{parent.replace('.', '')[3:].ljust(3, 'X')}{ch}" for ch in "ADS"}


@pytest.mark.parametrize("order", [("G93.7", "T39.015A"), ("T39.015A", "G93.7")])
def test_a_conditioned_bracket_does_not_flag_codes_outside_its_condition(icd10cm, school_a, order):
    # G93.7's notes name "T39.0-, with sixth character 1-4" and "... with sixth character 5":
    # the condition belongs to the whole bracket, so no note claims every T39.0 code.
    result = _check(school_a, *order)
    assert not [f for f in result.findings if f.rule in ("code_first", "use_additional")], result.findings


def _older_icd10cm_release():
    """A tabular from before E11.A existed (added October 2025), holding E11.65 only."""
    from datetime import date

    from codesets.models import Code, Release

    release = Release.objects.create(system="icd10cm", version="2024-10", effective_from=date(2024, 10, 1), status="ready")
    Code.objects.create(release=release, system="icd10cm", kind="subcategory", code="E11.65", key="E1165",
                        description="Type 2 diabetes mellitus with hyperglycemia", billable=True)
    return release


def test_a_pinned_release_is_checked_instead_of_the_current_one(icd10cm, school_a):
    older = _older_icd10cm_release()
    result = codes_check(tenant=school_a.tenant, system="icd10cm", codes=["E11.65", "E11.A"], release=older)
    assert result.release == older
    assert result.codes[0].valid is True
    assert result.codes[1].findings[0].reason == "E11.A is not a code in ICD-10-CM 2024-10."
    assert _check(school_a, "E11.A").codes[0].valid is True  # the current release has it


def test_a_pinned_release_of_another_system_is_refused(hcpcs, school_a):
    with pytest.raises(ValueError, match="cannot be used to check ICD-10-CM codes"):
        codes_check(tenant=school_a.tenant, system="icd10cm", codes=["E11.65"], release=hcpcs)


def test_another_schools_licensed_cpt_file_is_refused(school_a, school_b):
    from datetime import date

    from codesets.models import Release

    theirs = Release.objects.create(tenant=school_b.tenant, system="cpt", version="2026", effective_from=date(2026, 1, 1),
                                    status="ready")
    with pytest.raises(ValueError, match="cannot be used"):
        codes_check(tenant=school_a.tenant, system="cpt", codes=["99213"], release=theirs)


def test_a_cpt_modifier_is_known_by_its_form_not_refused_as_missing_from_hcpcs(hcpcs, school_a):
    check = _check(school_a, "99213", system="cpt", modifiers={"99213": ["25"]}).codes[0]
    assert check.modifiers == [{"input": "25", "modifier": "25", "valid": None, "description": "CPT modifier (checked by its form)"}]
    assert not [f for f in check.findings if f.rule == "modifier"]


def test_a_letter_modifier_missing_from_hcpcs_is_still_refused(hcpcs, school_a):
    check = _check(school_a, "99213", system="cpt", modifiers={"99213": ["ZZ"]}).codes[0]
    assert [f.rule for f in check.findings if f.rule == "modifier"] == ["modifier"]
