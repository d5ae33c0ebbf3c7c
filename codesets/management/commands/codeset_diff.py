"""manage.py codeset_diff SYSTEM OLD NEW: report what changed between two loaded releases."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from codesets.diff import ChangedCode, ReleaseDiff, release_diff
from codesets.models import Release, System
from lms.models import Tenant


class Command(BaseCommand):
    help = "List the codes added, deleted and revised between two loaded releases of a code set."

    def add_arguments(self, parser):
        parser.add_argument("system", help=f"One of: {', '.join(System.values)}.")
        parser.add_argument("old", help="Version of the earlier release, e.g. 2015.")
        parser.add_argument("new", help="Version of the later release, e.g. 2016.")
        parser.add_argument("--tenant", metavar="SLUG", help="The school whose licensed CPT file to compare.")

    def handle(self, *args, system: str, old: str, new: str, tenant: str | None = None, **options):
        system = system.lower()
        if system not in System.values:
            raise CommandError(f"Unknown code set {system!r}; choose one of: {', '.join(System.values)}.")
        school = _school(system, tenant)
        diff = release_diff(old=_release(system, old, school), new=_release(system, new, school))
        self.stdout.write(report(diff))


def _school(system: str, slug: str | None) -> Tenant | None:
    """CPT releases belong to one school; ICD-10-CM and HCPCS to none."""
    if system != System.CPT:
        if slug:
            raise CommandError(f"--tenant applies to CPT only; {System(system).label} is shared by every school.")
        return None
    if not slug:
        raise CommandError("CPT releases belong to a school: pass --tenant SLUG.")
    school = Tenant.objects.filter(slug=slug).first()
    if school is None:
        raise CommandError(f"No school with slug {slug!r}.")
    return school


def _release(system: str, version: str, school: Tenant | None) -> Release:
    releases = Release.objects.filter(system=system, tenant=school, status=Release.Status.READY)
    release = releases.filter(version=version).first()
    if release is None:
        known = sorted(releases.values_list("version", flat=True))
        listed = ", ".join(known) if known else "none"
        raise CommandError(f"No loaded {System(system).label} release {version!r}. Loaded versions: {listed}.")
    return release


def report(diff: ReleaseDiff) -> str:
    """The diff as a person reads it: counts, then one section per kind of change."""
    lines = [
        f"{diff.old} -> {diff.new}: {len(diff.added):,} added, {len(diff.deleted):,} deleted, "
        f"{len(diff.revised):,} revised.",
    ]
    for title, items, describe in (
        ("Added", diff.added, lambda item: [f"  {item.code:<8} {item.new_description}"]),
        ("Deleted", diff.deleted, lambda item: [f"  {item.code:<8} {item.old_description}"]),
        ("Revised", diff.revised, _revised_lines),
    ):
        lines += ["", f"{title} ({len(items):,})"]
        lines += [line for item in items for line in describe(item)] or ["  (none)"]
    return "\n".join(lines)


def _revised_lines(item: ChangedCode) -> list[str]:
    lines = [f"  {item.code}"]
    if item.description_changed:
        lines += [f"    old: {item.old_description}", f"    new: {item.new_description}"]
    else:
        lines.append(f"    {item.new_description}")
    if item.termination_changed:
        lines.append(f"    termination date: {item.old_terminated_on or 'none'} -> {item.new_terminated_on or 'none'}")
    return lines
