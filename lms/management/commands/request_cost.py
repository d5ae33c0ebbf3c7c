"""The fixed cost of a request: time N requests per route in-process, DEBUG off.

Runs through ``django.test.Client`` (the whole middleware stack, no network,
no server), so the figures are the per-request work of Django and our code:

    manage.py seed_demo && manage.py request_cost [--requests 2000] [--auth session|token]

Routes: ``GET /api/v1/me/`` and ``GET /`` (the dashboard) signed in as the
demo student, and a view answering a constant, signed in and anonymous: the
floor that every page pays before its own work.
"""

from __future__ import annotations

import statistics
import time
from contextlib import ExitStack
from unittest import mock

from django.conf import settings
from django.core.cache import cache
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.http import HttpResponse
from django.test import Client, override_settings
from django.urls import include, path

from lms.models import Domain, User

CONSTANT_PATH = "/__request-cost/constant/"
BATCH = 200  # throttle history is reset between batches (untimed), as if the person paused


def constant(request) -> HttpResponse:
    return HttpResponse(b"ok", content_type="text/plain")


# This module doubles as the URLconf while measuring: the real routes plus the constant one.
# (Named, not read from settings: while measuring, ROOT_URLCONF is this module.)
urlpatterns = [path(CONSTANT_PATH.strip("/") + "/", constant), path("", include("lms.urls"))]


class Command(BaseCommand):
    help = "Time in-process requests of /api/v1/me/, the dashboard and a constant view; print µs and queries each."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--requests", type=int, default=2000, help="Requests per route (default 2000).")
        parser.add_argument("--email", default="student@northwind.test", help="Who signs in (seed_demo's student).")
        parser.add_argument("--auth", choices=["session", "token"], default="session", help="How /api/v1/me/ signs in.")

    def handle(self, *args, requests: int, email: str, auth: str, **options) -> None:
        user = User.objects.filter(email=email).first()
        if user is None:
            raise CommandError(f"No user {email}; run manage.py seed_demo first.")
        membership = user.memberships.select_related("tenant").filter(is_active=True).first()
        if membership is None:
            raise CommandError(f"{email} belongs to no school.")
        host = Domain.objects.filter(tenant=membership.tenant).values_list("host", flat=True).first()
        host = host or f"{membership.tenant.slug}.localhost"
        with ExitStack() as stack:
            self._measuring_settings(stack)
            routes = self._routes(user, host, auth)
            self.stdout.write(
                f"{requests} requests per route, host {host}, {connection.vendor}, cache "
                f"{settings.CACHES['default']['BACKEND'].rsplit('.', 1)[-1]}, sessions {settings.SESSION_ENGINE}"
            )
            header = f"{'route':<28} {'µs/request':>11} {'best batch':>11} {'CPU µs':>8} {'queries/request':>16}"
            self.stdout.write(header)
            for name, (client, url, extra) in routes.items():
                mean, best, cpu = self._time(client, url, extra, requests, user)
                queries = self._queries(client, url, extra)
                self.stdout.write(f"{name:<28} {mean:>11.0f} {best:>11.0f} {cpu:>8.0f} {queries:>16.2f}")

    def _measuring_settings(self, stack: ExitStack) -> None:
        stack.enter_context(override_settings(DEBUG=False, ROOT_URLCONF=__name__, SECURE_SSL_REDIRECT=False))
        # Keep the throttle's work (its cache reads and writes) without refusing the run's requests.
        from rest_framework.throttling import SimpleRateThrottle

        rates = {**SimpleRateThrottle.THROTTLE_RATES, "user": "1000000/minute", "anon": "1000000/minute"}
        stack.enter_context(mock.patch.object(SimpleRateThrottle, "THROTTLE_RATES", rates))

    def _routes(self, user: User, host: str, auth: str) -> dict[str, tuple[Client, str, dict]]:
        signed_in = Client(HTTP_HOST=host)
        signed_in.force_login(user)
        api_extra: dict = {}
        api_client = signed_in
        if auth == "token":
            from rest_framework.authtoken.models import Token

            api_client = Client(HTTP_HOST=host)
            api_extra = {"HTTP_AUTHORIZATION": f"Token {Token.objects.get_or_create(user=user)[0].key}"}
        return {
            f"GET /api/v1/me/ ({auth})": (api_client, "/api/v1/me/", api_extra),
            "GET / (dashboard)": (signed_in, "/", {}),
            "GET constant (signed in)": (signed_in, CONSTANT_PATH, {}),
            "GET constant (anonymous)": (Client(HTTP_HOST=host), CONSTANT_PATH, {}),
        }

    def _time(self, client: Client, url: str, extra: dict, requests: int, user: User) -> tuple[float, float, float]:
        """Wall-clock µs per request: the mean over the run and the mean of the fastest batch (the
        figure least disturbed by other work on a shared machine); and this process's CPU µs per
        request (all of the work with SQLite and the local-memory cache, the client side with servers)."""
        self._get(client, url, extra)  # warm: first-request imports, template loading, caches
        batches: list[float] = []
        spent = cpu = 0.0
        done = 0
        while done < requests:
            cache.delete(f"throttle_user_{user.pk}")
            count = min(BATCH, requests - done)
            start, start_cpu = time.perf_counter(), time.process_time()
            for _ in range(count):
                client.get(url, **extra)
            elapsed = time.perf_counter() - start
            cpu += time.process_time() - start_cpu
            spent += elapsed
            batches.append(elapsed / count * 1e6)
            done += count
        return spent / requests * 1e6, min(batches), cpu / requests * 1e6

    def _queries(self, client: Client, url: str, extra: dict, sample: int = 50) -> float:
        counts: list[int] = []
        for _ in range(sample):
            seen: list[str] = []

            def count(execute, sql, params, many, context):
                seen.append(sql)
                return execute(sql, params, many, context)

            with connection.execute_wrapper(count):
                self._get(client, url, extra)
            counts.append(len(seen))
        return statistics.mean(counts)

    def _get(self, client: Client, url: str, extra: dict) -> None:
        response = client.get(url, **extra)
        if response.status_code != 200:
            raise CommandError(f"GET {url} answered {response.status_code}: {response.content[:300]!r}")
