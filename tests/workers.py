"""A real Celery worker process for the tests that need one: on its own queue, against the test database.

``assessment_worker`` routes the assessments' tasks to it while it runs; without Redis and PostgreSQL
(a bare machine) it yields None and the tasks stay eager, in-process, so the same test still runs.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import uuid
from pathlib import Path

from django.conf import settings
from django.db import connection

from lms.celery import app as celery_app

ROOT = Path(__file__).resolve().parents[1]


class Worker:
    """``celery worker --pool=solo`` on ``queue``; ``kill()`` sends SIGKILL, ``start()`` starts it again."""

    def __init__(self, queue: str, env: dict[str, str] | None = None) -> None:
        self.queue = queue
        self.env = dict(os.environ, DJANGO_SETTINGS_MODULE="lms.settings", REDIS_URL=settings.LMS_REAL_REDIS_URL,
                        EMAIL_URL="console://", **(env or {}))
        db = connection.settings_dict
        auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
        self.env["DATABASE_URL"] = f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
        self.logs: list[Path] = []
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        log = ROOT / f".worker-{self.queue}-{len(self.logs)}.log"
        self.logs.append(log)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "lms", "worker", "--pool=solo", "-Q", self.queue, "--loglevel=info",
             "--without-gossip", "--without-mingle", "--without-heartbeat"],
            cwd=ROOT, env=self.env, stdout=log.open("w"), stderr=subprocess.STDOUT,
        )

    def kill(self) -> None:
        if self.process is not None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()

    def output(self) -> str:
        return "".join(log.read_text(errors="replace") for log in self.logs if log.exists())

    def cleanup(self) -> None:
        for log in self.logs:
            log.unlink(missing_ok=True)


def services_available() -> bool:
    return bool(settings.LMS_REAL_REDIS_URL) and connection.vendor == "postgresql"


class routed:
    """Send the assessments' tasks to ``queue`` and stop running tasks eagerly, while inside."""

    def __init__(self, queue: str) -> None:
        self.queue = queue

    def __enter__(self) -> None:
        celery_app.conf.update(task_routes={"assessments.tasks.*": {"queue": self.queue}})
        celery_app.conf.task_always_eager = False

    def __exit__(self, *exc) -> None:
        celery_app.conf.task_always_eager = True
        celery_app.conf.update(task_routes={})


def new_queue() -> str:
    return f"codecohort-test-{uuid.uuid4().hex[:8]}"
