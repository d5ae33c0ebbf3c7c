"""The demo question banks: each clean as the editor would take it, its keys scoring 100% against the
code sets that ship, spread across the CPC domains, with a module quiz's worth for the first module."""

from __future__ import annotations

from collections import Counter

import pytest

from assessments.demo import question_data
from assessments.demo_content import COURSE_MODULES, banks
from assessments.demo_content.shapes import Case, CodeEntry, Single, Written
from assessments.domains import CPC_DOMAINS, domains_ensure
from assessments.models import QuestionBank
from assessments.scoring import AnswerLine, KeyLine, score_coding_answer
from assessments.services.questions import question_clean
from courses.demo_content import COURSES
from tests.factories import CourseFactory

pytestmark = pytest.mark.django_db
BANKS = banks()
CPC_CODES = {f"cpc:{code}" for code, _, _ in CPC_DOMAINS}


def _cases():
    return [(course, n, spec) for course, specs in BANKS.items() for n, spec in enumerate(specs, start=1)]


def test_every_demo_course_has_a_bank_of_sixty():
    assert set(BANKS) == set(COURSE_MODULES)
    short = {course: len(specs) for course, specs in BANKS.items() if len(specs) < 60}
    assert not short, f"banks under 60 questions: {short}"


@pytest.mark.parametrize("course", sorted(COURSE_MODULES))
def test_a_bank_spans_the_cpc_domains_and_feeds_its_first_module_quiz(course):
    specs = BANKS.get(course, ())
    domains = Counter(spec.domain for spec in specs)
    assert set(domains) <= CPC_CODES, f"unknown domains: {set(domains) - CPC_CODES}"
    assert len(domains) >= 8, f"{course} covers only {sorted(domains)}"
    first_module = [s for s in specs if s.module == 1 and isinstance(s, (Single, CodeEntry))]
    assert len(first_module) >= 10
    assert all(0 <= s.module <= len(COURSES[course]) for s in specs)
    kinds = Counter(type(s).__name__ + ("-multiple" if getattr(s, "multiple", False) else "") for s in specs)
    assert kinds["CodeEntry"] >= 5 and kinds["Case"] >= 2 and kinds["Single-multiple"] >= 2 and kinds["Written"] >= 1


@pytest.mark.parametrize(("course", "number", "spec"), _cases(), ids=[f"{c}-{n}" for c, n, _ in _cases()])
def test_a_demo_question_is_clean_and_its_key_scores_full(course, number, spec, school_a, icd10cm, hcpcs):
    domains_ensure(tenant=school_a.tenant)
    bank = QuestionBank.objects.create(tenant=school_a.tenant, course=CourseFactory(tenant=school_a.tenant), title="Check")
    data = question_data(spec, modules=[])  # modules are the course's; checked by position above
    question_clean(tenant=school_a.tenant, bank=bank, data=data)  # raises with every problem
    assert spec.rationale.strip()
    if isinstance(spec, Single):
        texts = [c.text for c in spec.choices]
        assert len(texts) >= 3 and len(set(texts)) == len(texts)
    for key in _keys(spec):
        entered = [k for k in key if k.requirement == "required" or (k.requirement == "group" and k.group and
                   k == next(x for x in key if x.group == k.group))]
        result = score_coding_answer(
            tenant=school_a.tenant,
            key=[KeyLine(role=k.role, code=k.code, requirement=k.requirement, group=k.group, modifiers=k.modifiers,
                         units=k.units, rationale=k.rationale) for k in key],
            answer=[AnswerLine(code=k.code, modifiers=k.modifiers, units=k.units) for k in entered],
            releases={"icd10cm": icd10cm, "hcpcs": hcpcs}, order_scored=getattr(spec, "order_scored", False),
        )
        assert result.score == 1.0, [(line.code, [r.message for r in line.reasons]) for line in result.lines]
    if isinstance(spec, Written):
        assert spec.rubric.strip()


def _keys(spec):
    if isinstance(spec, CodeEntry):
        return [spec.key]
    if isinstance(spec, Case):
        return [item.key for item in spec.items]
    return []
