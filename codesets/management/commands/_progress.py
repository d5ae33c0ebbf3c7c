"""Progress lines for loading commands."""

from __future__ import annotations

import time

from django.core.management.base import OutputWrapper


class ProgressPrinter:
    """Prints "  40%  12,000 of 98,505 items" each time the percentage moves."""

    def __init__(self, stdout: OutputWrapper, quiet: bool = False):
        self.stdout = stdout
        self.quiet = quiet
        self.last = -1
        self.started = time.monotonic()

    def __call__(self, percent: int, message: str) -> None:
        if self.quiet or percent == self.last:
            return
        self.last = percent
        self.stdout.write(f"  {percent:3d}%  {message}  ({time.monotonic() - self.started:.1f} s)")
