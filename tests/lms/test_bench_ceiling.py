"""The bench's constant page exists only where the bench asks for it."""

from __future__ import annotations

import pytest
from django.core.exceptions import MiddlewareNotUsed
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from lms.bench_ceiling import CEILING_BODY, CEILING_PATH, CeilingMiddleware


def _downstream(request):
    return HttpResponse("the rest of the stack", status=418)


def test_ceiling_is_dropped_from_the_chain_without_the_variable(monkeypatch):
    monkeypatch.delenv("LMS_BENCH_CEILING", raising=False)
    with pytest.raises(MiddlewareNotUsed):
        CeilingMiddleware(_downstream)


def test_ceiling_is_dropped_when_the_variable_is_off(monkeypatch):
    monkeypatch.setenv("LMS_BENCH_CEILING", "0")
    with pytest.raises(MiddlewareNotUsed):
        CeilingMiddleware(_downstream)


@pytest.mark.django_db
def test_ceiling_answers_a_constant_without_the_database(monkeypatch):
    monkeypatch.setenv("LMS_BENCH_CEILING", "1")
    middleware = CeilingMiddleware(_downstream)
    with CaptureQueriesContext(connection) as queries:
        response = middleware(RequestFactory().get(CEILING_PATH, HTTP_HOST="any.host"))
    assert response.status_code == 200
    assert response.content == CEILING_BODY
    assert len(queries) == 0


def test_ceiling_passes_every_other_request_on(monkeypatch):
    monkeypatch.setenv("LMS_BENCH_CEILING", "1")
    middleware = CeilingMiddleware(_downstream)
    assert middleware(RequestFactory().get("/")).status_code == 418
    assert middleware(RequestFactory().post(CEILING_PATH)).status_code == 418
    assert middleware(RequestFactory().get(CEILING_PATH + "/x")).status_code == 418


@pytest.mark.django_db
def test_the_ceiling_is_not_served_by_the_normal_stack(client):
    """With the variable unset (tests, production) the path is an ordinary unknown URL."""
    response = client.get(CEILING_PATH, HTTP_HOST="nobody.test")
    assert response.status_code == 404
    assert response.content != CEILING_BODY
