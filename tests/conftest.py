"""The standard cast: two schools, each with a registrar, an instructor and two students."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client

from codesets.hcpcs import SAMPLE_FILE as HCPCS_SAMPLE
from codesets.models import Release, System
from lms.models import Membership, Role, Tenant, User
from tests.factories import DomainFactory, InvitationFactory, MembershipFactory, TenantFactory, UserFactory


def require_service(reason: str) -> None:
    """Skip where a service is absent; fail instead under LMS_REQUIRE_SERVICES=1 (CI)."""
    if os.environ.get("LMS_REQUIRE_SERVICES") == "1":
        pytest.fail(f"LMS_REQUIRE_SERVICES=1 but {reason}")
    pytest.skip(reason)


@dataclass
class School:
    tenant: Tenant
    host: str
    registrar: User
    instructor: User
    student: User
    student2: User

    def membership(self, user: User) -> Membership:
        return Membership.objects.get(tenant=self.tenant, user=user)

    def client(self, user: User | None = None) -> Client:
        """A client on this school's host, signed in as ``user`` if given."""
        client = Client(HTTP_HOST=self.host)
        if user is not None:
            client.force_login(user)
        return client


def make_school(slug: str, name: str, host: str | None = None) -> School:
    tenant = TenantFactory(slug=slug, name=name)
    domain = DomainFactory(tenant=tenant, host=host or f"{slug}.test")
    people = {}
    for local, role in [
        ("registrar", Role.REGISTRAR),
        ("instructor", Role.INSTRUCTOR),
        ("student", Role.STUDENT),
        ("student2", Role.STUDENT),
    ]:
        user = UserFactory(email=f"{local}@{slug}.test")
        MembershipFactory(tenant=tenant, user=user, role=role)
        people[local] = user
    return School(tenant=tenant, host=domain.host, **people)


@pytest.fixture
def school_a(db) -> School:
    return make_school("northwind", "Northwind College of Health")


@pytest.fixture
def school_b(db) -> School:
    return make_school("riverside", "Riverside Coding Academy")


@pytest.fixture
def outsider(db) -> User:
    """Signed-in person with no membership anywhere."""
    return UserFactory(email="outsider@example.test")


@pytest.fixture
def invitation_a(school_a: School):
    return InvitationFactory(tenant=school_a.tenant, invited_by=school_a.registrar, email="newcomer@example.test")


def without_bell(page: str) -> str:
    """The page without the header's notification bell (which polls for its count)."""
    import re

    return re.sub(r'<a href="/notifications/" id="bell".*?</a>', "", page, flags=re.S)


def text(response) -> str:
    """The response body as a person reads it (HTML entities decoded)."""
    import html

    return html.unescape(response.content.decode())


SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def _ensure_icd10cm() -> Release:
    release = Release.objects.filter(system=System.ICD10CM, status=Release.Status.READY).first()
    if release is None:
        call_command("load_icd10cm", verbosity=0)
        release = Release.objects.get(system=System.ICD10CM, status=Release.Status.READY)
    return release


@pytest.fixture(scope="session")
def _icd10cm_loaded(django_db_setup, django_db_blocker) -> None:
    """The whole April 2026 tabular, loaded once per run into the test database (committed)."""
    with django_db_blocker.unblock():
        _ensure_icd10cm()


@pytest.fixture
def icd10cm(_icd10cm_loaded, django_db_blocker) -> Release:
    """The real ICD-10-CM release; reloaded if a transactional test emptied the tables."""
    with django_db_blocker.unblock():
        return _ensure_icd10cm()


def _ensure_index():
    from codesets.index_loading import is_current
    from codesets.models import IndexRelease

    tabular = _ensure_icd10cm()
    index = IndexRelease.objects.filter(status=Release.Status.READY).first()
    if index is None or not is_current(index, tabular) or not index.terms.exists():
        call_command("load_icd10cm_index", verbosity=0, force=True)
        index = IndexRelease.objects.get(status=Release.Status.READY)
    return index


@pytest.fixture(scope="session")
def _index_loaded(_icd10cm_loaded, django_db_blocker) -> None:
    """The FY 2025 Alphabetic Index, its tables and the External Cause Index, loaded once per run."""
    with django_db_blocker.unblock():
        _ensure_index()


@pytest.fixture
def icd10cm_index(_index_loaded, django_db_blocker):
    """The real ICD-10-CM indexes beside the real tabular; reloaded if a transactional test emptied the tables."""
    with django_db_blocker.unblock():
        return _ensure_index()


@pytest.fixture(scope="session")
def _hcpcs_sample_loaded(django_db_setup, django_db_blocker) -> None:
    with django_db_blocker.unblock():
        call_command("load_hcpcs", str(HCPCS_SAMPLE), verbosity=0)


@pytest.fixture
def hcpcs(_hcpcs_sample_loaded, django_db_blocker) -> Release:
    """The shipped sample of real 2016 HCPCS codes and modifiers."""
    with django_db_blocker.unblock():
        release = Release.objects.filter(system=System.HCPCS, status=Release.Status.READY).order_by("-effective_from").first()
        if release is None:
            call_command("load_hcpcs", str(HCPCS_SAMPLE), verbosity=0)
            release = Release.objects.get(system=System.HCPCS, status=Release.Status.READY)
        return release


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Throttle counters and cached values must not leak between tests (ids are reused after rollback),
    nor what each process keeps: the host map and the course structures (a rollback sends no signal)."""
    from django.core.cache import cache

    from assessments.services.grading import forget_keys
    from codesets.memo import forget as forget_codesets
    from codesets.typos import forget as forget_words
    from courses.selectors.learning import forget_structures
    from lms.tenancy import _hosts

    cache.clear()
    _hosts.clear()
    forget_structures()
    forget_codesets()
    forget_words()
    forget_keys()
    forget_keys()
    yield
    cache.clear()
    _hosts.clear()
    forget_structures()
    forget_codesets()
    forget_words()
    forget_keys()


@dataclass
class CohortCast:
    """A school's cohort: its instructor staffs it, ``student`` is active in it, ``student2`` is not."""

    school: School
    cohort: object
    enrollment: object

    @property
    def other_student(self) -> User:
        return self.school.student2


def make_cohort(school: School, **fields) -> CohortCast:
    from tests.factories import CohortFactory, CohortStaffFactory, EnrollmentFactory

    cohort = CohortFactory(tenant=school.tenant, **fields)
    CohortStaffFactory(cohort=cohort, membership=school.membership(school.instructor))
    enrollment = EnrollmentFactory(cohort=cohort, membership=school.membership(school.student), state="active")
    return CohortCast(school=school, cohort=cohort, enrollment=enrollment)


@pytest.fixture
def cohort_a(school_a: School) -> CohortCast:
    return make_cohort(school_a)


@pytest.fixture
def cohort_b(school_b: School) -> CohortCast:
    return make_cohort(school_b)


@pytest.fixture
def assessment_worker():
    """A real worker grading the assessments' tasks where Redis and PostgreSQL are set (CI); else None, eager."""
    from celery.result import allow_join_result

    from tests.workers import Worker, new_queue, routed, services_available

    if not services_available():
        if os.environ.get("LMS_REQUIRE_SERVICES") == "1":
            pytest.fail("CI needs PostgreSQL and Redis for the assessments' real worker")
        yield None
        return
    worker = Worker(new_queue())
    worker.start()
    try:
        with routed(worker.queue), allow_join_result():
            yield worker
    finally:
        worker.stop()
        worker.cleanup()
