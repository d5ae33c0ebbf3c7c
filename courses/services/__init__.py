"""Writes: the catalogue, authoring course content, and learning progress."""

from courses.services.catalogue import *  # noqa: F401,F403
