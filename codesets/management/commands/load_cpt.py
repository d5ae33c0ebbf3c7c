"""manage.py load_cpt FILE --tenant SLUG: load a school's licensed CPT file from the shell."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from codesets.cpt import VERSION_PATTERN, cpt_file_load, cpt_file_text, parse_cpt_csv
from codesets.management.commands._progress import ProgressPrinter
from lms.models import Tenant


class Command(BaseCommand):
    help = (
        "Load a school's licensed CPT file (CSV of code and descriptor) for that school alone. "
        "Idempotent: a version already loaded is left alone unless --force."
    )

    def create_parser(self, prog_name: str, subcommand: str, **kwargs):
        # --version names the CPT edition here, so it takes the place of
        # Django's own --version flag (which prints Django's version).
        return super().create_parser(prog_name, subcommand, conflict_handler="resolve", **kwargs)

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path, help="The CPT file: CSV or tab-separated, UTF-8.")
        parser.add_argument("--tenant", required=True, help="Slug of the school that holds the licence.")
        parser.add_argument("--version", dest="cpt_version", help="The edition, for example 2026 (default: this year).")
        parser.add_argument(
            "--effective-from", type=date.fromisoformat,
            help="First day the edition applies, YYYY-MM-DD (default: January 1 of the version's year, else today).",
        )
        parser.add_argument("--force", action="store_true", help="Reload even if this version is already loaded.")

    def handle(self, *args, file: Path, tenant: str, cpt_version: str | None = None,
               effective_from: date | None = None, force: bool = False, verbosity: int = 1, **options) -> None:
        started = time.monotonic()
        school = Tenant.objects.filter(slug=tenant).first()
        if school is None:
            raise CommandError(f'No school has the slug "{tenant}".')
        version = cpt_version or str(date.today().year)
        if not VERSION_PATTERN.match(version):
            raise CommandError(f'"{version}" is not a version: use letters, digits, dots and dashes, e.g. 2026.')
        progress = ProgressPrinter(self.stdout, quiet=verbosity == 0)
        progress(0, f"reading {file.name}")
        rows = self._rows(file)
        release = cpt_file_load(
            tenant=school, rows=rows, version=version,
            effective_from=effective_from or _default_effective_from(version),
            source=f"file {file.name} (manage.py load_cpt)", force=force, progress=progress,
        )
        if release is None:
            self.stdout.write(f"CPT {version} is already loaded for {school.name} (use --force to reload).")
            return
        self.stdout.write(self.style.SUCCESS(
            f"Loaded {release} for {school.name}: {release.item_count:,} codes in {time.monotonic() - started:.1f} s."
        ))

    def _rows(self, file: Path) -> list:
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror or error}.") from None
        try:
            return parse_cpt_csv(cpt_file_text(data))
        except ValidationError as error:
            raise CommandError(f"{file} was not loaded:\n  " + "\n  ".join(error.messages)) from None


def _default_effective_from(version: str) -> date:
    """CPT editions take effect on January 1 of their year."""
    year = version[:4]
    if year.isdigit() and 1900 <= int(year) <= 2999:
        return date(int(year), 1, 1)
    return date.today()
