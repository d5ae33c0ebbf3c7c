"""Assessments, their blueprints or fixed questions, the cohorts' windows, and accommodations."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from assessments.models import (
    Accommodation,
    Assessment,
    AssessmentQuestion,
    BlueprintRule,
    CohortAssessment,
    ExamDomain,
    Question,
    QuestionBank,
)
from assessments.services.attempts import deadlines_follow_accommodation, deadlines_follow_schedule
from cohorts.models import Cohort
from courses.markdown import render_post
from courses.models import Course, Module
from lms.models import Membership, Role, Tenant, User
from lms.services import audit_record

SETTINGS = ("title", "kind", "instructions", "time_limit_minutes", "attempts_allowed", "scoring_policy",
            "shuffle_questions", "shuffle_choices", "passing_percent", "show_scores", "show_answers", "is_published")


def _apply(assessment: Assessment, data: dict) -> None:
    for name in SETTINGS:
        if name in data:
            setattr(assessment, name, data[name])
    assessment.instructions_html = render_post(assessment.instructions) if assessment.instructions.strip() else ""


def _module(course: Course, module_id: object) -> Module | None:
    if module_id in (None, ""):
        return None
    module = Module.objects.filter(course=course, pk=int(str(module_id)) if str(module_id).isdigit() else 0).first()
    if module is None:
        raise ValidationError({"module": "Choose a module of this course."})
    return module


@transaction.atomic
def assessment_create(*, tenant: Tenant, actor: User, course: Course, bank: QuestionBank, data: dict) -> Assessment:
    if course.tenant_id != tenant.pk or bank.course_id != course.pk:
        raise ValidationError({"bank": "Choose a question bank of this course."})
    assessment = Assessment(tenant=tenant, course=course, bank=bank, created_by=actor, module=_module(course, data.get("module")))
    _apply(assessment, data)
    assessment.full_clean()
    assessment.save()
    audit_record(tenant=tenant, actor=actor, action="assessment.created", target=assessment, after={"title": assessment.title})
    return assessment


@transaction.atomic
def assessment_update(*, tenant: Tenant, actor: User, assessment: Assessment, data: dict) -> Assessment:
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk, tenant=tenant)
    before = {name: str(getattr(assessment, name)) for name in SETTINGS}
    if "module" in data:
        assessment.module = _module(assessment.course, data["module"])
    _apply(assessment, data)
    assessment.full_clean()
    if assessment.is_published:
        _refuse_unfillable(assessment)
    assessment.save()
    after = {name: str(getattr(assessment, name)) for name in SETTINGS}
    changes = {k: v for k, v in after.items() if before[k] != v}
    if changes:
        audit_record(tenant=tenant, actor=actor, action="assessment.changed", target=assessment,
                     before={k: before[k] for k in changes}, after=changes)
    return assessment


def _refuse_unfillable(assessment: Assessment) -> None:
    """A published assessment must be able to draw every attempt's questions."""
    rules = list(assessment.blueprint.select_related("domain"))
    if not rules and not assessment.fixed_questions.exists():
        raise ValidationError("Add questions, or a blueprint to draw them from, before publishing.")
    usable = Question.objects.filter(bank_id=assessment.bank_id, is_archived=False, current__isnull=False)
    for rule in rules:
        have = usable.filter(domain=rule.domain).count()
        if have < rule.count:
            raise ValidationError(f"The blueprint asks for {rule.count} questions in {rule.domain.name}; the bank has {have}.")


@transaction.atomic
def blueprint_set(*, tenant: Tenant, actor: User, assessment: Assessment, rules: list[dict]) -> list[BlueprintRule]:
    """Replace the blueprint: [{"domain": id, "count": n}]. An empty list means fixed questions."""
    built, problems, seen = [], [], set()
    for number, rule in enumerate(rules, start=1):
        domain = ExamDomain.objects.filter(tenant=tenant, pk=rule.get("domain") if str(rule.get("domain", "")).isdigit() else 0).first()
        count = rule.get("count")
        if domain is None:
            problems.append(f"Row {number}: choose a domain.")
            continue
        if domain.pk in seen:
            problems.append(f"Row {number}: {domain.name} is already in the blueprint.")
        if not isinstance(count, int) or not 1 <= count <= 500:
            problems.append(f"Row {number}: draw from 1 to 500 questions.")
        seen.add(domain.pk)
        built.append(BlueprintRule(tenant=tenant, assessment=assessment, domain=domain, count=count if isinstance(count, int) else 1,
                                   position=number))
    if problems:
        raise ValidationError(problems)
    assessment.blueprint.all().delete()
    saved = BlueprintRule.objects.bulk_create(built)
    audit_record(tenant=tenant, actor=actor, action="assessment.changed", target=assessment,
                 after={"blueprint": ", ".join(f"{r.domain.name}: {r.count}" for r in built)})
    return saved


@transaction.atomic
def questions_set(*, tenant: Tenant, actor: User, assessment: Assessment, question_ids: list[int]) -> int:
    """The fixed questions every attempt gets, in this order (questions of the assessment's bank)."""
    found = set(Question.objects.filter(tenant=tenant, bank_id=assessment.bank_id, pk__in=question_ids, is_archived=False)
                .values_list("pk", flat=True))
    missing = [pk for pk in question_ids if pk not in found]
    if missing:
        raise ValidationError(f"Not questions of this bank: {', '.join(map(str, missing[:10]))}.")
    assessment.fixed_questions.all().delete()
    AssessmentQuestion.objects.bulk_create(
        AssessmentQuestion(tenant=tenant, assessment=assessment, question_id=pk, position=n)
        for n, pk in enumerate(dict.fromkeys(question_ids), start=1)
    )
    audit_record(tenant=tenant, actor=actor, action="assessment.changed", target=assessment,
                 after={"questions": len(found)})
    return len(found)


def _window_problems(opens_at, due_at, closes_at) -> dict:
    errors = {}
    if opens_at is None:
        errors["opens_at"] = "Say when it opens."
    if due_at and opens_at and due_at < opens_at:
        errors["due_at"] = "It cannot be due before it opens."
    if closes_at and opens_at and closes_at < opens_at:
        errors["closes_at"] = "It cannot close before it opens."
    if closes_at and due_at and closes_at < due_at:
        errors["closes_at"] = "It cannot close before it is due."
    return errors


@transaction.atomic
def schedule_set(*, tenant: Tenant, actor: User, cohort: Cohort, assessment: Assessment, opens_at, due_at=None,
                 closes_at=None, late_penalty_percent: Decimal = Decimal(0)) -> CohortAssessment:
    """When ``cohort`` takes ``assessment`` (created, or its dates changed)."""
    if cohort.tenant_id != tenant.pk or assessment.course_id != cohort.course_id:
        raise ValidationError("Schedule an assessment of the cohort's own course.")
    errors = _window_problems(opens_at, due_at, closes_at)
    if errors:
        raise ValidationError(errors)
    row, created = CohortAssessment.objects.select_for_update().get_or_create(
        tenant=tenant, cohort=cohort, assessment=assessment,
        defaults={"opens_at": opens_at, "due_at": due_at, "closes_at": closes_at, "late_penalty_percent": late_penalty_percent},
    )
    before = {"opens_at": str(row.opens_at), "due_at": str(row.due_at), "closes_at": str(row.closes_at)}
    if not created:
        row.opens_at, row.due_at, row.closes_at, row.late_penalty_percent = opens_at, due_at, closes_at, late_penalty_percent
        if row.opens_at > timezone.now():
            row.opened_notice_sent_at = None
        row.full_clean()
        row.save()
    after = {"opens_at": str(row.opens_at), "due_at": str(row.due_at), "closes_at": str(row.closes_at)}
    audit_record(tenant=tenant, actor=actor, action="assessment.scheduled" if created else "assessment.schedule_changed",
                 target=row, before=None if created else before, after=after)
    if not created and after != before:
        deadlines_follow_schedule(scheduled=row)
    return row


@transaction.atomic
def accommodation_set(*, tenant: Tenant, actor: User, membership: Membership, time_multiplier: Decimal,
                      extra_attempts: int = 0, close_extension_hours: int = 0, note: str = "") -> Accommodation:
    """Set a student's one accommodation profile; their open attempts' deadlines follow it at once."""
    if membership.tenant_id != tenant.pk or membership.role != Role.STUDENT:
        raise ValidationError("Accommodations are for the school's students.")
    row = Accommodation.objects.select_for_update().filter(membership=membership).first() or Accommodation(
        tenant=tenant, membership=membership
    )
    before = None if row.pk is None else {"time_multiplier": str(row.time_multiplier), "extra_attempts": row.extra_attempts,
                                          "close_extension_hours": row.close_extension_hours}
    row.time_multiplier, row.extra_attempts = Decimal(str(time_multiplier)), extra_attempts
    row.close_extension_hours, row.note, row.set_by = close_extension_hours, note.strip()[:255], actor
    row.full_clean(exclude=["membership"] if row.pk is None else None)
    row.save()
    after = {"time_multiplier": str(row.time_multiplier), "extra_attempts": row.extra_attempts,
             "close_extension_hours": row.close_extension_hours}
    if after != before:
        audit_record(tenant=tenant, actor=actor, action="accommodation.set", target=membership, before=before, after=after)
        deadlines_follow_accommodation(accommodation=row)
    return row
