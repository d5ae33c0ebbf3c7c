"""Reads shared by pages and the API: the catalogue, course content, and learning progress."""

from courses.selectors.catalogue import *  # noqa: F401,F403
