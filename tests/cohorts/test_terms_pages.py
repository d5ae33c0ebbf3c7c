"""Term pages: the registrar lists, creates and edits terms; dates are checked against each other."""

from __future__ import annotations

import datetime

import pytest

from cohorts.models import Term
from lms.models import AuditLogEntry
from tests.conftest import text
from tests.factories import CohortFactory, TermFactory

TERM_INPUT = {
    "name": "Spring 2027",
    "starts_on": "2027-01-12",
    "ends_on": "2027-05-07",
    "enrollment_opens_on": "2026-11-02",
    "enrollment_closes_on": "2027-01-22",
    "drop_deadline": "2027-01-29",
}


def test_registrar_creates_a_term_and_it_is_audited(school_a):
    response = school_a.client(school_a.registrar).post("/terms/new/", TERM_INPUT)
    assert response.status_code == 302
    term = Term.objects.get(tenant=school_a.tenant)
    assert (term.name, term.starts_on, term.drop_deadline) == (
        "Spring 2027", datetime.date(2027, 1, 12), datetime.date(2027, 1, 29),
    )
    assert AuditLogEntry.objects.get(action="term.created").after["starts_on"] == "2027-01-12"


def test_term_list_shows_dates_in_words(school_a):
    school_a.client(school_a.registrar).post("/terms/new/", TERM_INPUT)
    body = text(school_a.client(school_a.registrar).get("/terms/"))
    assert "Spring 2027" in body
    assert "Jan 12, 2027" in body and "May 7, 2027" in body and "Nov 2, 2026" in body


def test_term_form_uses_date_inputs(school_a):
    body = text(school_a.client(school_a.registrar).get("/terms/new/"))
    assert body.count('type="date"') == 5


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"ends_on": "2027-01-05"}, "ends_on", "The last day must come after the first day."),
        ({"enrollment_closes_on": "2026-10-01"}, "enrollment_closes_on", "Enrollment must close on or after the day it opens."),
        ({"enrollment_opens_on": "2027-02-01", "enrollment_closes_on": "2027-02-10"}, "enrollment_opens_on",
         "Enrollment must open on or before the term's first day."),
        ({"enrollment_closes_on": "2027-06-01"}, "enrollment_closes_on", "Enrollment must close by the term's last day."),
        ({"drop_deadline": "2027-06-01"}, "drop_deadline", "The last day to drop must fall within the term."),
    ],
)
def test_dates_out_of_order_are_refused_with_a_message_on_the_field(school_a, changes, field, message):
    response = school_a.client(school_a.registrar).post("/terms/new/", {**TERM_INPUT, **changes})
    assert response.status_code == 400
    body = text(response)
    assert message in body
    assert f'id="id_{field}_error"' in body
    assert not Term.objects.exists()


def test_a_term_name_used_before_is_refused(school_a):
    TermFactory(tenant=school_a.tenant, name="Spring 2027")
    response = school_a.client(school_a.registrar).post("/terms/new/", {**TERM_INPUT, "name": "spring 2027"})
    assert response.status_code == 400
    assert "There is already a term called spring 2027." in text(response)
    assert Term.objects.filter(tenant=school_a.tenant).count() == 1


def test_registrar_edits_a_term(school_a):
    term = TermFactory(tenant=school_a.tenant, name="Spring 2027")
    response = school_a.client(school_a.registrar).post(f"/terms/{term.pk}/edit/", {**TERM_INPUT, "drop_deadline": "2027-02-05"})
    assert response.status_code == 302
    term.refresh_from_db()
    assert term.drop_deadline == datetime.date(2027, 2, 5)
    assert AuditLogEntry.objects.filter(action="term.changed").count() == 1


def test_editing_with_bad_dates_changes_nothing(school_a):
    term = TermFactory(tenant=school_a.tenant, name="Spring 2027")
    before = (term.starts_on, term.ends_on)
    response = school_a.client(school_a.registrar).post(f"/terms/{term.pk}/edit/", {**TERM_INPUT, "ends_on": "2026-12-01"})
    assert response.status_code == 400
    assert "The last day must come after the first day." in text(response)
    term.refresh_from_db()
    assert (term.starts_on, term.ends_on) == before
    assert not AuditLogEntry.objects.filter(action="term.changed").exists()


def test_edit_form_shows_the_stored_dates(school_a):
    term = TermFactory(tenant=school_a.tenant, starts_on=datetime.date(2027, 1, 12))
    body = text(school_a.client(school_a.registrar).get(f"/terms/{term.pk}/edit/"))
    assert 'value="2027-01-12"' in body


@pytest.mark.parametrize("who", ["instructor", "student"])
@pytest.mark.parametrize("page", ["/terms/", "/terms/new/", "/terms/{id}/edit/"])
def test_only_registrars_open_term_pages(school_a, who, page):
    term = TermFactory(tenant=school_a.tenant)
    response = school_a.client(getattr(school_a, who)).get(page.format(id=term.pk))
    assert response.status_code == 403
    assert "Only the school's registrars can manage terms." in text(response)


@pytest.mark.parametrize("who", ["instructor", "student"])
def test_others_cannot_create_terms(school_a, who):
    assert school_a.client(getattr(school_a, who)).post("/terms/new/", TERM_INPUT).status_code == 403
    assert not Term.objects.exists()


def test_another_schools_terms_are_not_listed(school_a, school_b):
    TermFactory(tenant=school_b.tenant, name="Riverside Fall 2026")
    assert "Riverside Fall 2026" not in text(school_a.client(school_a.registrar).get("/terms/"))


@pytest.mark.parametrize("n", [3, 40])
def test_term_list_query_count_does_not_grow(school_a, n, django_assert_max_num_queries):
    for _ in range(n):
        CohortFactory(tenant=school_a.tenant)
    client = school_a.client(school_a.registrar)
    with django_assert_max_num_queries(7):
        response = client.get("/terms/")
    assert response.status_code == 200
