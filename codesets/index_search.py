"""Searching the Alphabetic Index (and its tables and the External Cause Index) the way a coder reads it.

A coder looks up the main term first, then runs down its subterms. So the
search ranks in passes:

1. a main term that starts with the first word, the other words in the
   titles below it ("diabetes hyperglycemia": Diabetes, diabetic > with >
   hyperglycemia; "pneumonia": Pneumonia before Pleuro-pneumonia);
   then the first word anywhere in the main term's title;
2. the same, letting the other words match nonessential modifiers too;
3. any word in the main term's title and every word in the titles;
4. every word anywhere, modifiers included.

Within a pass the shallowest term comes first, then the printed order.
Abbreviations are expanded and typos corrected as in the code search.
SQLite: one FTS5 query a pass, each walking rowids (depth, then position) and
stopping after a page. PostgreSQL: the main term's first word in a B-tree
(the first pass; a common word stops there after a page), then one query over
a weighted tsvector (main term A, subterms B, modifiers C) that ranks the
other passes at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db import connection

from codesets import abbreviations, typos
from codesets.index_loading import FTS_ROWID_SHIFT, plain, scope_token
from codesets.models import IndexKind, IndexRelease, IndexTerm, Release

WORD = re.compile(r"[a-z0-9]+")
MAX_RESULTS = 200
MAX_WORDS = 8
TERM_FIELDS = ("id", "kind", "depth", "title", "nemod", "trail", "code", "code_status", "see", "see_also",
               "see_term_id", "see_also_term_id", "main_id", "cells", "target__code", "see_term__main_id",
               "see_also_term__main_id", "see_term__kind", "see_also_term__kind")


@dataclass
class IndexResult:
    query: str
    kind: str
    hits: list[dict] = field(default_factory=list)  # IndexTerm values (TERM_FIELDS), best first
    corrected: str = ""
    expanded: str = ""
    meanings: list[tuple[str, str]] = field(default_factory=list)
    release: IndexRelease | None = None

    @property
    def alternatives(self) -> list[tuple[str, list[tuple[str, str]]]]:
        return abbreviations.alternatives(self.query, self.meanings)


def index_current() -> IndexRelease | None:
    return IndexRelease.objects.filter(status=Release.Status.READY).order_by("-version", "-id").first()


def _passes(words: list[str]) -> list[dict]:
    """The passes as {column set: words that must all match there}, plus "any_main" (one of them in the main term)."""
    first, rest = words[0], words[1:]
    passes = [
        {"lead": first, "titles": rest},
        {"main": [first], "titles": rest},
        {"main": [first], "all": rest},
    ]
    if len(words) > 1:
        passes.append({"any_main": words, "titles": words})
    passes.append({"all": words})
    return passes


def index_search(*, query: str, kind: str = IndexKind.INDEX, limit: int = 25, release: IndexRelease | None = None) -> IndexResult:
    """Ranked index terms for ``query`` (at most ``limit``, capped at MAX_RESULTS)."""
    limit = max(1, min(limit, MAX_RESULTS))
    release = release or index_current()
    result = IndexResult(query=query, kind=kind, release=release)
    text = " ".join(query.split())
    if release is None or not text:
        return result
    expansion = abbreviations.expand(text)
    if expansion.note:
        text, result.expanded, result.meanings = expansion.text, expansion.note, list(expansion.meanings)
    words = WORD.findall(plain(text))[:MAX_WORDS]
    if not words:
        return result
    corrected, _ = typos.correct(words)
    if corrected != words:
        result.corrected = " ".join(corrected)
    # The last word matches as a prefix while it is typed, but not a written-out abbreviation's last word.
    open_end = not query.endswith(" ") and not result.expanded
    prefix_word = corrected[-1] if open_end else ""
    search = _fts5 if connection.vendor == "sqlite" else _postgres
    ranked = search(release, kind, corrected, prefix_word, limit)
    ranked = ranked[:limit]
    by_id = {row["id"]: row for row in IndexTerm.objects.filter(pk__in=ranked).values(*TERM_FIELDS)}
    result.hits = [by_id[pk] for pk in ranked if pk in by_id]
    return result


def _star(word: str, prefix_word: str) -> bool:
    """The last word matches as a prefix while it is being typed (once it has three letters)."""
    return bool(prefix_word) and word == prefix_word and len(word) >= 3


def _typed(word: str, star: bool) -> str:
    """A prefix as the stemmer will not spoil it: both stemmers turn a final y into i ("hypergly" would
    become "hypergli" and miss "hyperglycemia"), so a half-typed word drops it."""
    return word[:-1] if star and len(word) > 4 and word.endswith("y") else word


def _fts5(release: IndexRelease, kind: str, words: list[str], prefix_word: str, limit: int) -> list[int]:
    """SQLite: each pass walks the FTS table in rowid order (depth, then position) and stops after a page."""
    ranked: list[int] = []
    for spec in _passes(words):
        if len(ranked) >= limit:
            break
        ranked.extend(pk for pk in _fts5_pass(release, kind, spec, prefix_word, limit) if pk not in ranked)
    return ranked


def _fts5_pass(release: IndexRelease, kind: str, spec: dict, prefix_word: str, limit: int) -> list[int]:
    def term(word: str) -> str:
        star = _star(word, prefix_word)
        return f'"{_typed(word, star)}"{"*" if star else ""}'

    parts = [f'scope : "{scope_token(release.pk, kind)}"']
    if spec.get("lead"):
        parts.append("{main} : ^" + term(spec["lead"]))
    if spec.get("main"):
        parts.append("{main} : (" + " AND ".join(term(w) for w in spec["main"]) + ")")
    if spec.get("any_main"):
        parts.append("{main} : (" + " OR ".join(term(w) for w in spec["any_main"]) + ")")
    for column, key in (("{main path}", "titles"), ("{main path nemod}", "all")):
        if spec.get(key):
            parts.append(f"{column} : (" + " AND ".join(term(w) for w in spec[key]) + ")")
    sql = ("SELECT rowid FROM codesets_indexterm_fts WHERE codesets_indexterm_fts MATCH %s ORDER BY rowid LIMIT %s")
    mask = (1 << FTS_ROWID_SHIFT) - 1
    with connection.cursor() as cursor:
        cursor.execute(sql, [" AND ".join(parts), limit])
        return [row[0] & mask for row in cursor.fetchall()]


def _tsquery(spec: dict, prefix_word: str) -> str:
    # Words come from [a-z0-9]+ only, so they cannot carry tsquery operators.
    def term(word: str, weights: str) -> str:
        star = _star(word, prefix_word)
        return f"{_typed(word, star)}:{'*' if star else ''}{weights}"

    clauses = []
    if spec.get("main"):
        clauses.extend(term(w, "A") for w in spec["main"])
    if spec.get("any_main"):
        clauses.append("(" + " | ".join(term(w, "A") for w in spec["any_main"]) + ")")
    for weights, key in (("AB", "titles"), ("ABC", "all")):
        clauses.extend(term(w, weights) for w in spec.get(key, []))
    return " & ".join(clauses)


def _postgres(release: IndexRelease, kind: str, words: list[str], prefix_word: str, limit: int) -> list[int]:
    """PostgreSQL: one word walks the B-tree of main terms' first words in (depth, position) order (a
    common word such as "fracture" stops after a page there; a half-typed one then takes the main terms
    it starts). Then, or for several words at once, one query over the tsvector finds every term with
    all the words and orders it by the passes."""
    first, rest = words[0], words[1:]
    ranked: list[int] = []
    with connection.cursor() as cursor:
        if not rest:
            star = _star(first, prefix_word)
            lead = _typed(first, star)
            ranges = [("lead = %s", [lead])] + ([("lead > %s AND lead < %s", [lead, lead + "{"])] if star else [])
            for condition, params in ranges:
                cursor.execute(
                    f"SELECT id FROM codesets_indexterm WHERE release_id = %s AND kind = %s AND {condition} "
                    "ORDER BY depth, position LIMIT %s", [release.pk, kind, *params, limit - len(ranked)])
                ranked.extend(row[0] for row in cursor.fetchall())
                if len(ranked) >= limit:
                    return ranked
        passes = _passes(words)
        # The first pass by the first word's B-tree column; the others by the tsvector's weights.
        cases = ["WHEN lead = %s" + (" AND search_vector @@ to_tsquery('english', %s)" if rest else "") + " THEN 0"]
        params: list = [first, *([_tsquery({"titles": rest}, prefix_word)] if rest else [])]
        for i, spec in enumerate(passes[1:-1], start=1):
            cases.append(f"WHEN search_vector @@ to_tsquery('english', %s) THEN {i}")
            params.append(_tsquery(spec, prefix_word))
        cursor.execute(
            "SELECT id FROM codesets_indexterm WHERE release_id = %s AND kind = %s "
            "AND search_vector @@ to_tsquery('english', %s) "
            f"ORDER BY CASE {' '.join(cases)} ELSE {len(passes)} END, depth, position LIMIT %s",
            [release.pk, kind, _tsquery(passes[-1], prefix_word), *params, limit + len(ranked)])
        ranked.extend(pk for (pk,) in cursor.fetchall() if pk not in ranked)
    return ranked[:limit]
