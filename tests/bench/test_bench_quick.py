"""CI keeps the bench working: seed size S into a database of its own and run every journey for a moment.

Nothing here is about speed. It asserts that each endpoint answered 2xx
with no error through a real gunicorn with production settings, so a change
that breaks a bench page (or the bench itself) fails CI instead of the next
`make bench`. The pytest-django test database is never touched: the bench
gets ``test_codecohort_bench``, created and dropped here, and Redis db 4.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.conf import settings

from tests.conftest import require_service

ROOT = Path(__file__).resolve().parents[2]
BENCH_DB = "test_codecohort_bench"
BENCH_REDIS_DB = 4  # not 3, which `make bench` uses: a developer's real run keeps its cache
HCPCS_CODE = "hcpcs/A4253"  # blood glucose test strips, in the shipped sample (ICD-10-CM takes a minute to load)


def _bench_database_url() -> str:
    db = settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.postgresql":
        require_service("the bench runs on PostgreSQL only (set DATABASE_URL=postgres://...)")
    auth = (db["USER"] or "postgres") + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{BENCH_DB}"


def _bench_redis_url() -> str:
    url = getattr(settings, "LMS_REAL_REDIS_URL", "")
    if not url:
        require_service("REDIS_URL is not set: the bench runs with Redis as the cache")
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{BENCH_REDIS_DB}", "", ""))


def _recreate(database_url: str, *, drop_only: bool = False) -> None:
    import psycopg2
    from psycopg2 import sql

    parts = urlsplit(database_url)
    admin = psycopg2.connect(host=parts.hostname, port=parts.port, user=parts.username,
                             password=parts.password or None, dbname="postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(BENCH_DB)))
        if not drop_only:
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(BENCH_DB)))
    admin.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def bench_database():
    url = _bench_database_url()
    _recreate(url)
    yield url
    _recreate(url, drop_only=True)


@pytest.mark.services
def test_every_bench_endpoint_answers_through_gunicorn_at_size_s(bench_database, tmp_path):
    results = tmp_path / "results.json"
    command = [
        sys.executable, "bench/run.py", "--size", "S", "--seed", "--no-codes", "--quick", "--fail-on-errors",
        "--code", HCPCS_CODE, "--database-url", bench_database, "--redis-url", _bench_redis_url(),
        "--seeded", str(tmp_path / "seeded.json"), "--json", str(results), "--port", str(_free_port()),
    ]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]

    (run,) = json.loads(results.read_text())["runs"]
    names = {page["name"] for page in run["pages"]}
    assert {"dashboard", "progress post", "code page", "roster", "progress grid", "enrollment queue", "notifications", "notifications API"} <= names
    for row in run["fixed"]:
        assert row["requests"] > 0, row["name"]
        assert row["errors"] == 0, (row["name"], row["error_examples"])
        assert all(200 <= int(status) < 300 for status in row["statuses"]), (row["name"], row["statuses"])
    ramp = run["ramp"]
    assert ramp["summary"]["requests"] > 0
    for row in ramp["rows"]:
        assert row["errors"] == 0, (row["name"], row["error_examples"])
    for name, counted in run["queries"].items():
        assert 200 <= counted["status"] < 300, (name, counted)
    rush = run["exam_rush"]
    assert rush["starts"]["requests"] == rush["students"] > 0
    assert rush["saves"]["requests"] == rush["students"] * rush["answers_each"]
    assert rush["starts"]["errors"] == rush["saves"]["errors"] == 0, (rush["starts"], rush["saves"])
    assert {"assessments", "assessment page", "exam's attempts (staff)"} <= names
    graded = run["grading"]
    assert graded["responses"] == graded["attempts"] * graded["responses_per_attempt"] and graded["worker_per_second"] > 0
