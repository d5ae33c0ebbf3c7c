"""Assessments: a question bank per course and, for every cohort, a timed practice exam open today.

The exam is what the bench's exam rush takes: twenty questions (single choice and code entry, as
the demo writes them) drawn by a blueprint, 60 minutes, open from an hour ago to tomorrow, two
attempts. The bank and the exam go through the services (a few hundred rows, not bulk), so they
are exactly what an author would have made.
"""

from __future__ import annotations

import datetime

from assessments.domains import domains_ensure
from assessments.models import Question
from assessments.services import delivery, questions
from bench.seeding.base import Counts, Seeding
from cohorts.models import Cohort
from courses.models import Course
from lms.models import Membership

EXAM_TITLE = "Timed practice exam"
CHOICE_ROUNDS = 4  # each of the choice questions below, four times over: enough to draw from
CHOICES = [
    ("cpc:icd10cm", "Type 2 diabetes with hyperglycemia is coded", "E11.65", ["E11.9", "E10.65", "E11.69"]),
    ("cpc:icd10cm", "Essential (primary) hypertension is coded", "I10", ["I11.9", "I15.9", "R03.0"]),
    ("cpc:em", "A new patient office visit with low medical decision making is", "99203", ["99213", "99202", "99204"]),
    ("cpc:em", "An established patient visit with moderate medical decision making is", "99214",
     ["99213", "99215", "99204"]),
    ("cpc:hcpcs", "The HCPCS Level II modifier for the left side is", "LT", ["RT", "59", "25"]),
]
CODED = [
    ("cpc:icd10cm", "Office visit: type 2 diabetes on insulin with hyperglycemia. Code the diagnoses.",
     [("principal", "E11.65"), ("secondary", "Z79.4")]),
    ("cpc:icd10cm", "ED: displaced fracture of the right radial head after a slip on ice, first visit. Code it.",
     [("principal", "S52.121A"), ("secondary", "W00.0XXA")]),
]
BLUEPRINT = {"cpc:icd10cm": 8, "cpc:em": 6, "cpc:hcpcs": 4}  # and the two coded questions (icd10cm): 20 in all
SPEC = {"title": EXAM_TITLE, "kind": "practice_exam", "time_limit_minutes": 60, "attempts_allowed": 2,
        "passing_percent": 70, "show_answers": "after_close"}


def _bank(ctx: Seeding, course: Course, author) -> list[Question]:
    bank = questions.bank_create(tenant=ctx.tenant, actor=author, course=course, title=f"{course.code} practice bank")
    made = []
    for round_ in range(1, CHOICE_ROUNDS + 1):
        for domain, prompt, right, wrong in CHOICES:
            made.append(questions.question_create(tenant=ctx.tenant, actor=author, bank=bank, data={
                "kind": "single", "domain": domain, "prompt": f"{prompt} (set {round_})", "rationale": f"{right}.",
                "choices": [{"text": right, "correct": True}, *({"text": w} for w in wrong)],
            }))
    for domain, prompt, key in CODED:
        made.append(questions.question_create(tenant=ctx.tenant, actor=author, bank=bank, data={
            "kind": "code", "domain": domain, "prompt": prompt, "points": "2",
            "items": [{"key": [{"role": role, "code": code} for role, code in key]}],
        }))
    return made


def seed_assessments(ctx: Seeding) -> Counts:
    domains = {f"{d.exam}:{d.code}": d for d in domains_ensure(tenant=ctx.tenant)}
    author = Membership.objects.select_related("user").get(pk=ctx.instructor_ids[0]).user
    exams = {}
    made = 0
    for course in Course.objects.filter(pk__in=ctx.course_ids):
        made += len(_bank(ctx, course, author))
        bank = course.question_banks.get()
        exam = delivery.assessment_create(tenant=ctx.tenant, actor=author, course=course, bank=bank, data=SPEC)
        rules = dict(BLUEPRINT)
        rules["cpc:icd10cm"] += len(CODED)
        delivery.blueprint_set(tenant=ctx.tenant, actor=author, assessment=exam,
                               rules=[{"domain": domains[d].pk, "count": n} for d, n in rules.items()])
        exams[course.pk] = delivery.assessment_update(tenant=ctx.tenant, actor=author, assessment=exam,
                                                      data={"is_published": True})
    for cohort in Cohort.objects.filter(pk__in=ctx.cohort_ids):
        delivery.schedule_set(tenant=ctx.tenant, actor=author, cohort=cohort, assessment=exams[cohort.course_id],
                              opens_at=ctx.now - datetime.timedelta(hours=1), due_at=ctx.now + datetime.timedelta(hours=20),
                              closes_at=ctx.now + datetime.timedelta(days=1))
    return {"Question": made, "Assessment": len(exams), "CohortAssessment": len(ctx.cohort_ids)}
