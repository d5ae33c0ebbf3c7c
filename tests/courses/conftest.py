"""Fixtures the course-content tests share."""

from __future__ import annotations

from pathlib import Path

import pytest

from courses.models import Course
from tests.factories import CourseFactory


@pytest.fixture
def media(settings, tmp_path) -> Path:
    """Uploads go to a real directory of this test, so what was stored can be counted."""
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path)}},
    }
    return tmp_path


@pytest.fixture
def course(school_a) -> Course:
    """A course of school_a with no content yet."""
    return CourseFactory(tenant=school_a.tenant, code="MCC-201", title="ICD-10-CM Diagnosis Coding")
