"""What code sets tell other apps: a release finished loading (content pinned to older ones may need review)."""

from django.dispatch import Signal

# Sent with ``release`` after a release is marked ready, inside the loader's transaction if it has one.
release_ready = Signal()
