"""Search within one cohort's forum, the matched words marked in the results.

``search`` answers a list of ``Hit``: one per thread, its best-matching post that the member may
read, with the thread's title and a snippet of the post around the first match as HTML, every
word of the member's text escaped and only our ``<mark>`` tags added. The caller has checked that
the member reads the cohort (``cohorts.forums.can_read``).

On PostgreSQL it is full-text search: the thread's title (weight A) and the post's Markdown
(weight B) against ``websearch_to_tsquery`` (quotes, ``or``, ``-word``), ranked, then newest; the
highlight comes from ``ts_headline`` with control characters as markers, escaped around and then
swapped for ``<mark>`` (ts_headline also leaves out text written as an HTML tag, so such text never
shows in a body's snippet, even escaped). The english parser keeps a code such as E11.65 or 99213 as one word, so it
is found as written; a code's start (E11 for E11.65) matches by substring as well. Elsewhere
(SQLite) every word must appear in the title or the body, newest first, marked in Python.

What a member finds is what they may read: hidden posts only by the cohort's staff, and in a
question-and-answer topic a student finds the others' replies only in threads they posted in.
One query for the search, whatever the number of results, after the forum's access check (which the
cohort object keeps, so a page that already asked ``can_read`` pays nothing more).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Case, Exists, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Value, When, Window
from django.db.models.functions import Replace, RowNumber
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from codesets.references import CODE_REFERENCE
from cohorts.forums import is_forum_staff
from cohorts.models import Cohort, ForumPost, ForumThread
from lms.models import Membership

QUERY_MIN = 2
QUERY_MAX = 200
LIMIT_MAX = 200
SNIPPET_CHARS = 200
CONFIG = "english"
START, STOP = "\x02", "\x03"  # ts_headline's markers: a member cannot type them (they are taken out first)
WORD = re.compile(r"\w+(?:[.\-]\w+)*")  # keeps E11.65 and 99213-25 whole


@dataclass(frozen=True)
class Hit:
    thread: ForumThread  # with its topic
    post: ForumPost  # with its author
    title_html: SafeString
    snippet_html: SafeString


def search(*, membership: Membership, cohort: Cohort, query: str, limit: int = 50) -> list[Hit]:
    """The cohort's threads that match ``query``, best first (at most ``limit``, one hit per thread).

    A query shorter than two characters, or with no word in it, finds nothing without asking the
    database; one longer than 200 characters is cut."""
    query = " ".join((query or "").split())[:QUERY_MAX]
    words = _words(query)
    if len(query) < QUERY_MIN or not words or membership is None or membership.tenant_id != cohort.tenant_id:
        return []
    limit = max(1, min(int(limit), LIMIT_MAX))
    posts = _readable_posts(membership, cohort)
    if connection.vendor == "postgresql":
        return _search_postgres(posts, query, words, limit)
    return _search_words(posts, words, limit)


def _words(query: str) -> list[str]:
    seen: dict[str, str] = {}
    for word in WORD.findall(query):
        if len(word) >= QUERY_MIN:
            seen.setdefault(word.lower(), word)
    return list(seen.values())


def _readable_posts(membership: Membership, cohort: Cohort) -> QuerySet[ForumPost]:
    posts = ForumPost.objects.filter(tenant_id=cohort.tenant_id, thread__tenant_id=cohort.tenant_id,
                                     thread__topic__cohort=cohort)
    if is_forum_staff(membership, cohort):
        return posts
    # cohorts.forums.sees_others_replies, for every row at once: the opening post and one's own
    # are always there; the others' replies once the student has posted in the thread.
    mine = ForumPost.objects.filter(thread=OuterRef("thread"), author_id=membership.user_id)
    opening = ForumPost.objects.filter(thread=OuterRef("thread")).order_by("created_at", "id").values("pk")[:1]
    seen = Exists(mine) | Q(thread__topic__answers_first=False) | Q(author_id=membership.user_id) | Q(pk=Subquery(opening))
    return posts.filter(seen, hidden_at__isnull=True)


def _best_per_thread(posts: QuerySet[ForumPost], *, better: list) -> QuerySet[ForumPost]:
    """Each thread's first post in the order ``better`` (the filter on a window wraps the query in one more)."""
    return posts.annotate(best=Window(RowNumber(), partition_by=[F("thread_id")], order_by=better)).filter(best=1)


def _search_words(posts: QuerySet[ForumPost], words: list[str], limit: int) -> list[Hit]:
    everywhere, in_body = Q(), Q()
    for word in words:
        everywhere &= Q(body__icontains=word) | Q(thread__title__icontains=word)
        in_body &= Q(body__icontains=word)
    posts = posts.filter(everywhere).annotate(
        in_body=Case(When(in_body, then=Value(1)), default=Value(0), output_field=IntegerField())
    )
    posts = _best_per_thread(posts, better=[F("in_body").desc(), F("created_at").asc(), F("id").asc()])
    rows = posts.select_related("thread__topic", "author").order_by("-created_at", "-id")[:limit]
    pattern = _pattern(words)
    return [_hit(post, _mark(post.thread.title, pattern), _snippet(post.body, pattern)) for post in rows]


def _search_postgres(posts: QuerySet[ForumPost], query: str, words: list[str], limit: int) -> list[Hit]:
    document = SearchVector("thread__title", weight="A", config=CONFIG) + SearchVector("body", weight="B", config=CONFIG)
    tsquery = SearchQuery(query, search_type="websearch", config=CONFIG)
    posts = posts.annotate(document=document, rank=SearchRank(F("document"), tsquery))
    posts = posts.filter(_match_postgres(query, words, tsquery))
    best = _best_per_thread(posts, better=[F("rank").desc(), F("created_at").asc(), F("id").asc()])
    ranked = ["-rank", "-created_at", "-id"]
    # The highlights are worked out for the hits only, not for every post that matched.
    rows = (
        ForumPost.objects.filter(pk__in=Subquery(best.order_by(*ranked).values("pk")[:limit]))
        .select_related("thread__topic", "author")
        .annotate(
            rank=SearchRank(document, tsquery),
            title_marked=SearchHeadline(_unmarked("thread__title"), tsquery, config=CONFIG, start_sel=START,
                                        stop_sel=STOP, highlight_all=True),
            body_marked=SearchHeadline(_unmarked("body"), tsquery, config=CONFIG, start_sel=START, stop_sel=STOP,
                                       max_words=30, min_words=15),
        )
        .order_by(*ranked)
    )
    pattern = _pattern(words)
    hits = []
    for post in rows:
        title = _swap_markers(post.title_marked) if START in post.title_marked else _mark(post.thread.title, pattern)
        if START in post.body_marked:
            snippet = _headline_snippet(post.body_marked, post.body)
        else:  # found by a code's start, or by the title alone
            snippet = _snippet(post.body, pattern)
        hits.append(_hit(post, title, snippet))
    return hits


def _match_postgres(query: str, words: list[str], tsquery: SearchQuery) -> Q:
    """The full-text match, or each code-like word as a substring with the rest of the query matched as text."""
    match = Q(document=tsquery)
    codes = [word for word in words if CODE_REFERENCE.fullmatch(word.upper())]
    if not codes:
        return match
    by_code = Q()
    rest = query
    for code in codes:
        by_code &= Q(body__icontains=code) | Q(thread__title__icontains=code)
        rest = re.sub(rf"(?<![\w.]){re.escape(code)}(?![\w.])", " ", rest, flags=re.IGNORECASE)
    if _words(rest):
        by_code &= Q(document=SearchQuery(rest, search_type="websearch", config=CONFIG))
    return match | by_code


def _unmarked(field: str):
    return Replace(Replace(F(field), Value(START), Value("")), Value(STOP), Value(""))


def _hit(post: ForumPost, title_html: str, snippet_html: str) -> Hit:
    return Hit(thread=post.thread, post=post, title_html=mark_safe(title_html), snippet_html=mark_safe(snippet_html))


# --- marking -----------------------------------------------------------------------------------


def _pattern(words: list[str]) -> re.Pattern:
    return re.compile("|".join(re.escape(word) for word in sorted(words, key=len, reverse=True)), re.IGNORECASE)


def _mark(text: str, pattern: re.Pattern) -> str:
    """Escape the pieces between matches and the matches themselves, so no entity is ever cut."""
    out, last = [], 0
    for found in pattern.finditer(text):
        out.append(escape(text[last:found.start()]))
        out.append(f"<mark>{escape(found.group())}</mark>")
        last = found.end()
    out.append(escape(text[last:]))
    return "".join(out)


def _snippet(body: str, pattern: re.Pattern) -> str:
    """About 200 characters of the body around its first match (its start when nothing matches), cut at spaces."""
    text = " ".join(body.split())
    if len(text) <= SNIPPET_CHARS:
        return _mark(text, pattern)
    found = pattern.search(text)
    at = found.start() if found else 0
    start = max(0, min(at - SNIPPET_CHARS // 3, len(text) - SNIPPET_CHARS))
    end = min(len(text), start + SNIPPET_CHARS)
    if start:
        space = text.find(" ", start, at)
        start = space + 1 if space >= 0 else start
    if end < len(text):
        space = text.rfind(" ", max(start, found.end() if found else start), end)
        end = space if space > 0 else end
    return ("… " if start else "") + _mark(text[start:end], pattern) + (" …" if end < len(text) else "")


def _swap_markers(marked: str) -> str:
    return escape(" ".join(marked.split())).replace(START, "<mark>").replace(STOP, "</mark>")


def _headline_snippet(marked: str, body: str) -> str:
    plain = " ".join(marked.replace(START, "").replace(STOP, "").split())
    text = " ".join(body.split())
    before = "" if text.startswith(plain[:20]) else "… "
    after = "" if text.endswith(plain[-20:]) else " …"
    return before + _swap_markers(marked) + after
