"""``manage.py bench_seed --size S|M|L|school [--fresh]``: the bench school for load runs (bench/seeding)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from bench import seeding
from bench.seeding import summary

SIZE_HELP = "; ".join(f"{name}: {size.help}" for name, size in seeding.SIZES.items())


class Command(BaseCommand):
    help = (
        "Seed Bench College (host bench.localhost) at a Moodle tool_generator size, with course content and "
        f"progress, and write its logins and ids to bench/seeded.json. Sizes: {SIZE_HELP}. "
        "A second run at the same size does nothing; --fresh deletes the school and seeds it again."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--size", choices=list(seeding.SIZES), default="S")
        parser.add_argument("--fresh", action="store_true", help="Delete the bench school first, then seed it.")
        parser.add_argument("--no-copy", action="store_true",
                            help="Use bulk_create for every table, also on PostgreSQL (to compare with COPY); "
                                 "it also skips dropping and re-adding the progress tables' foreign keys, "
                                 "which locks them and the tables they reference until commit.")
        parser.add_argument("--output", type=Path, default=seeding.DEFAULT_OUTPUT,
                            help="Where to write the ids the load runner reads (default: bench/seeded.json).")

    def handle(self, *args, size: str, fresh: bool, no_copy: bool, output: Path, **options) -> None:
        try:
            data = seeding.seed(size=seeding.SIZES[size], fresh=fresh, use_copy=not no_copy, say=self.stdout.write)
        except seeding.SizeMismatch as exc:
            raise CommandError(str(exc)) from exc
        summary.write(data, output)
        for line in summary.describe(data):
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS(f"Wrote {output}"))
