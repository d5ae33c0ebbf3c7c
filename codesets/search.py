"""One search over code keys and description words.

Order: the exact code, then codes that start with what was typed, then
description matches: words in the description before words only in inclusion
terms, then the shortest description first, so the general code comes before
its details (PostgreSQL: tsvector; SQLite: FTS5). Before the words are searched,
abbreviations are written out ("CHF": congestive heart failure, see
``abbreviations``) and typos corrected against the code sets' words (``typos``),
the same way on both databases. Every path is a bounded number of indexed
queries that stop after one page, however many codes match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models import Value
from django.db.models.functions import Length

from codesets import abbreviations, typos
from codesets.formats import cpt_category, looks_like_code, next_key, to_key
from codesets.models import Code, Release, System
from lms.models import Tenant

HEADERS = [Code.Kind.CHAPTER, Code.Kind.BLOCK]
COMMON_WORD_DOCUMENTS = 2000
HIT_FIELDS = ("id", "system", "code", "description", "billable", "kind")
HIT_COLUMNS = ", ".join(f"c.{Code._meta.get_field(name).column}" for name in HIT_FIELDS)
MAX_RESULTS = 500
WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class Hit:
    """One search result. ``code_id`` is None for a CPT code shown by format only (no licensed file)."""

    code_id: int | None
    system: str
    code: str
    description: str
    billable: bool | None
    kind: str
    match: str  # "exact", "prefix" or "words"


@dataclass
class SearchResult:
    query: str
    hits: list[Hit]
    corrected: str = ""  # the query as searched after typo correction, when it changed
    expanded: str = ""  # what abbreviations were searched as ("CHF: searched congestive heart failure")
    meanings: list[tuple[str, str]] = field(default_factory=list)  # (abbreviation, meaning): every meaning of an ambiguous one

    @property
    def total(self) -> int:
        return len(self.hits)

    @property
    def alternatives(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """For the pages: each ambiguous abbreviation with its meanings, and the query that searches each."""
        return abbreviations.alternatives(self.query, self.meanings)


def current_releases(*, tenant: Tenant, system: str | None = None) -> list[Release]:
    """The newest ready release of each system this school can see (CPT only its own licensed file)."""
    releases = Release.objects.filter(status=Release.Status.READY).order_by("system", "-effective_from", "-id")
    releases = releases.filter(tenant__isnull=True) | releases.filter(tenant=tenant, system=System.CPT)
    if system:
        releases = releases.filter(system=system)
    newest: dict[str, Release] = {}
    for release in releases:
        newest.setdefault(release.system, release)
    return list(newest.values())


def code_search(*, tenant: Tenant, query: str, system: str | None = None, limit: int = 50,
                releases: list[Release] | None = None) -> SearchResult:
    """Ranked hits for ``query``: at most ``limit`` of them (capped at MAX_RESULTS)."""
    limit = max(1, min(limit, MAX_RESULTS))
    releases = current_releases(tenant=tenant, system=system) if releases is None else releases
    result = SearchResult(query=query, hits=[])
    text = " ".join(query.split())
    if not text:
        return result
    expansion = abbreviations.expand(text)
    result.expanded, result.meanings = expansion.note, list(expansion.meanings)
    release_ids = [r.pk for r in releases]
    seen: set[int] = set()

    def take(rows, match: str) -> None:
        for row in rows:
            if row[0] not in seen and len(result.hits) < limit:
                seen.add(row[0])
                result.hits.append(Hit(*row, match=match))

    key = to_key(text)
    # Plain tuples in Hit's field order: cheaper than model instances on a path timed per keystroke.
    codes = Code.objects.filter(release_id__in=release_ids).values_list(*HIT_FIELDS)
    if " " not in text and re.fullmatch(r"[A-Z0-9-]{1,8}", key):
        take(codes.filter(key=key).exclude(kind__in=HEADERS), "exact")
    if looks_like_code(text) and not expansion.note:
        take(codes.filter(key__gte=key, key__lt=next_key(key)).exclude(kind__in=HEADERS).order_by("key")[:limit], "prefix")
        _format_only_cpt(result, tenant=tenant, system=system, releases=releases, key=key)
    elif len(result.hits) < limit:
        words, prefix = _words_and_prefix(expansion.text)
        if words:
            # The last word matches as a prefix while it is typed, not once it was an abbreviation written out.
            typing = not query.endswith(" ") and expansion.text.split()[-1] == text.split()[-1]
            found, result.corrected = _word_search(
                codes.exclude(kind__in=HEADERS), words, release_ids=release_ids, prefix=prefix, limit=limit,
                open_end=typing)
            take(found, "words")
    return result


def _words_and_prefix(text: str) -> tuple[list[str], str]:
    """Description words, and a code prefix if one token is a code ("S72 right initial")."""
    words, prefix = [], ""
    for token in text.split():
        if not prefix and looks_like_code(token) and len(to_key(token)) >= 3 and token[0].isalpha():
            prefix = to_key(token)
        else:
            words.extend(WORD.findall(token.lower()))
    return words, prefix


def _format_only_cpt(result: SearchResult, *, tenant: Tenant, system: str | None, releases: list[Release], key: str) -> None:
    """Without a licensed CPT file, a well-formed CPT code is shown as such rather than hidden."""
    if system not in (None, System.CPT) or any(r.system == System.CPT for r in releases):
        return
    category = cpt_category(key)
    if category:
        result.hits.append(Hit(None, System.CPT, key, f"CPT {category} code (format only: this school has no licensed CPT file)", None, "procedure", "exact"))


def _word_search(codes, words: list[str], *, release_ids: list[int], prefix: str, limit: int, open_end: bool):
    """Matches of every word, those in the description itself before those only in inclusion terms.

    Within each pass the shortest description comes first: the general code before its
    specific children. The last word matches as a prefix while it is being typed.
    """
    corrected, documents = typos.correct(words)
    # PostgreSQL: when every word is common the matches are dense, and walking the description-length
    # index stops after a page; when one is rarer, the GIN index finds the few matches to sort. The
    # planner cannot tell the two apart (rare words cluster in long descriptions), the word counts can.
    common = bool(documents) and all(documents.get(w, 0) >= COMMON_WORD_DOCUMENTS for w in corrected)
    found: list[tuple] = []
    for description_only in (True, False):
        if len(found) >= limit:
            break
        if connection.vendor == "postgresql":
            rows = _pg_search(codes, corrected, prefix=prefix, limit=limit, open_end=open_end,
                              description_only=description_only, walk_index=common)
        else:
            rows = _fts5_search(corrected, release_ids=release_ids, prefix=prefix, limit=limit,
                                open_end=open_end, description_only=description_only)
        known = {row[0] for row in found}
        found.extend(row for row in rows if row[0] not in known)
    return found[:limit], (" ".join(corrected) if corrected != words else "")


def _terms(words: list[str], open_end: bool) -> list[tuple[str, bool]]:
    """(word, match as prefix): only the last word, and only once it has three letters."""
    last = len(words) - 1
    return [(w, open_end and i == last and len(w) >= 3) for i, w in enumerate(words)]


def _pg_search(codes, words, *, prefix: str, limit: int, open_end: bool, description_only: bool,
               walk_index: bool) -> list[tuple]:
    if prefix:
        codes = codes.filter(key__gte=prefix, key__lt=next_key(prefix))
    weight = "A" if description_only else ""
    # Words come from [a-z0-9]+ only, so they cannot carry tsquery operators.
    tsquery = " & ".join(f"{w}:{'*' if star else ''}{weight}" if (star or weight) else w for w, star in _terms(words, open_end))
    query = SearchQuery(tsquery, search_type="raw", config="english")
    # "+ 0" makes the order unservable by the length index, so the planner takes the GIN index.
    length = Length("description") if walk_index else Length("description") + Value(0)
    return list(codes.filter(search_vector=query).order_by(length, "key")[:limit])


def _fts5_search(words, *, release_ids: list[int], prefix: str, limit: int, open_end: bool,
                 description_only: bool) -> list[tuple]:
    match = " AND ".join(f'"{w}"{"*" if star else ""}' for w, star in _terms(words, open_end))
    if description_only:
        match = f"{{description}} : ({match})"
    placeholders = ", ".join(["%s"] * len(release_ids)) or "NULL"
    # One query reads the hits themselves (in Hit's field order; SQLite gives billable as 0 or 1).
    sql = (
        f"SELECT {HIT_COLUMNS} FROM codesets_code_fts f JOIN codesets_code c ON c.id = (f.rowid & 4294967295) "
        f"WHERE codesets_code_fts MATCH %s AND c.release_id IN ({placeholders}) AND c.kind NOT IN ('chapter', 'block') "
        + ("AND c.key >= %s AND c.key < %s " if prefix else "")
        + "ORDER BY f.rowid LIMIT %s"
    )
    params = [match, *release_ids, *([prefix, next_key(prefix)] if prefix else []), limit]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [(pk, system, code, description, bool(billable), kind)
                for pk, system, code, description, billable, kind in cursor.fetchall()]
