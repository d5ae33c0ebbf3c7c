"""PostgreSQL, Redis and a real Celery worker, where the environment has them.

They skip on a bare machine and fail under LMS_REQUIRE_SERVICES=1, as in CI.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from celery.result import allow_join_result
from django.conf import settings
from django.db import connection

from lms.celery import app as celery_app
from lms.models import Invitation
from tests.conftest import require_service
from tests.factories import InvitationFactory

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = settings.LMS_REAL_REDIS_URL

pytestmark = pytest.mark.services


def test_database_is_postgresql_when_database_url_is_set(db):
    if not os.environ.get("DATABASE_URL"):
        require_service("DATABASE_URL is not set, so the suite runs on SQLite")
    assert connection.vendor == "postgresql"


def test_redis_cache_round_trips_a_value():
    if not REDIS_URL:
        require_service("REDIS_URL is not set")
    from django.core.cache.backends.redis import RedisCache

    cache = RedisCache(REDIS_URL, {"KEY_PREFIX": f"test-{uuid.uuid4().hex}"})
    cache.set("greeting", {"hello": "school"}, 30)
    assert cache.get("greeting") == {"hello": "school"}
    cache.delete("greeting")


@pytest.fixture
def real_worker(request):
    """A Celery worker process on its own queue, against the test database."""
    if not REDIS_URL:
        require_service("REDIS_URL is not set, so no Celery worker can be started")
    queue = f"codecohort-test-{uuid.uuid4().hex[:8]}"
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="lms.settings", REDIS_URL=REDIS_URL, EMAIL_URL="console://")
    if connection.vendor == "postgresql":
        db = connection.settings_dict
        auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
        env["DATABASE_URL"] = f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    log = open(Path(request.config.rootpath) / f".worker-{queue}.log", "w+")
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "lms", "worker", "--pool=solo", "-Q", queue, "--loglevel=info"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    celery_app.conf.task_always_eager = False
    # Eager tasks mark "a result.get() here would block" in a flag global to the process and
    # restore it after; two at once on the live server's threads can leave it set. This
    # process is not a task, so waiting for a result is allowed.
    try:
        with allow_join_result():
            yield queue, log
    finally:
        celery_app.conf.task_always_eager = True
        process.terminate()
        process.wait(timeout=30)
        log.close()
        Path(log.name).unlink(missing_ok=True)


def test_task_round_trips_through_redis_and_a_worker(real_worker):
    from lms.tasks import ping

    queue, _ = real_worker
    result = ping.apply_async(args=["hello from CI"], queue=queue)
    assert result.get(timeout=60) == "hello from CI"


@pytest.mark.django_db(transaction=True)
def test_worker_sends_an_invitation_email_from_the_database(real_worker):
    if connection.vendor != "postgresql":
        require_service("the worker needs a shared database (DATABASE_URL) to read the invitation")
    from lms.tasks import send_invitation_email

    queue, log = real_worker
    invitation = InvitationFactory(email="worker-check@example.test", base_url="http://school.test/")
    send_invitation_email.apply_async(
        kwargs={"tenant_id": invitation.tenant_id, "invitation_id": invitation.pk},
        queue=queue,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        invitation.refresh_from_db()
        if invitation.sent_at:
            break
        time.sleep(0.5)
    assert invitation.sent_at is not None, "the worker did not claim and send the invitation"
    time.sleep(0.5)
    log.seek(0)
    output = log.read()
    assert "To: worker-check@example.test" in output
    assert f"http://school.test/invitations/{invitation.token}/" in output
    assert Invitation.objects.filter(pk=invitation.pk, status="pending").exists()


@pytest.mark.django_db(transaction=True)
def test_worker_applies_an_enrollment_import_with_progress_through_its_own_connection(real_worker):
    if connection.vendor != "postgresql":
        require_service("the worker needs a shared database (DATABASE_URL) to read the import")
    from cohorts import imports
    from cohorts.models import Enrollment, EnrollmentImport
    from lms.models import Role
    from tests.conftest import make_school
    from tests.factories import CohortFactory, MembershipFactory

    queue, log = real_worker
    school = make_school("northwind", "Northwind College of Health")
    cohort = CohortFactory(tenant=school.tenant, section_code="MCC-103-S27-01", capacity=200)
    students = [
        MembershipFactory(tenant=school.tenant, role=Role.STUDENT, user__email=f"bulk{n}@example.test") for n in range(120)
    ]
    body = "email,full_name,section_code,state\n" + "".join(
        f"{m.user.email},Student {n},MCC-103-S27-01,active\n" for n, m in enumerate(students)
    )
    record = imports.enrollment_import_preview(
        tenant=school.tenant, actor=school.membership(school.registrar), file_name="spring.csv", data=body.encode()
    )
    assert record.error_count == 0
    from cohorts.tasks import apply_enrollment_import

    EnrollmentImport.objects.filter(pk=record.pk).update(status="queued")
    apply_enrollment_import.apply_async(kwargs={"tenant_id": school.tenant.pk, "import_id": record.pk}, queue=queue)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        record.refresh_from_db()
        if record.status in ("applied", "failed"):
            break
        time.sleep(0.5)
    log.seek(0)
    assert record.status == "applied", f"{record.status}: {record.message}\n{log.read()[-2000:]}"
    assert record.processed == 120
    assert Enrollment.objects.filter(cohort=cohort, state="active").count() == 120
    assert "Could not report progress" not in log.read()
