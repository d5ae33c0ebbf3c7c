"""Shared API plumbing: pagination and errors as JSON with a clear message."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from rest_framework import exceptions, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.views import exception_handler as drf_exception_handler


def search_text(value: object, limit: int = 100) -> str:
    """A free-text filter as the database can take it: NUL bytes (refused by PostgreSQL) dropped, length capped."""
    return str(value or "").replace("\x00", "").strip()[:limit]


class Pagination(PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 200


def _first_message(detail: object) -> str:
    if isinstance(detail, dict):
        for key, value in detail.items():
            text = _first_message(value)
            return text if key in ("non_field_errors", "detail") else f"{key}: {text}"
    if isinstance(detail, list) and detail:
        return _first_message(detail[0])
    return str(detail)


def exception_handler(exc: Exception, context: dict) -> Response | None:
    """Every error is ``{"error": {"code", "message", "fields"?}}``.

    A service's Django ValidationError becomes a 400 with the same shape as
    a serializer's, so callers handle one format.
    """
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(as_serializer_error(exc))
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound(str(exc) or "Not found.")
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    detail = response.data
    body: dict[str, object] = {
        "code": getattr(exc, "default_code", "error"),
        "message": _first_message(detail),
    }
    if isinstance(exc, exceptions.ValidationError):
        body["code"] = "invalid"
        body["fields"] = detail if isinstance(detail, dict) else {"non_field_errors": detail}
    response.data = {"error": body}
    return response


def json_not_found(request, exception=None) -> JsonResponse:
    return JsonResponse(
        {"error": {"code": "not_found", "message": "No API route or object here."}}, status=status.HTTP_404_NOT_FOUND
    )


def json_server_error(request) -> JsonResponse:
    return JsonResponse(
        {"error": {"code": "server_error", "message": "Something went wrong on our side; it has been logged."}},
        status=status.HTTP_500_INTERNAL_SERVER_ERROR,
    )
