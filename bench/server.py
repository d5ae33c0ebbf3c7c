"""Gunicorn as production runs it, on 127.0.0.1, for the length of one bench run."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from bench.client import Target, request

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/codecohort_bench"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/3"
BENCH_SECRET_KEY = "bench-only-key-not-for-any-deployment-0123456789abcdefghijklmnop"


def production_env(*, database_url: str, redis_url: str, host: str) -> dict[str, str]:
    """The production settings (DEBUG off, PostgreSQL, Redis cache), serving plain HTTP behind a loopback 'proxy'.

    SECURE_SSL_REDIRECT is off because nothing here terminates TLS; the load
    generator sends ``X-Forwarded-Proto: https`` as the proxy would, so
    Django still sees secure requests (CSRF origin checks, secure cookies,
    HSTS) exactly as in production.
    """
    env = dict(os.environ)
    env.update({
        "DJANGO_SETTINGS_MODULE": "lms.settings",
        "DEBUG": "0",
        "SECRET_KEY": env.get("BENCH_SECRET_KEY", BENCH_SECRET_KEY),
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "ALLOWED_HOSTS": host,
        "SECURE_SSL_REDIRECT": "0",
        "LMS_BENCH_CEILING": "1",
        "LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
    })
    return env


def collectstatic(env: dict[str, str]) -> None:
    """DEBUG off uses the hashed-manifest storage: pages can't render before collectstatic."""
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True)


@dataclass
class Gunicorn:
    process: subprocess.Popen
    target: Target
    workers: int
    worker_class: str
    threads: int

    def pids(self) -> list[int]:
        """The master and its workers (the workers do the work; the master is near idle)."""
        master = self.process.pid
        pids = [master]
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == master:  # the parent's pid, after state
                pids.append(int(stat.parent.name))
        return pids

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def describe(self) -> str:
        if self.worker_class == "gthread":
            return f"{self.workers} gthread workers x {self.threads} threads"
        return f"{self.workers} {self.worker_class} workers"


def start(*, env: dict[str, str], target: Target, workers: int, worker_class: str, threads: int,
          log_path: Path) -> Gunicorn:
    command = [
        sys.executable, "-m", "gunicorn", "lms.wsgi",
        "--bind", f"{target.address}:{target.port}",
        "--workers", str(workers),
        "--worker-class", worker_class,
        "--threads", str(threads),
        # The whole loopback range is the 'proxy': each virtual user has its own 127.x address.
        "--forwarded-allow-ips", "127.0.0.0/8",
        "--backlog", "2048",
        "--timeout", "60",
        "--log-level", "warning",
    ]
    log = open(log_path, "ab")  # noqa: SIM115 - kept open for the server's lifetime
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    server = Gunicorn(process=process, target=target, workers=workers, worker_class=worker_class, threads=threads)
    try:
        asyncio.run(_wait_until_answering(server, log_path))
    except BaseException:
        server.stop()
        raise
    return server


async def _wait_until_answering(server: Gunicorn, log_path: Path, limit: float = 60.0) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {server.process.returncode}; see {log_path}")
        try:
            response = await request(server.target, "GET", "/-/ceiling")
            if response.status == 200:
                return
        except OSError:
            pass
        await asyncio.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer within {limit:.0f} s; see {log_path}")
