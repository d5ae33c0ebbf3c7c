"""How an answer would score against a key, before anything is saved: the API's preview and the editor's."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from assessments.scoring import AnswerLine, KeyLine, ScoreResult, score_coding_answer
from courses.services.content.keys import key_lines_check
from courses.services.learning import clean_answer_lines
from lms.models import Tenant


def preview_score(*, tenant: Tenant, key: list, answer: list, order_scored: bool = False) -> ScoreResult:
    """Score ``answer`` lines against ``key`` lines with the school's current code sets and partial credit.

    A key with problems is refused with all of them ({"key": [...]}); an answer as a student's would be.
    """
    lines, problems = key_lines_check(key, tenant_id=tenant.pk)
    if not lines and not problems:
        problems = ["The key needs at least one line."]
    if problems:
        raise ValidationError({"key": problems})
    cleaned = clean_answer_lines(answer)
    return score_coding_answer(
        tenant=tenant,
        key=[KeyLine(role=k.role, code=k.code, requirement=k.requirement, group=k.group, modifiers=k.modifier_list,
                     units=k.units, rationale=k.rationale) for k in lines],
        answer=[AnswerLine(code=a["code"], modifiers=tuple(a["modifiers"]), units=a["units"]) for a in cleaned],
        partial_credit=tenant.coding_partial_credit, order_scored=order_scored,
    )


def answer_from_text(text: str) -> list[dict]:
    """A sample answer typed one code per line, modifiers and units after it: "99213 25", "J1100 x10"."""
    lines = []
    for raw in text.splitlines():
        parts = raw.replace(",", " ").split()
        if not parts:
            continue
        units = 1
        modifiers = []
        for part in parts[1:]:
            if part.lower().startswith("x") and part[1:].isdigit():
                units = int(part[1:])
            else:
                modifiers.append(part)
        lines.append({"code": parts[0], "modifiers": modifiers, "units": units})
    return lines
