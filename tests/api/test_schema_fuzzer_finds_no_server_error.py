"""Schemathesis, driven by the published OpenAPI document, against a live test server:
every operation, generated parameters (valid and invalid), no 5xx, every answer as the
document says (status, content type, schema), and no restricted record in any answer.

Excluded: Schemathesis's "schema-valid request accepted" check. A cursor is an opaque token
the API issued, and ``country`` must name a State: the schema cannot say "a cursor we
issued" or "an ISO3 code of the reference list", so a made-up one is rightly answered 400
with the JSON error shape (which the other checks verify).

The data are the confidentiality world of ``tests/accounts`` (public and restricted
records; every restricted one carries :data:`MARKER`).

The write operations (``x-token-scope: write``) are fuzzed with a read-and-write token of
focal point A, whose ministry is responsible for the world's public action and assigned
its recommendation (and for the restricted action, which the token must not reach): the
generated writes that name a real record go through the verbs and change it, the others
are refused (400, 403, 404), and none may answer 5xx or show a restricted record.
Schemathesis's own "ignored auth" check also sends each write without the token and
expects the documented 401.

The rate limits are lifted for the run (``tests/api/test_rate_limits.py`` tests them): with
120 anonymous requests a minute most generated requests were answered 429 before they
reached an endpoint, and the "ignored auth" check's request without a token got the 429
of the exhausted anonymous limit instead of the 401 it looks for.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import positive_data_acceptance

from rightstrack.accounts.actions import do_create_api_token

from .conftest import MARKER


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
@override_settings(RIGHTSTRACK_API_ANON_RATE=10**6, RIGHTSTRACK_API_TOKEN_RATE=10**6)
def test_every_operation_answers_as_documented_without_server_error(live_server, full_world, cast):
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/v1/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 10
    _record, token = do_create_api_token(cast["focal_point_a"], "fuzzer", "write")
    calls = 0
    writes = 0
    for operation in operations:
        writer = operation.definition.raw.get("x-token-scope") == "write"
        writes += writer
        headers = {"Authorization": f"Bearer {token}"} if writer else None

        @settings(
            max_examples=20,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy())
        def check(case) -> None:
            nonlocal calls
            response = case.call_and_validate(
                headers=headers,  # noqa: B023 - check() runs in this same iteration
                excluded_checks=[positive_data_acceptance],
            )
            calls += 1
            assert MARKER not in response.text, case.formatted_path

        check()
    assert calls > 10 * len(operations)
    assert writes >= 5
