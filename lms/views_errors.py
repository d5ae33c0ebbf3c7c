"""Error pages: JSON under /api/, HTML elsewhere."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from lms.api_support import json_not_found, json_server_error


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if request.path.startswith("/api/"):
        return json_not_found(request)
    return render(request, "404.html", {"message": str(exception) if exception else ""}, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    if request.path.startswith("/api/"):
        return json_server_error(request)
    return render(request, "500.html", status=500)
