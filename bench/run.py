"""The load bench: gunicorn with production settings, a small asyncio load generator beside it.

    python bench/run.py --size S,M --seed --results bench/RESULTS.md   # what `make bench` runs
    python bench/run.py --size S --quick                               # a few seconds (CI)

For each size: optionally migrate, load the code sets and ``manage.py
bench_seed`` into the bench database (never the development or test one),
count queries per endpoint in-process, start gunicorn, sign in through the
allauth form, measure the ceiling and every key page at a fixed number of
clients, then ramp users like Moodle's test plans. ``--results`` writes
RESULTS.md; ``--json`` the raw figures.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime
import json
import os
import platform
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
# Run as a script, Python puts bench/ itself first on the path; the project's root belongs there instead.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import exam, report, server  # noqa: E402
from bench.client import Target  # noqa: E402
from bench.journeys import DEFAULT_CODE, Seeded, endpoints  # noqa: E402
from bench.load import QUICK_RAMP, RAMPS, measure_all, ramp  # noqa: E402

HCPCS_SAMPLE = "codesets/data/hcpcs-sample.txt"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", default="S", help="bench_seed size(s), comma-separated: S, M, L, school (default S)")
    parser.add_argument("--seed", action="store_true", help="migrate, load code sets and run bench_seed for each size first")
    parser.add_argument("--no-codes", action="store_true", help="with --seed: skip loading ICD-10-CM (about a minute)")
    parser.add_argument("--seeded", type=Path, default=ROOT / "bench" / "seeded.json", help="bench_seed's summary file")
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", server.DEFAULT_DATABASE_URL))
    parser.add_argument("--redis-url", default=os.environ.get("BENCH_REDIS_URL", server.DEFAULT_REDIS_URL))
    parser.add_argument("--duration", type=float, default=10.0, help="seconds measured per endpoint (default 10)")
    parser.add_argument("--warmup", type=float, default=1.0, help="unrecorded seconds before each endpoint")
    parser.add_argument("--clients", type=int, default=32, help="concurrent clients per endpoint (default 32)")
    parser.add_argument("--quick", action="store_true", help="a few seconds in all, for CI: 2 clients, 0.5 s each, a 2-user ramp")
    parser.add_argument("--no-ramp", action="store_true", help="skip the Moodle-style ramp")
    parser.add_argument("--code", default=DEFAULT_CODE, help=f"the code page to ask for, system/code (default {DEFAULT_CODE})")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2, help="gunicorn workers (default: cores)")
    parser.add_argument("--worker-class", default="sync", choices=["sync", "gthread"])
    parser.add_argument("--threads", type=int, default=1, help="threads per gthread worker")
    parser.add_argument("--fail-on-errors", action="store_true",
                        help="exit 1 if any request failed (CI); otherwise errors are figures in the results")
    parser.add_argument("--results", type=Path, help="write RESULTS.md here")
    parser.add_argument("--json", type=Path, help="write the raw figures here")
    args = parser.parse_args(argv)
    if args.quick:
        args.duration, args.warmup, args.clients = min(args.duration, 0.5), 0.1, min(args.clients, 2)
    return args


def manage(env: dict[str, str], *arguments: str) -> None:
    started = time.perf_counter()
    subprocess.run([sys.executable, "manage.py", *arguments], cwd=ROOT, env=env, check=True)
    print(f"$ manage.py {' '.join(arguments)}  ({time.perf_counter() - started:.1f} s)", flush=True)


def ensure_database(database_url: str) -> None:
    """Create the bench database if it is missing (PostgreSQL only: the bench measures what production runs)."""
    import psycopg2
    from psycopg2 import sql

    parts = urlsplit(database_url)
    if parts.scheme not in ("postgres", "postgresql", "pgsql"):
        raise SystemExit(f"the bench needs PostgreSQL, not {parts.scheme!r} ({database_url})")
    name = parts.path.lstrip("/")
    admin = psycopg2.connect(host=parts.hostname, port=parts.port or 5432, user=parts.username or "postgres",
                             password=parts.password or None, dbname="postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    admin.close()


def seed(env: dict[str, str], size: str, *, codes: bool, seeded_path: Path) -> None:
    manage(env, "migrate", "--noinput", "-v", "0")
    if codes:
        manage(env, "load_icd10cm", "-v", "0")  # skips a release that is already loaded
        manage(env, "load_icd10cm_index", "-v", "0")
    manage(env, "load_hcpcs", HCPCS_SAMPLE, "-v", "0")
    # --fresh: a run writes progress and sessions, so each run starts from the same school.
    manage(env, "bench_seed", "--size", size, "--fresh", "--output", str(seeded_path))


def query_counts(env: dict[str, str], seeded_path: Path, code: str) -> dict:
    out = subprocess.run([sys.executable, "bench/queries.py", str(seeded_path), code], cwd=ROOT, env=env,
                         check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def flush_cache(redis_url: str) -> None:
    """Start each size with the bench's own Redis database empty (never another one)."""
    import redis

    redis.Redis.from_url(redis_url).flushdb()


def run_size(args: argparse.Namespace, size: str, env: dict[str, str]) -> dict:
    print(f"\n== size {size}", flush=True)
    if args.seed:
        seed(env, size, codes=not args.no_codes, seeded_path=args.seeded)
    seeded = Seeded.load(args.seeded)
    if seeded.size != size:
        raise SystemExit(f"{args.seeded} describes size {seeded.size}, not {size}: run with --seed")
    pages = endpoints(seeded, code=args.code)
    started = time.perf_counter()
    queries = query_counts(env, args.seeded, args.code)
    print(f"queries per request counted in-process ({time.perf_counter() - started:.1f} s)", flush=True)
    flush_cache(args.redis_url)
    background = 0.0 if args.quick else background_load(3.0)
    print(f"other load on the machine before the run: {background:.2f} cores", flush=True)
    target = Target("127.0.0.1", args.port, seeded.host)
    log = Path(tempfile.gettempdir()) / f"codecohort-bench-gunicorn-{args.port}.log"
    started = time.perf_counter()
    gunicorn = server.start(env=env, target=target, workers=args.workers, worker_class=args.worker_class,
                            threads=args.threads, log_path=log)
    try:
        print(f"gunicorn up in {time.perf_counter() - started:.1f} s: {gunicorn.describe()} on {target.address}:{target.port}; "
              f"{args.clients} clients x {args.duration:g} s per endpoint", flush=True)
        started = time.perf_counter()
        fixed, sign_ins = asyncio.run(measure_all(
            target, seeded, pages, clients=args.clients, duration=args.duration, warmup=args.warmup,
            server_pids=gunicorn.pids, database=urlsplit(args.database_url).path.lstrip("/"),
            sign_in_parallel=2 * args.workers,
        ))
        print(f"  (sign-in and fixed load: {time.perf_counter() - started:.1f} s)", flush=True)
        plan = QUICK_RAMP if args.quick else RAMPS.get(size)
        ramped = None
        if plan is not None and not args.no_ramp:
            print(f"ramp: {plan.users} users over {plan.seconds:g} s, {plan.loops} loops each", flush=True)
            ramped = asyncio.run(ramp(target, seeded, pages, plan))
            print(f"  {ramped.summary()}", flush=True)
        rush_plan = exam.QUICK if args.quick else exam.FULL
        print(f"exam rush: {rush_plan.students} students start the timed exam over {rush_plan.spread:g} s, "
              f"{rush_plan.answers} saves each", flush=True)
        rush = asyncio.run(exam.exam_rush(target, seeded, rush_plan, sign_in_parallel=2 * args.workers))
        print(f"  {rush.get('saves')}", flush=True)
    finally:
        gunicorn.stop()
    graded = grading_throughput(args, attempts=5 if args.quick else 200)
    print(f"grading: {graded}", flush=True)
    return {
        "size": size,
        "students": seeded.student_count,
        "counts": json.loads(args.seeded.read_text()).get("counts", {}),
        "pages": [{"name": p.name, "role": p.role or "anyone", "method": p.method, "path": p.path} for p in pages],
        "queries": queries,
        "sign_in": {"sessions": len(sign_ins.latencies), "p50_ms": _ms(sign_ins, 50), "p95_ms": _ms(sign_ins, 95)},
        "fixed": [m.row() for m in fixed],
        "ramp": None if ramped is None else {"summary": ramped.summary(), "rows": ramped.rows()},
        "exam_rush": rush,
        "grading": graded,
        "gunicorn": gunicorn.describe(),
        "background_cores": round(background, 2),
    }


def grading_throughput(args: argparse.Namespace, *, attempts: int) -> dict:
    """bench/grading.py in its own process (it sets Django up): code-entry responses graded per second."""
    out = subprocess.run([sys.executable, "bench/grading.py", "--database-url", args.database_url, "--redis-url",
                          args.redis_url, "--attempts", str(attempts)], cwd=ROOT, capture_output=True, text=True)
    if out.returncode:
        raise SystemExit(f"bench/grading.py failed:\n{out.stdout[-2000:]}\n{out.stderr[-4000:]}")
    return json.loads(out.stdout)


def background_load(seconds: float) -> float:
    """Cores busy while the bench is idle: other work on the machine that its figures compete with."""
    from bench.measure import machine_busy

    busy, total = machine_busy()
    time.sleep(seconds)
    busy2, total2 = machine_busy()
    return (busy2 - busy) / max(1, total2 - total) * (os.cpu_count() or 1)


def _ms(recorder, q: float) -> float:
    from bench.measure import percentile

    return round(percentile(recorder.latencies, q), 1)


def machine() -> dict:
    mem_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                  if line.startswith("MemTotal:"))
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor() or "?")
    return {"cores": os.cpu_count(), "memory_gib": round(mem_kb / 1024 / 1024, 1), "cpu": model,
            "python": platform.python_version(), "kernel": platform.release()}


def commit() -> str:
    def git(*a: str) -> str:
        return subprocess.run(["git", *a], cwd=ROOT, capture_output=True, text=True).stdout.strip()

    head = git("rev-parse", "--short", "HEAD") or "unknown"
    return head + (" (with uncommitted changes)" if git("status", "--porcelain", "--untracked-files=no") else "")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    sizes = [s.strip() for s in args.size.split(",") if s.strip()]
    if args.seed:
        ensure_database(args.database_url)
    env = server.production_env(database_url=args.database_url, redis_url=args.redis_url, host="bench.localhost")
    started = time.perf_counter()
    server.collectstatic(env)
    print(f"collectstatic ({time.perf_counter() - started:.1f} s)", flush=True)
    runs = [run_size(args, size, env) for size in sizes]
    results = {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": commit(),
        "machine": machine(),
        "command": " ".join(["python", "bench/run.py", *map(shlex.quote, argv if argv is not None else sys.argv[1:])]),
        "clients": args.clients, "duration": args.duration, "warmup": args.warmup,
        "worker_class": args.worker_class, "workers": args.workers, "quick": args.quick,
        "runs": runs,
    }
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n")
    if args.results:
        report.write(results, args.results)
        print(f"\nwrote {args.results}")
    failed = [(run["size"], row["name"]) for run in runs for row in run["fixed"] if row["errors"]]
    failed += [(run["size"], row["name"]) for run in runs if run["ramp"] for row in run["ramp"]["rows"] if row["errors"]]
    failed += [(run["size"], f"exam rush {part}") for run in runs if run.get("exam_rush") for part in ("starts", "saves")
               if run["exam_rush"][part]["errors"]]
    if failed:
        print("errors on: " + ", ".join(f"{size} {name}" for size, name in failed), file=sys.stderr)
    return 1 if failed and args.fail_on_errors else 0


if __name__ == "__main__":
    sys.exit(main())
