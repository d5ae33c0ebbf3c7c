"""A cohort's roster for its staff and registrars, and its CSV export."""

from __future__ import annotations

import csv
import io
import zoneinfo
from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from cohorts.models import Cohort, Enrollment
from cohorts.views.enrollment import csv_safe, seen_label
from lms.models import Membership, Role, User
from tests.cohorts.test_enrollment_pages import bulk_enrollments
from tests.conftest import make_cohort, text
from tests.factories import CohortStaffFactory, EnrollmentFactory, MembershipFactory, UserFactory


def roster_url(cohort: Cohort) -> str:
    return f"/cohorts/{cohort.pk}/roster/"


def csv_url(cohort: Cohort) -> str:
    return f"/cohorts/{cohort.pk}/roster.csv"


def read_csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode())))


# --- who may see it ----------------------------------------------------------------------


def test_cohort_instructor_sees_the_roster(cohort_a):
    school = cohort_a.school
    body = text(school.client(school.instructor).get(roster_url(cohort_a.cohort)))
    assert f"Roster of {cohort_a.cohort.section_code}" in body
    assert school.student.email in body


def test_registrar_sees_the_roster(cohort_a):
    school = cohort_a.school
    assert school.student.email in text(school.client(school.registrar).get(roster_url(cohort_a.cohort)))


def test_student_of_the_cohort_gets_403_on_its_roster(cohort_a):
    school = cohort_a.school
    response = school.client(school.student).get(roster_url(cohort_a.cohort))
    assert response.status_code == 403
    assert "Only the cohort's staff can see its roster" in text(response)


def test_student_outside_the_cohort_gets_404_on_its_roster(cohort_a):
    school = cohort_a.school
    assert school.client(school.student2).get(roster_url(cohort_a.cohort)).status_code == 404


def test_instructor_of_another_cohort_gets_404_on_its_roster(cohort_a):
    school = cohort_a.school
    teacher = MembershipFactory(tenant=school.tenant, role=Role.INSTRUCTOR, user=UserFactory(email="evening.teacher@northwind.test"))
    CohortStaffFactory(cohort=make_cohort(school).cohort, membership=teacher)
    response = school.client(teacher.user).get(roster_url(cohort_a.cohort))
    assert response.status_code == 404
    assert school.student.email not in text(response)


def test_another_schools_registrar_gets_404_on_the_roster_and_its_csv(cohort_a, school_b):
    client = school_b.client(school_b.registrar)
    assert client.get(roster_url(cohort_a.cohort)).status_code == 404
    assert client.get(csv_url(cohort_a.cohort)).status_code == 404


def test_csv_follows_the_roster_rule(cohort_a):
    school = cohort_a.school
    assert school.client(school.student).get(csv_url(cohort_a.cohort)).status_code == 403
    assert school.client(school.student2).get(csv_url(cohort_a.cohort)).status_code == 404


# --- what it shows --------------------------------------------------------------------------


def test_roster_shows_summary_counts(cohort_a):
    cohort = cohort_a.cohort
    Cohort.objects.filter(pk=cohort.pk).update(capacity=12)
    bulk_enrollments(cohort, 2, state="waitlisted", tag="wait")
    bulk_enrollments(cohort, 3, state="applied", tag="new")
    body = text(cohort_a.school.client(cohort_a.school.instructor).get(roster_url(cohort)))
    assert "1 of 12 seats" in body
    assert "<dt>Waitlisted</dt><dd>2</dd>" in body
    assert "<dt>Applied, waiting for a decision</dt><dd>3</dd>" in body


def test_roster_shows_waitlist_positions_in_order(cohort_a):
    bulk_enrollments(cohort_a.cohort, 2, state="waitlisted", tag="wait")
    body = text(cohort_a.school.client(cohort_a.school.registrar).get(roster_url(cohort_a.cohort) + "?state=waitlisted"))
    assert body.index("Learner wait 0000") < body.index("Number 1") < body.index("Learner wait 0001") < body.index("Number 2")
    assert cohort_a.school.student.email not in body


def test_roster_last_seen_says_never_for_someone_who_never_came(cohort_a):
    Membership.objects.filter(user=cohort_a.school.student).update(last_seen_at=None)
    body = text(cohort_a.school.client(cohort_a.school.instructor).get(roster_url(cohort_a.cohort)))
    row = body[body.index(cohort_a.school.student.email):]
    assert "Never" in row[: row.index("</tr>")]


def test_roster_last_seen_is_readable(cohort_a):
    Membership.objects.filter(user=cohort_a.school.student).update(last_seen_at=timezone.now() - timedelta(minutes=7))
    body = text(cohort_a.school.client(cohort_a.school.instructor).get(roster_url(cohort_a.cohort)))
    assert "7 minutes ago" in body


def test_roster_filters_by_name_for_htmx(cohort_a):
    bulk_enrollments(cohort_a.cohort, 3, tag="noise")
    User.objects.filter(pk=cohort_a.school.student.pk).update(full_name="Priya Raman")
    response = cohort_a.school.client(cohort_a.school.instructor).get(roster_url(cohort_a.cohort) + "?q=raman", HTTP_HX_REQUEST="true")
    body = text(response)
    assert "<html" not in body
    assert "Priya Raman" in body
    assert "Learner noise" not in body


def test_seen_label_reads_in_the_viewers_zone():
    now = datetime(2027, 1, 12, 18, 0, tzinfo=zoneinfo.ZoneInfo("UTC"))
    with timezone.override(zoneinfo.ZoneInfo("America/Chicago")):
        assert seen_label(None, now) == "Never"
        assert seen_label(now - timedelta(seconds=20), now) == "Just now"
        assert seen_label(now - timedelta(minutes=1), now) == "1 minute ago"
        assert seen_label(now - timedelta(hours=3), now) == "Today at 9:00 AM"
        assert seen_label(now - timedelta(hours=20), now) == "Yesterday at 4:00 PM"
        assert seen_label(now - timedelta(days=30), now) == "Dec 13, 2026"


# --- the CSV export ------------------------------------------------------------------------


def test_csv_export_has_the_roster_columns_and_a_named_file(cohort_a):
    school = cohort_a.school
    User.objects.filter(pk=school.student.pk).update(full_name="Priya Raman")
    seen = timezone.now().replace(microsecond=0)
    Membership.objects.filter(user=school.student).update(last_seen_at=seen)
    waiting = bulk_enrollments(cohort_a.cohort, 1, state="waitlisted", tag="wait")[0]
    response = school.client(school.instructor).get(csv_url(cohort_a.cohort))
    assert response["Content-Type"].startswith("text/csv")
    assert f'filename="roster-{cohort_a.cohort.section_code}.csv"' in response["Content-Disposition"]
    header, *rows = read_csv(response)
    assert header == ["name", "email", "state", "waitlist position", "applied at", "last seen"]
    by_email = {row[1]: row for row in rows}
    priya = by_email[school.student.email]
    assert priya[:4] == ["Priya Raman", school.student.email, "active", ""]
    assert datetime.fromisoformat(priya[4]) == cohort_a.enrollment.applied_at.replace(microsecond=0)
    assert datetime.fromisoformat(priya[5]) == seen
    assert by_email[waiting.membership.user.email][2:4] == ["waitlisted", "1"]
    assert by_email[waiting.membership.user.email][5] == ""


def test_csv_export_neutralises_formulas(cohort_a):
    school = cohort_a.school
    User.objects.filter(pk=school.student.pk).update(full_name='=HYPERLINK("http://evil.example","Click")')
    member = MembershipFactory(tenant=school.tenant, user=UserFactory(email="+1@example.test", full_name="@SUM(A1:A9)"))
    EnrollmentFactory(cohort=cohort_a.cohort, membership=member, state="applied")
    other = MembershipFactory(tenant=school.tenant, user=UserFactory(email="dash@example.test", full_name="-2+3"))
    EnrollmentFactory(cohort=cohort_a.cohort, membership=other, state="applied")
    _, *rows = read_csv(school.client(school.registrar).get(csv_url(cohort_a.cohort)))
    cells = [cell for row in rows for cell in row[:2]]
    assert "'=HYPERLINK(\"http://evil.example\",\"Click\")" in cells
    assert "'@SUM(A1:A9)" in cells
    assert "'+1@example.test" in cells
    assert "'-2+3" in cells
    assert not any(cell[:1] in "=+-@" and cell for cell in cells)


def test_csv_safe_leaves_ordinary_values_alone():
    assert csv_safe("Priya Raman") == "Priya Raman"
    assert csv_safe("") == ""
    assert csv_safe("\tcmd") == "'\tcmd"


def test_csv_export_keeps_the_rosters_filters(cohort_a):
    bulk_enrollments(cohort_a.cohort, 2, state="waitlisted", tag="wait")
    _, *rows = read_csv(cohort_a.school.client(cohort_a.school.registrar).get(csv_url(cohort_a.cohort) + "?state=waitlisted"))
    assert {row[2] for row in rows} == {"waitlisted"}
    assert len(rows) == 2


# --- query counts ------------------------------------------------------------------------------


@pytest.mark.parametrize("rows", [20, 1000])
def test_roster_and_csv_keep_a_constant_number_of_queries(cohort_a, rows, django_assert_max_num_queries):
    cohort = cohort_a.cohort
    Cohort.objects.filter(pk=cohort.pk).update(capacity=rows)
    third = rows // 3
    bulk_enrollments(cohort, third, state="active", tag="seat")
    bulk_enrollments(cohort, third, state="waitlisted", tag="wait")
    bulk_enrollments(cohort, rows - 2 * third, state="applied", tag="new")
    client = cohort_a.school.client(cohort_a.school.instructor)
    client.get("/")  # the session's first-request writes are not the roster's
    with django_assert_max_num_queries(10):
        assert client.get(roster_url(cohort)).status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(roster_url(cohort) + "?state=waitlisted&page=2").status_code == 200
    with django_assert_max_num_queries(9):
        response = client.get(csv_url(cohort))
    assert len(read_csv(response)) == rows + 2  # the header and the cast's student
    assert Enrollment.objects.filter(cohort=cohort).count() == rows + 1
