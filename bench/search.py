"""Search benchmark: server time of GET /api/v1/codes/ over ICD-10-CM plus HCPCS, and of the Index routes.

Run with ``make bench-search`` (SQLite) or ``DATABASE_URL=postgres://... make bench-search``.
It loads ICD-10-CM and the CMS HCPCS file if they are missing, then times a
mix of real queries through the whole Django stack (middleware, session,
serializer) and, in the same run, a naive ``icontains`` scan for the same
words, so both figures come from one machine at one moment. Then it times the
Alphabetic Index search (GET /api/v1/codes/index/) over the whole FY 2025 Index,
and the two tables and the External Cause Index, with queries as students type
them (abbreviations and typos included). It runs with DEBUG off, as production does.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings")
# Measure as production runs: DEBUG off (no per-query logging), HTTPS as the settings then require.
os.environ.setdefault("DEBUG", "0")
# One bench user sends far more than a person types in a minute: the per-user API limit would answer 429.
os.environ.setdefault("API_THROTTLE_USER", "1000000/minute")
os.environ.setdefault("SECRET_KEY", "bench-only-key-not-for-any-deployment-0123456789abcdefghijklmnop")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Q  # noqa: E402
from django.test import Client  # noqa: E402

from codesets.hcpcs import SAMPLE_FILE  # noqa: E402
from codesets.models import Code, Release  # noqa: E402
from codesets.search import code_search, current_releases  # noqa: E402
from lms.models import Domain, Membership, Role, Tenant, User  # noqa: E402

HCPCS_FILE = ROOT.parent / "shared" / "data" / "hcpcs-2016" / "HCPC2016_CONTR_ANWEB.txt"
QUERIES = [
    "E11.6", "e1165", "S72.001A", "T36.0X1", "J1100", "E0114", "C4A", "Z", "U07.1", "A41",
    "diabetes hyperglycemia", "fracture neck femur right initial", "pneumonia", "fracture", "wheelchair",
    "chronic kidney disease stage 3", "hypertension", "type 2 diabetes with ketoacidosis", "asthma exacerbation",
    "essential hypertension", "copd", "sepsis", "hyperglyc", "insulin", "injection", "glucose test strip",
    "diabetis hyperglycemia", "right femur", "S72 right initial", "migraine without aura",
]
ROUNDS = 20
# (route, query): what students look up in the Index and its tables, as they type it.
INDEX_QUERIES = [
    ("index", "diabetes hyperglycemia"), ("index", "fracture femur neck"), ("index", "fracture"), ("index", "pneumonia"),
    ("index", "pain chest"), ("index", "failure heart congestive"), ("index", "hypertension kidney"), ("index", "CHF"),
    ("index", "diabetis mellitis"), ("index", "disease"), ("index", "injury head"), ("index", "sepsis"), ("index", "copd"),
    ("index", "pregnancy complicated by hypertension"), ("index", "disorder"), ("index", "ulcer pressure sacral stage 3"),
    ("index", "asthma"), ("index", "infection urinary tract"), ("index", "anemia"), ("index", "fracture radius distal"),
    ("tables/neoplasm", "breast"), ("tables/neoplasm", "lung upper lobe"), ("tables/neoplasm", "colon"),
    ("tables/drugs", "aspirin"), ("tables/drugs", "acetaminophen"), ("tables/drugs", "carbon monoxide"),
    ("external-causes", "fall stairs"), ("external-causes", "struck by ball"), ("external-causes", "accident car"),
    ("external-causes", "burn"),
]


def _setup() -> tuple[Client, str]:
    call_command("load_icd10cm", verbosity=0)
    call_command("load_hcpcs", str(HCPCS_FILE if HCPCS_FILE.exists() else SAMPLE_FILE), verbosity=0)
    call_command("load_icd10cm_index", verbosity=0)
    tenant, _ = Tenant.objects.get_or_create(slug="bench", defaults={"name": "Benchmark School"})
    Domain.objects.get_or_create(host="bench.localhost", defaults={"tenant": tenant})
    user, _ = User.objects.get_or_create(email="bench@codecohort.test")
    Membership.objects.get_or_create(tenant=tenant, user=user, defaults={"role": Role.STUDENT})
    client = Client(HTTP_HOST="bench.localhost", secure=True, HTTP_X_FORWARDED_PROTO="https")
    client.force_login(user)
    return client, tenant


def _percentiles(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[int(len(ordered) * 0.95) - 1]
    return f"p50 {statistics.median(ordered):6.2f} ms   p95 {p95:6.2f} ms   max {ordered[-1]:7.2f} ms"


def _naive(release_ids: list[int], query: str) -> int:
    """What a first version would do: every word as a case-insensitive substring, code as a prefix."""
    words = query.split()
    condition = Q(key__istartswith=query.replace(".", "")) | Q(code__istartswith=query)
    words_condition = Q()
    for word in words:
        words_condition &= Q(description__icontains=word)
    rows = Code.objects.filter(release_id__in=release_ids).filter(condition | words_condition)
    return len(list(rows.values_list("id", flat=True)[:25]))


def main() -> None:
    client, tenant = _setup()
    releases = current_releases(tenant=tenant)
    release_ids = [r.pk for r in releases]
    total = Code.objects.filter(release_id__in=release_ids).count()
    print(f"database: {connection.vendor}; releases: {', '.join(str(r) for r in releases)}; {total:,} items")
    for query in QUERIES:  # warm the caches once
        client.get("/api/v1/codes/", {"search": query})
    started = time.perf_counter()
    for _ in range(ROUNDS):
        client.get("/api/v1/me/")
    print(f"for scale, GET /api/v1/me/ (the platform's per-request cost): {(time.perf_counter() - started) / ROUNDS * 1000:.2f} ms mean")
    server, search_only, naive = [], [], []
    for _ in range(ROUNDS):
        for query in QUERIES:
            started = time.perf_counter()
            response = client.get("/api/v1/codes/", {"search": query})
            server.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, response.content
            started = time.perf_counter()
            code_search(tenant=tenant, query=query, limit=26)
            search_only.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            _naive(release_ids, query)
            naive.append((time.perf_counter() - started) * 1000)
    print(f"{len(QUERIES)} queries x {ROUNDS} rounds = {len(server)} requests")
    print(f"search API (server time, whole request): {_percentiles(server)}")
    print(f"the search itself (code_search):         {_percentiles(search_only)}")
    print(f"naive icontains scan (query only):       {_percentiles(naive)}")
    print(f"ready releases: {Release.objects.filter(status='ready').count()}")
    _index(client)


def _index(client: Client) -> None:
    from codesets.models import IndexTerm

    print(f"indexes: {IndexTerm.objects.filter(release__status='ready').count():,} terms "
          "(Index, Table of Neoplasms, Table of Drugs, External Cause Index)")
    for route, query in INDEX_QUERIES:  # warm the caches once
        client.get(f"/api/v1/codes/{route}/", {"search": query})
    by_route: dict[str, list[float]] = {}
    for _ in range(ROUNDS):
        for route, query in INDEX_QUERIES:
            started = time.perf_counter()
            response = client.get(f"/api/v1/codes/{route}/", {"search": query})
            by_route.setdefault(route, []).append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200 and response.json()["results"], (route, query, response.content[:200])
    every = [ms for samples in by_route.values() for ms in samples]
    print(f"{len(INDEX_QUERIES)} index queries x {ROUNDS} rounds = {len(every)} requests")
    print(f"index routes (server time, whole request): {_percentiles(every)}")
    for route, samples in by_route.items():
        print(f"  /api/v1/codes/{route + '/':<17} {_percentiles(samples)}")


if __name__ == "__main__":
    main()
