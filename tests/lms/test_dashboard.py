"""The dashboard reads as a sentence and links registrars to what they manage."""

import pytest

from lms.models import Tenant
from tests.conftest import text


@pytest.mark.parametrize(
    ("who", "phrase"), [("student", "a student"), ("instructor", "an instructor"), ("registrar", "a registrar")]
)
def test_dashboard_names_the_role_with_its_article(school_a, who, phrase):
    body = text(school_a.client(getattr(school_a, who)).get("/"))
    assert f"You are {phrase} at Northwind College of Health." in body


def test_dashboard_shows_the_schools_time_zone_without_underscores(school_a):
    Tenant.objects.filter(pk=school_a.tenant.pk).update(time_zone="America/Los_Angeles")
    body = text(school_a.client(school_a.student).get("/"))
    assert "Times are shown in America/Los Angeles." in body
    assert "Los_Angeles" not in body


def test_dashboard_shows_the_persons_own_time_zone_without_underscores(school_a):
    school_a.student.time_zone = "America/Argentina/Buenos_Aires"
    school_a.student.save()
    body = text(school_a.client(school_a.student).get("/"))
    assert "Times are shown in America/Argentina/Buenos Aires." in body


def test_registrars_school_card_links_the_cpt_files(school_a):
    body = text(school_a.client(school_a.registrar).get("/"))
    assert '<a href="/codes/cpt/releases/">CPT files</a>' in body


@pytest.mark.parametrize("who", ["instructor", "student"])
def test_others_get_no_cpt_files_link(school_a, who):
    body = text(school_a.client(getattr(school_a, who)).get("/"))
    assert 'href="/codes/cpt/releases/"' not in body
