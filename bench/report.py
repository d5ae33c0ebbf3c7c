"""bench/RESULTS.md from one run's figures; a hand-written notes section survives regeneration."""

from __future__ import annotations

import re
from pathlib import Path

TARGET_SHARE, TARGET_P95_MS, TARGET_SIZE = 0.40, 50.0, "M"
NOTES_START, NOTES_END = "<!-- notes: kept when make bench rewrites this file -->", "<!-- /notes -->"

LOAD_GENERATOR = (
    "bench/client.py, a small asyncio HTTP/1.1 client on the standard library's streams (no dependency), "
    "in one process on the same machine. Chosen over locust (gevent and requests, several processes to "
    "reach thousands of requests per second) and aiohttp because on 2 cores every cycle the client spends "
    "is taken from gunicorn and PostgreSQL: it builds no cookie jar, URL or header objects per request, and "
    "its own CPU use is measured and shown beside every figure (load generator cores)."
)
GUNICORN_WHY = (
    "sync workers, one per core: the pages are CPU-bound Python, so threads in one process would share one "
    "GIL and gain nothing on 2 cores, and a sync worker behind a buffering proxy is gunicorn's recommended "
    "production setup. Sync workers close the connection after each response, so every request here opens "
    "a new connection, as a proxy's upstream request does."
)


def _share(row: dict, ceiling: float) -> float:
    return row["rps"] / ceiling if ceiling else 0.0


def verdict(row: dict, ceiling: float) -> str:
    misses = []
    share = _share(row, ceiling)
    if share < TARGET_SHARE:
        misses.append(f"share {share:.0%} < 40%")
    if row["p95_ms"] > TARGET_P95_MS:
        misses.append(f"p95 {row['p95_ms']:.0f} > 50 ms")
    if row["errors"]:
        misses.append(f"{row['errors']} errors")
    return "meets" if not misses else "misses: " + ", ".join(misses)


def ceiling_rps(run: dict) -> float:
    """The mean of the ceiling measured first and last in the run."""
    values = [r["rps"] for r in run["fixed"] if r["name"].startswith("ceiling")]
    return sum(values) / len(values) if values else 0.0


def _cpu_per_request(row: dict) -> str:
    """Server CPU per answer: steadier than requests/s when someone else's work shares the machine."""
    if not row["rps"]:
        return "-"
    cpu = row["cpu_cores"]
    return f"{cpu['gunicorn'] / row['rps'] * 1000:.1f} / {cpu['postgres_redis'] / row['rps'] * 1000:.1f}"


def fixed_table(run: dict, runs: list[dict]) -> list[str]:
    sizes = [r["size"] for r in runs]
    ceiling = ceiling_rps(run)
    head = ["endpoint", "who", "req/s", "share of ceiling", "p50 ms", "p95 ms", "p99 ms", "errors",
            *[f"queries at {s}" for s in sizes], "CPU ms per request: gunicorn / PG+Redis",
            "cores: load gen / gunicorn / PG+Redis / other", "target"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    roles = {p["name"]: p["role"] for p in run["pages"]}
    seen_ceiling = 0
    for row in run["fixed"]:
        name = row["name"]
        if name.startswith("ceiling"):
            seen_ceiling += 1
            label = f"{name} ({'first' if seen_ceiling == 1 else 'last'})"
        else:
            label = name
        queries = []
        for other in runs:
            q = other["queries"].get(name)
            queries.append("-" if q is None else str(q["queries"]))
        cpu = row["cpu_cores"]
        target = "" if name.startswith("ceiling") else verdict(row, ceiling)
        lines.append("| " + " | ".join([
            label, roles.get(name, "anyone"), f"{row['rps']:,.0f}", f"{_share(row, ceiling):.0%}",
            f"{row['p50_ms']:.1f}", f"{row['p95_ms']:.1f}", f"{row['p99_ms']:.1f}", str(row["errors"]),
            *queries, _cpu_per_request(row),
            f"{cpu['load_generator']:.2f} / {cpu['gunicorn']:.2f} / {cpu['postgres_redis']:.2f} / {cpu['other']:.2f}",
            target,
        ]) + " |")
    return lines


def ramp_table(run: dict) -> list[str]:
    ramp = run["ramp"]
    s = ramp["summary"]
    lines = [
        f"{s['users']} users started over {s['ramp_seconds']:g} s, each signing in through the form and then "
        f"running its journey {s['loops']} times with no think time (Moodle's plan paces all users together "
        f"to 120 requests a minute; this one does not, so it is a stress, not a pace); one user in ten is "
        f"staff. An answer that takes over 30 s counts as an error (TimeoutError), as a person would give up. "
        f"{s['requests']:,} requests in {s['seconds']:.1f} s ({s['rps']:,.0f} req/s overall), {s['errors']} errors.",
        "",
        "| endpoint | requests | p50 ms | p95 ms | p99 ms | errors |",
        "|---|---|---|---|---|---|",
    ]
    for row in ramp["rows"]:
        lines.append(f"| {row['name']} | {row['requests']:,} | {row['p50_ms']:.1f} | {row['p95_ms']:.1f} | "
                     f"{row['p99_ms']:.1f} | {row['errors']} |")
    return lines


def exam_rush_table(rush: dict) -> list[str]:
    """Issue 12's figure: answer saves while many students start one timed exam within a minute."""
    lines = [
        f"Exam rush (issue 12): {rush['students']} students start the first cohort's timed practice exam, arriving "
        f"evenly over {rush['spread_s']:g} s (signed in beforehand), then each saves {rush['answers_each']} answers, "
        f"one every {rush['pace_s']:g} s, through the API as the page's autosave does; {rush['seconds']:.1f} s in all, "
        f"{rush['saves_per_second']:,.1f} saves/s. Target: 0 errors; the save p95 is the figure.",
        "",
        "| request | requests | p50 ms | p95 ms | p99 ms | errors |",
        "|---|---|---|---|---|---|",
    ]
    for label, key in (("start the attempt", "starts"), ("save an answer", "saves")):
        row = rush[key]
        lines.append(f"| {label} | {row['requests']:,} | {row['p50_ms']:.1f} | {row['p95_ms']:.1f} | {row['p99_ms']:.1f} "
                     f"| {row['errors']} |")
    return lines


def grading_lines(graded: dict) -> list[str]:
    verdict_text = "meets" if graded["worker_per_second"] >= 1000 else "misses"
    return [
        f"Grading throughput (issue 12; target at least 1,000 code-entry responses per second per worker, {verdict_text}): "
        f"{graded['attempts']:,} submitted attempts of {graded['responses_per_attempt']} code-entry questions "
        f"({graded['responses']:,} responses) graded by one Celery worker (solo pool) in {graded['worker_seconds']:.2f} s: "
        f"**{graded['worker_per_second']:,} responses/s per worker**; graded in-process without the broker, "
        f"{graded['in_process_per_second']:,} responses/s (bench/grading.py).",
    ]


def render(results: dict, notes: str) -> str:
    m = results["machine"]
    runs = results["runs"]
    lines = [
        "# Bench results",
        "",
        "Written by `make bench` (bench/run.py); every figure below is from the run it describes.",
        "",
        f"- Date: {results['date']}",
        f"- Commit: {results['commit']}",
        f"- Machine: {m['cores']} cores ({m['cpu']}), {m['memory_gib']} GiB memory, Python {m['python']}, "
        f"Linux {m['kernel']}; load generator, gunicorn, PostgreSQL and Redis all on it",
        f"- Command: `{results['command']}`",
        f"- Sizes: " + ", ".join(f"{r['size']} ({r['students']:,} students)" for r in runs),
        f"- Server: gunicorn `lms.wsgi`, {runs[0]['gunicorn']}, DEBUG off, PostgreSQL, Redis cache (db 3). "
        f"Why {GUNICORN_WHY}",
        f"- Load generator: {LOAD_GENERATOR}",
        f"- Fixed load: {results['clients']} concurrent clients per endpoint, {results['duration']:g} s measured "
        f"after {results['warmup']:g} s of warm-up, each client sending back to back. Students: one signed-in "
        f"session per client; staff: one session per person, shared by the clients.",
        f"- Target (issue 9, size {TARGET_SIZE}): at least 40% of the ceiling's requests/s with p95 at most "
        f"50 ms at 32 clients, 0 errors; queries per page the same at every size.",
        "",
        "Share of ceiling: the page's requests/s over the mean of the two ceiling runs. Queries: per request, "
        "counted in-process (django.test.Client, DEBUG off) on the second request of a signed-in client, the "
        "steady state. CPU ms per request: the cores gunicorn (and PostgreSQL with Redis) used over the "
        "requests/s, the work one answer costs; less sensitive than requests/s to other work on the machine. "
        "Cores: CPU used during the measurement (2.0 = both cores) by the load generator, by "
        "gunicorn's processes, by PostgreSQL and Redis, and by anything else on the machine (other people's "
        "work: figures taken beside it are lower than on an idle machine).",
        "",
    ]
    for run in runs:
        lines += [f"## Size {run['size']}: {run['students']:,} students", ""]
        lines += [f"Fixed load, {results['clients']} clients (ceiling {ceiling_rps(run):,.0f} req/s):", ""]
        lines += fixed_table(run, runs)
        si = run["sign_in"]
        lines += ["", f"Other load on the machine just before this size's run: {run.get('background_cores', 0):.2f} cores "
                      "(other people's work shares these 2 cores; figures taken beside it are lower than on an idle machine).",
                  "", f"Sign-in before the measurements: {si['sessions']} sessions through allauth's form, "
                      f"p50 {si['p50_ms']:.0f} ms, p95 {si['p95_ms']:.0f} ms per form post.", ""]
        if run["ramp"]:
            lines += ["Ramp (after Moodle's test plans):", ""] + ramp_table(run) + [""]
        if run.get("exam_rush"):
            lines += exam_rush_table(run["exam_rush"]) + [""]
        if run.get("grading"):
            lines += grading_lines(run["grading"]) + [""]
    lines += [NOTES_START, notes.strip() or "## Notes\n\n(none yet)", NOTES_END, ""]
    return "\n".join(lines)


def kept_notes(path: Path) -> str:
    if not path.exists():
        return ""
    found = re.search(re.escape(NOTES_START) + r"(.*?)" + re.escape(NOTES_END), path.read_text(), re.S)
    return found.group(1) if found else ""


def write(results: dict, path: Path) -> None:
    path.write_text(render(results, kept_notes(path)))
