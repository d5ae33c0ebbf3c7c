"""The load phases of one run: sign-in, fixed concurrency per endpoint, and the ramp."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass

from bench.client import Target, Visitor, loopback_source
from bench.journeys import CEILING, INSTRUCTOR, REGISTRAR, STUDENT, Endpoint, Seeded, SignInError, ok, send, sign_in
from bench.measure import Measurement, Recorder, call, closed_loop, percentile

SIGN_IN_NAME = "sign-in (form post)"


@dataclass(frozen=True)
class Ramp:
    """Moodle's JMeter test plan sizes: users started evenly over ``seconds``, each looping ``loops`` times."""

    users: int
    seconds: float
    loops: int


# admin/tool/generator's test plans: S 30 users over 6 s, M 100 over 40 s, L 1,000 over 100 s, 5 or 6 loops.
QUICK_RAMP = Ramp(2, 0.2, 1)  # a student and an instructor
RAMPS = {"XS": QUICK_RAMP, "S": Ramp(30, 6, 5), "M": Ramp(100, 40, 5), "L": Ramp(1_000, 100, 6),
         "school": Ramp(1_000, 100, 6)}
STAFF_EVERY = 10  # one virtual user in ten (the 2nd, 12th, ...) is staff, alternately an instructor and the registrar


async def sign_in_visitors(target: Target, seeded: Seeded, count: int, recorder: Recorder,
                           parallel: int) -> dict[str, list[Visitor]]:
    """``count`` distinct students and one session each for the instructor and the registrar."""
    wanted = [(STUDENT, email) for email in seeded.students[:count]]
    wanted += [(INSTRUCTOR, seeded.instructor), (REGISTRAR, seeded.registrar)]
    gate = asyncio.Semaphore(parallel)
    signed: dict[str, list[Visitor]] = {STUDENT: [], INSTRUCTOR: [], REGISTRAR: []}

    async def one(i: int, role: str, email: str) -> None:
        visitor = Visitor(source=loopback_source(i))
        async with gate:
            _, post = await sign_in(target, visitor, email, seeded.password)
        recorder.good(post)
        signed[role].append(visitor)

    await asyncio.gather(*(one(i, role, email) for i, (role, email) in enumerate(wanted)))
    return signed


def _client_visitors(visitors: list[Visitor], clients: int, base: int) -> list[Visitor]:
    """One visitor per client: sessions reused round robin, each client on its own source address."""
    return [Visitor(source=loopback_source(base + c), cookies=visitors[c % len(visitors)].cookies)
            for c in range(clients)]


async def fixed(target: Target, endpoint: Endpoint, sessions: dict[str, list[Visitor]], *, clients: int,
                duration: float, warmup: float, server_pids, database: str) -> Measurement:
    if endpoint.role is None:
        visitors = [Visitor(source=loopback_source(50_000 + c)) for c in range(clients)]
    else:
        visitors = _client_visitors(sessions[endpoint.role], clients, base=60_000)

    async def one(client: int, n: int):
        return await send(target, endpoint, visitors[client], n)

    return await closed_loop(endpoint.name, one, clients=clients, duration=duration, warmup=warmup, ok=ok,
                             server_pids=server_pids, database=database)


@dataclass
class RampResult:
    ramp: Ramp
    seconds: float
    recorders: dict[str, Recorder]
    refused_sign_ins: int

    def rows(self) -> list[dict]:
        rows = []
        for name, rec in self.recorders.items():
            if not rec.count:
                continue  # a journey no ramped user took (a short ramp has no registrar)
            lat = rec.latencies
            rows.append({
                "name": name, "requests": rec.count, "errors": rec.errors,
                "p50_ms": round(percentile(lat, 50), 2), "p95_ms": round(percentile(lat, 95), 2),
                "p99_ms": round(percentile(lat, 99), 2), "error_examples": rec.examples,
                "statuses": {str(k): v for k, v in rec.statuses.items()},
            })
        return rows

    def summary(self) -> dict:
        total = sum(r.count for r in self.recorders.values())
        return {"users": self.ramp.users, "ramp_seconds": self.ramp.seconds, "loops": self.ramp.loops,
                "seconds": round(self.seconds, 1), "requests": total,
                "errors": sum(r.errors for r in self.recorders.values()),
                "rps": round(total / self.seconds, 1) if self.seconds else 0.0}


async def ramp(target: Target, seeded: Seeded, pages: list[Endpoint], plan: Ramp) -> RampResult:
    """Users start evenly over the ramp; each signs in through the form, then loops its journey."""
    recorders = {SIGN_IN_NAME: Recorder(SIGN_IN_NAME), **{p.name: Recorder(p.name) for p in pages}}
    journeys = {role: [p for p in pages if p.role == role] for role in (STUDENT, INSTRUCTOR, REGISTRAR)}
    emails = {INSTRUCTOR: seeded.instructor, REGISTRAR: seeded.registrar}
    started = time.perf_counter()

    async def user(i: int) -> None:
        await asyncio.sleep(i * plan.seconds / plan.users)
        if i % STAFF_EVERY == 1:
            role = INSTRUCTOR if (i // STAFF_EVERY) % 2 == 0 else REGISTRAR
            email = emails[role]
        else:
            role, email = STUDENT, seeded.students[i % len(seeded.students)]
        visitor = Visitor(source=loopback_source(100_000 + i))
        try:
            _, post = await sign_in(target, visitor, email, seeded.password)
        except (SignInError, OSError, asyncio.TimeoutError) as exc:
            recorders[SIGN_IN_NAME].bad(f"{type(exc).__name__}: {exc}")
            return
        recorders[SIGN_IN_NAME].good(post)
        for loop in range(plan.loops):
            for page in journeys[role]:
                await _ramp_call(recorders[page.name], target, page, visitor, loop)

    await asyncio.gather(*(user(i) for i in range(plan.users)))
    refused = recorders[SIGN_IN_NAME].errors
    return RampResult(ramp=plan, seconds=time.perf_counter() - started, recorders=recorders, refused_sign_ins=refused)


async def _ramp_call(recorder: Recorder, target: Target, page: Endpoint, visitor: Visitor, n: int) -> None:
    async def one(_client: int, n: int):
        return await send(target, page, visitor, n)

    await call(recorder, one, 0, n, ok)


async def measure_all(target: Target, seeded: Seeded, pages: list[Endpoint], *, clients: int, duration: float,
                      warmup: float, server_pids, database: str,
                      sign_in_parallel: int) -> tuple[list[Measurement], Recorder]:
    """Sign in, then the ceiling, every page in turn, and the ceiling again: same server, same minute."""
    sign_ins = Recorder(SIGN_IN_NAME)
    sessions = await sign_in_visitors(target, seeded, min(clients, len(seeded.students)), sign_ins,
                                      parallel=sign_in_parallel)
    results = []
    for endpoint in [CEILING, *pages, CEILING]:
        measurement = await fixed(target, endpoint, sessions, clients=clients, duration=duration, warmup=warmup,
                                  server_pids=server_pids, database=database)
        results.append(measurement)
        print(f"  {endpoint.name:<28} {measurement.rps:8.1f} req/s  p95 {percentile(measurement.recorder.latencies, 95):7.1f} ms"
              f"  errors {measurement.recorder.errors}", flush=True)
    return results, sign_ins
