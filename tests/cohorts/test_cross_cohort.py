"""Every route that takes a cohort's object answers 404 to a member of another cohort of the same school.

Like the cross-tenant walk, this reads the URL configuration, so a new
cohort-scoped route is covered without editing this file. The intruders are
a student active in another cohort and that cohort's instructor.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from cohorts.models import Cohort, CohortStaff, Enrollment
from lms.models import AuditLogEntry, Role
from tests.conftest import make_cohort
from tests.factories import MembershipFactory, UserFactory
from tests.lms.test_cross_tenant import METHODS, routes_with_ids

COHORT_KWARGS = {
    "cohort_id": lambda cast: cast.cohort.pk,
    "enrollment_id": lambda cast: cast.enrollment.pk,
}

# Routes that take a cohort but are open to the whole school on purpose.
OPEN_TO_THE_SCHOOL = {
    "cohorts:apply": "the catalogue: any student of the school may apply to a cohort taking applications",
}

ROUTES = [
    (name, kwargs)
    for name, kwargs in routes_with_ids()
    if set(kwargs) & set(COHORT_KWARGS) and name not in OPEN_TO_THE_SCHOOL
]


def test_the_walk_has_routes_to_walk():
    assert ROUTES, "no cohort-scoped routes were found; the walk would prove nothing"


@pytest.fixture
def other_cohort(school_a):
    """A second cohort of the same school: student2 is active in it, a second instructor teaches it."""
    cast = make_cohort(school_a)
    cast.enrollment.membership = school_a.membership(school_a.student2)
    cast.enrollment.save()
    teacher = MembershipFactory(tenant=school_a.tenant, role=Role.INSTRUCTOR, user=UserFactory(email="second.teacher@northwind.test"))
    CohortStaff.objects.filter(cohort=cast.cohort).update(membership=teacher)
    return cast, teacher


@pytest.mark.parametrize(("route", "kwarg_names"), ROUTES, ids=[name for name, _ in ROUTES])
def test_other_cohorts_members_get_404(route, kwarg_names, school_a, cohort_a, other_cohort):
    _, teacher = other_cohort
    unknown = [k for k in kwarg_names if k not in COHORT_KWARGS]
    assert not unknown, f"{route} also takes {unknown}: add how to find a cohort's object for it to COHORT_KWARGS"
    url = reverse(route, kwargs={k: COHORT_KWARGS[k](cohort_a) for k in kwarg_names})
    watched = (Cohort.objects.all(), CohortStaff.objects.all(), Enrollment.objects.all(), AuditLogEntry.objects.all())
    before = [list(rows.values()) for rows in watched]

    own = school_a.client(school_a.registrar).get(url)
    assert own.status_code in (200, 405), f"{url} as the school's registrar gave {own.status_code}"

    for intruder in (school_a.student2, teacher.user):
        client = school_a.client(intruder)
        for method in METHODS:
            response = client.get(url) if method == "get" else getattr(client, method)(url, content_type="application/json")
            if response.status_code == 405:
                continue
            assert response.status_code == 404, (
                f"{method.upper()} {url} as {intruder.email} (another cohort) gave {response.status_code}"
            )
            assert cohort_a.school.student.email not in response.content.decode()
    assert [list(rows.values()) for rows in watched] == before
