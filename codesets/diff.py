"""What changed between two releases of one code set.

A key pins its code-set version; when a new year loads, course content that
names a deleted or revised code must be reviewed. This module answers which
codes those are, comparing by key (upper case, no dot) so that printing
differences never count as changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from codesets.models import Code, Release

# Chapters and blocks are headings of the tabular, not codes a key can name.
HEADING_KINDS = (Code.Kind.CHAPTER, Code.Kind.BLOCK)


@dataclass(frozen=True)
class ChangedCode:
    """One code in a diff; the old side is None for an added code, the new side for a deleted one."""

    key: str
    code: str
    old_description: str | None
    new_description: str | None
    old_terminated_on: date | None = None
    new_terminated_on: date | None = None

    @property
    def description_changed(self) -> bool:
        return self.old_description != self.new_description

    @property
    def termination_changed(self) -> bool:
        return self.old_terminated_on != self.new_terminated_on


@dataclass
class ReleaseDiff:
    old: Release
    new: Release
    added: list[ChangedCode] = field(default_factory=list)
    deleted: list[ChangedCode] = field(default_factory=list)
    revised: list[ChangedCode] = field(default_factory=list)

    @property
    def changed_keys(self) -> set[str]:
        """Keys that content pinned to the old release should be checked for."""
        return {item.key for item in (*self.deleted, *self.revised)}

    def __bool__(self) -> bool:
        return bool(self.added or self.deleted or self.revised)


# key -> (printed code, description, termination date)
_Snapshot = dict[str, tuple[str, str, date | None]]


def release_diff(*, old: Release, new: Release) -> ReleaseDiff:
    """Codes added, deleted and revised (description, or HCPCS termination date) from ``old`` to ``new``.

    Two queries whatever the size of the releases. Releases of different code
    sets, or a school's CPT file against another school's, are refused: their
    keys are not comparable, and the second would leak one school's licensed
    content into another's report.
    """
    _check_comparable(old, new)
    before, after = _snapshot(old), _snapshot(new)
    diff = ReleaseDiff(old=old, new=new)
    for key in sorted(after.keys() - before.keys()):
        code, description, terminated_on = after[key]
        diff.added.append(ChangedCode(key, code, None, description, None, terminated_on))
    for key in sorted(before.keys() - after.keys()):
        code, description, terminated_on = before[key]
        diff.deleted.append(ChangedCode(key, code, description, None, terminated_on, None))
    for key in sorted(before.keys() & after.keys()):
        item = ChangedCode(key, after[key][0], before[key][1], after[key][1], before[key][2], after[key][2])
        if item.description_changed or item.termination_changed:
            diff.revised.append(item)
    return diff


def _check_comparable(old: Release, new: Release) -> None:
    if old.system != new.system:
        raise ValueError(
            f"Cannot compare releases of different code sets: {old} is {old.get_system_display()}, "
            f"{new} is {new.get_system_display()}."
        )
    if old.tenant_id != new.tenant_id:
        raise ValueError(f"Cannot compare {old} and {new}: they belong to different schools.")
    for release in (old, new):
        if not release.is_ready:
            raise ValueError(f"Cannot compare {release}: it is not loaded (status {release.get_status_display()}).")


def _snapshot(release: Release) -> _Snapshot:
    """Key -> (code, description, termination date) of the release's codes, in one query."""
    rows = (
        Code.objects.filter(release=release)
        .exclude(kind__in=HEADING_KINDS)
        .order_by()
        .values_list("key", "code", "description", "terminated_on")
    )
    return {key: (code, description, terminated_on) for key, code, description, terminated_on in rows}
