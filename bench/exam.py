"""The exam rush: many students start the same timed exam within a minute and save answers as they go.

Each virtual student signs in first (through the form, before the clock starts), then arrives at an
even spread over ``spread`` seconds, starts the attempt (``POST /api/v1/attempts/``) and saves one
answer every ``pace`` seconds (``POST /api/v1/attempts/<id>/answers/``), as the page's autosave does
after a student answers. Saves are the figure the issue asks for: their p95 and errors.
"""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass

from bench.client import Target, Visitor, request
from bench.journeys import Seeded
from bench.load import sign_in_visitors
from bench.measure import Recorder, percentile


@dataclass(frozen=True)
class Rush:
    students: int
    spread: float  # seconds over which they start
    answers: int  # saves each
    pace: float  # seconds between a student's saves


FULL = Rush(students=500, spread=60.0, answers=10, pace=3.0)
QUICK = Rush(students=4, spread=0.5, answers=2, pace=0.1)


def _headers(target: Target, visitor: Visitor, path: str) -> dict[str, str]:
    return {"Content-Type": "application/json", "X-CSRFToken": visitor.cookies.get("csrftoken", ""),
            "Origin": target.origin, "Referer": f"{target.origin}{path}"}


def _answer(item: dict) -> dict:
    """What a student gives: the first choice shown, or a code line per item (a mix of right and wrong)."""
    if item["kind"] == "single":
        return {"choice": item["choices"][0]["id"]}
    if item["kind"] == "multiple":
        return {"choices": [item["choices"][0]["id"]]}
    if item["kind"] == "written":
        return {"text": "Modifier 25 marks a significant, separately identifiable E/M service."}
    return {"items": [[{"code": "E11.65", "modifiers": [], "units": 1}] for _ in item["items"]]}


async def exam_rush(target: Target, seeded: Seeded, plan: Rush, *, sign_in_parallel: int) -> dict:
    if not seeded.exam_schedule_id:
        return {}
    count = min(plan.students, len(seeded.students))
    signed = Recorder("sign-in")
    sessions = await sign_in_visitors(target, seeded, count, signed, parallel=sign_in_parallel)
    students = sessions["student"][:count]
    starts, saves = Recorder("start"), Recorder("save")
    started = time.perf_counter()

    async def student(i: int, visitor: Visitor) -> None:
        await asyncio.sleep(i * plan.spread / max(1, count))
        path = "/api/v1/attempts/"
        body = json.dumps({"schedule": seeded.exam_schedule_id}).encode()
        try:
            response = await request(target, "POST", path, visitor=visitor, body=body, headers=_headers(target, visitor, path))
        except (OSError, asyncio.TimeoutError) as exc:
            starts.bad(f"{type(exc).__name__}: {exc}")
            return
        if response.status not in (200, 201):
            starts.bad(f"{response.status}: {response.body[:160]!r}")
            return
        starts.good(response)
        attempt = json.loads(response.body)
        items = attempt["items"]
        for n in range(plan.answers):
            await asyncio.sleep(plan.pace)
            item = items[n % len(items)]
            save = f"/api/v1/attempts/{attempt['id']}/answers/"
            payload = json.dumps({"position": item["position"], "seq": n + 1, "response": _answer(item)}).encode()
            try:
                answered = await request(target, "POST", save, visitor=visitor, body=payload,
                                         headers=_headers(target, visitor, save))
            except (OSError, asyncio.TimeoutError) as exc:
                saves.bad(f"{type(exc).__name__}: {exc}")
                continue
            if answered.status == 200 and "seconds_left" in json.loads(answered.body):
                saves.good(answered)
            else:
                saves.bad(f"{answered.status}: {answered.body[:160]!r}")

    await asyncio.gather(*(student(i, v) for i, v in enumerate(students)))
    seconds = time.perf_counter() - started
    return {
        "students": count, "spread_s": plan.spread, "answers_each": plan.answers, "pace_s": plan.pace,
        "seconds": round(seconds, 1), "signed_in": len(students),
        "starts": _row(starts), "saves": _row(saves),
        "saves_per_second": round(len(saves.latencies) / seconds, 1) if seconds else 0.0,
    }


def _row(recorder: Recorder) -> dict:
    lat = recorder.latencies
    return {"requests": recorder.count, "errors": recorder.errors, "p50_ms": round(percentile(lat, 50), 1),
            "p95_ms": round(percentile(lat, 95), 1), "p99_ms": round(percentile(lat, 99), 1),
            "error_examples": recorder.examples}
