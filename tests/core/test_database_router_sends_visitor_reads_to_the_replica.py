"""With a replica, visitors' GET/HEAD of the portal, API and feeds read from it; writes,
other methods, signed-in users and staff pages use the primary (core/db_router.py)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import router
from django.http import HttpResponse
from django.test import RequestFactory

from rightstrack.catalog.models import Recommendation
from rightstrack.core import db_router


@pytest.mark.parametrize(
    ("method", "path", "signed_in", "expected"),
    [
        ("GET", "/", False, True),
        ("GET", "/recommendations/", False, True),
        ("HEAD", "/recommendations.json", False, True),
        ("GET", "/recommendations/12/", False, True),
        ("GET", "/documents/3/", False, True),
        ("GET", "/countries/SVN/", False, True),
        ("GET", "/api/v1/recommendations", False, True),
        ("GET", "/reports/feeds/country/SVN.atom", False, True),
        ("POST", "/recommendations/", False, False),
        ("GET", "/recommendations/", True, False),
        ("GET", "/tracking/", False, False),
        ("GET", "/admin/", False, False),
        ("GET", "/ingest/", False, False),
        ("GET", "/accounts/login/", False, False),
    ],
)
def test_which_requests_read_from_the_replica(method, path, signed_in, expected):
    assert db_router.routes_to_replica(method, path, signed_in) is expected


def _read_alias_during(request, monkeypatch, configured=True):
    monkeypatch.setattr(db_router, "replica_configured", lambda: configured)
    seen = {}

    def view(req):
        seen["read"] = router.db_for_read(Recommendation)
        seen["write"] = router.db_for_write(Recommendation)
        return HttpResponse("ok")

    db_router.ReplicaRoutingMiddleware(view)(request)
    return seen


def test_a_visitors_list_page_reads_from_the_replica_and_writes_to_the_primary(monkeypatch):
    request = RequestFactory().get("/recommendations/")
    request.user = AnonymousUser()

    seen = _read_alias_during(request, monkeypatch)

    assert seen == {"read": "replica", "write": "default"}
    assert router.db_for_read(Recommendation) == "default"  # only inside the request


def test_without_a_replica_everything_reads_from_the_primary(monkeypatch):
    request = RequestFactory().get("/recommendations/")
    request.user = AnonymousUser()

    assert _read_alias_during(request, monkeypatch, configured=False)["read"] == "default"


def test_a_post_reads_from_the_primary(monkeypatch):
    request = RequestFactory().post("/recommendations/")
    request.user = AnonymousUser()

    assert _read_alias_during(request, monkeypatch)["read"] == "default"


def test_migrations_run_on_the_primary_only():
    replica_router = db_router.ReplicaRouter()
    assert replica_router.allow_migrate("default", "catalog") is True
    assert replica_router.allow_migrate("replica", "catalog") is False


def test_the_replica_alias_comes_from_database_replica_url(monkeypatch):
    import importlib

    import rightstrack.settings as project_settings

    monkeypatch.setenv("DATABASE_URL", "postgres://u@primary:5432/rt")
    monkeypatch.setenv("DATABASE_REPLICA_URL", "postgres://u@standby:5433/rt")
    try:
        fresh = importlib.reload(project_settings)
        assert fresh.DATABASES["replica"]["HOST"] == "standby"
        assert fresh.DATABASES["replica"]["PORT"] == 5433
        assert fresh.DATABASES["replica"]["TEST"] == {"MIRROR": "default"}
    finally:
        monkeypatch.undo()
        importlib.reload(project_settings)
