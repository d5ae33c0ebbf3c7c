"""An exercise's answer key, replaced whole."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from codesets.formats import HCPCS_KEY, ICD10CM_KEY, MODIFIER_KEY, cpt_category, icd10cm_display, to_key
from courses.models import KeyLine, KeyRole, Lesson
from courses.services.catalogue import _own
from courses.services.content._shared import DIAGNOSES, MAX_KEY_LINES
from lms.models import Tenant, User
from lms.services import audit_record

# --- an exercise's answer key ----------------------------------------------------------


def _modifier_list(raw: object) -> list[str]:
    if isinstance(raw, str):
        items = raw.replace(" ", ",").split(",")
    elif isinstance(raw, (list, tuple)):
        items = list(raw)
    else:
        items = [] if raw is None else [raw]  # a number or an object is reported as "not a modifier"
    found: list[str] = []
    for item in items:
        text = str(item).strip().upper()
        if text and text not in found:
            found.append(text)
    return found


def _key_code(role: str, raw: str) -> tuple[str, str | None]:
    """The code in its printed form, or a problem saying what the role expects."""
    key = to_key(raw)
    if not key:
        return "", "enter the code."
    is_cpt, is_hcpcs = cpt_category(key) is not None, bool(HCPCS_KEY.match(key))
    if role in DIAGNOSES:
        if ICD10CM_KEY.match(key) and not is_cpt:
            return icd10cm_display(key), None
        hint = f" {raw} looks like a CPT code: make the line a procedure." if is_cpt else ""
        return raw, (
            f"{raw} is not an ICD-10-CM code. Diagnoses are a letter, two more characters, then up to four after "
            f"a dot (E11.65, S72.001A).{hint}"
        )
    if role == KeyRole.PROCEDURE:
        if is_cpt or is_hcpcs:
            return key, None
        return raw, (
            f"{raw} is not a CPT code (five characters: 99213, 3074F, 0042T) or a HCPCS Level II code "
            "(a letter A–V and four digits: J1100)."
        )
    if role == KeyRole.SUPPLY:
        if is_hcpcs:
            return key, None
        return raw, f"{raw} is not a HCPCS Level II code. Supplies are a letter A–V and four digits (A4253, E0114)."
    return key, None  # the role's own problem is reported


def _key_line(number: int, raw: dict, lesson: Lesson | None, tenant_id: int) -> tuple[KeyLine, list[str]]:
    problems: list[str] = []
    role = str(raw.get("role") or "").strip()
    if role not in KeyRole.values:
        problems.append("choose the role: principal or first-listed diagnosis, secondary diagnosis, procedure or supply.")
    code, problem = _key_code(role, str(raw.get("code") or "").strip())
    problems += [problem] if problem else []
    requirement = str(raw.get("requirement") or KeyLine.Requirement.REQUIRED).strip()
    group = str(raw.get("group") or "").strip().upper()
    if requirement not in KeyLine.Requirement.values:
        problems.append("choose whether the line is required, optional or one of a group.")
    elif requirement == KeyLine.Requirement.GROUP and not group:
        problems.append("name the group this line is one of (A, B…), the same on each line of the group.")
    elif requirement != KeyLine.Requirement.GROUP and group:
        problems.append(f"the group label {group} is only for lines that are “one of a group”; choose that or clear it.")
    modifiers = _modifier_list(raw.get("modifiers"))
    bad = [m for m in modifiers if not MODIFIER_KEY.match(m)]
    if bad:
        problems.append(f"{', '.join(bad)} {'is not a modifier' if len(bad) == 1 else 'are not modifiers'}: "
                        "a modifier is two characters, like 25, 59, LT or XS.")
    elif modifiers and role in DIAGNOSES:
        problems.append("diagnosis codes take no modifiers; modifiers go on procedure and supply lines.")
    elif len(", ".join(modifiers)) > 40:
        problems.append("that is more modifiers than a line can carry.")
    units = raw.get("units")
    try:
        units = 1 if units in (None, "") else int(str(units))
    except ValueError:
        units = 0
    if not 1 <= units <= 999:
        problems.append("units must be a whole number from 1 to 999.")
    line = KeyLine(
        tenant_id=tenant_id, lesson=lesson, position=number, role=role, code=code[:10],
        requirement=requirement, group=group[:10], modifiers=", ".join(modifiers)[:40], units=units if 1 <= units <= 999 else 1,
        rationale=str(raw.get("rationale") or "").strip(),
    )
    return line, [f"Line {number}: {problem}" for problem in problems]


def _key_problems(lines: list[KeyLine]) -> list[str]:
    """What is wrong with the key as a whole: the principal diagnosis, groups, codes given twice."""
    problems: list[str] = []
    diagnoses = [n for n, line in enumerate(lines, start=1) if line.role in DIAGNOSES]
    principals = [n for n, line in enumerate(lines, start=1) if line.role == KeyRole.PRINCIPAL]
    if diagnoses and not principals:
        problems.append("Mark one diagnosis line as the principal (first-listed) diagnosis.")
    elif len(principals) > 1:
        listed = ", ".join(str(n) for n in principals[:-1]) + f" and {principals[-1]}"
        each = "both" if len(principals) == 2 else "all"
        problems.append(f"Lines {listed} are {each} principal diagnoses; a claim has one. Make the others secondary.")
    groups: dict[str, list[int]] = {}
    seen: dict[str, int] = {}
    for number, line in enumerate(lines, start=1):
        if line.requirement == KeyLine.Requirement.GROUP and line.group:
            groups.setdefault(line.group, []).append(number)
        if line.code and line.code in seen:
            problems.append(f"Line {number}: {line.code} is already on line {seen[line.code]}.")
        seen.setdefault(line.code, number)
    for label, numbers in groups.items():
        if len(numbers) < 2:
            problems.append(
                f"Line {numbers[0]}: group {label} has only this line; a group needs at least two lines to choose "
                "from. Add another line to it, or make this line required."
            )
    return problems


def key_lines_check(lines: list, *, tenant_id: int, lesson: Lesson | None = None) -> tuple[list[KeyLine], list[str]]:
    """The key's lines, unsaved and in their printed form, and every problem with them ("Line 2: ...").

    Exercises store the lines as rows; assessment questions keep them in their versions.
    """
    built, problems = [], []
    for number, raw in enumerate(lines, start=1):
        line, line_problems = _key_line(number, raw if isinstance(raw, dict) else {}, lesson, tenant_id)
        built.append(line)
        problems += line_problems
    return built, problems + _key_problems(built)


def _key_snapshot(lesson: Lesson) -> dict[str, object]:
    rows = KeyLine.objects.filter(lesson=lesson).order_by("position", "id")
    return {"key": "; ".join(_key_text(line) for line in rows)}


def _key_text(line: KeyLine) -> str:
    extras = [f"modifiers {line.modifiers}"] if line.modifiers else []
    extras += [f"{line.units} units"] if line.units != 1 else []
    extras += [f"group {line.group}"] if line.group else [line.requirement]
    return f"{line.code} ({line.role}, {', '.join(extras)})"


@transaction.atomic
def key_lines_replace(*, tenant: Tenant, actor: User, lesson: Lesson, lines: list[dict]) -> list[KeyLine]:
    """Replace an exercise's answer key with ``lines`` (role, code, requirement, group, modifiers, units, rationale).

    Codes are stored in their printed form (e11.65 -> E11.65) and checked by
    format for their role; every problem comes back at once, "Line 2: ...".
    """
    _own(lesson, tenant)
    if lesson.kind != Lesson.Kind.EXERCISE:
        raise ValidationError("Only coding exercises have an answer key.")
    Lesson.objects.select_for_update().filter(pk=lesson.pk).only("id").get()  # one key write at a time
    if not lines:
        raise ValidationError("The answer key needs at least one line: a code a certified coder would report.")
    if len(lines) > MAX_KEY_LINES:
        raise ValidationError(f"An answer key has at most {MAX_KEY_LINES} lines.")
    built, problems = key_lines_check(lines, tenant_id=tenant.pk, lesson=lesson)
    if problems:
        raise ValidationError(problems)
    before = _key_snapshot(lesson)
    KeyLine.objects.filter(tenant=tenant, lesson=lesson).delete()
    saved = KeyLine.objects.bulk_create(built)
    after = _key_snapshot(lesson)
    if after != before:
        audit_record(tenant=tenant, actor=actor, action="lesson.key_changed", target=lesson, before=before, after=after)
    return saved
