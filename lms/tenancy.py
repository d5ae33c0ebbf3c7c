"""Host name -> school. The only code that reads the Host header."""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections import OrderedDict

from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest

from lms.models import Tenant

DEV_SUFFIX = ".localhost"

log = logging.getLogger(__name__)


def normalise_host(host: str) -> str:
    host = host.strip().lower()
    if host.startswith("["):  # [::1]:8000
        return host.split("]")[0] + "]"
    return host.rsplit(":", 1)[0].rstrip(".") if ":" in host else host.rstrip(".")


def tenant_for_host(host: str) -> Tenant | None:
    """The active school serving ``host``, or None.

    A Domain row wins; ``<slug>.localhost`` finds a school by slug so that a
    school created in the admin can be opened in development right away.
    Each call hands out its own Tenant instance, so a view that changes its
    request's school (the settings form) changes no other request's.
    """
    host = normalise_host(host)
    generation = _hosts.sync()
    found, row = _hosts.get(host)
    if not found:
        row = _tenant_row(host)
        _hosts.put(host, row, generation)
    return None if row is None else Tenant.from_db(row[0], TENANT_FIELDS, row[1])


# --- the host -> school map, kept in each process ------------------------------
#
# Every request asks it and it changes a few times a year, so each process keeps
# it in memory (the school's field values, never a shared model instance).
# Processes do not share memory, so a change also replaces a token in the shared
# cache; each process reads that token once per request (one cache get) and
# empties its map when the token differs from the one its entries were read
# under. We chose this over a short time-to-live because a school taken offline
# or a host moved to another school must hold on the next request in every
# process, not a few seconds later; one small get is cheap beside the query it
# saves. A random token, not a counter: an evicted or flushed key then only ever
# means "different", so a process can never keep stale entries by mistake.

TENANT_FIELDS = tuple(field.attname for field in Tenant._meta.concrete_fields)
GENERATION_KEY = "lms:tenancy:generation"
HOST_CACHE_SIZE = 1024  # unknown hosts are remembered too, so the map is bounded
# A backstop, not the rule: should telling the other processes fail (the cache
# unreachable at the moment of a change), none keeps its map longer than this.
HOST_CACHE_MAX_AGE = 300.0  # seconds


class _HostMap:
    def __init__(self, size: int):
        self.size = size
        self._rows: OrderedDict[str, tuple | None] = OrderedDict()
        self._generation: str | None = None
        self._since = 0.0
        self._lock = threading.Lock()

    def sync(self) -> str | None:
        """The shared token, after emptying the map if it changed elsewhere; None if the cache failed."""
        try:
            token = cache.get(GENERATION_KEY)
            if token is None:
                cache.add(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
                token = cache.get(GENERATION_KEY)
        except Exception:  # the cache is down: answer from the database, remember nothing
            log.warning("Cache unavailable; resolving the host from the database.", exc_info=True)
            token = None
        now = time.monotonic()
        with self._lock:
            if token is None or token != self._generation or now - self._since > HOST_CACHE_MAX_AGE:
                self._rows.clear()
                self._generation = token
                self._since = now
        return token

    def get(self, host: str) -> tuple[bool, tuple | None]:
        with self._lock:
            if host not in self._rows:
                return False, None
            self._rows.move_to_end(host)
            return True, self._rows[host]

    def put(self, host: str, row: tuple | None, generation: str | None) -> None:
        # Read under an older token (a change landed while we queried): keep nothing.
        with self._lock:
            if generation is None or generation != self._generation:
                return
            self._rows[host] = row
            while len(self._rows) > self.size:
                self._rows.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._rows.clear()
            self._generation = None


_hosts = _HostMap(HOST_CACHE_SIZE)


def _tenant_row(host: str) -> tuple[str, tuple] | None:
    schools = Tenant.objects.filter(is_active=True)
    values = schools.filter(domains__host=host).values_list(*TENANT_FIELDS).first()
    if values is None and host.endswith(DEV_SUFFIX):
        values = schools.filter(slug=host[: -len(DEV_SUFFIX)]).values_list(*TENANT_FIELDS).first()
    return None if values is None else (schools.db, values)


def hosts_changed() -> None:
    """A school or a host changed: forget the map here now and in every process.

    Done again once the transaction commits, because a request that read the
    old rows before the commit may have refilled the map in between.
    """
    _forget_hosts()
    transaction.on_commit(_forget_hosts)


def _forget_hosts() -> None:
    _hosts.clear()
    try:
        cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
    except Exception:
        log.exception("Could not tell other processes that a school or host changed.")


def school_links(request: HttpRequest) -> list[dict]:
    """The signed-in person's schools, each with a link to its own host."""
    from lms.selectors import user_schools

    return [
        {
            "membership": m,
            "tenant": m.tenant,
            "url": school_url(request, m.tenant, [d.host for d in m.tenant.domains.all()]),
            "is_current": m.tenant_id == request.tenant.pk,
        }
        for m in user_schools(user=request.user)
    ]


def school_url(request: HttpRequest, tenant: Tenant, hosts: list[str], path: str = "/") -> str:
    """Absolute URL of ``path`` on the school's primary host, keeping the
    scheme and port the person is using now (so links work under runserver)."""
    host = hosts[0] if hosts else f"{tenant.slug}{DEV_SUFFIX}"
    current = request.get_host()
    port = ""
    if not current.startswith("[") and ":" in current:
        port = ":" + current.rsplit(":", 1)[1]
    return f"{request.scheme}://{host}{port}{path}"
