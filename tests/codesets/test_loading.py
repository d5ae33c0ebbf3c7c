"""Opening a release for loading: a live claim by another load is respected."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from codesets.hcpcs import SAMPLE_FILE
from codesets.models import Code, Release
from tests.factories import CodeFactory, ReleaseFactory

pytestmark = pytest.mark.django_db


def _busy(claimed_minutes_ago: int) -> Release:
    release = ReleaseFactory(system="hcpcs", version="2016-claimed", status=Release.Status.LOADING,
                             loaded_at=timezone.now() - timedelta(minutes=claimed_minutes_ago))
    CodeFactory(release=release, code="A0001", key="A0001", description="Row of the load in progress")
    return release


def test_a_second_load_does_not_purge_a_load_in_progress():
    release = _busy(claimed_minutes_ago=2)
    with pytest.raises(CommandError, match="being loaded by another process"):
        call_command("load_hcpcs", str(SAMPLE_FILE), "--version", "2016-claimed", verbosity=0)
    assert list(Code.objects.filter(release=release).values_list("description", flat=True)) == ["Row of the load in progress"]


def test_a_claim_left_by_a_dead_load_is_taken_over():
    release = _busy(claimed_minutes_ago=45)
    call_command("load_hcpcs", str(SAMPLE_FILE), "--version", "2016-claimed", verbosity=0)
    release.refresh_from_db()
    assert release.status == Release.Status.READY
    assert not Code.objects.filter(release=release, description="Row of the load in progress").exists()


def test_force_takes_over_a_live_claim():
    release = _busy(claimed_minutes_ago=2)
    call_command("load_hcpcs", str(SAMPLE_FILE), "--version", "2016-claimed", "--force", verbosity=0)
    release.refresh_from_db()
    assert release.status == Release.Status.READY
