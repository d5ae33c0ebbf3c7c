"""Put the demo question banks (assessments/demo_content) into a demo school, with a module quiz per
course, a CPC-style practice exam drawn from a blueprint, and graded attempts for the demo students.

Only courses without a bank get one, so a second ``seed_demo`` keeps what an instructor changed.
"""

from __future__ import annotations

import datetime
import random
from collections import Counter

from django.db import transaction
from django.utils import timezone

from assessments.demo_content import banks
from assessments.demo_content.shapes import Case, CodeEntry, Key, Single, Written
from assessments.domains import domains_ensure
from assessments.models import Assessment, AttemptItem, CohortAssessment, Question, QuestionBank
from assessments.services import attempts, delivery, grading, questions, regrade
from cohorts.models import Cohort, Enrollment
from courses.models import Course, Module
from lms.models import Membership, Role, Tenant

QUIZ_SIZE = 10
EXAM_SIZE = 40
EXAM_MINUTES = 96  # the CPC's pace: 4 hours for 100 questions


def _key(lines: tuple[Key, ...]) -> list[dict]:
    return [{"role": k.role, "code": k.code, "requirement": k.requirement, "group": k.group,
             "modifiers": list(k.modifiers), "units": k.units, "rationale": k.rationale} for k in lines]


def question_data(spec, modules: list[Module]) -> dict:
    """The editor's shape of one demo question."""
    data = {"domain": spec.domain, "prompt": spec.prompt, "rationale": spec.rationale, "points": spec.points,
            "module": modules[spec.module - 1].pk if spec.module and spec.module <= len(modules) else None}
    if isinstance(spec, Single):
        data.update(kind="multiple" if spec.multiple else "single",
                    choices=[{"text": c.text, "correct": c.correct} for c in spec.choices])
    elif isinstance(spec, CodeEntry):
        data.update(kind="code", items=[{"label": "Codes", "key": _key(spec.key)}], order_scored=spec.order_scored)
    elif isinstance(spec, Case):
        data.update(kind="case", record_title=spec.record_title, record_text=spec.record_text,
                    items=[{"label": i.label, "prompt": i.prompt, "key": _key(i.key)} for i in spec.items])
    elif isinstance(spec, Written):
        data.update(kind="written", rubric=spec.rubric)
    return data


def seed_assessments(*, tenant: Tenant) -> str:
    """Banks, quizzes and the practice exam for the school's demo courses; a summary line."""
    domains_ensure(tenant=tenant)
    author = Membership.objects.filter(tenant=tenant, role=Role.INSTRUCTOR).select_related("user").order_by("pk").first()
    if author is None:
        return f"{tenant.name}: no instructor to write the question banks."
    made = 0
    for code, specs in banks().items():
        course = Course.objects.filter(tenant=tenant, code=code, version=1).first()
        if course is None or QuestionBank.objects.filter(course=course).exists():
            continue
        with transaction.atomic():
            _course_bank(tenant, author.user, course, specs)
        made += 1
    _demo_attempts(tenant)
    total = Question.objects.filter(tenant=tenant).count()
    return f"{tenant.name}: {made} question banks made ({total} questions in all)."


def _course_bank(tenant: Tenant, author, course: Course, specs: tuple) -> None:
    modules = list(Module.objects.filter(course=course).order_by("position", "pk"))
    bank = questions.bank_create(tenant=tenant, actor=author, course=course, title=f"{course.code} question bank",
                                 description=f"Questions for {course.title}, tagged by module and CPC domain.")
    made = [questions.question_create(tenant=tenant, actor=author, bank=bank, data=question_data(spec, modules))
            for spec in specs]
    if modules:
        _module_quiz(tenant, author, course, bank, modules[0], made)
    _practice_exam(tenant, author, course, bank, made)


def _module_quiz(tenant, author, course, bank, module, made) -> None:
    chosen = [q for q in made if q.module_id == module.pk and q.kind in ("single", "multiple", "code")][:QUIZ_SIZE]
    if len(chosen) < 5:
        return
    quiz = delivery.assessment_create(tenant=tenant, actor=author, course=course, bank=bank, data={
        "title": f"Module quiz: {module.title}", "kind": Assessment.Kind.QUIZ, "module": module.pk,
        "instructions": "Ten questions on this module. Two attempts; your highest counts. Answers show after it closes.",
        "time_limit_minutes": 30, "attempts_allowed": 2, "passing_percent": 70,
    })
    delivery.questions_set(tenant=tenant, actor=author, assessment=quiz, question_ids=[q.pk for q in chosen])
    delivery.assessment_update(tenant=tenant, actor=author, assessment=quiz, data={"is_published": True})


def _practice_exam(tenant, author, course, bank, made) -> None:
    """A CPC-style practice exam: each domain's share of the bank's choice questions, 40 in all."""
    pool = Counter(q.domain_id for q in made if q.kind in ("single", "multiple"))
    if sum(pool.values()) < EXAM_SIZE:
        return
    total = sum(pool.values())
    counts = {domain: max(1, round(EXAM_SIZE * n / total)) for domain, n in pool.items()}
    while sum(counts.values()) > EXAM_SIZE:
        biggest = max(counts, key=lambda d: counts[d])
        counts[biggest] -= 1
    exam = delivery.assessment_create(tenant=tenant, actor=author, course=course, bank=bank, data={
        "title": f"{course.code} CPC-style practice exam", "kind": Assessment.Kind.PRACTICE_EXAM,
        "instructions": ("Forty questions drawn at random from the bank by CPC domain, at the CPC's pace (96 minutes). "
                         "Open code book. Results come back per domain against the 70% pass mark."),
        "time_limit_minutes": EXAM_MINUTES, "attempts_allowed": 3, "passing_percent": 70, "show_answers": "after_submit",
    })
    delivery.blueprint_set(tenant=tenant, actor=author, assessment=exam,
                           rules=[{"domain": d, "count": min(n, pool[d])} for d, n in counts.items()])
    delivery.assessment_update(tenant=tenant, actor=author, assessment=exam, data={"is_published": True})


def _demo_attempts(tenant: Tenant) -> None:
    """Schedule every published assessment for the running cohorts of its course; the first active
    student of each has a graded attempt at each (about three answers in four right)."""
    now = timezone.now()
    running = Cohort.objects.filter(tenant=tenant, term__starts_on__lte=now.date(), term__ends_on__gte=now.date())
    for cohort in running.select_related("course"):
        staff = cohort.staff.select_related("membership__user").first()
        actor = staff.membership.user if staff else None
        for assessment in Assessment.objects.filter(course=cohort.course, is_published=True).order_by("pk"):
            if CohortAssessment.objects.filter(cohort=cohort, assessment=assessment).exists():
                continue
            scheduled = delivery.schedule_set(
                tenant=tenant, actor=actor, cohort=cohort, assessment=assessment,
                opens_at=now - datetime.timedelta(days=7), due_at=now + datetime.timedelta(days=14),
                closes_at=now + datetime.timedelta(days=21),
            )
            enrollment = cohort.enrollments.filter(state=Enrollment.State.ACTIVE).order_by("pk").first()
            if enrollment is not None:
                _graded_attempt(scheduled, enrollment, now - datetime.timedelta(days=2), actor)


def _graded_attempt(scheduled: CohortAssessment, enrollment: Enrollment, when: datetime.datetime, grader) -> None:
    rng = random.Random(scheduled.pk)
    attempt = attempts.attempt_start(membership=enrollment.membership, scheduled=scheduled, now=when, rng=rng)
    for item in AttemptItem.objects.filter(attempt=attempt).select_related("version__question"):
        version, right = item.version, rng.random() < 0.75
        kind = version.question.kind
        if kind in ("single", "multiple"):
            correct = version.correct_choice_ids
            wrong = [c["id"] for c in version.choices if not c["correct"]]
            answer = ({"choice": correct[0] if right else wrong[0]} if kind == "single"
                      else {"choices": correct if right else correct[:1] + wrong[:1]})
        elif kind == "written":
            answer = {"text": "Modifier 25 goes on the E/M when it is significant and separately identifiable."}
        else:
            answer = {"items": [[{"code": k["code"], "modifiers": k["modifiers"], "units": k["units"]}
                                 for k in spec["key"] if k["requirement"] != "optional"][: None if right else 1]
                                for spec in version.items]}
        attempts.answer_save(attempt=attempt, position=item.position, response=answer, seq=1, now=when)
    with transaction.atomic():
        attempts.attempt_submit(attempt=attempt, now=when + datetime.timedelta(minutes=20))
    grading.attempt_grade(tenant_id=attempt.tenant_id, attempt_id=attempt.pk)
    # The instructor has graded the written answers: most of the points, and a word on what was missing.
    for item in AttemptItem.objects.filter(attempt=attempt, version__question__kind="written").select_related("version"):
        regrade.item_hand_grade(tenant=attempt.tenant, actor=grader, item=item, earned=item.points * 2 / 3,
                                feedback="Right idea. Name the guideline you are applying, as the rubric asks.")
