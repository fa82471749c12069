"""Schemathesis, driven by the published OpenAPI document, against a live test server:
every operation, generated parameters (valid and invalid), no 5xx, every answer as the
document says (status, content type, schema), and no restricted record in any answer.

Excluded: Schemathesis's "schema-valid request accepted" check. A cursor is an opaque token
the API issued, and ``country`` must name a State: the schema cannot say "a cursor we
issued" or "an ISO3 code of the reference list", so a made-up one is rightly answered 400
with the JSON error shape (which the other checks verify).

The data are the confidentiality world of ``tests/accounts`` (public and restricted
records; every restricted one carries :data:`MARKER`).
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import positive_data_acceptance

from .conftest import MARKER


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_every_operation_answers_as_documented_without_server_error(live_server, full_world):
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/v1/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 10
    calls = 0
    for operation in operations:

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
            response = case.call_and_validate(excluded_checks=[positive_data_acceptance])
            calls += 1
            assert MARKER not in response.text, case.formatted_path

        check()
    assert calls > 10 * len(operations)
