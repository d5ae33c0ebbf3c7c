"""Closed-loop load at a fixed number of clients, latency percentiles and who used the CPU."""

from __future__ import annotations

import asyncio
import math
import os
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path

from bench.client import Response

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


@dataclass
class Recorder:
    """Every answer of one endpoint: latencies of the good ones, counts of the rest."""

    name: str
    latencies: list[float] = field(default_factory=list)
    statuses: Counter = field(default_factory=Counter)
    errors: int = 0
    examples: list[str] = field(default_factory=list)

    def good(self, response: Response) -> None:
        self.latencies.append(response.elapsed)
        self.statuses[response.status] += 1

    def bad(self, what: str) -> None:
        self.errors += 1
        self.statuses[what.split(":")[0]] += 1
        if len(self.examples) < 3:
            self.examples.append(what[:200])

    @property
    def count(self) -> int:
        return len(self.latencies) + self.errors


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile of seconds, in milliseconds (0 when there is nothing)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, math.ceil(q / 100 * len(ordered)) - 1))
    return ordered[rank] * 1000


def _jiffies(pid: int) -> int | None:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return int(fields[11]) + int(fields[12])  # utime + stime


def _snapshot(pids: list[int]) -> dict[int, int]:
    return {pid: j for pid in pids if (j := _jiffies(pid)) is not None}


def _used(before: dict[int, int], after: dict[int, int]) -> int:
    """Jiffies used in between by processes alive at the end (new ones count from zero).

    A process that exits in the window (a database connection past its
    maximum age) loses what it used since the start: a small undercount,
    never a negative one.
    """
    return sum(j - before.get(pid, 0) for pid, j in after.items() if j >= before.get(pid, 0))


def machine_busy() -> tuple[int, int]:
    parts = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = parts[3] + parts[4]  # idle + iowait
    return sum(parts) - idle, sum(parts)


def service_pids(database: str) -> list[int]:
    """PostgreSQL's backends for ``database`` and the Redis server: the data side of every request.

    Backends serving other databases (someone else's tests on the same
    server) are left out; they count as "other".
    """
    pids = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            comm = (proc / "comm").read_text().strip()
            if comm == "redis-server" or (comm == "postgres" and f" {database} " in (proc / "cmdline").read_text()):
                pids.append(int(proc.name))
        except OSError:
            continue
    return pids


class CpuMeter:
    """Cores used during a window by the load generator, gunicorn, PostgreSQL with Redis, and anything else.

    "Other" is the machine's busy time less those three: on a shared
    machine, someone else's work competing for the same 2 cores.
    """

    def __init__(self, server_pids: Callable[[], list[int]], database: str):
        self.server_pids = server_pids
        self.database = database

    def __enter__(self) -> CpuMeter:
        self._server = _snapshot(self.server_pids())
        self._data = _snapshot(service_pids(self.database))
        self._wall = time.perf_counter()
        self._client = time.process_time()
        self._busy, self._total = machine_busy()
        return self

    def __exit__(self, *exc) -> None:
        wall = time.perf_counter() - self._wall
        self.client = (time.process_time() - self._client) / wall
        self.server = _used(self._server, _snapshot(self.server_pids())) / CLOCK_TICKS / wall
        self.data = _used(self._data, _snapshot(service_pids(self.database))) / CLOCK_TICKS / wall
        busy, total = machine_busy()
        cores = os.cpu_count() or 1
        self.machine = (busy - self._busy) / max(1, total - self._total) * cores
        self.other = max(0.0, self.machine - self.client - self.server - self.data)


@dataclass
class Measurement:
    name: str
    clients: int
    seconds: float
    recorder: Recorder
    client_cpu: float = 0.0
    server_cpu: float = 0.0
    data_cpu: float = 0.0
    other_cpu: float = 0.0
    machine_cpu: float = 0.0

    @property
    def rps(self) -> float:
        return len(self.recorder.latencies) / self.seconds if self.seconds else 0.0

    def row(self) -> dict:
        lat = self.recorder.latencies
        return {
            "name": self.name,
            "clients": self.clients,
            "seconds": round(self.seconds, 2),
            "requests": self.recorder.count,
            "rps": round(self.rps, 1),
            "p50_ms": round(percentile(lat, 50), 2),
            "p95_ms": round(percentile(lat, 95), 2),
            "p99_ms": round(percentile(lat, 99), 2),
            "errors": self.recorder.errors,
            "statuses": {str(k): v for k, v in self.recorder.statuses.items()},
            "error_examples": self.recorder.examples,
            "cpu_cores": {"load_generator": round(self.client_cpu, 2), "gunicorn": round(self.server_cpu, 2),
                          "postgres_redis": round(self.data_cpu, 2), "other": round(self.other_cpu, 2),
                          "machine": round(self.machine_cpu, 2)},
        }


Send = Callable[[int, int], Awaitable[Response]]  # (client index, request number) -> response


async def call(recorder: Recorder, send: Send, client: int, n: int, ok: Callable[[Response], bool]) -> None:
    """One request, filed as good or as an error (wrong status, refused, timed out)."""
    try:
        response = await send(client, n)
    except (OSError, asyncio.TimeoutError, ValueError, IndexError) as exc:
        recorder.bad(f"{type(exc).__name__}: {exc}")
        return
    if ok(response):
        recorder.good(response)
    else:
        recorder.bad(f"{response.status}: {response.header('location') or response.body[:120]!r}")


async def closed_loop(name: str, send: Send, *, clients: int, duration: float, warmup: float,
                      ok: Callable[[Response], bool], server_pids: Callable[[], list[int]],
                      database: str) -> Measurement:
    """``clients`` loops sending back to back for ``duration`` seconds after an unrecorded warm-up."""
    if warmup > 0:
        await _loops(Recorder(name), send, clients, warmup, ok)
    recorder = Recorder(name)
    with CpuMeter(server_pids, database) as cpu:
        seconds = await _loops(recorder, send, clients, duration, ok)
    return Measurement(name=name, clients=clients, seconds=seconds, recorder=recorder,
                       client_cpu=cpu.client, server_cpu=cpu.server, data_cpu=cpu.data, other_cpu=cpu.other,
                       machine_cpu=cpu.machine)


async def _loops(recorder: Recorder, send: Send, clients: int, duration: float,
                 ok: Callable[[Response], bool]) -> float:
    started = time.perf_counter()
    stop = started + duration

    async def loop(client: int) -> None:
        n = 0
        while time.perf_counter() < stop:
            await call(recorder, send, client, n, ok)
            n += 1

    await asyncio.gather(*(loop(c) for c in range(clients)))
    return time.perf_counter() - started
