"""Fixtures of the API tests: the published OpenAPI document, a client that checks every
answer against it, and the bundled real sample loaded once per module."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from django.core.cache import caches
from django.test import Client

# The confidentiality world of tests/accounts (public and restricted records, the cast).
from accounts.conftest import MARKER, full_world, world

__all__ = ["MARKER", "ApiClient", "full_world", "world"]


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Each test starts with no request counted against the rate limits."""
    for cache in caches.all():
        cache.clear()
    yield


def _openapi_spec() -> dict[str, Any]:
    from rightstrack.api.main import api

    return api.get_openapi_schema()


_PARAM = re.compile(r"\{[^}]+\}")


def _operation(spec: dict[str, Any], path: str, method: str) -> dict[str, Any] | None:
    """The OpenAPI operation of ``path`` (without the query)."""
    for template, item in spec["paths"].items():
        pattern = (
            "^"
            + _PARAM.sub("[^/]+", re.escape(template).replace(r"\{", "{").replace(r"\}", "}"))
            + "$"
        )
        if re.match(pattern, path) and method in item:
            return item[method]
    return None


def validate_against_schema(spec: dict[str, Any], path: str, method: str, response: Any) -> None:
    """Fail unless ``response`` (JSON) matches the schema the document gives for its status."""
    from jsonschema import Draft202012Validator

    api_path = path.split("?", 1)[0]
    operation = _operation(spec, api_path, method)
    assert operation is not None, f"no operation for {method.upper()} {api_path}"
    responses = {str(status): item for status, item in operation["responses"].items()}
    documented = responses.get(str(response.status_code))
    assert documented is not None, f"{response.status_code} not documented for {api_path}"
    schema = documented["content"]["application/json"]["schema"]
    Draft202012Validator({**schema, "components": spec["components"]}).validate(response.json())


class ApiClient:
    """A test client whose every JSON answer under ``/api/v1/`` is checked against the
    published OpenAPI document (``validated`` counts them)."""

    def __init__(self, client: Client, spec: dict[str, Any]) -> None:
        self.client = client
        self.spec = spec
        self.validated = 0

    def get(self, path: str, data: Any = None, **extra: Any) -> Any:
        response = self.client.get(path, data, **extra)
        assert response["Content-Type"].startswith("application/json"), (
            path,
            response.content[:200],
        )
        full = response.request["PATH_INFO"]
        validate_against_schema(self.spec, full, "get", response)
        self.validated += 1
        return response

    def send(self, method: str, path: str, body: Any = None, **extra: Any) -> Any:
        """A write (``post``, ``patch``) with a JSON ``body``, its answer checked likewise."""
        call = getattr(self.client, method)
        response = call(path, body, content_type="application/json", **extra)
        assert response["Content-Type"].startswith("application/json"), (
            path,
            response.content[:200],
        )
        validate_against_schema(self.spec, path, method, response)
        self.validated += 1
        return response


@pytest.fixture(scope="session")
def openapi_spec() -> dict[str, Any]:
    return _openapi_spec()


@pytest.fixture
def api_client(openapi_spec, db):
    """``api_client(client=None)``: an :class:`ApiClient` (anonymous by default)."""

    def make(client: Client | None = None) -> ApiClient:
        return ApiClient(client or Client(), openapi_spec)

    return make


@pytest.fixture(scope="module")
def bundled_sample(django_db_setup, django_db_blocker):
    """The bundled real sample (``rightstrack load-sample``: reference lists, UPR Info's
    41k rows, the Slovenia thematic lists, UHRI records), loaded once for the module and
    rolled back after it.

    Labels are suggested by the keyword rules alone (``classify suggest`` with no model):
    these tests need suggestions to exist and to read the same through the API and the
    portal, not a model. Training on the 41k rows (over three minutes of the suite on
    PostgreSQL) is what ``tests/classify/test_make_run_and_a_new_import_leave_every_recommendation_suggested.py``
    checks, with ``make run``'s own steps."""
    from django.core.management import call_command
    from django.db import transaction

    class _Rollback(Exception):
        pass

    with django_db_blocker.unblock():
        try:
            with transaction.atomic():
                call_command("load_sample", "--no-classify", verbosity=0, stdout=io.StringIO())
                call_command("classify", "suggest", stdout=io.StringIO())
                yield
                raise _Rollback
        except _Rollback:
            pass
