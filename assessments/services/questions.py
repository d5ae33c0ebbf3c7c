"""Question banks and their questions: cleaning what an author sends, and versioning on edit.

One shape serves the editor, the API and bank import:
``{"kind", "domain", "module", "prompt", "choices": [{"text", "correct"}], "items": [{"label", "prompt",
"key": [key lines]}], "record_title", "record_text", "points", "rationale", "rubric", "order_scored"}``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction

from assessments.domains import domain_by_code, domain_get
from assessments.models import AttemptItem, Question, QuestionBank, QuestionKind, QuestionVersion, RegradeJob
from codesets.models import Release, System
from codesets.search import current_releases
from courses.markdown import render_post
from courses.models import Course, Module
from courses.services.content.keys import key_lines_check
from lms.models import Tenant, User
from lms.services import audit_record

CHOICE_IDS = "abcdefghij"
SPARE_IDS = "klmnopqrstuvwxyz"  # for choices added in later versions (ids stay with their text)
PROMPT_MAX = 20_000
CHOICE_MAX = 500
MAX_CASE_ITEMS = 10
CHOICE_KINDS = (QuestionKind.SINGLE, QuestionKind.MULTIPLE)
CODED_KINDS = (QuestionKind.CODE, QuestionKind.CASE)
# What a new version compares to decide whether attempts already graded may be affected.
SCORED_FIELDS = ("choices", "items", "points", "order_scored")
SCORED_NAMES = {"choices": "the right choices", "items": "the answer key", "points": "the points",
                "order_scored": "whether order is scored"}


@transaction.atomic
def bank_create(*, tenant: Tenant, actor: User, course: Course, title: str, description: str = "") -> QuestionBank:
    if course.tenant_id != tenant.pk:
        raise ValidationError("This course belongs to another school.")
    bank = QuestionBank(tenant=tenant, course=course, title=" ".join(title.split()), description=description.strip(),
                        created_by=actor)
    bank.full_clean()
    bank.save()
    audit_record(tenant=tenant, actor=actor, action="question_bank.created", target=bank, after={"title": bank.title})
    return bank


@transaction.atomic
def bank_update(*, tenant: Tenant, actor: User, bank: QuestionBank, title: str, description: str = "") -> QuestionBank:
    before = {"title": bank.title, "description": bank.description}
    bank.title, bank.description = " ".join(title.split()), description.strip()
    bank.full_clean()
    bank.save(update_fields=["title", "description"])
    after = {"title": bank.title, "description": bank.description}
    if after != before:
        audit_record(tenant=tenant, actor=actor, action="question_bank.changed", target=bank, before=before, after=after)
    return bank


@dataclass
class Cleaned:
    kind: str
    domain_id: int
    module_id: int | None
    fields: dict  # the version's fields


def question_clean(*, tenant: Tenant, bank: QuestionBank, data: dict, kind: str | None = None) -> Cleaned:
    """Every problem with ``data`` at once, by field (``{"choices": [...], "items": [...]}``), or the clean question."""
    errors: dict[str, list[str]] = {}
    kind = kind or str(data.get("kind") or "")
    if kind not in QuestionKind.values:
        errors["kind"] = ["Choose the kind of question: single choice, multiple answer, code entry, case or written."]
    domain = _domain(tenant, data.get("domain"))
    if domain is None:
        errors["domain"] = ["Choose the exam domain this question tests."]
    module_id = _module(bank, data.get("module"), errors)
    prompt = str(data.get("prompt") or "").strip()
    if not prompt:
        errors["prompt"] = ["Write the question."]
    elif len(prompt) > PROMPT_MAX:
        errors["prompt"] = [f"Keep the question under {PROMPT_MAX:,} characters."]
    fields = {
        "prompt": prompt, "prompt_html": render_post(prompt) if prompt else "",
        "rationale": str(data.get("rationale") or "").strip(), "rubric": str(data.get("rubric") or "").strip(),
        "record_title": str(data.get("record_title") or "").strip()[:150], "record_text": str(data.get("record_text") or "").strip(),
        "order_scored": bool(data.get("order_scored")), "points": _points(data.get("points"), errors),
        "choices": [], "items": [],
    }
    if kind in CHOICE_KINDS:
        fields["choices"] = _choices(kind, data.get("choices"), errors)
    elif kind in CODED_KINDS:
        fields["items"] = _items(tenant, kind, data.get("items"), errors)
        if kind == QuestionKind.CASE and not fields["record_text"]:
            errors["record_text"] = ["A case needs the health record the student codes from."]
    elif kind == QuestionKind.WRITTEN and not fields["rubric"]:
        errors["rubric"] = ["Say what earns the points, so whoever grades it grades alike."]
    if errors:
        raise ValidationError(errors)
    return Cleaned(kind=kind, domain_id=domain.pk, module_id=module_id, fields=fields)


def _domain(tenant: Tenant, raw: object):
    if raw in (None, ""):
        return None
    if isinstance(raw, str) and not raw.strip().isdigit():
        return domain_by_code(tenant=tenant, code=raw)
    return domain_get(tenant=tenant, domain_id=raw)


def _module(bank: QuestionBank, raw: object, errors: dict) -> int | None:
    if raw in (None, ""):
        return None
    try:
        pk = int(str(raw))
    except ValueError:
        pk = 0
    if not Module.objects.filter(pk=pk, course_id=bank.course_id, tenant_id=bank.tenant_id).exists():
        errors["module"] = ["Choose a module of this bank's course."]
        return None
    return pk


def _points(raw: object, errors: dict) -> Decimal:
    try:
        points = Decimal(str(raw if raw not in (None, "") else 1))
    except InvalidOperation:
        points = Decimal(-1)
    if not points.is_finite() or not Decimal(0) < points <= Decimal(100) or points != points.quantize(Decimal("0.01")):
        errors["points"] = ["Points are a number above 0 and at most 100, to two decimal places."]
        return Decimal(1)
    return points


def _choices(kind: str, raw: object, errors: dict) -> list[dict]:
    rows = [c for c in (raw if isinstance(raw, list) else []) if isinstance(c, dict) and str(c.get("text") or "").strip()]
    problems = []
    if not 2 <= len(rows) <= len(CHOICE_IDS):
        problems.append(f"Give from 2 to {len(CHOICE_IDS)} choices.")
    texts = [" ".join(str(c["text"]).split()) for c in rows]
    if any(len(t) > CHOICE_MAX for t in texts):
        problems.append(f"Keep each choice under {CHOICE_MAX} characters.")
    if len({t.lower() for t in texts}) != len(texts):
        problems.append("Two choices say the same thing.")
    correct = sum(1 for c in rows if c.get("correct"))
    if kind == QuestionKind.SINGLE and correct != 1:
        problems.append("Mark exactly one choice correct.")
    if kind == QuestionKind.MULTIPLE and correct < 1:
        problems.append("Mark at least one choice correct.")
    if problems:
        errors["choices"] = problems
    return [{"id": CHOICE_IDS[i], "text": text, "correct": bool(c.get("correct"))}
            for i, (c, text) in enumerate(zip(rows[: len(CHOICE_IDS)], texts, strict=False))]


def _keep_choice_ids(old: list[dict], new: list[dict]) -> list[dict]:
    """A choice keeps its id from version to version while its text stays, so an answer given to an earlier
    version is judged by the same choice under the current key; a new or reworded choice takes an unused id."""
    by_text = {" ".join(c["text"].split()).lower(): c["id"] for c in old}
    taken = {by_text[key] for c in new if (key := " ".join(c["text"].split()).lower()) in by_text}
    spare = iter(i for i in CHOICE_IDS + SPARE_IDS if i not in taken and i not in {c["id"] for c in old})
    kept = []
    for choice in new:
        key = " ".join(choice["text"].split()).lower()
        kept.append({**choice, "id": by_text[key] if key in by_text else next(spare)})
    return kept


def _items(tenant: Tenant, kind: str, raw: object, errors: dict) -> list[dict]:
    rows = [r for r in (raw if isinstance(raw, list) else []) if isinstance(r, dict)]
    problems = []
    if kind == QuestionKind.CODE and len(rows) != 1:
        problems.append("A code-entry question has one answer key.")
    if kind == QuestionKind.CASE and not 1 <= len(rows) <= MAX_CASE_ITEMS:
        problems.append(f"A case has from 1 to {MAX_CASE_ITEMS} items to code.")
    items = []
    for number, row in enumerate(rows[:MAX_CASE_ITEMS], start=1):
        lines, line_problems = key_lines_check(row.get("key") if isinstance(row.get("key"), list) else [], tenant_id=tenant.pk)
        if not lines:
            line_problems = ["The answer key needs at least one line: a code a certified coder would report."]
        where = f"Item {number}: " if kind == QuestionKind.CASE else ""
        problems += [where + p for p in line_problems]
        items.append({
            "label": str(row.get("label") or (f"Item {number}" if kind == QuestionKind.CASE else "Codes"))[:120],
            "prompt": str(row.get("prompt") or "").strip()[:1000],
            "key": [{"role": k.role, "code": k.code, "requirement": k.requirement, "group": k.group,
                     "modifiers": list(k.modifier_list), "units": k.units, "rationale": k.rationale} for k in lines],
        })
    if problems:
        errors["items"] = problems
    return items


def _pins(tenant: Tenant, kind: str) -> dict[str, Release | None]:
    if kind not in CODED_KINDS:
        return {"icd10cm_release": None, "hcpcs_release": None}
    current = {r.system: r for r in current_releases(tenant=tenant) if r.system in (System.ICD10CM, System.HCPCS)}
    return {"icd10cm_release": current.get(System.ICD10CM), "hcpcs_release": current.get(System.HCPCS)}


@transaction.atomic
def question_create(*, tenant: Tenant, actor: User, bank: QuestionBank, data: dict) -> Question:
    if bank.tenant_id != tenant.pk:
        raise ValidationError("This bank belongs to another school.")
    cleaned = question_clean(tenant=tenant, bank=bank, data=data)
    question = Question.objects.create(tenant=tenant, bank=bank, kind=cleaned.kind, domain_id=cleaned.domain_id,
                                       module_id=cleaned.module_id)
    version = QuestionVersion.objects.create(tenant=tenant, question=question, number=1, created_by=actor,
                                             **cleaned.fields, **_pins(tenant, cleaned.kind))
    question.current = version
    question.save(update_fields=["current"])
    audit_record(tenant=tenant, actor=actor, action="question.created", target=question, after={"bank": bank.title})
    return question


@dataclass
class Edited:
    question: Question
    version: QuestionVersion
    new_version: bool  # students had been given the old one, so it was kept
    regrade: RegradeJob | None  # the key, the choices or the points changed under graded attempts


@transaction.atomic
def question_update(*, tenant: Tenant, actor: User, question: Question, data: dict) -> Edited:
    """Edit in place while nobody has been given the question; after that, a new version."""
    question = Question.objects.select_for_update().get(pk=question.pk, tenant=tenant)
    old = question.current
    cleaned = question_clean(tenant=tenant, bank=question.bank, data=data, kind=question.kind)
    cleaned.fields["choices"] = _keep_choice_ids(old.choices, cleaned.fields["choices"])
    changed = {f: v for f, v in cleaned.fields.items() if getattr(old, f) != v}
    scoring_changed = any(f in changed for f in SCORED_FIELDS)
    given = AttemptItem.objects.filter(version=old).exists()
    if given and changed:
        version = QuestionVersion.objects.create(
            tenant=tenant, question=question, number=old.number + 1, created_by=actor, **cleaned.fields,
            **_pins(tenant, question.kind),
        )
        question.current = version
    else:
        version = old
        for name, value in changed.items():
            setattr(version, name, value)
        if changed:
            version.save(update_fields=list(changed))
    question.domain_id, question.module_id = cleaned.domain_id, cleaned.module_id
    question.needs_review = question.needs_review and not scoring_changed
    question.save(update_fields=["current", "domain", "module", "needs_review", "updated_at"])
    if changed:
        audit_record(tenant=tenant, actor=actor, action="question.changed", target=question,
                     before={"version": old.number}, after={"version": version.number, "changed": sorted(changed)})
    regrade = None
    if scoring_changed and given:
        from assessments.services.regrade import regrade_request

        what = ", ".join(SCORED_NAMES[f] for f in SCORED_FIELDS if f in changed)
        regrade = regrade_request(tenant=tenant, actor=actor, question=question,
                                  reason=f"Question {question.pk} changed ({what}) in version {version.number}")
    return Edited(question=question, version=version, new_version=version.pk != old.pk, regrade=regrade)


@transaction.atomic
def question_archive(*, tenant: Tenant, actor: User, question: Question, archived: bool = True) -> Question:
    Question.objects.filter(pk=question.pk, tenant=tenant).update(is_archived=archived)
    question.is_archived = archived
    audit_record(tenant=tenant, actor=actor, action="question.archived" if archived else "question.restored", target=question)
    return question
