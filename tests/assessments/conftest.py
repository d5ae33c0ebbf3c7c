"""A small exam for cohort_a: a bank with questions in three CPC domains, and a timed practice exam
drawn from a blueprint, open since yesterday and closing tomorrow."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest
from django.utils import timezone

from assessments.domains import domains_ensure
from assessments.models import Assessment, CohortAssessment, ExamDomain, Question, QuestionBank
from assessments.services import delivery, questions


def single(domain: str, prompt: str, right: str, wrong: list[str]) -> dict:
    return {"kind": "single", "domain": domain, "prompt": prompt, "rationale": f"{right} is right.",
            "choices": [{"text": right, "correct": True}] + [{"text": w} for w in wrong]}


QUESTIONS = [
    single("cpc:icd10cm", "Type 2 diabetes with hyperglycemia is coded", "E11.65", ["E11.9", "E10.65", "E11.69"]),
    single("cpc:icd10cm", "Essential (primary) hypertension is coded", "I10", ["I11.9", "I15.9", "R03.0"]),
    single("cpc:em", "A new patient office visit with low MDM is", "99203", ["99213", "99202", "99204"]),
    single("cpc:em", "An established patient visit with moderate MDM is", "99214", ["99213", "99215", "99204"]),
    single("cpc:hcpcs", "HCPCS Level II codes for drugs given other than orally start with", "J", ["A", "E", "L"]),
    single("cpc:hcpcs", "The HCPCS modifier for the left side is", "LT", ["RT", "59", "25"]),
]


@dataclass
class Exam:
    bank: QuestionBank
    assessment: Assessment
    scheduled: CohortAssessment
    questions: list[Question]
    domains: dict[str, ExamDomain]


def make_exam(cast, *, time_limit: int | None = 60, per_domain: int = 2, **settings) -> Exam:
    school = cast.school
    tenant = school.tenant
    domains = {f"{d.exam}:{d.code}": d for d in domains_ensure(tenant=tenant)}
    bank = questions.bank_create(tenant=tenant, actor=school.instructor, course=cast.cohort.course, title="CPC review bank")
    made = [questions.question_create(tenant=tenant, actor=school.instructor, bank=bank, data=q) for q in QUESTIONS]
    assessment = delivery.assessment_create(tenant=tenant, actor=school.instructor, course=cast.cohort.course, bank=bank, data={
        "title": "CPC practice exam", "kind": "practice_exam", "time_limit_minutes": time_limit, "attempts_allowed": 2,
        **settings,
    })
    delivery.blueprint_set(tenant=tenant, actor=school.instructor, assessment=assessment, rules=[
        {"domain": domains[d].pk, "count": per_domain} for d in ("cpc:icd10cm", "cpc:em", "cpc:hcpcs")
    ])
    assessment = delivery.assessment_update(tenant=tenant, actor=school.instructor, assessment=assessment,
                                            data={"is_published": True})
    now = timezone.now()
    scheduled = delivery.schedule_set(tenant=tenant, actor=school.instructor, cohort=cast.cohort, assessment=assessment,
                                      opens_at=now - datetime.timedelta(days=1), due_at=now + datetime.timedelta(hours=20),
                                      closes_at=now + datetime.timedelta(days=1))
    return Exam(bank=bank, assessment=assessment, scheduled=scheduled, questions=made, domains=domains)


@pytest.fixture
def exam(cohort_a) -> Exam:
    return make_exam(cohort_a)


def right_answer(item) -> dict:
    version = item.version
    if version.question.kind == "single":
        return {"choice": version.correct_choice_ids[0]}
    if version.question.kind == "multiple":
        return {"choices": version.correct_choice_ids}
    return {"items": [[{"code": k["code"], "modifiers": k["modifiers"], "units": k["units"]} for k in spec["key"]]
                      for spec in version.items]}
