"""Modules of a course: create and edit, prerequisites, order, publish, delete."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from courses.models import Course, LessonFile, Module, ModulePrerequisite
from courses.requirements import clean_requirements, describe
from courses.services.catalogue import _audited, _own
from courses.services.content._shared import MODULE_FIELDS, _forget_files, _in_order, _renumber, _set_fields
from lms.models import Tenant, User
from lms.services import audit_record

# --- modules ---------------------------------------------------------------------


def _lock_modules(course: Course) -> list[Module]:
    """The course's modules in order, locked: every change of their order is serialised on them."""
    return list(
        Module.objects.select_for_update().filter(tenant_id=course.tenant_id, course=course).order_by("position", "id")
    )


def _module_snapshot(module: Module) -> dict[str, object]:
    found = {k: v for k, v in _audited(module, MODULE_FIELDS).items() if k != "requirements"}
    found["requirements"] = "; ".join(describe(module))
    if module.pk:
        titles = ModulePrerequisite.objects.filter(module=module).order_by("required__position")
        found["prerequisites"] = ", ".join(titles.values_list("required__title", flat=True))
    else:
        found["prerequisites"] = ""
    return found


def _own_module(module: Module | None, course: Course, tenant: Tenant) -> None:
    _own(module, tenant)
    if module is not None and module.course_id != course.pk:
        raise ValidationError("This module belongs to another course.")


@transaction.atomic
def module_save(
    *, tenant: Tenant, actor: User, course: Course, module: Module | None = None, fields: dict,
    prerequisites: list | None = None,
) -> Module:
    """Create a module (it goes last) or change ``module``; ``prerequisites`` replaces its prerequisites when given.

    Prerequisites are other modules of the same course (instances or ids); one
    that would make a loop is refused. Requirements are checked against the
    registry (``courses.requirements``).
    """
    _own(course, tenant)
    _own_module(module, course, tenant)
    creating = module is None
    siblings = _lock_modules(course)
    module = module if module is not None else Module(tenant=tenant, course=course)
    before = {} if creating else _module_snapshot(module)
    _set_fields(module, dict(fields), MODULE_FIELDS, "module")
    try:
        module.requirements = clean_requirements(module.requirements or [])
    except ValidationError as exc:
        raise ValidationError({"requirements": exc.messages}) from None
    if creating:
        module.position = max((m.position for m in siblings), default=0) + 1
    module.full_clean(validate_constraints=False)
    wanted = None if prerequisites is None else _wanted_prerequisites(module, siblings, prerequisites)
    module.save()
    if wanted is not None:
        ModulePrerequisite.objects.filter(module=module).exclude(required_id__in=wanted).delete()
        have = set(ModulePrerequisite.objects.filter(module=module).values_list("required_id", flat=True))
        ModulePrerequisite.objects.bulk_create(
            ModulePrerequisite(tenant=tenant, module=module, required_id=pk) for pk in wanted if pk not in have
        )
    after = _module_snapshot(module)
    if after != before:
        action = "module.created" if creating else "module.changed"
        audit_record(tenant=tenant, actor=actor, action=action, target=module, before=before, after=after)
    return module


def _wanted_prerequisites(module: Module, siblings: list[Module], chosen: list) -> list[int]:
    by_id = {m.pk: m for m in siblings}
    wanted = []
    for item in chosen:
        pk = getattr(item, "pk", item)
        if module.pk is not None and pk == module.pk:
            raise ValidationError({"prerequisites": "A module cannot be its own prerequisite."})
        if pk not in by_id:
            raise ValidationError({"prerequisites": "Choose prerequisites among the other modules of this course."})
        if pk not in wanted:
            wanted.append(pk)
    if module.pk is None:
        return wanted  # nothing requires a new module yet, so it cannot close a loop
    edges: dict[int, set[int]] = {}
    links = ModulePrerequisite.objects.filter(module__in=list(by_id)).exclude(module=module)
    for module_id, required_id in links.values_list("module_id", "required_id"):
        edges.setdefault(module_id, set()).add(required_id)
    for pk in wanted:
        if _reaches(edges, pk, module.pk):
            raise ValidationError({"prerequisites": (
                f"“{by_id[pk].title}” already requires “{module.title}” (directly or through other modules); "
                "requiring it back would lock both for every student."
            )})
    return wanted


def _reaches(edges: dict[int, set[int]], start: int, target: int) -> bool:
    seen, frontier = set(), {start}
    while frontier:
        if target in frontier:
            return True
        seen |= frontier
        frontier = {nxt for pk in frontier for nxt in edges.get(pk, ())} - seen
    return False


@transaction.atomic
def module_move(*, tenant: Tenant, actor: User, module: Module, direction: str) -> None:
    """Move a module one place earlier ("up") or later ("down") in its course."""
    _own(module, tenant)
    ordered = _in_order(_lock_modules(module.course), module, direction, "module")
    before = module.position
    _renumber(Module, ordered, course_id=module.course_id)
    moved = next(m for m in ordered if m.pk == module.pk)
    module.position = moved.position
    audit_record(
        tenant=tenant, actor=actor, action="module.moved", target=module,
        before={"position": before}, after={"position": moved.position},
    )


@transaction.atomic
def module_set_published(*, tenant: Tenant, actor: User, module: Module, published: bool) -> Module:
    """Show the module to students (published) or hide it again; hiding keeps their progress."""
    _own(module, tenant)
    if module.is_published != published:
        module.is_published = published
        module.save(update_fields=["is_published", "updated_at"])
        action = "module.published" if published else "module.hidden"
        audit_record(
            tenant=tenant, actor=actor, action=action, target=module,
            before={"is_published": not published}, after={"is_published": published},
        )
    return module


@transaction.atomic
def module_delete(*, tenant: Tenant, actor: User, module: Module) -> None:
    """Delete a module with its lessons; refused while another module requires it."""
    _own(module, tenant)
    ordered = _lock_modules(module.course)
    dependents = list(
        ModulePrerequisite.objects.filter(required=module).order_by("module__position").values_list("module__title", flat=True)
    )
    if dependents:
        names = ", ".join(f"“{title}”" for title in dependents)
        raise ValidationError(
            f"{names} {'requires' if len(dependents) == 1 else 'require'} “{module.title}”. "
            "Take it out of their prerequisites first."
        )
    files = list(LessonFile.objects.filter(lesson__module=module).values_list("file", flat=True))
    before = _module_snapshot(module)
    module_pk, course = module.pk, module.course
    module.delete()
    _renumber(Module, [m for m in ordered if m.pk != module_pk], course_id=course.pk)
    _forget_files(files)
    audit_record(tenant=tenant, actor=actor, action="module.deleted", target=course, before=before)
