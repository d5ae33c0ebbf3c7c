"""manage.py load_hcpcs FILE: load a CMS alpha-numeric HCPCS Level II file (fixed-width text or Excel workbook)."""

from __future__ import annotations

import re
import time
from collections import Counter
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from codesets import hcpcs, hcpcs_xlsx
from codesets.loading import release_load
from codesets.management.commands._progress import ProgressPrinter, open_release
from codesets.models import Code, Release, System

YEAR_IN_NAME = re.compile(r"HCPC\D{0,2}(\d{4})(?:[_ -]?(JAN|APR|JUL|OCT)(?![A-Z]))?", re.IGNORECASE)
# A quarterly release (HCPC2025_OCT_ANWEB.xlsx) is named by the month it takes effect: 2025-10.
QUARTERS = {"JAN": 1, "APR": 4, "JUL": 7, "OCT": 10}
YEAR_IN_VERSION = re.compile(r"^(\d{4})(?:-(\d{2})(?![0-9A-Za-z]))?\b")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


class Command(BaseCommand):
    help = (
        "Load HCPCS Level II procedure codes and modifiers from a CMS alpha-numeric file: the "
        "320-character record layout (for example HCPC2016_CONTR_ANWEB.txt) or the Excel workbook "
        "(.xlsx, for example HCPC2025_OCT_ANWEB.xlsx)."
    )

    def create_parser(self, prog_name, subcommand, **kwargs):
        # Our --version names the release; Django's own --version (print Django's version) gives way.
        return super().create_parser(prog_name, subcommand, conflict_handler="resolve", **kwargs)

    def add_arguments(self, parser):
        parser.add_argument("file", help="The CMS file, e.g. HCPC2016_CONTR_ANWEB.txt or HCPC2025_OCT_ANWEB.xlsx, "
                                         "or the shipped sample.")
        parser.add_argument("--version", dest="release_version", metavar="VERSION",
                            help="Release version; default: from the file name, the year (2016) or year and "
                                 "quarter month (2025-10); 2016-sample for the sample.")
        parser.add_argument("--effective-from", metavar="YYYY-MM-DD",
                            help="First day of the release; default: the first day of the version's month "
                                 "(2025-10: October 1), else January 1 of its year.")
        parser.add_argument("--force", action="store_true", help="Reload even if this release is already loaded.")

    def handle(self, *args, file: str, release_version: str | None = None, effective_from: str | None = None,
               force: bool = False, verbosity: int = 1, **options):
        started = time.monotonic()
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        version = release_version or default_version(path)
        start = parse_start(effective_from, version)
        if not force and _is_loaded(version):
            # Before reading the file: `make seed` runs this on every start.
            self.stdout.write(already_loaded(version))
            return
        progress = ProgressPrinter(self.stdout, quiet=verbosity == 0)
        progress(0, f"reading {path.name}")
        workbook = path.suffix.lower() == ".xlsx"
        try:
            if workbook:
                rows = hcpcs_xlsx.read_workbook(path, effective_from=start)
            else:
                rows = hcpcs.read_file(path, effective_from=start)
        except hcpcs.HcpcsFormatError as error:
            what = "workbook (one sheet, one header row)" if workbook else "file in the 320-character layout"
            raise CommandError(f"{path.name} is not a CMS HCPCS {what}: {error}") from error
        release = open_release(
            system=System.HCPCS, version=version, effective_from=start, effective_to=date(start.year, 12, 31),
            title=release_title(version), source=path.name, force=force,
        )
        if release is None:
            self.stdout.write(already_loaded(version))
            return
        release = release_load(release, rows, progress)
        kinds = Counter(row.kind for row in rows)
        self.stdout.write(self.style.SUCCESS(
            f"Loaded {release}: {kinds[Code.Kind.PROCEDURE]:,} procedure codes ({release.billable_count:,} billable) "
            f"and {kinds[Code.Kind.MODIFIER]:,} modifiers in {time.monotonic() - started:.1f} s."
        ))


def _is_loaded(version: str) -> bool:
    return Release.objects.filter(system=System.HCPCS, version=version, tenant=None, status=Release.Status.READY).exists()


def already_loaded(version: str) -> str:
    return f"HCPCS Level II {version} is already loaded (use --force to reload)."


def default_version(path: Path) -> str:
    """The release a file belongs to, from its name: HCPC2016_CONTR_ANWEB.txt is 2016, the quarterly
    HCPC2025_OCT_ANWEB.xlsx is 2025-10 (the month its quarter takes effect)."""
    if path.resolve() == hcpcs.SAMPLE_FILE:
        return hcpcs.SAMPLE_VERSION
    match = YEAR_IN_NAME.search(path.name)
    if match is None:
        raise CommandError(f"Cannot tell the year from the file name {path.name!r}; pass --version (e.g. 2016).")
    year, quarter = match.groups()
    return f"{year}-{QUARTERS[quarter.upper()]:02d}" if quarter else year


def release_title(version: str) -> str:
    """HCPCS Level II 2016; a quarterly release names its month: HCPCS Level II 2025-10 (October 2025)."""
    match = YEAR_IN_VERSION.match(version)
    if match and match.group(2) and 1 <= int(match.group(2)) <= 12:
        return f"HCPCS Level II {version} ({MONTHS[int(match.group(2)) - 1]} {match.group(1)})"
    return f"HCPCS Level II {version}"


def parse_start(text: str | None, version: str) -> date:
    """The release's first day: as given, else the first of the version's month (2025-10: a quarterly
    release) or January 1 of its year (2016: the annual file)."""
    if text:
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise CommandError(f"--effective-from {text!r} is not a date in the form YYYY-MM-DD.") from None
    match = YEAR_IN_VERSION.match(version)
    if match is None:
        raise CommandError(f"Cannot tell the year from version {version!r}; pass --effective-from YYYY-MM-DD.")
    year, month = int(match.group(1)), int(match.group(2) or 1)
    if not 1 <= month <= 12:
        raise CommandError(f"Cannot tell the month from version {version!r}; pass --effective-from YYYY-MM-DD.")
    return date(year, month, 1)
