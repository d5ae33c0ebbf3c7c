"""manage.py load_icd10cm: load the ICD-10-CM tabular shipped by simple-icd-10-cm."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from codesets import icd10cm
from codesets.loading import release_fail, release_load
from codesets.management.commands._progress import ProgressPrinter, open_release
from codesets.models import System


class Command(BaseCommand):
    help = "Load the ICD-10-CM tabular (chapters to 7th-character codes, notes, references) from simple-icd-10-cm."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Reload even if this release is already loaded.")

    def handle(self, *args, force: bool = False, verbosity: int = 1, **options):
        started = time.monotonic()
        edition = icd10cm.edition()
        release = open_release(
            system=System.ICD10CM, version=edition.version, effective_from=edition.effective_from,
            effective_to=edition.effective_to, title=edition.title, source=f"simple-icd-10-cm: {edition.xml_name}",
            force=force,
        )
        if release is None:
            if verbosity:
                self.stdout.write(f"ICD-10-CM {edition.version} is already loaded (use --force to reload).")
            return
        progress = ProgressPrinter(self.stdout, quiet=verbosity == 0)
        progress(0, f"reading {edition.xml_name}")
        try:
            _, rows = icd10cm.package_rows()
        except Exception as error:
            release_fail(release, f"reading the package failed: {error}")
            raise
        release = release_load(release, rows, progress)
        self.stdout.write(self.style.SUCCESS(
            f"Loaded {release}: {release.item_count:,} items, {release.billable_count:,} billable codes "
            f"in {time.monotonic() - started:.1f} s."
        ))
