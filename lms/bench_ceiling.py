"""The bench's ceiling: ``GET /-/ceiling`` answered before any other middleware.

``make bench`` reports every page as a share of what the same gunicorn
serves for a constant with no database, session or template behind it.
The middleware exists only where ``LMS_BENCH_CEILING=1`` is set: anywhere
else Django drops it from the chain when it loads (``MiddlewareNotUsed``),
so production neither exposes the path nor pays for the check.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import MiddlewareNotUsed
from django.http import HttpRequest, HttpResponse

from lms.env import env_bool

CEILING_PATH = "/-/ceiling"
CEILING_BODY = b"ceiling\n"


class CeilingMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        if not env_bool("LMS_BENCH_CEILING", default=False):
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info == CEILING_PATH and request.method == "GET":
            return HttpResponse(CEILING_BODY, content_type="text/plain")
        return self.get_response(request)
