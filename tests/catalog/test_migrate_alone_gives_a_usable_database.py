"""``rightstrack migrate`` alone gives a database that imports work on.

The data migration ``catalog.0002_reference_data`` loads the reference lists that
``seed-reference`` loads, so the first import needs no other step.
"""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from rightstrack.catalog.models import Country, Mechanism, Recommendation, SdgTarget, UprIssue
from rightstrack.catalog.reference import read_rows


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_the_first_upr_info_file_imports_right_after_migrate(shared_raw):
    # The suite's test database has empty reference tables (tests/conftest.py); take the
    # catalogue back to before the data migration, then migrate as on a new database.
    call_command("migrate", "catalog", "0001", verbosity=0)
    assert not Country.objects.exists()
    call_command("migrate", verbosity=0)

    assert Country.objects.count() == len(read_rows("countries.csv")) == 197
    assert Mechanism.objects.filter(code="UPR").exists()
    assert SdgTarget.objects.count() == 169
    assert UprIssue.objects.exists()
    refresh = io.StringIO()
    call_command("seed_reference", stdout=refresh)
    assert "0 created, 0 updated" in refresh.getvalue()  # migrate loaded every list in full

    out = io.StringIO()
    path = shared_raw / "upr-info-terman" / "upr-info-db-2008-2014" / "1-5.csv"
    call_command("import", str(path), stdout=out)

    assert "succeeded" in out.getvalue()
    assert Recommendation.objects.count() == 6094
