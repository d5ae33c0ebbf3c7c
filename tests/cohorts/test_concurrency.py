"""Seats under concurrency: many registrars' clicks at once never overfill a cohort (PostgreSQL, threads)."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections

from cohorts import services
from cohorts.models import Enrollment
from lms.models import Role
from tests.conftest import make_school, require_service
from tests.factories import CohortFactory, EnrollmentFactory, MembershipFactory

pytestmark = pytest.mark.services

THREADS = 50
SEATS = 10


@pytest.fixture
def school(transactional_db):
    if connection.vendor != "postgresql":
        require_service("row locks under concurrency need PostgreSQL (set DATABASE_URL)")
    return make_school("northwind", "Northwind College of Health")


def run_at_once(calls) -> list[object]:
    """Start every call at the same moment, each on its own thread and connection."""
    barrier = threading.Barrier(len(calls))

    def run(call):
        try:
            barrier.wait(timeout=30)
            return call()
        except Exception as exc:  # reported to the test, never swallowed
            return exc
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(run, calls))


def applications(school, cohort, n: int) -> list[Enrollment]:
    return [
        EnrollmentFactory(
            cohort=cohort,
            membership=MembershipFactory(tenant=school.tenant, role=Role.STUDENT, user__email=f"applicant{i}@example.test"),
            state="applied",
        )
        for i in range(n)
    ]


def test_fifty_simultaneous_approvals_for_ten_seats(school):
    registrar = school.membership(school.registrar)
    cohort = CohortFactory(tenant=school.tenant, capacity=SEATS)
    pending = applications(school, cohort, THREADS)

    results = run_at_once([lambda e=e: services.enrollment_approve(actor=registrar, enrollment=e) for e in pending])

    errors = [r for r in results if isinstance(r, Exception)]
    assert not errors, errors[:3]
    rows = Enrollment.objects.filter(cohort=cohort)
    active = list(rows.filter(state="active").order_by("activated_at"))
    waitlist = list(rows.filter(state="waitlisted").order_by("waitlisted_at", "id"))
    assert (len(active), len(waitlist)) == (SEATS, THREADS - SEATS)
    # Decisions were serialised on the cohort row: every seat went before the first waitlisting,
    # and the waitlist times are distinct, so its order is the order of the decisions.
    assert max(e.activated_at for e in active) < min(e.waitlisted_at for e in waitlist)
    assert len({e.waitlisted_at for e in waitlist}) == len(waitlist)


def test_simultaneous_drops_promote_the_waitlist_in_order(school):
    registrar = school.membership(school.registrar)
    cohort = CohortFactory(tenant=school.tenant, capacity=SEATS)
    for enrollment in applications(school, cohort, SEATS + 15):
        services.enrollment_approve(actor=registrar, enrollment=enrollment)
    first_in_line = list(
        Enrollment.objects.filter(cohort=cohort, state="waitlisted").order_by("waitlisted_at", "id").values_list("pk", flat=True)
    )
    active = list(Enrollment.objects.filter(cohort=cohort, state="active"))

    results = run_at_once(
        [lambda e=e: services.enrollment_drop(actor=registrar, enrollment=e, reason="Schedule conflict") for e in active]
    )

    assert not [r for r in results if isinstance(r, Exception)]
    now_active = set(Enrollment.objects.filter(cohort=cohort, state="active").values_list("pk", flat=True))
    assert now_active == set(first_in_line[:SEATS])
    assert Enrollment.objects.filter(cohort=cohort, state="waitlisted").count() == 5


def test_simultaneous_applications_to_a_full_cohort_queue_once_each(school):
    cohort = CohortFactory(tenant=school.tenant, capacity=1)
    EnrollmentFactory(cohort=cohort, state="active")
    students = [
        MembershipFactory(tenant=school.tenant, role=Role.STUDENT, user__email=f"late{i}@example.test") for i in range(20)
    ]
    results = run_at_once(
        [lambda m=m: services.enrollment_apply(membership=m, cohort=cohort, attested_admission=True) for m in students]
    )
    assert not [r for r in results if isinstance(r, Exception)]
    waitlist = Enrollment.objects.filter(cohort=cohort, state="waitlisted")
    assert waitlist.count() == 20
    assert len(set(waitlist.values_list("waitlisted_at", flat=True))) == 20
    assert Enrollment.objects.filter(cohort=cohort, state="active").count() == 1
