"""Reads of code-set data that pages, the API and graders share."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.http import Http404

from codesets.formats import to_key
from codesets.models import Code, Note, NoteKind, NoteReference, Release, SeventhCharacter, System
from codesets.search import current_releases
from lms.models import Tenant

ITEM_KEY = re.compile(r"[0-9A-Z-]{1,16}")
VERSION = re.compile(r"[0-9A-Za-z][0-9A-Za-z._-]{0,39}")
NOTE_ORDER = [
    NoteKind.NOTE, NoteKind.INCLUDES, NoteKind.INCLUSION_TERM, NoteKind.EXCLUDES1, NoteKind.EXCLUDES2,
    NoteKind.CODE_FIRST, NoteKind.USE_ADDITIONAL, NoteKind.CODE_ALSO, NoteKind.SEVENTH_CHARACTER,
]


def release_for(*, tenant: Tenant, system: str, version: str | None = None) -> Release:
    """The release a school reads ``system`` from: the newest ready one, or ``version``; 404 if none."""
    if system not in System.values:
        raise Http404("Unknown code system.")
    if version and not VERSION.fullmatch(version):
        raise Http404("No release has that version.")
    if version:
        releases = Release.objects.filter(system=system, version=version, status=Release.Status.READY)
        release = (releases.filter(tenant=tenant) if system == System.CPT else releases.filter(tenant__isnull=True)).first()
    else:
        release = next(iter(current_releases(tenant=tenant, system=system)), None)
    if release is None:
        raise Http404("This school has no release of that code set.")
    return release


def code_get(*, tenant: Tenant, system: str, code: str, version: str | None = None) -> Code:
    """One item by its printed form or key (E11.65, e1165, E08-E13); a code wins over a block of the same name."""
    release = release_for(tenant=tenant, system=system, version=version)
    key = to_key(code) if "-" not in code else code.strip().upper()
    if not ITEM_KEY.fullmatch(key):  # also keeps NUL bytes and the like away from the database
        raise Http404(f"{code[:20]} is not in {release}.")
    items = list(Code.objects.filter(release=release, key=key).select_related("release"))
    if not items:
        raise Http404(f"{code} is not in {release}.")
    items.sort(key=lambda c: c.is_header)
    return items[0]


@dataclass
class CodeDetail:
    code: Code
    ancestors: list[Code]
    children: list[Code]
    notes: dict[str, list[Note]]  # kind -> the code's own notes
    inherited_notes: list[tuple[Code, dict[str, list[Note]]]]  # notes of ancestors that apply below them
    seventh_characters: list[SeventhCharacter]
    seventh_from: Code | None  # the item whose table applies
    siblings: dict[str, Code | None] = field(default_factory=dict)


def _by_kind(notes: list[Note]) -> dict[str, list[Note]]:
    grouped: dict[str, list[Note]] = {kind: [] for kind in NOTE_ORDER}
    for note in notes:
        grouped.setdefault(note.kind, []).append(note)
    return {kind: items for kind, items in grouped.items() if items}


def notes_for(code_ids: list[int]):
    """Notes of these items with the codes they name (two queries)."""
    references = NoteReference.objects.select_related("target").order_by("id")
    return Note.objects.filter(code_id__in=code_ids).prefetch_related(Prefetch("references", queryset=references))


def code_detail(code: Code) -> CodeDetail:
    """Everything the code page and the API show, in a fixed number of queries."""
    lineage = list(code.lineage)
    ancestors = sorted(Code.objects.filter(pk__in=lineage), key=lambda c: lineage.index(c.pk))
    children = list(Code.objects.filter(parent=code).order_by("position"))
    all_notes = list(notes_for([*lineage, code.pk]))
    own = _by_kind([n for n in all_notes if n.code_id == code.pk])
    inherited = []
    for ancestor in reversed(ancestors):
        notes = _by_kind([n for n in all_notes if n.code_id == ancestor.pk])
        if notes:
            inherited.append((ancestor, notes))
    table = list(SeventhCharacter.objects.filter(code_id__in=[*lineage, code.pk]))
    chain = [code.pk, *reversed(lineage)]
    seventh_from_id = min((row.code_id for row in table), key=chain.index, default=None)
    seventh = [row for row in table if row.code_id == seventh_from_id]
    by_id = {c.pk: c for c in [code, *ancestors]}
    return CodeDetail(
        code=code, ancestors=ancestors, children=children, notes=own, inherited_notes=inherited,
        seventh_characters=seventh, seventh_from=by_id.get(seventh_from_id),
    )


def chapters(*, release: Release):
    """The top of a release's tree: chapters for ICD-10-CM, else every code in file order."""
    return Code.objects.filter(release=release, parent__isnull=True).order_by("position")
