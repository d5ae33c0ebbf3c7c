"""manage.py load_icd10cm_index: the Alphabetic Index, its two tables and the External Cause Index."""

from __future__ import annotations

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from codesets import icd10cm_index
from codesets.icd10cm_index import IndexFormatError
from codesets.index_loading import index_load, index_open, is_current, read_all, tabular_current
from codesets.loading import ReleaseBusy
from codesets.management.commands._progress import ProgressPrinter
from codesets.models import IndexKind, IndexRelease


class Command(BaseCommand):
    help = (
        "Load the ICD-10-CM Index to Diseases and Injuries, the Table of Neoplasms, the Table of Drugs and "
        "Chemicals and the External Cause Index (FY 2025, shipped in codesets/data) beside the current tabular."
    )

    def create_parser(self, prog_name, subcommand, **kwargs):
        return super().create_parser(prog_name, subcommand, conflict_handler="resolve", **kwargs)

    def add_arguments(self, parser):
        parser.add_argument("--directory", help="Read the four files from here instead of the shipped copies.")
        parser.add_argument("--version", dest="index_version", default=icd10cm_index.VERSION, metavar="VERSION",
                            help=f"The indexes' year (default {icd10cm_index.VERSION}).")
        parser.add_argument("--force", action="store_true", help="Reload even if these indexes are loaded.")

    def handle(self, *args, directory: str | None = None, index_version: str = icd10cm_index.VERSION,
               force: bool = False, verbosity: int = 1, **options):
        started = time.monotonic()
        tabular = tabular_current()
        if tabular is None:
            raise CommandError("No ICD-10-CM tabular is loaded: run manage.py load_icd10cm first.")
        folder = Path(directory) if directory else None
        if folder is not None and not folder.is_dir():
            raise CommandError(f"No such directory: {folder}")
        loaded_before = IndexRelease.objects.filter(version=index_version).first()
        if loaded_before is not None and not force and is_current(loaded_before, tabular):
            if verbosity:
                self.stdout.write(f"ICD-10-CM Index {index_version} is already loaded beside {tabular} (use --force to reload).")
            return
        progress = ProgressPrinter(self.stdout, quiet=verbosity == 0)
        progress(0, "reading the four files")
        try:
            files = read_all(folder)  # before claiming: a file that is not the index changes nothing
        except IndexFormatError as error:
            raise CommandError(str(error)) from None
        try:
            index = index_open(version=index_version, tabular=tabular, title=f"ICD-10-CM Index {index_version}",
                               source=str(folder or "codesets/data/icd10cm-index-2025"), force=force)
        except ReleaseBusy as busy:
            raise CommandError(" ".join(busy.messages) + " (--force takes it over)") from None
        if index is None:  # another process loaded it meanwhile
            if verbosity:
                self.stdout.write(f"ICD-10-CM Index {index_version} is already loaded beside {tabular} (use --force to reload).")
            return
        loaded = index_load(index, files, progress)
        if verbosity:
            for line in summary(loaded.counts):
                self.stdout.write(line)
            self.stdout.write(self.style.SUCCESS(
                f"Loaded {loaded.index} beside {tabular} in {time.monotonic() - started:.1f} s."))


def summary(counts: dict) -> list[str]:
    """One line per index: what was loaded and how its codes and references came out."""
    lines = []
    for kind in IndexKind:
        c = counts.get(kind.value)
        if not c:
            continue
        references = c.get("references", 0)
        lines.append(
            f"{kind.label}: {c.get('main_terms', 0):,} main terms, {c['terms']:,} terms, {c.get('codes', 0):,} codes "
            f"({c.get('codes_billable', 0):,} billable, {c.get('codes_incomplete', 0):,} incomplete, "
            f"{c.get('codes_needs_more', 0):,} needing more characters, {c.get('codes_not_in_tabular', 0):,} not in the Tabular); "
            f"{references:,} cross-references: {c.get('references_resolved', 0):,} resolved, "
            f"{c.get('references_to_main_term', 0):,} to the main term only, {c.get('references_to_table', 0):,} to a table, "
            f"{c.get('references_to_code', 0):,} to a tabular code, {c.get('references_instruction', 0):,} instructions "
            "(see also condition), "
            f"{c.get('references_unresolved', 0):,} not resolved."
        )
    return lines
