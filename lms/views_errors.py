"""Error pages: JSON under /api/, HTML elsewhere."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import Resolver404

from lms.api_support import json_not_found, json_server_error


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if request.path.startswith("/api/"):
        return json_not_found(request)
    # Our own Http404s carry a message for people; the resolver's lists routes.
    message = "" if exception is None or isinstance(exception, Resolver404) else str(exception)
    return render(request, "404.html", {"message": message}, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    if request.path.startswith("/api/"):
        return json_server_error(request)
    return render(request, "500.html", status=500)
