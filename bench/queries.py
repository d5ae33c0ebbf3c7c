"""Queries per request for every bench endpoint, in-process, with the production settings.

Run by ``bench/run.py`` in a child process with the same environment as
gunicorn (DEBUG off, the bench database, Redis), so the load generator never
imports Django. Each endpoint is asked twice through ``django.test.Client``
and the second answer is counted: the steady state a busy server is in
(the first pays one-off work such as the last-seen write and cold caches).

    python bench/queries.py bench/seeded.json [icd10cm/E11.65]   # prints JSON
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Run as a script, Python puts bench/ itself first on the path; the project's root belongs there instead.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def count_queries(seeded_path: Path, code: str) -> dict[str, dict]:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings")
    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench.journeys import CEILING, INSTRUCTOR, REGISTRAR, STUDENT, Seeded, endpoints
    from lms.models import User

    seeded = Seeded.load(seeded_path)
    emails = {STUDENT: seeded.students[0], INSTRUCTOR: seeded.instructor, REGISTRAR: seeded.registrar}
    clients: dict[str | None, Client] = {None: Client(HTTP_HOST=seeded.host, HTTP_X_FORWARDED_PROTO="https")}
    for role, email in emails.items():
        clients[role] = Client(HTTP_HOST=seeded.host, HTTP_X_FORWARDED_PROTO="https")
        clients[role].force_login(User.objects.get(email=email))

    counts = {}
    for endpoint in [CEILING, *endpoints(seeded, code=code)]:
        client = clients[endpoint.role]
        seen = []
        for n in range(2):
            with CaptureQueriesContext(connection) as queries:
                if endpoint.method == "POST":
                    response = client.post(endpoint.path, endpoint.body(n), content_type="application/json")
                else:
                    response = client.get(endpoint.path)
            seen.append((len(queries), response.status_code))
        counts[endpoint.name] = {"queries": seen[1][0], "first_request": seen[0][0], "status": seen[1][1]}
    return counts


def main() -> None:
    from bench.journeys import DEFAULT_CODE

    path = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "bench" / "seeded.json"
    json.dump(count_queries(path, sys.argv[2] if len(sys.argv) > 2 else DEFAULT_CODE), sys.stdout)


if __name__ == "__main__":
    main()
