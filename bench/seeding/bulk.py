"""Fast inserts: ``bulk_create`` in batches everywhere, PostgreSQL COPY for the biggest tables.

Why COPY: at size L (300,916 progress and attempt rows) the progress step
took 74 s with ``bulk_create`` plus 10 s of deferred key checks at commit,
and 25 s with COPY and the keys checked once after the load (2 shared cores;
``manage.py bench_seed --no-copy`` repeats the comparison).

Rows are streamed: a step adds rows one by one and the inserter writes them
a chunk at a time, so 600,000 progress rows never sit in memory together.
Neither path calls ``save()``, so ``TenantChild`` never sets the tenant:
every step sets ``tenant`` itself.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
from collections.abc import Callable, Iterator
from types import TracebackType
from typing import Any

from django.db import connection, models
from django.utils import timezone

BATCH_SIZE = 5_000
COPY_CHUNK = 20_000  # rows per COPY statement: big enough that round trips vanish, small enough for memory
NULL = r"\N"


Row = models.Model | dict[str, Any]  # an instance, or its field values by attname (tenant_id, not tenant)


class Inserter:
    """Collects rows of one model and writes them in chunks; use it as a context manager.

    Rows may be plain dicts of attnames: building a model instance cost more
    than writing its row by COPY (profiled at size M: 4 s of Model.__init__
    for 36,000 rows), so the biggest tables skip instances. Missing fields take
    their defaults; auto_now fields take the time of the chunk.
    """

    def __init__(self, model: type[models.Model], *, copy: bool = False) -> None:
        self.model = model
        self.copy = copy and connection.vendor == "postgresql"
        self.chunk = COPY_CHUNK if self.copy else BATCH_SIZE
        self.pending: list[Row] = []
        self.count = 0

    def add(self, row: Row) -> None:
        self.pending.append(row)
        if len(self.pending) >= self.chunk:
            self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        if self.copy:
            copy_rows(self.model, self.pending)
        else:
            objs = [self.model(**row) if isinstance(row, dict) else row for row in self.pending]
            self.model.objects.bulk_create(objs, batch_size=BATCH_SIZE)
        self.count += len(self.pending)
        self.pending = []

    def __enter__(self) -> Inserter:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        if kind is None:
            self.flush()


def insert(model: type[models.Model], rows: list[Row], *, copy: bool = False) -> int:
    """Insert a list at once (small tables, or where the caller already holds the list)."""
    with Inserter(model, copy=copy) as out:
        for row in rows:
            out.add(row)
    return out.count


def copy_rows(model: type[models.Model], rows: list[Row]) -> None:
    """``COPY table (columns) FROM STDIN`` from an in-memory CSV; the id comes from the sequence."""
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    converters = [_converter(f) for f in fields]
    defaults = {f.attname: _default(f) for f in fields}
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for row in rows:
        if isinstance(row, dict):
            values = [row.get(f.attname, defaults[f.attname]) for f in fields]
        else:  # pre_save fills auto_now / auto_now_add exactly as bulk_create would
            values = [f.pre_save(row, True) for f in fields]
        writer.writerow([convert(value) for convert, value in zip(converters, values)])
    buffer.seek(0)
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    sql = f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN WITH (FORMAT csv, NULL '{NULL}')"
    with connection.cursor() as cursor:
        cursor.copy_expert(sql, buffer)


def _default(field: models.Field) -> object:
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return timezone.now()
    return field.get_default()


def _converter(field: models.Field) -> Callable[[object], str]:
    """One function per column, chosen once, so a row's values need no type tests."""
    if isinstance(field, models.JSONField):
        return _json_converter(field)
    if isinstance(field, models.BooleanField):
        return lambda v: NULL if v is None else ("t" if v else "f")
    if isinstance(field, (models.DateTimeField, models.DateField)):
        return lambda v: NULL if v is None else v.isoformat()
    if isinstance(field, (models.CharField, models.TextField, models.IntegerField, models.FloatField,
                          models.DecimalField, models.ForeignKey)):
        return lambda v: NULL if v is None else str(v)
    raise TypeError(f"bench COPY cannot write {type(field).__name__} ({field}); use bulk_create for this model")


def _json_converter(field: models.JSONField) -> Callable[[object], str]:
    # Many rows share one answer or feedback object: serialise each object once per chunk.
    # Ids are stable because the chunk holds a reference to every object while it is written.
    seen: dict[int, str] = {}

    def convert(value: object) -> str:
        if value is None:
            return NULL
        key = id(value)
        if key not in seen:
            seen[key] = json.dumps(value, cls=field.encoder)
        return seen[key]

    return convert


@contextlib.contextmanager
def foreign_keys_checked_after(models_: list[type[models.Model]], *, enabled: bool = True) -> Iterator[None]:
    """On PostgreSQL, check these tables' foreign keys once after the load instead of row by row.

    Django's foreign keys are DEFERRABLE INITIALLY DEFERRED, so every COPYed row
    queues one check per key, run at commit: 13.5 s for the 379,000 progress
    rows of size ``school``. Dropping the constraints for the load and adding
    them back (verbatim, from pg_get_constraintdef) validates all rows in one
    query per key: 0.8 s. It runs inside the seed's transaction, so a failure
    restores them; but until commit it holds ACCESS EXCLUSIVE locks on these
    tables and on those they reference (lms_tenant among them), so every other
    session of the database waits: seed the bench's own database only, or pass
    ``--no-copy``.
    """
    if not enabled or connection.vendor != "postgresql":
        yield
        return
    quote = connection.ops.quote_name
    saved: list[tuple[str, str, str]] = []
    with connection.cursor() as cursor:
        # A table with queued checks (the enrollments just written) cannot be altered: run them now.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for table in (m._meta.db_table for m in models_):
            cursor.execute("SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                           "WHERE conrelid = %s::regclass AND contype = 'f' ORDER BY conname", [table])
            saved += [(table, name, definition) for name, definition in cursor.fetchall()]
        for table, name, _ in saved:
            cursor.execute(f"ALTER TABLE {quote(table)} DROP CONSTRAINT {quote(name)}")
    yield
    with connection.cursor() as cursor:
        for table, name, definition in saved:
            cursor.execute(f"ALTER TABLE {quote(table)} ADD CONSTRAINT {quote(name)} {definition}")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")  # back to how Django creates its keys


def analyze(models_: list[type[models.Model]]) -> None:
    """Fresh statistics for the planner: right after a bulk load it would otherwise guess,
    and the load run that follows would measure plans made for empty tables."""
    if connection.vendor != "postgresql":
        return
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for model in models_:
            cursor.execute(f"ANALYZE {quote(model._meta.db_table)}")


def vacuum(models_: list[type[models.Model]]) -> None:
    """Reclaim the rows a reset deleted, so the load after it works on lean tables and indexes.

    VACUUM cannot run in a transaction; inside one (a test) it is skipped."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for model in models_:
            cursor.execute(f"VACUUM {quote(model._meta.db_table)}")
