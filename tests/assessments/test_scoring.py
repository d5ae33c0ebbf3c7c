"""Scoring coding answers after Practicode's rules, on real April 2026 ICD-10-CM and 2016 HCPCS codes
(CPT is checked by format only: no school here holds a licensed file)."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest

from assessments.scoring import AnswerLine, KeyLine, score_coding_answer
from codesets.models import Code, Release, System

pytestmark = pytest.mark.django_db

DIABETES = [
    KeyLine("principal", "E11.65", rationale="The record documents type 2 diabetes with hyperglycemia."),
    KeyLine("secondary", "Z79.4", rationale="The patient takes insulin daily: long-term use of insulin."),
]


def _score(school, key, *answer, **options):
    lines = [a if isinstance(a, AnswerLine) else AnswerLine(a) for a in answer]
    return score_coding_answer(tenant=school.tenant, key=key, answer=lines, **options)


def _rules(line) -> list[str]:
    return [r.rule for r in line.reasons]


def _messages(line) -> list[str]:
    return [r.message for r in line.reasons]


def _older_icd10cm_release() -> Release:
    """A tabular from before E11.A existed (added October 2025), holding only what the tests need."""
    release = Release.objects.create(system=System.ICD10CM, version="2024-10", effective_from=date(2024, 10, 1),
                                     status=Release.Status.READY)
    for code, description in [("E11.65", "Type 2 diabetes mellitus with hyperglycemia"),
                              ("Z79.4", "Long term (current) use of insulin")]:
        Code.objects.create(release=release, system=System.ICD10CM, kind=Code.Kind.SUBCATEGORY, code=code,
                            key=code.replace(".", ""), description=description, billable=True)
    return release


def test_exact_answer_scores_full_credit(icd10cm, school_a):
    result = _score(school_a, DIABETES, "E11.65", "Z79.4")
    assert (result.score, result.credited, result.denominator) == (1.0, 2.0, 2)
    assert [(line.code, line.status, line.credit, line.role) for line in result.lines] == [
        ("E11.65", "correct", 1.0, "principal"), ("Z79.4", "correct", 1.0, "secondary")]
    assert result.missed == []


def test_codes_typed_in_lower_case_without_dot_are_normalised(icd10cm, school_a):
    result = _score(school_a, DIABETES, " e1165", "z794")
    assert result.score == 1.0
    assert [line.code for line in result.lines] == ["E11.65", "Z79.4"]


def test_principal_diagnosis_not_listed_first_earns_nothing(icd10cm, school_a):
    result = _score(school_a, DIABETES, "Z79.4", "E11.65")
    insulin, diabetes = result.lines
    assert result.score == 0.5
    assert (diabetes.status, diabetes.credit, diabetes.rationale) == ("wrong", 0.0, DIABETES[0].rationale)
    assert diabetes.reasons[0].rule == "principal_order"
    assert diabetes.reasons[0].message == "E11.65 is the principal diagnosis and must be listed first, before Z79.4."
    assert (insulin.status, insulin.credit) == ("correct", 1.0)


def test_use_additional_note_explains_why_the_order_is_wrong(icd10cm, school_a):
    insulin, diabetes = _score(school_a, DIABETES, "Z79.4", "E11.65").lines
    assert "use_additional" in _rules(insulin) and "use_additional" in _rules(diabetes)
    assert "Z79.4 is an additional code and goes after E11.65" in insulin.reasons[-1].message


def test_extra_code_costs_credit(icd10cm, school_a):
    result = _score(school_a, DIABETES, "E11.65", "Z79.4", "E78.5")
    assert (result.score, result.credited, result.denominator) == (0.6667, 2.0, 3)
    extra = result.lines[2]
    assert (extra.status, extra.credit, extra.role, extra.rationale) == ("extra", 0.0, "", "")
    assert extra.reasons[0].rule == "extra" and extra.reasons[0].message == "E78.5 is not needed for this case."


def test_same_code_twice_counts_once(icd10cm, school_a):
    result = _score(school_a, DIABETES, "E11.65", "Z79.4", "E11.65")
    assert result.score == 0.6667
    assert result.lines[2].status == "extra"
    assert result.lines[2].reasons[0].message == "E11.65 is entered more times than this case needs."


def test_optional_line_entered_never_costs_credit(icd10cm, school_a):
    key = [*DIABETES, KeyLine("secondary", "E78.5", requirement="optional")]
    with_it = _score(school_a, key, "E11.65", "Z79.4", "E78.5")
    without_it = _score(school_a, key, "E11.65", "Z79.4")
    assert (with_it.score, with_it.denominator, with_it.lines[2].status) == (1.0, 2, "correct")
    assert (without_it.score, without_it.denominator, without_it.missed) == (1.0, 2, [])


def test_an_optional_line_cannot_stand_in_for_a_missing_required_one(icd10cm, school_a):
    key = [*DIABETES, KeyLine("secondary", "E78.5", requirement="optional")]
    result = _score(school_a, key, "E11.65", "E78.5")
    assert (result.score, result.credited, result.denominator) == (0.5, 1.0, 2)
    assert [m.code for m in result.missed] == ["Z79.4"]


def test_an_optional_line_does_not_soften_the_cost_of_an_extra_code(icd10cm, school_a):
    key = [*DIABETES, KeyLine("secondary", "E78.5", requirement="optional")]
    result = _score(school_a, key, "E11.65", "Z79.4", "E78.5", "I10")
    assert (result.score, result.denominator) == (0.6667, 3)


def _lipid_key() -> list[KeyLine]:
    return [
        KeyLine("principal", "E11.65"),
        KeyLine("secondary", "E78.5", requirement="group", group="lipids", rationale="Hyperlipidemia is documented."),
        KeyLine("secondary", "E78.00", requirement="group", group="lipids", rationale="Or as hypercholesterolemia."),
    ]


def test_any_one_of_a_group_earns_the_group_credit(icd10cm, school_a):
    result = _score(school_a, _lipid_key(), "E11.65", "E78.00")
    assert (result.score, result.denominator) == (1.0, 2)
    assert result.lines[1].status == "correct" and result.missed == []


def test_second_member_of_a_credited_group_is_extra(icd10cm, school_a):
    result = _score(school_a, _lipid_key(), "E11.65", "E78.5", "E78.00")
    assert result.score == 0.6667
    second = result.lines[2]
    assert (second.status, second.credit, second.reasons[0].rule) == ("extra", 0.0, "extra")
    assert second.reasons[0].message == "E78.00 is not needed: E78.5 already counts, and one of them is enough."


def test_group_not_entered_is_missed_once_with_its_rationale(icd10cm, school_a):
    result = _score(school_a, _lipid_key(), "E11.65")
    assert (result.score, result.denominator) == (0.5, 2)
    [missed] = result.missed
    assert (missed.index, missed.code, missed.status, missed.role) == (None, "E78.5", "missing", "secondary")
    assert missed.reasons[0].message == "One of E78.5 or E78.00 (secondary diagnosis) is missing."
    assert missed.rationale == "Hyperlipidemia is documented. Or as hypercholesterolemia."


def test_missed_required_line_is_listed_with_its_rationale(icd10cm, school_a):
    result = _score(school_a, DIABETES, "E11.65")
    assert (result.score, result.denominator) == (0.5, 2)
    [missed] = result.missed
    assert (missed.code, missed.status, missed.credit, missed.role) == ("Z79.4", "missing", 0.0, "secondary")
    assert missed.rationale == DIABETES[1].rationale
    assert missed.reasons[0].message == "Z79.4 (secondary diagnosis) is missing."


def test_missing_modifier_earns_partial_credit(school_a):
    key = [KeyLine("procedure", "99213", modifiers=("25",))]
    line = _score(school_a, key, "99213").lines[0]
    assert (line.status, line.credit, line.role) == ("partial", 0.5, "procedure")
    assert [(r.rule, r.message) for r in line.reasons] == [("modifier", "Modifier 25 is missing on 99213.")]


def test_unexpected_cpt_modifier_is_named_not_called_unknown_to_hcpcs(hcpcs, school_a):
    # 25 is a CPT modifier: the HCPCS file never holds it, so that is no reason to give.
    line = _score(school_a, [KeyLine("procedure", "99213")], AnswerLine("99213", ("25",))).lines[0]
    assert (line.status, line.credit) == ("partial", 0.5)
    assert _messages(line) == ["Modifier 25 is not right on 99213 here."]


def test_wrong_side_modifier_earns_partial_credit(hcpcs, school_a):
    key = [KeyLine("supply", "L3000", modifiers=("RT",))]
    line = _score(school_a, key, AnswerLine("L3000", ("LT",))).lines[0]
    assert (line.status, line.credit) == ("partial", 0.5)
    assert _messages(line) == ["Modifier RT is missing on L3000.", "Modifier LT is not right on L3000 here."]


def test_modifier_unknown_to_hcpcs_gets_the_check_reason(hcpcs, school_a):
    line = _score(school_a, [KeyLine("supply", "L3000")], AnswerLine("L3000", ("ZZ",))).lines[0]
    assert line.status == "partial"
    assert _messages(line) == [f"ZZ is not a modifier in {hcpcs}."]


def test_modifier_on_a_diagnosis_gets_the_check_reason(icd10cm, school_a):
    line = _score(school_a, DIABETES[:1], AnswerLine("E11.65", ("LT",))).lines[0]
    assert (line.status, line.credit) == ("partial", 0.5)
    assert _messages(line) == ["ICD-10-CM codes take no modifiers (LT)."]


def test_modifiers_are_compared_as_a_set(hcpcs, school_a):
    key = [KeyLine("supply", "E0114", modifiers=("RR", "KX"))]
    assert _score(school_a, key, AnswerLine("e0114", ("kx", "RR"))).score == 1.0


def test_bilateral_lines_match_in_any_order(hcpcs, school_a):
    key = [KeyLine("supply", "L3000", modifiers=("LT",)), KeyLine("supply", "L3000", modifiers=("RT",))]
    result = _score(school_a, key, AnswerLine("L3000", ("RT",)), AnswerLine("L3000", ("LT",)))
    assert result.score == 1.0


def test_wrong_units_earn_partial_credit(hcpcs, school_a):
    line = _score(school_a, [KeyLine("supply", "A4253", units=2)], AnswerLine("A4253", units=1)).lines[0]
    assert (line.status, line.credit) == ("partial", 0.5)
    assert [(r.rule, r.message) for r in line.reasons] == [("units", "A4253 is reported with 2 units here, not 1.")]


def test_school_partial_credit_policy_is_honoured(hcpcs, school_a):
    result = _score(school_a, [KeyLine("supply", "A4253", units=2)], "A4253", partial_credit=Decimal("0.75"))
    assert (result.score, result.lines[0].credit) == (0.75, 0.75)


def test_partial_credit_outside_zero_to_one_is_refused(school_a):
    with pytest.raises(ValueError, match="partial_credit"):
        _score(school_a, [KeyLine("procedure", "99213")], "99213", partial_credit=1.5)


def test_code_not_in_this_years_table_is_wrong_and_the_key_line_missed(icd10cm, school_a):
    result = _score(school_a, DIABETES, "E11.66", "Z79.4")
    wrong = result.lines[0]
    assert result.score == 0.5
    assert (wrong.status, wrong.credit) == ("wrong", 0.0)
    assert _rules(wrong) == ["not_a_code", "near_miss"]
    assert wrong.reasons[0].message == "E11.66 is not a code in ICD-10-CM 2026-04."
    assert [m.code for m in result.missed] == ["E11.65"]


def test_less_specific_code_of_the_right_category_gets_a_hint(icd10cm, school_a):
    line = _score(school_a, DIABETES, "E11.9", "Z79.4").lines[0]
    assert (line.status, line.credit) == ("wrong", 0.0)
    assert [(r.rule, r.message) for r in line.reasons] == [
        ("near_miss", "E11.9 is in the right category (E11) but not the most specific code for this record.")]


def test_header_code_is_wrong_with_the_codes_below_it(icd10cm, school_a):
    line = _score(school_a, DIABETES, "E11.6", "Z79.4").lines[0]
    assert line.status == "wrong" and _rules(line) == ["header"]
    assert line.reasons[0].message == ("E11.6 is a header, not a billable code: "
                                       "choose one of the 6 codes below it (E11.61 to E11.69).")


def test_missing_seventh_character_lists_the_allowed_characters(icd10cm, school_a):
    key = [KeyLine("principal", "S72.001A")]
    line = _score(school_a, key, "S72.001").lines[0]
    assert line.status == "wrong" and _rules(line) == ["seventh_character"]
    assert line.reasons[0].message.startswith("S72.001 needs a 7th character: A (initial encounter for closed fracture), ")


def test_missing_placeholder_x_is_pointed_out(icd10cm, school_a):
    line = _score(school_a, [KeyLine("principal", "T36.0X1A")], "T3601A").lines[0]
    assert (line.code, line.status, _rules(line)) == ("T36.01A", "wrong", ["placeholder"])
    assert line.reasons[0].message == "T36.01A needs placeholder X to reach the 7th character: did you mean T36.0X1A?"


def test_excludes1_conflict_is_shown_on_both_lines(icd10cm, school_a):
    result = _score(school_a, [KeyLine("principal", "E11.9")], "E11.9", "E10.9")
    right, conflict = result.lines
    message = "E11.9 and E10.9 cannot be reported together (Excludes1 under E11 Type 2 diabetes mellitus: “type 1 diabetes mellitus (E10.-)”)."
    assert result.score == 0.5
    assert (right.status, right.credit, [(r.rule, r.message) for r in right.reasons]) == ("correct", 1.0, [("excludes1", message)])
    assert (conflict.status, _rules(conflict)) == ("extra", ["extra", "excludes1"])


def test_code_first_note_explains_a_broken_etiology_manifestation_order(icd10cm, school_a):
    key = [KeyLine("principal", "G30.9"), KeyLine("secondary", "F02.80")]
    result = _score(school_a, key, "F02.80", "G30.9")
    dementia, alzheimers = result.lines
    assert result.score == 0.5
    assert (alzheimers.status, _rules(alzheimers)[0]) == ("wrong", "principal_order")
    assert {"code_first", "use_additional"} <= set(_rules(alzheimers))
    assert dementia.status == "correct" and "code_first" in _rules(dementia)
    assert any(m.startswith("G30.9 must be listed before F02.80 (Code first under F02") for m in _messages(dementia))


def _three_diagnoses() -> list[KeyLine]:
    return [KeyLine("principal", "E11.65"), KeyLine("secondary", "E78.5"), KeyLine("secondary", "Z79.4")]


def test_order_of_secondary_diagnoses_is_not_scored_by_default(icd10cm, school_a):
    assert _score(school_a, _three_diagnoses(), "E11.65", "Z79.4", "E78.5").score == 1.0


def test_order_of_secondary_diagnoses_is_scored_when_the_key_says_so(icd10cm, school_a):
    result = _score(school_a, _three_diagnoses(), "E11.65", "Z79.4", "E78.5", order_scored=True)
    assert result.score == 0.6667
    late = result.lines[2]
    assert (late.code, late.status, late.credit) == ("E78.5", "wrong", 0.0)
    assert late.reasons[0].message == "E78.5 is out of order: list these secondary diagnoses as E78.5, Z79.4."
    assert result.lines[1].status == "correct"


def test_pinned_release_is_used_instead_of_the_current_one(icd10cm, school_a):
    older = _older_icd10cm_release()
    pinned = _score(school_a, DIABETES, "E11.65", "Z79.4", "E11.A", releases={"icd10cm": older}).lines[2]
    current = _score(school_a, DIABETES, "E11.65", "Z79.4", "E11.A").lines[2]
    assert (pinned.status, pinned.reasons[0].rule) == ("wrong", "not_a_code")
    assert pinned.reasons[0].message == "E11.A is not a code in ICD-10-CM 2024-10."
    assert current.status == "extra"


def test_release_pinned_under_another_system_is_refused(icd10cm, hcpcs, school_a):
    with pytest.raises(ValueError, match="cannot be pinned"):
        _score(school_a, DIABETES, "E11.65", releases={"icd10cm": hcpcs})


def test_diagnosis_typed_without_dot_is_read_as_icd10cm_not_hcpcs(icd10cm, school_a):
    # E1169 is also written like a HCPCS code; the ICD-10-CM table holds it, so it is E11.69.
    extra = _score(school_a, DIABETES, "E11.65", "Z79.4", "e1169").lines[2]
    assert (extra.code, extra.status) == ("E11.69", "extra")


def test_key_line_with_an_unknown_role_is_refused():
    with pytest.raises(ValueError, match="Unknown role"):
        KeyLine("diagnosis", "E11.65")


def test_result_is_plain_json_for_storing(icd10cm, school_a):
    data = _score(school_a, DIABETES, "E11.9").as_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["lines"][0]["reasons"][0]["rule"] == "near_miss"
    assert data["missed"][0]["rationale"] == DIABETES[0].rationale
    assert set(data) == {"score", "credited", "denominator", "lines", "missed"}


def test_a_result_as_data_matches_the_dataclasses():
    from dataclasses import asdict

    from assessments.scoring import LineFeedback, Reason, ScoreResult

    result = ScoreResult(score=0.5, credited=1.0, denominator=2, lines=[
        LineFeedback(index=0, code="E11.65", status="correct", credit=1.0, rationale="Type 2 with hyperglycemia", role="principal"),
        LineFeedback(index=1, code="E11.9", status="extra", credit=0.0, reasons=[Reason("extra", "E11.9 is not in the key.")]),
    ], missed=[LineFeedback(index=None, code="Z79.4", status="missing", credit=0.0)])
    assert result.as_dict() == asdict(result)
