"""Typo correction against the words of the public code sets, the same on every database.

The word list is ``SearchWord`` (rebuilt by ``loading.words_refresh`` when a public
release loads), read once per process and kept until it is rebuilt: each call asks
only for its count and highest id, which change with every rebuild. A word is kept
as typed when the code sets use it, when it is short or has a digit, when it starts
a word they use (it is being typed: "fractur"), or when it is an inflection of one
(the search's stemmer finds "strained" through "strain"). Otherwise it becomes the
word the fewest edits away (a letter wrong, missing, added, or two letters swapped:
``OSA`` distance), at most ``max_edits``; of equally close words, the one more codes
use ("diabetis": diabetes, not diabetic or diabetics).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from django.db import connection
from rapidfuzz import process
from rapidfuzz.distance import OSA

from codesets.models import SearchWord

# Two subqueries, each answered from an index; one aggregate with both would scan the table.
VERSION_SQL = f"SELECT (SELECT COUNT(*) FROM {SearchWord._meta.db_table}), (SELECT MAX(id) FROM {SearchWord._meta.db_table})"
# (suffix, what replaces it): "strained" -> "strain", "coughing" -> "cough", "knees" -> "knee".
INFLECTIONS = (("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"), ("ies", "y"), ("ied", "y"), ("es", ""), ("s", ""))


@dataclass(frozen=True)
class WordList:
    version: tuple[int, int | None]  # (count, highest id): changes with every rebuild
    words: list[str]  # sorted, for the prefix test
    documents: dict[str, int]  # word -> how many codes use it


_cached: WordList | None = None


def word_list() -> WordList:
    """The current word list: one small query, and a reload only after a rebuild."""
    global _cached
    with connection.cursor() as cursor:
        cursor.execute(VERSION_SQL)
        version = tuple(cursor.fetchone())
    if _cached is None or _cached.version != version:
        rows = sorted(SearchWord.objects.values_list("word", "documents"))
        _cached = WordList(version=version, words=[word for word, _ in rows], documents=dict(rows))
    return _cached


def forget() -> None:
    """Drop the process's copy (tests do: a rollback can restore an older list under the same ids)."""
    global _cached
    _cached = None


def correct(words: list[str]) -> tuple[list[str], dict[str, int]]:
    """The words with typos corrected, and how many codes use each resulting word the code sets know."""
    known = word_list()
    out = [word if _keep(word, known) else (_closest(word, known) or word) for word in words]
    return out, {word: known.documents[word] for word in out if word in known.documents}


def _keep(word: str, known: WordList) -> bool:
    return (word in known.documents or len(word) < 3 or not word.isalpha() or _starts_a_word(word, known.words)
            or _inflects(word, known.documents))


def _starts_a_word(word: str, words: list[str]) -> bool:
    at = bisect.bisect_right(words, word)
    return at < len(words) and words[at].startswith(word)


def _inflects(word: str, documents: dict[str, int]) -> bool:
    return any(word.endswith(suffix) and len(word) - len(suffix) >= 3 and word[: -len(suffix)] + base in documents
               for suffix, base in INFLECTIONS)


def max_edits(word: str) -> int:
    """How many edits a correction may make: none to three letters, one to seven, two beyond."""
    return 0 if len(word) <= 3 else 1 if len(word) <= 7 else 2


def _closest(word: str, known: WordList) -> str | None:
    edits = max_edits(word)
    if not edits:
        return None
    matches = process.extract(word, known.words, scorer=OSA.distance, score_cutoff=edits, limit=None)
    if not matches:
        return None
    fewest = min(distance for _, distance, _ in matches)
    return max((known.documents[match], match) for match, distance, _ in matches if distance == fewest)[1]
