"""What the loading commands share: progress lines and opening a release."""

from __future__ import annotations

import time

from django.core.management.base import CommandError, OutputWrapper

from codesets.loading import ReleaseBusy, release_open
from codesets.models import Release


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


def open_release(**kwargs) -> Release | None:
    """``release_open`` for commands: another load in progress is a clear CommandError, not a traceback."""
    try:
        return release_open(**kwargs)
    except ReleaseBusy as busy:
        raise CommandError(" ".join(busy.messages) + " (--force takes it over)") from None
