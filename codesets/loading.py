"""Writing a release: rows in batches, search indexes, counts and status.

Loading does not run in one transaction: a release is invisible to search and
to the check service until its status is ``ready``, so a long load can report
progress, and a failed one is purged and marked ``failed``.
"""

from __future__ import annotations

import contextlib
import logging
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from codesets.models import Code, IndexTerm, Note, NoteReference, Release, SearchWord, SeventhCharacter
from codesets.signals import release_ready
from lms.models import Tenant

logger = logging.getLogger(__name__)

BATCH = 2000
# SQLite FTS5 rowid of a code: see migration 0002 (shortest descriptions first).
FTS_ROWID = "(length(description) * 4294967296 + id)"

Progress = Callable[[int, str], None]

# While a release is loading, ``loaded_at`` holds when the load claimed it; a claim
# older than this belongs to a process that died and may be taken again.
LOAD_CLAIM_TIMEOUT = timedelta(minutes=30)


class ReleaseBusy(ValidationError):
    """Another process is loading this release right now."""


def release_is_claimed(release: Release) -> bool:
    """Loading under a live claim (not one left behind by a dead process)."""
    if release.status != Release.Status.LOADING:
        return False
    return release.loaded_at is None or release.loaded_at > timezone.now() - LOAD_CLAIM_TIMEOUT


def no_progress(percent: int, message: str) -> None:
    """The default progress callback: say nothing."""


@dataclass
class Row:
    """One item to load; ``parent`` is the index of its parent in the same list."""

    code: str
    key: str
    kind: str
    description: str
    billable: bool = False
    parent: int | None = None
    short_description: str = ""
    terms: str = ""
    added_on: date | None = None
    effective_on: date | None = None
    terminated_on: date | None = None
    action_code: str = ""
    notes: list[tuple[str, str, list]] = field(default_factory=list)  # (kind, text, references)
    seventh: dict[str, str] = field(default_factory=dict)


def release_open(
    *,
    system: str,
    version: str,
    effective_from: date,
    effective_to: date | None = None,
    title: str = "",
    source: str = "",
    tenant: Tenant | None = None,
    force: bool = False,
) -> Release | None:
    """Claim the release to load into and empty it; None when it is already loaded and ``force`` is not set.

    Raises ReleaseBusy when another load holds a live claim on it, so two loads
    never purge each other's rows.
    """
    with transaction.atomic():
        release, created = Release.objects.select_for_update().get_or_create(
            system=system,
            version=version,
            tenant=tenant,
            defaults={"effective_from": effective_from, "effective_to": effective_to, "title": title, "source": source},
        )
        if not created and release.is_ready and not force:
            return None
        if not created and release_is_claimed(release) and not force:
            raise ReleaseBusy(f"{release} is being loaded by another process (claimed {release.loaded_at:%Y-%m-%d %H:%M} UTC); "
                              "wait for it, or force a reload.")
        Release.objects.filter(pk=release.pk).update(
            status=Release.Status.LOADING, progress=0, message="", loaded_at=timezone.now(), effective_from=effective_from,
            effective_to=effective_to, title=title or release.title, source=source or release.source,
        )
    release_purge(release)
    release.refresh_from_db()
    return release


def release_purge(release: Release) -> None:
    """Delete a release's rows with set-based SQL (the ORM's cascade would load 100,000 objects)."""
    codes = Code.objects.filter(release=release).values("id")
    notes = Note.objects.filter(code__release=release).values("id")
    with transaction.atomic():
        NoteReference.objects.filter(note__in=notes)._raw_delete(connection.alias)
        Note.objects.filter(code__in=codes)._raw_delete(connection.alias)
        SeventhCharacter.objects.filter(code__in=codes)._raw_delete(connection.alias)
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute(
                    f"DELETE FROM codesets_code_fts WHERE rowid IN (SELECT {FTS_ROWID} FROM codesets_code WHERE release_id = %s)",
                    [release.pk],
                )
        # The Index points at tabular items; a reloaded tabular is linked again by load_icd10cm_index.
        IndexTerm.objects.filter(target__release=release).update(target=None)
        Code.objects.filter(release=release).update(parent=None)
        deleted = Code.objects.filter(release=release)._raw_delete(connection.alias)
        if deleted and release.tenant_id is None:
            words_refresh()  # its words must not stay correctable


def _depths(rows: Sequence[Row]) -> list[int]:
    depths: list[int] = []
    for row in rows:
        depths.append(0 if row.parent is None else depths[row.parent] + 1)
    return depths


def codes_insert(release: Release, rows: Sequence[Row], progress: Progress = no_progress, start: int = 0, span: int = 60) -> list[int]:
    """Insert the rows level by level (a parent's id is known before its children); returns ids in row order."""
    ids: list[int | None] = [None] * len(rows)
    lineages: list[list[int]] = [[] for _ in rows]
    depths = _depths(rows)
    done = 0
    for depth in range(max(depths, default=-1) + 1):
        level = [i for i, d in enumerate(depths) if d == depth]
        for offset in range(0, len(level), BATCH):
            chunk = level[offset : offset + BATCH]
            objects = []
            for i in chunk:
                row = rows[i]
                if row.parent is not None:
                    lineages[i] = [*lineages[row.parent], ids[row.parent]]
                objects.append(_code_object(release, row, i, ids[row.parent] if row.parent is not None else None, lineages[i]))
            created = Code.objects.bulk_create(objects)
            for i, obj in zip(chunk, created, strict=True):
                ids[i] = obj.pk
            done += len(chunk)
            progress(start + span * done // max(len(rows), 1), f"{done:,} of {len(rows):,} items")
    return ids  # type: ignore[return-value]


def _code_object(release: Release, row: Row, position: int, parent_id: int | None, lineage: list[int]) -> Code:
    return Code(
        release=release, tenant_id=release.tenant_id, system=release.system, kind=row.kind, code=row.code,
        key=row.key, description=row.description, short_description=row.short_description[:60], terms=row.terms,
        billable=row.billable, parent_id=parent_id, lineage=lineage, position=position, added_on=row.added_on,
        effective_on=row.effective_on, terminated_on=row.terminated_on, action_code=row.action_code,
    )


def notes_insert(release: Release, rows: Sequence[Row], ids: Sequence[int]) -> None:
    """Notes, their references (linked to items of the same release) and 7th-character tables."""
    notes: list[Note] = []
    references: list[list] = []
    sevenths: list[SeventhCharacter] = []
    for row, code_id in zip(rows, ids, strict=True):
        for position, (kind, text, refs) in enumerate(row.notes):
            notes.append(Note(code_id=code_id, kind=kind, text=text, position=position))
            references.append(refs)
        for character, description in row.seventh.items():
            sevenths.append(SeventhCharacter(code_id=code_id, character=character, description=description[:255]))
    for offset in range(0, len(notes), BATCH):
        Note.objects.bulk_create(notes[offset : offset + BATCH])
    SeventhCharacter.objects.bulk_create(sevenths, batch_size=BATCH)
    targets = _targets(release, rows, ids)
    links = [
        NoteReference(note_id=note.pk, text=ref.text[:40], start=ref.start, end=ref.end, qualified=ref.qualified,
                      target_id=targets.get(ref.target_key) or targets.get(ref.start))
        for note, refs in zip(notes, references, strict=True)
        for ref in refs
    ]
    NoteReference.objects.bulk_create(links, batch_size=BATCH)


def _targets(release: Release, rows: Sequence[Row], ids: Sequence[int]) -> dict[str, int]:
    """Key -> id for linking; a code wins over a block of the same name (B20 is both)."""
    targets: dict[str, int] = {}
    for row, code_id in zip(rows, ids, strict=True):
        if row.kind == Code.Kind.CHAPTER:
            continue
        if row.kind == Code.Kind.BLOCK and row.key in targets:
            continue
        targets[row.key] = code_id
    return targets


def search_index(release: Release) -> None:
    """Make the release's descriptions searchable on this database, and a public one's words correctable."""
    if release.tenant_id is None:
        words_refresh()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "UPDATE codesets_code SET search_vector = "
                "setweight(to_tsvector('english', description), 'A') || "
                "setweight(to_tsvector('english', coalesce(terms, '')), 'B') WHERE release_id = %s",
                [release.pk],
            )
            # Fresh statistics let the planner choose between the GIN index (rare words) and
            # walking the description-length index (common words).
            cursor.execute("SELECT gin_clean_pending_list('code_search_vector_gin')")
            cursor.execute("SELECT gin_clean_pending_list('searchword_trigram_gin')")
            cursor.execute("ANALYZE codesets_code")
            cursor.execute("ANALYZE codesets_searchword")
        elif connection.vendor == "sqlite":
            cursor.execute(
                f"INSERT INTO codesets_code_fts (rowid, description, terms) "
                f"SELECT {FTS_ROWID}, description, terms FROM codesets_code WHERE release_id = %s",
                [release.pk],
            )
            cursor.execute("PRAGMA optimize")


# A word of the typo-correction list: 3 to 60 letters a-z between word boundaries ("type2" and
# "ménière" are no words of it), as PostgreSQL's ts_stat rules had it.
LISTED_WORD = re.compile(r"\b[a-z]{3,60}\b")


def code_word_counts() -> Counter[str]:
    """Each word of the public codes' descriptions and inclusion terms, with how many codes use it."""
    counts: Counter[str] = Counter()
    for description, terms in Code.objects.filter(tenant__isnull=True).values_list("description", "terms").iterator(chunk_size=10_000):
        counts.update(set(LISTED_WORD.findall(f"{description} {terms}".lower())))
    return counts


# Where the word list comes from: dotted paths (a source may import this module) of functions that
# return {word: documents}; the counts add up. One line per source.
WORD_SOURCES = (
    "codesets.loading.code_word_counts",
    "codesets.index_loading.index_word_counts",
)


def words_refresh() -> int:
    """Rebuild the typo-correction words from every public release (a school's CPT words stay its own); returns the count."""
    counts: Counter[str] = Counter()
    for source in WORD_SOURCES:
        counts.update(import_string(source)())
    with transaction.atomic():
        SearchWord.objects.all().delete()
        SearchWord.objects.bulk_create((SearchWord(word=word, documents=n) for word, n in counts.items()), batch_size=BATCH)
    return len(counts)


def release_finish(release: Release, message: str = "") -> Release:
    codes = Code.objects.filter(release=release).exclude(kind__in=[Code.Kind.CHAPTER, Code.Kind.BLOCK])
    Release.objects.filter(pk=release.pk).update(
        status=Release.Status.READY, progress=100, loaded_at=timezone.now(), message=message,
        item_count=Code.objects.filter(release=release).count(), billable_count=codes.filter(billable=True).count(),
    )
    release.refresh_from_db()
    release_ready.send(sender=Release, release=release)
    return release


def release_fail(release: Release, error: str) -> None:
    release_purge(release)
    Release.objects.filter(pk=release.pk).update(status=Release.Status.FAILED, message=error[:2000])


def release_load(release: Release, rows: Sequence[Row], progress: Progress = no_progress) -> Release:
    """Load ``rows`` into an opened release and mark it ready; on any error purge it and mark it failed."""
    def report(percent: int, message: str) -> None:
        Release.objects.filter(pk=release.pk).update(progress=percent)
        progress(percent, message)

    # Outside a transaction each batch commits, so progress shows; inside one (a test, an atomic
    # caller) a savepoint lets a failure roll back the rows and still record why.
    scope = transaction.atomic() if connection.in_atomic_block else contextlib.nullcontext()
    try:
        with scope:
            ids = codes_insert(release, rows, report, start=0, span=60)
            report(65, "notes and references")
            notes_insert(release, rows, ids)
            report(80, "search index")
            search_index(release)
            release = release_finish(release)
        progress(100, "ready")
        return release
    except Exception as error:
        logger.exception("loading %s failed", release)
        release_fail(release, f"{type(error).__name__}: {error}")
        raise
