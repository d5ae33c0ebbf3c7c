"""Writes of the catalogue: programs, their courses in order, costs and plans, and courses.

Each runs in one transaction, validates with ``full_clean()`` and is audited.
Costs and plans are information for applicants: nothing here takes a payment.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils.text import slugify

from courses.models import CostItem, Course, PaymentPlan, Prerequisite, Program, ProgramCourse
from lms.models import Tenant, User
from lms.services import audit_record, save_unique, snapshot

PROGRAM_FIELDS = (
    "name", "slug", "kind", "description", "length_months", "admission_requirement", "practicum_hours", "is_published",
)
COURSE_FIELDS = ("code", "title", "summary", "credit_hours", "credential")
COST_FIELDS = ("kind", "label", "amount", "position")
PLAN_FIELDS = ("name", "down_payment", "instalments", "interval", "note")



def _audited(obj: object, fields: tuple[str, ...]) -> dict[str, object]:
    return {
        k: str(v) if v is not None and not isinstance(v, (bool, int, str)) else v
        for k, v in snapshot(obj, fields).items()
    }


def _apply(obj: object, fields: dict[str, object], allowed: tuple[str, ...], kind: str) -> None:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise ValidationError(f"Unknown {kind} fields: {', '.join(sorted(unknown))}.")
    for field, value in fields.items():
        setattr(obj, field, value)


def _own(obj: object, tenant: Tenant) -> None:
    if obj is not None and obj.tenant_id != tenant.pk:
        raise ValidationError("This belongs to another school.")


# --- programs --------------------------------------------------------------------


@transaction.atomic
def program_save(*, tenant: Tenant, actor: User, program: Program | None = None, **fields: object) -> Program:
    """Create a program, or change ``program``. A blank slug is made from the name."""
    _own(program, tenant)
    creating = program is None
    program = program if program is not None else Program(tenant=tenant)
    before = {} if creating else _audited(program, PROGRAM_FIELDS)
    _apply(program, fields, PROGRAM_FIELDS, "program")
    program.slug = (program.slug or "").strip().lower() or slugify(program.name)[:80]
    program.full_clean(validate_constraints=False)
    if Program.objects.filter(tenant=tenant, slug=program.slug).exclude(pk=program.pk).exists():
        raise ValidationError({"slug": f"Another program already uses the address name “{program.slug}”."})
    save_unique(program, field="slug", message=f"Another program already uses the address name “{program.slug}”.")
    after = _audited(program, PROGRAM_FIELDS)
    if after != before:
        action = "program.created" if creating else "program.changed"
        audit_record(tenant=tenant, actor=actor, action=action, target=program, before=before, after=after)
    return program


def _lock_program(program: Program) -> Program:
    """Lock the program row: every change of its course order is serialised on it."""
    return Program.objects.select_for_update().get(pk=program.pk, tenant_id=program.tenant_id)


def _renumber(program: Program, ordered: list[ProgramCourse]) -> None:
    """Give ``ordered`` positions 1..n without ever holding two rows at one position.

    The unique (tenant, program, position) constraint is checked after every
    statement, so the rows first move above the highest position in use (one
    UPDATE keeps them distinct), then take their final numbers.
    """
    rows = ProgramCourse.objects.filter(tenant_id=program.tenant_id, program=program)
    top = rows.aggregate(top=Max("position"))["top"] or 0
    rows.update(position=F("position") + max(top, len(ordered)))
    for number, link in enumerate(ordered, start=1):
        link.position = number
    saved = [link for link in ordered if link.pk is not None]
    if saved:
        ProgramCourse.objects.bulk_update(saved, ["position"])
    for link in ordered:
        if link.pk is None:
            link.save()


def _order(program: Program) -> list[ProgramCourse]:
    return list(
        ProgramCourse.objects.filter(tenant_id=program.tenant_id, program=program)
        .select_related("course")
        .order_by("position", "id")
    )


@transaction.atomic
def program_course_add(
    *, tenant: Tenant, actor: User, program: Program, course: Course, position: int | None = None
) -> ProgramCourse:
    """Put ``course`` into ``program`` at ``position`` (1 is first; None or past the end appends)."""
    _own(program, tenant)
    program = _lock_program(program)
    if course.tenant_id != tenant.pk:
        raise ValidationError({"course": "Choose a course of this school."})
    ordered = _order(program)
    if any(link.course_id == course.pk for link in ordered):
        raise ValidationError({"course": f"{course.code} is already part of {program.name}."})
    if position is not None and position < 1:
        raise ValidationError({"position": "Positions start at 1."})
    index = len(ordered) if position is None else min(position - 1, len(ordered))
    link = ProgramCourse(tenant=tenant, program=program, course=course, position=index + 1)
    link.full_clean(validate_constraints=False)
    ordered.insert(index, link)
    _renumber(program, ordered)
    audit_record(
        tenant=tenant, actor=actor, action="program.course_added", target=program,
        after={"course": course.code, "position": link.position},
    )
    return link


@transaction.atomic
def program_course_move(
    *, tenant: Tenant, actor: User, program: Program, program_course: ProgramCourse, direction: str
) -> ProgramCourse:
    """Move a course one place earlier ("up") or later ("down") in the program."""
    _own(program, tenant)
    if direction not in ("up", "down"):
        raise ValidationError({"direction": "Move a course up or down."})
    program = _lock_program(program)
    ordered = _order(program)
    index = next((i for i, link in enumerate(ordered) if link.pk == program_course.pk), None)
    if index is None:
        raise ValidationError("That course is not part of this program.")
    target = index - 1 if direction == "up" else index + 1
    if not 0 <= target < len(ordered):
        raise ValidationError(f"{ordered[index].course.code} is already {'first' if direction == 'up' else 'last'}.")
    before = ordered[index].position
    ordered[index], ordered[target] = ordered[target], ordered[index]
    _renumber(program, ordered)
    moved = ordered[target]
    audit_record(
        tenant=tenant, actor=actor, action="program.course_moved", target=program,
        before={"course": moved.course.code, "position": before},
        after={"course": moved.course.code, "position": moved.position},
    )
    return moved


@transaction.atomic
def program_course_remove(*, tenant: Tenant, actor: User, program: Program, program_course: ProgramCourse) -> None:
    """Take a course out of the program; the courses after it close the gap."""
    _own(program, tenant)
    program = _lock_program(program)
    ordered = _order(program)
    removed = next((link for link in ordered if link.pk == program_course.pk), None)
    if removed is None:
        raise ValidationError("That course is not part of this program.")
    removed.delete()
    _renumber(program, [link for link in ordered if link.pk != removed.pk])
    audit_record(
        tenant=tenant, actor=actor, action="program.course_removed", target=program,
        before={"course": removed.course.code, "position": removed.position},
    )


# --- what a program costs -----------------------------------------------------------


def _child_save(*, tenant, actor, program, obj, model, fields, allowed, action) -> object:
    _own(program, tenant)
    if obj is not None and (obj.program_id != program.pk or obj.tenant_id != tenant.pk):
        raise ValidationError("This belongs to another program.")
    creating = obj is None
    obj = obj if obj is not None else model(tenant=tenant, program=program)
    before = {} if creating else _audited(obj, allowed)
    _apply(obj, fields, allowed, model._meta.verbose_name)
    obj.full_clean(validate_constraints=False)
    obj.save()
    after = _audited(obj, allowed)
    if after != before:
        audit_record(tenant=tenant, actor=actor, action=action, target=program, before=before, after=after)
    return obj


def _child_delete(*, tenant, actor, program, obj, allowed, action) -> None:
    _own(program, tenant)
    if obj.program_id != program.pk or obj.tenant_id != tenant.pk:
        raise ValidationError("This belongs to another program.")
    before = _audited(obj, allowed)
    obj.delete()
    audit_record(tenant=tenant, actor=actor, action=action, target=program, before=before, after={})


@transaction.atomic
def cost_item_save(
    *, tenant: Tenant, actor: User, program: Program, cost_item: CostItem | None = None, **fields: object
) -> CostItem:
    """Add a cost item (tuition, a fee, books, software, an exam voucher) or change one."""
    return _child_save(
        tenant=tenant, actor=actor, program=program, obj=cost_item, model=CostItem,
        fields=fields, allowed=COST_FIELDS, action="program.cost_changed",
    )


@transaction.atomic
def cost_item_delete(*, tenant: Tenant, actor: User, program: Program, cost_item: CostItem) -> None:
    _child_delete(
        tenant=tenant, actor=actor, program=program, obj=cost_item, allowed=COST_FIELDS, action="program.cost_changed"
    )


@transaction.atomic
def payment_plan_save(
    *, tenant: Tenant, actor: User, program: Program, plan: PaymentPlan | None = None, **fields: object
) -> PaymentPlan:
    """Add a payment plan (a down payment, then equal instalments) or change one."""
    return _child_save(
        tenant=tenant, actor=actor, program=program, obj=plan, model=PaymentPlan,
        fields=fields, allowed=PLAN_FIELDS, action="program.plan_changed",
    )


@transaction.atomic
def payment_plan_delete(*, tenant: Tenant, actor: User, program: Program, plan: PaymentPlan) -> None:
    _child_delete(
        tenant=tenant, actor=actor, program=program, obj=plan, allowed=PLAN_FIELDS, action="program.plan_changed"
    )


# --- courses ----------------------------------------------------------------------


@transaction.atomic
def course_save(
    *,
    tenant: Tenant,
    actor: User,
    course: Course | None = None,
    prerequisites: Iterable[Course] | None = None,
    **fields: object,
) -> Course:
    """Create a course, or change ``course``; ``prerequisites`` replaces its prerequisites when given.

    A prerequisite that is the course itself, or that would make a loop, is
    refused with the model's message and nothing is saved.
    """
    _own(course, tenant)
    creating = course is None
    course = course if course is not None else Course(tenant=tenant)
    before = {} if creating else {**_audited(course, COURSE_FIELDS), "prerequisites": _codes(course)}
    _apply(course, fields, COURSE_FIELDS, "course")
    course.code = (course.code or "").strip().upper()
    course.full_clean(validate_constraints=False)
    if Course.objects.filter(tenant=tenant, code=course.code, version=course.version).exclude(pk=course.pk).exists():
        raise ValidationError({"code": f"There is already a course {course.code} in this school."})
    save_unique(course, field="code", message=f"There is already a course {course.code} in this school.")
    if prerequisites is not None:
        _replace_prerequisites(tenant, course, list(prerequisites))
    after = {**_audited(course, COURSE_FIELDS), "prerequisites": _codes(course)}
    if after != before:
        action = "course.created" if creating else "course.changed"
        audit_record(tenant=tenant, actor=actor, action=action, target=course, before=before, after=after)
    return course


def _codes(course: Course) -> str:
    if course.pk is None:
        return ""
    return ", ".join(Prerequisite.objects.filter(course=course).order_by("required__code").values_list("required__code", flat=True))


def _replace_prerequisites(tenant: Tenant, course: Course, wanted: list[Course]) -> None:
    wanted_ids = {c.pk for c in wanted}
    Prerequisite.objects.filter(course=course).exclude(required_id__in=wanted_ids).delete()
    existing = set(Prerequisite.objects.filter(course=course).values_list("required_id", flat=True))
    for required in sorted(wanted, key=lambda c: c.code):
        if required.pk in existing:
            continue
        link = Prerequisite(tenant=tenant, course=course, required=required)
        try:
            link.full_clean(validate_constraints=False)
        except ValidationError as exc:
            # The form names the field "prerequisites"; the model names it "required".
            raise ValidationError({"prerequisites": exc.message_dict.get("required", exc.messages)}) from None
        link.save()
