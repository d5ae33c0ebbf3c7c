"""CPU per request of every bench page, in-process: the work one answer costs, without a server or a network.

Each page is asked through ``django.test.Client`` (the whole middleware
stack, the bench database, Redis) with the production settings, signed in as
the bench's people. After three warm-up requests it is timed in five batches
and the fastest batch is kept, so other work on the machine counts for as
little as it can. Use it to compare two commits on one machine; the load
runner (bench/run.py) gives the figures under load.

    DATABASE_URL=postgres://.../codecohort_bench REDIS_URL=redis://.../3 \\
        python bench/page_cost.py bench/seeded.json [--requests 100] [--profile "course page"]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

BATCHES = 5


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("seeded", type=Path, nargs="?", default=ROOT / "bench" / "seeded.json")
    parser.add_argument("--requests", type=int, default=100, help="timed requests per page (the grid takes a tenth)")
    parser.add_argument("--profile", default="", help="also print a cProfile of the page whose name contains this")
    parser.add_argument("--only", default="", help="time only the pages whose name contains this")
    args = parser.parse_args(argv)

    from bench.server import production_env

    if not os.environ.get("DATABASE_URL") or not os.environ.get("REDIS_URL"):
        raise SystemExit("Set DATABASE_URL and REDIS_URL to the bench's database and Redis (see the docstring).")
    os.environ.update(production_env(database_url=os.environ["DATABASE_URL"], redis_url=os.environ["REDIS_URL"],
                                     host="*"))
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench.journeys import CEILING, INSTRUCTOR, REGISTRAR, STUDENT, Seeded, endpoints
    from lms.models import User

    seeded = Seeded.load(args.seeded)
    clients = {None: Client(HTTP_HOST=seeded.host, HTTP_X_FORWARDED_PROTO="https")}
    for role, email in {STUDENT: seeded.students[0], INSTRUCTOR: seeded.instructor, REGISTRAR: seeded.registrar}.items():
        clients[role] = Client(HTTP_HOST=seeded.host, HTTP_X_FORWARDED_PROTO="https")
        clients[role].force_login(User.objects.get(email=email))

    def ask(endpoint, n: int):
        client = clients[endpoint.role]
        if endpoint.method == "POST":
            return client.post(endpoint.path, endpoint.body(n), content_type="application/json")
        return client.get(endpoint.path)

    print(f"{'page':28s} {'status':>6s} {'CPU ms':>8s} {'queries':>8s}")
    for endpoint in [CEILING, *endpoints(seeded)]:
        if args.only and args.only not in endpoint.name:
            continue
        for n in range(3):
            response = ask(endpoint, n)
        with CaptureQueriesContext(connection) as queries:
            ask(endpoint, 3)
        asked = len(queries)
        count = max(BATCHES, args.requests // (10 if endpoint.name == "progress grid" else 1))
        per_batch = max(1, count // BATCHES)
        best = float("inf")
        for _ in range(BATCHES):
            started = time.process_time()
            for n in range(per_batch):
                ask(endpoint, n)
            best = min(best, (time.process_time() - started) / per_batch)
        print(f"{endpoint.name:28s} {response.status_code:6d} {best * 1000:8.2f} {asked:8d}", flush=True)
        if args.profile and args.profile in endpoint.name:
            profile = cProfile.Profile()
            profile.enable()
            for n in range(per_batch):
                ask(endpoint, n)
            profile.disable()
            out = io.StringIO()
            pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats(40)
            print(out.getvalue())


if __name__ == "__main__":
    main()
