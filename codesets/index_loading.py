"""Loading a year's ICD-10-CM indexes beside a tabular release: terms, code status, cross-references, search.

The load claims its ``IndexRelease`` the way the tabular loads claim theirs
(a live claim is never taken over without ``force``), then writes every term
in one transaction: the indexes appear whole or not at all (while a reload
runs they are offline; a failed reload serves the terms it had). Each code an
entry prints is checked against the tabular release and marked billable,
incomplete (it ends in ``-``) or needing more characters, so no page ever
shows an Index code as final unless the Tabular says it is billable.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from codesets import icd10cm_index
from codesets.formats import to_key
from codesets.icd10cm_index import IndexFile, TermRow
from codesets.loading import LISTED_WORD, LOAD_CLAIM_TIMEOUT, ReleaseBusy, no_progress, words_refresh
from codesets.models import Code, CodeStatus, IndexKind, IndexRelease, IndexTerm, Release, System

logger = logging.getLogger(__name__)

BATCH = 2000
FTS_ROWID_SHIFT = 32  # SQLite FTS rowid = depth << 32 | term id (see migration 0005)
HEADERS = (Code.Kind.CHAPTER, Code.Kind.BLOCK)
KIND_ORDER = [IndexKind.INDEX, IndexKind.NEOPLASM, IndexKind.DRUG, IndexKind.EXTERNAL]

Progress = Callable[[int, str], None]


def scope_token(release_id: int, kind: str) -> str:
    """The one word the SQLite FTS row carries to say which index of which release it belongs to."""
    return f"s{release_id}{kind}"


# --- opening and claiming ------------------------------------------------------

def tabular_current() -> Release | None:
    """The newest ready ICD-10-CM tabular release (public: ICD-10-CM is shared by every school)."""
    return (Release.objects.filter(system=System.ICD10CM, tenant__isnull=True, status=Release.Status.READY)
            .order_by("-effective_from", "-id").first())


def is_current(index: IndexRelease, tabular: Release) -> bool:
    """Loaded against this tabular load (a tabular reloaded since must be linked again)."""
    return (index.is_ready and index.tabular_id == tabular.pk and index.loaded_at is not None
            and tabular.loaded_at is not None and index.loaded_at >= tabular.loaded_at)


def index_open(*, version: str, tabular: Release, title: str = "", source: str = "", force: bool = False) -> IndexRelease | None:
    """Claim the index release to load; None when it is loaded against ``tabular`` already and ``force`` is not set."""
    with transaction.atomic():
        index, created = IndexRelease.objects.select_for_update().get_or_create(
            version=version, defaults={"tabular": tabular, "title": title, "source": source})
        if not created and not force:
            if is_current(index, tabular):
                return None
            claimed = index.status == Release.Status.LOADING and (
                index.loaded_at is None or index.loaded_at > timezone.now() - LOAD_CLAIM_TIMEOUT)
            if claimed:
                raise ReleaseBusy(f"{index} is being loaded by another process (claimed {index.loaded_at:%Y-%m-%d %H:%M} UTC); "
                                  "wait for it, or force a reload.")
        IndexRelease.objects.filter(pk=index.pk).update(
            status=Release.Status.LOADING, progress=0, message="", loaded_at=timezone.now(), tabular=tabular,
            title=title or index.title, source=source or index.source)
    index.refresh_from_db()
    return index


def index_purge(index: IndexRelease) -> None:
    """Delete the release's terms with set-based SQL (and their SQLite search rows)."""
    with transaction.atomic():
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute(
                    "DELETE FROM codesets_indexterm_fts WHERE rowid IN "
                    f"(SELECT (depth << {FTS_ROWID_SHIFT}) | id FROM codesets_indexterm WHERE release_id = %s)",
                    [index.pk])
                # Rows whose terms went without us (a flush, a cascade): their ids will be used again.
                cursor.execute(
                    f"DELETE FROM codesets_indexterm_fts WHERE (rowid & {(1 << FTS_ROWID_SHIFT) - 1}) "
                    "NOT IN (SELECT id FROM codesets_indexterm)")
        IndexTerm.objects.filter(release=index)._raw_delete(connection.alias)


# --- code status ---------------------------------------------------------------

@dataclass(frozen=True)
class Status:
    status: str
    target_id: int | None


class Tabular:
    """The tabular release's items by key, read once: (id, billable)."""

    def __init__(self, release: Release):
        rows = Code.objects.filter(release=release).exclude(kind__in=HEADERS).values_list("key", "id", "billable")
        self.items = {key: (pk, billable) for key, pk, billable in rows.iterator(chunk_size=10000)}

    def status(self, code: str) -> Status:
        """billable, incomplete (S72.00-: finish it under S72.00), needs_more (E08.321 needs its 7th)."""
        code = code.strip().upper()
        if code.endswith("-"):
            found = self.items.get(to_key(code.rstrip("-.")))
            return Status(CodeStatus.INCOMPLETE, found[0] if found else None)
        found = self.items.get(to_key(code))
        if found is None:
            return Status(CodeStatus.NOT_IN_TABULAR, None)
        return Status(CodeStatus.BILLABLE if found[1] else CodeStatus.NEEDS_MORE, found[0])


# --- cross-references ----------------------------------------------------------

PLURAL = re.compile(r"\((?:e?s)\)")
TABLES = {"table of drugs": IndexKind.DRUG, "table of neoplasms": IndexKind.NEOPLASM}


def _norm(text: str) -> str:
    """For matching a reference to a title: case, "(s)" and a plural ending do not matter
    ("Complications" names "Complication(s)")."""
    words = PLURAL.sub("", text.lower().replace("\u2019", "'")).split()
    return " ".join(w[:-1] if len(w) > 3 and w.endswith("s") else w for w in words)


CODE_REFERENCE = re.compile(r"^(?:sub)?category\s+([A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{0,4})?)-?$")


def code_named(text: str) -> str | None:
    """"see subcategory M14.8-", "see category M01": the tabular item to open."""
    match = CODE_REFERENCE.match(text.strip())
    return match.group(1).rstrip(".") if match else None


def is_instruction(text: str, kind: str) -> bool:
    """"see also condition", "see also specific condition": look the condition itself up; it names no term.
    In the indexes a reference to a main term starts with a capital (the Table of Drugs names its
    substances in lower case too)."""
    return kind in (IndexKind.INDEX, IndexKind.EXTERNAL) and text[:1].islower()


def table_named(text: str) -> str | None:
    """The table a reference sends the coder to ("Table of Drugs and Chemicals, by drug, poisoning")."""
    lowered = text.lower()
    return next((kind for prefix, kind in TABLES.items() if lowered.startswith(prefix)), None)


def _first_part(title: str) -> str:
    return _norm(title.split(",")[0])


class References:
    """Resolves "see"/"see also" text (a main term's title and, perhaps, subterms: "Pain, abdominal")
    to the term it names: in the same index first, then in the others."""

    def __init__(self, files: Sequence[IndexFile]):
        self.files = {f.kind: f for f in files}
        self.mains: dict[str, dict[str, list[int]]] = {}
        self.aliases: dict[str, dict[str, list[int]]] = {}
        for f in files:
            mains: dict[str, list[int]] = defaultdict(list)
            aliases: dict[str, list[int]] = defaultdict(list)
            for i, row in enumerate(f.rows):
                if row.depth == 0:
                    mains[_norm(row.title)].append(i)
                    aliases[_first_part(row.title)].append(i)
            self.mains[f.kind], self.aliases[f.kind] = mains, aliases

    def _child(self, rows: list[TermRow], at: int, parts: list[str]) -> tuple[int, int] | None:
        """The child of ``at`` named by the most leading ``parts`` (titles have commas too): (row, parts used)."""
        children = rows[at].children
        for used in range(len(parts), 0, -1):
            wanted = _norm(", ".join(parts[:used]))
            for child in children:
                title = _norm(rows[child].title)
                if title == wanted or (used == 1 and _first_part(title) == wanted):
                    return child, used
        # "drug" names "drug NEC": a title that starts with the words, as a last resort
        wanted = _norm(parts[0])
        for child in children:
            if _norm(rows[child].title).startswith(wanted + " "):
                return child, 1
        return None

    def _walk(self, rows: list[TermRow], start: int, parts: list[str]) -> tuple[int, int]:
        at, left = start, parts
        while left:
            step = self._child(rows, at, left)
            if step is None:
                break
            at, left = step[0], left[step[1]:]
        return at, len(left)

    def resolve(self, kind: str, text: str) -> tuple[str, int, bool] | None:
        """(kind, row, every part found) for the best match of ``text``, or None."""
        text = re.sub(r"\s+[A-Z][0-9][0-9A-Z.]*-?$", "", text.strip())  # "Fracture, traumatic M84.40": the title only
        parts = [p.strip() for p in text.split(",") if p.strip()]
        if not parts:
            return None
        for where in [kind, *(k for k in KIND_ORDER if k != kind)]:
            if where not in self.files:
                continue
            rows = self.files[where].rows
            best: tuple[int, int, int] | None = None  # (parts left, main parts unused, row)
            for used in range(len(parts), 0, -1):
                name = _norm(", ".join(parts[:used]))
                starts = self.mains[where].get(name) or (self.aliases[where].get(name, []) if used == 1 else [])
                if not starts and used == 1:  # "Insecticide" names "Insecticide NEC"
                    starts = [i for title, rows_ in self.mains[where].items() if title.startswith(name + " ") for i in rows_][:5]
                for start in starts:
                    row, left = self._walk(rows, start, parts[used:])
                    candidate = (left, 0, row)
                    if best is None or candidate < best:
                        best = candidate
                if best is not None and best[0] == 0:
                    break
            if best is not None:
                return where, best[2], best[0] == 0
        return None


def index_word_counts() -> Counter[str]:
    """The words of the ready indexes' titles and modifiers, so typo correction keeps them ("abdominalgia").

    Each counts 0: ``documents`` stays how many codes use a word, which the code search's plans rely on.
    """
    words: set[str] = set()
    terms = IndexTerm.objects.filter(release__status=Release.Status.READY).values_list("title", "nemod")
    for title, nemod in terms.iterator(chunk_size=10_000):
        words.update(LISTED_WORD.findall(plain(f"{title} {nemod}")))
    return Counter(dict.fromkeys(words, 0))


# --- the load --------------------------------------------------------------------

@dataclass
class Loaded:
    index: IndexRelease
    counts: dict


def read_all(directory: Path | None = None) -> list[IndexFile]:
    return [icd10cm_index.read(kind, directory) for kind in KIND_ORDER]


def index_load(index: IndexRelease, files: Sequence[IndexFile], progress: Progress = no_progress) -> Loaded:
    """Write the terms of ``files`` into the claimed ``index`` in one transaction. On error nothing of it
    stays: a first load is marked failed, a reload goes back to the terms it had (and serves them)."""
    def report(percent: int, message: str) -> None:
        progress(percent, message)

    try:
        report(2, "checking codes against the Tabular")
        tabular = Tabular(index.tabular)
        references = References(files)
        with transaction.atomic():
            index_purge(index)
            counts, first_id = _insert(index, files, tabular, references, report)
            report(85, "search index")
            _search_index(index, files, first_id)
            IndexRelease.objects.filter(pk=index.pk).update(
                status=Release.Status.READY, progress=100, loaded_at=timezone.now(), counts=counts,
                headings={f.kind: f.headings for f in files if f.headings}, message="")
        index.refresh_from_db()
        progress(95, "typo-correction words")
        words_refresh()
        progress(100, "ready")
        return Loaded(index, counts)
    except Exception as error:
        logger.exception("loading %s failed", index)
        # The terms' transaction rolled back: what was there before is whole again, and served again if it was.
        had_terms = IndexTerm.objects.filter(release=index).exists()
        IndexRelease.objects.filter(pk=index.pk).update(
            status=Release.Status.READY if had_terms and index.counts else Release.Status.FAILED,
            message=f"{type(error).__name__}: {error}"[:2000])
        raise


LEAD_WORD = re.compile(r"[a-z0-9]+")


def plain(text: str) -> str:
    """Lower case without accents, as searches compare words: "Behçet's" -> "behcet's"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def lead_word(title: str) -> str:
    """A main term's first word as the search compares it: "Fracture, traumatic" -> "fracture"."""
    found = LEAD_WORD.search(plain(title))
    return found.group(0)[:60] if found else ""


def _main_of(rows: list[TermRow]) -> list[int]:
    mains: list[int] = []
    for i, row in enumerate(rows):
        mains.append(i if row.parent is None else mains[row.parent])
    return mains


def _trails(rows: list[TermRow]) -> list[list[str]]:
    trails: list[list[str]] = []
    for row in rows:
        title = row.title or row.nemod  # five Index rows have no title but their modifier
        trails.append([*trails[row.parent], title] if row.parent is not None else [title])
    return trails


def _insert(index: IndexRelease, files: Sequence[IndexFile], tabular: Tabular, references: References,
            report: Progress) -> tuple[dict, int]:
    """Every term with an explicit id (parents and references are known before rows exist); (counts, first id)."""
    base = (IndexTerm.objects.aggregate(top=Max("id"))["top"] or 0) + 1
    offsets: dict[str, int] = {}
    total = 0
    for f in files:
        offsets[f.kind] = base + total
        total += len(f.rows)
    counts: dict[str, dict] = {}
    done = 0
    for f in files:
        first = offsets[f.kind]
        mains, trails = _main_of(f.rows), _trails(f.rows)
        leads = {m: lead_word(f.rows[m].title) for m in set(mains)}
        tally: Counter = Counter()
        objects: list[IndexTerm] = []
        for i, row in enumerate(f.rows):
            term = IndexTerm(
                id=first + i, release_id=index.pk, kind=f.kind, parent_id=first + row.parent if row.parent is not None else None,
                main_id=first + mains[i], depth=row.depth, position=i, letter=row.letter, lead=leads[mains[i]], title=row.title[:400], nemod=row.nemod[:400],
                trail=trails[i], code=row.code[:16], see=row.see[:400], see_also=row.see_also[:400])
            tally["main_terms" if row.depth == 0 else "subterms"] += 1
            if row.code:
                status = tabular.status(row.code)
                term.code_status, term.target_id = status.status, status.target_id
                tally["codes"] += 1
                tally[f"codes_{status.status}"] += 1
            if row.cells is not None:
                term.cells = []
                for cell in row.cells:
                    if cell is None:
                        term.cells.append(None)
                        continue
                    status = tabular.status(cell)
                    term.cells.append({"code": cell, "status": status.status})
                    tally["codes"] += 1
                    tally[f"codes_{status.status}"] += 1
            for field_name, text in (("see_term_id", row.see), ("see_also_term_id", row.see_also)):
                if not text:
                    continue
                tally["references"] += 1
                if table_named(text):
                    tally["references_to_table"] += 1
                    continue
                if code_named(text):
                    tally["references_to_code"] += 1
                    continue
                if is_instruction(text, f.kind):
                    tally["references_instruction"] += 1
                    continue
                found = references.resolve(f.kind, text)
                if found is None:
                    tally["references_unresolved"] += 1
                    continue
                where, target, whole = found
                setattr(term, field_name, offsets[where] + target)
                tally["references_resolved" if whole else "references_to_main_term"] += 1
            objects.append(term)
        for offset in range(0, len(objects), BATCH):
            IndexTerm.objects.bulk_create(objects[offset : offset + BATCH])
            done += len(objects[offset : offset + BATCH])
            report(5 + 80 * done // max(total, 1), f"{done:,} of {total:,} terms")
        counts[f.kind] = {"terms": len(f.rows), **{key: tally[key] for key in sorted(tally)}}
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT setval(pg_get_serial_sequence('codesets_indexterm', 'id'), "
                           "(SELECT max(id) FROM codesets_indexterm))")
    return counts, base


def _search_rows(index: IndexRelease, files: Sequence[IndexFile], first_id: int):
    """(id, depth, main title, subterm titles, modifiers down the path, scope) for each term, ids from ``first_id``."""
    start = first_id
    for f in files:
        trails = _trails(f.rows)
        nemods: list[str] = []
        for i, row in enumerate(f.rows):
            nemods.append(f"{nemods[row.parent]} {row.nemod}".strip() if row.parent is not None else row.nemod)
            yield (start + i, row.depth, plain(trails[i][0]), plain(" ".join(trails[i][1:])), plain(nemods[i]),
                   scope_token(index.pk, f.kind))
        start += len(f.rows)


def _search_index(index: IndexRelease, files: Sequence[IndexFile], first_id: int) -> None:
    rows = list(_search_rows(index, files, first_id))
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.executemany(
                "INSERT INTO codesets_indexterm_fts (rowid, main, path, nemod, scope) VALUES (%s, %s, %s, %s, %s)",
                [((depth << FTS_ROWID_SHIFT) | pk, main, path, nemod, scope) for pk, depth, main, path, nemod, scope in rows])
            cursor.execute("INSERT INTO codesets_indexterm_fts (codesets_indexterm_fts) VALUES ('optimize')")
        elif connection.vendor == "postgresql":
            for offset in range(0, len(rows), BATCH):
                chunk = rows[offset : offset + BATCH]
                values = ", ".join(["(%s, %s, %s, %s)"] * len(chunk))
                cursor.execute(
                    "UPDATE codesets_indexterm t SET search_vector = "
                    "setweight(to_tsvector('english', v.main), 'A') || setweight(to_tsvector('english', v.path), 'B') || "
                    f"setweight(to_tsvector('english', v.nemod), 'C') FROM (VALUES {values}) AS v(id, main, path, nemod) "
                    "WHERE t.id = v.id",
                    [value for pk, _, main, path, nemod, _ in chunk for value in (pk, main, path, nemod)])
            cursor.execute("ANALYZE codesets_indexterm")
