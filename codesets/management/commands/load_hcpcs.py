"""manage.py load_hcpcs FILE: load a CMS alpha-numeric HCPCS Level II file."""

from __future__ import annotations

import re
import time
from collections import Counter
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from codesets import hcpcs
from codesets.loading import release_load
from codesets.management.commands._progress import ProgressPrinter, open_release
from codesets.models import Code, System

YEAR_IN_NAME = re.compile(r"HCPC\D{0,2}(\d{4})", re.IGNORECASE)
YEAR_IN_VERSION = re.compile(r"^(\d{4})\b")


class Command(BaseCommand):
    help = (
        "Load HCPCS Level II procedure codes and modifiers from a CMS alpha-numeric file in the "
        "320-character record layout (for example HCPC2016_CONTR_ANWEB.txt)."
    )

    def create_parser(self, prog_name, subcommand, **kwargs):
        # Our --version names the release; Django's own --version (print Django's version) gives way.
        return super().create_parser(prog_name, subcommand, conflict_handler="resolve", **kwargs)

    def add_arguments(self, parser):
        parser.add_argument("file", help="The CMS file, e.g. HCPC2016_CONTR_ANWEB.txt, or the shipped sample.")
        parser.add_argument("--version", dest="release_version", metavar="VERSION",
                            help="Release version; default: the year in the file name (2016-sample for the sample).")
        parser.add_argument("--effective-from", metavar="YYYY-MM-DD",
                            help="First day of the release; default: January 1 of the version's year.")
        parser.add_argument("--force", action="store_true", help="Reload even if this release is already loaded.")

    def handle(self, *args, file: str, release_version: str | None = None, effective_from: str | None = None,
               force: bool = False, verbosity: int = 1, **options):
        started = time.monotonic()
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        version = release_version or default_version(path)
        start = parse_start(effective_from, version)
        progress = ProgressPrinter(self.stdout, quiet=verbosity == 0)
        progress(0, f"reading {path.name}")
        try:
            rows = hcpcs.read_file(path, effective_from=start)
        except hcpcs.HcpcsFormatError as error:
            raise CommandError(f"{path.name} is not a CMS HCPCS file in the 320-character layout: {error}") from error
        release = open_release(
            system=System.HCPCS, version=version, effective_from=start, effective_to=date(start.year, 12, 31),
            title=f"HCPCS Level II {version}", source=path.name, force=force,
        )
        if release is None:
            self.stdout.write(f"HCPCS Level II {version} is already loaded (use --force to reload).")
            return
        release = release_load(release, rows, progress)
        kinds = Counter(row.kind for row in rows)
        self.stdout.write(self.style.SUCCESS(
            f"Loaded {release}: {kinds[Code.Kind.PROCEDURE]:,} procedure codes ({release.billable_count:,} billable) "
            f"and {kinds[Code.Kind.MODIFIER]:,} modifiers in {time.monotonic() - started:.1f} s."
        ))


def default_version(path: Path) -> str:
    """The release a file belongs to, from its name: HCPC2016_CONTR_ANWEB.txt is 2016."""
    if path.resolve() == hcpcs.SAMPLE_FILE:
        return hcpcs.SAMPLE_VERSION
    match = YEAR_IN_NAME.search(path.name)
    if match is None:
        raise CommandError(f"Cannot tell the year from the file name {path.name!r}; pass --version (e.g. 2016).")
    return match.group(1)


def parse_start(text: str | None, version: str) -> date:
    """The release's first day: as given, else January 1 of the version's year (HCPCS is annual)."""
    if text:
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise CommandError(f"--effective-from {text!r} is not a date in the form YYYY-MM-DD.") from None
    match = YEAR_IN_VERSION.match(version)
    if match is None:
        raise CommandError(f"Cannot tell the year from version {version!r}; pass --effective-from YYYY-MM-DD.")
    return date(int(match.group(1)), 1, 1)
