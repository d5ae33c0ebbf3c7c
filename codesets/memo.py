"""What the code checker reads of a loaded release, kept for a while: for the grading jobs.

A ready release's rows are written once, by its load, and never change; a reload (a school's CPT
file again, ``load_hcpcs --force``) writes new rows with new ids and a new load time, and codes are
remembered by release id *and* load time, so a reload is never answered from the old one. So what ``codes_check`` looked up for one attempt (a code by its key, a code's
children, 7th-character tables, sequencing notes, modifiers) serves the next attempt too, and a
worker grades at memory speed once the codes an exam uses have been seen. Which release is
*current* can change (a new year loads), so that answer is kept for ``CURRENT_SECONDS`` only.

Only code that opts in with ``with remembered():`` uses it (the grading and regrading jobs); pages and
the API read the database every time. ``forget()`` empties it (tests do, between tests, since ids
are reused after a rollback).
"""

from __future__ import annotations

import contextlib
import contextvars
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

CURRENT_SECONDS = 30.0
LIMIT = 200_000  # entries per map; past it the map starts again (a school's exams use a few thousand codes)


@dataclass
class Memo:
    codes: dict = field(default_factory=dict)  # (release id, loaded at, key) -> Code | None
    children: dict = field(default_factory=dict)  # code id -> [Code]
    sevenths: dict = field(default_factory=dict)  # code id -> {character: description}
    notes: dict = field(default_factory=dict)  # code id -> [Note] (sequencing notes, references loaded)
    holders: dict = field(default_factory=dict)  # code id -> Code (code and description)
    modifiers: dict = field(default_factory=dict)  # (release id, loaded at, key) -> description | None
    current: dict = field(default_factory=dict)  # (tenant id, system) -> (until, [Release])

    def put(self, name: str, key, value) -> None:
        table = getattr(self, name)
        if len(table) >= LIMIT:
            table.clear()
        table[key] = value


_SHARED = Memo()
_active: contextvars.ContextVar[Memo | None] = contextvars.ContextVar("codeset_memo", default=None)


def active() -> Memo | None:
    return _active.get()


@contextlib.contextmanager
def remembered() -> Iterator[Memo]:
    """Let ``codes_check`` keep and reuse what it reads, within this block (the process's shared memo)."""
    token = _active.set(_SHARED)
    try:
        yield _SHARED
    finally:
        _active.reset(token)


def current(tenant_id: int, system: str | None, load) -> list:
    """``load()`` (the current releases), remembered for CURRENT_SECONDS when a memo is active."""
    memo = _active.get()
    if memo is None:
        return load()
    kept = memo.current.get((tenant_id, system))
    now = time.monotonic()
    if kept is not None and kept[0] > now:
        return kept[1]
    releases = load()
    memo.put("current", (tenant_id, system), (now + CURRENT_SECONDS, releases))
    return releases


def forget() -> None:
    global _SHARED
    _SHARED = Memo()
