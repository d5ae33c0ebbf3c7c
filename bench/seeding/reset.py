"""Remove the bench school quickly, for ``--fresh``.

Deleting the Tenant through the ORM would make Django's collector load every
progress row to cascade it. Every tenant-owned table has a ``tenant`` column
(DESIGN.md), so one ``DELETE ... WHERE tenant_id = %s`` per table, children
first, does the same in a few statements; tables that later issues add are
found by the same rule without a change here. The Tenant, its Domains and
the bench users then go through the ORM so their signals (cache drops) run.
The raw deletes send no signal, which is safe for the cached memberships:
they are keyed by school and user id, and ids are never reused (PostgreSQL
sequences, SQLite AUTOINCREMENT), so nothing asks for the old keys again.
"""

from __future__ import annotations

import graphlib

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import connection, models, transaction

from bench.seeding.base import MAIL_DOMAIN, SLUG, Counts
from lms.models import Domain, Tenant, User

ORM_ONLY = {Tenant, Domain}  # deleted last, by the ORM, so whatever listens to their changes hears it


def tenant_tables() -> list[type[models.Model]]:
    """Models with a ``tenant`` foreign key, children before the parents they point at."""
    owned = [m for m in apps.get_models() if _tenant_field(m) is not None and m not in ORM_ONLY]
    graph: dict[type[models.Model], set[type[models.Model]]] = {m: set() for m in owned}
    nullable: set[tuple[type[models.Model], type[models.Model]]] = set()
    for child in owned:
        for field in child._meta.concrete_fields:
            parent = field.related_model if field.is_relation else None
            if parent in graph and parent is not child:
                graph[parent].add(child)  # the parent waits until its children are gone
                if field.null:
                    nullable.add((parent, child))
    # Two tables that point at each other (a question and its current version): the nullable side gives way.
    # The foreign keys are deferred to the commit, so the order inside the transaction only has to be one.
    for parent, child in nullable:
        if parent in graph[child]:
            graph[parent].discard(child)
    return list(graphlib.TopologicalSorter(graph).static_order())


def _tenant_field(model: type[models.Model]) -> models.Field | None:
    try:
        field = model._meta.get_field("tenant")
    except FieldDoesNotExist:
        return None
    return field if getattr(field, "related_model", None) is Tenant else None


def _has_untenanted_dependents(model: type[models.Model]) -> bool:
    """Rows elsewhere that point here without a tenant column of their own (code-set notes point at codes)."""
    return any(
        rel.related_model is not None and _tenant_field(rel.related_model) is None
        for rel in model._meta.related_objects
    )


def delete_school(slug: str = SLUG, mail_domain: str = MAIL_DOMAIN) -> Counts:
    """Delete the school's rows table by table, then the school, its hosts and the bench users."""
    tenant = Tenant.objects.filter(slug=slug).first()
    counts: Counts = {}
    if tenant is not None:
        quote = connection.ops.quote_name
        # One transaction: foreign keys are checked at its commit, so two tables that point at each
        # other (a question and its current version) go in either order.
        with transaction.atomic(), connection.cursor() as cursor:
            for model in tenant_tables():
                if _has_untenanted_dependents(model):
                    deleted = model._default_manager.filter(tenant=tenant).delete()[0]  # the ORM cascades to them
                else:
                    table, column = quote(model._meta.db_table), quote(_tenant_field(model).column)
                    cursor.execute(f"DELETE FROM {table} WHERE {column} = %s", [tenant.pk])
                    deleted = cursor.rowcount
                if deleted:
                    counts[model.__name__] = deleted
        counts["Domain"] = Domain.objects.filter(tenant=tenant).delete()[0]
        Tenant.objects.filter(pk=tenant.pk).delete()
        counts["Tenant"] = 1
    # Users are global; the bench's are known by their mail domain. Their email addresses (and any
    # membership elsewhere, normally none) go with them through the ORM's cascade.
    counts["User"] = User.objects.filter(email__endswith=f"@{mail_domain}").delete()[1].get(User._meta.label, 0)
    return counts
