"""After a bulk import the planner sees the new rows, and on PostgreSQL the tables the
import wrote are vacuumed: their pages are all-visible (``ingest/planner.py``).

Without it, on a server where autovacuum is off or has not come round yet, a visitor's
search count read every heap page of the search rows, dead versions included (p95 79.9 ms
against 17.1 ms on the 250,000-recommendation bench, ``docs/scaling.md``).
"""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db import connection

from rightstrack.catalog.models import Recommendation
from rightstrack.ingest.planner import BULK_THRESHOLD, after_bulk_import


def pages(table: str) -> tuple[int, int]:
    """(pages, all-visible pages) of ``table`` as PostgreSQL's catalogue records them."""
    with connection.cursor() as cur:
        cur.execute("SELECT relpages, relallvisible FROM pg_class WHERE relname = %s", [table])
        relpages, allvisible = cur.fetchone()
    return int(relpages), int(allvisible)


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_an_import_of_the_first_upr_info_file_leaves_statistics_and_tidy_tables(
    reference_data, upr_info_dir
):
    out = io.StringIO()
    call_command("import", str(upr_info_dir / "1-5.csv.gz"), "--no-suggest", stdout=out)

    assert "succeeded" in out.getvalue()
    # UPR Info's 1-5.csv holds 6,094 recommendations (sessions 1 to 5).
    assert Recommendation.objects.count() == 6094 > BULK_THRESHOLD
    if connection.vendor == "postgresql":
        for table in ("catalog_recommendation", "portal_searchdocument"):
            relpages, allvisible = pages(table)
            assert relpages > 0
            assert allvisible == relpages, table
        with connection.cursor() as cur:
            cur.execute("SELECT reltuples FROM pg_class WHERE relname = 'catalog_recommendation'")
            assert int(cur.fetchone()[0]) == 6094
    else:
        with connection.cursor() as cur:
            cur.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = 'catalog_recommendation'")
            stats = [row[0] for row in cur.fetchall()]
        # Each index's statistics start with the table's row count.
        assert stats
        assert all(int(stat.split()[0]) == 6094 for stat in stats)


@pytest.mark.django_db
def test_inside_a_transaction_only_the_statistics_are_refreshed():
    # VACUUM cannot run inside a transaction block (the test's): ANALYZE alone, no error.
    assert connection.in_atomic_block
    assert after_bulk_import(BULK_THRESHOLD) is False
    assert after_bulk_import(BULK_THRESHOLD + 1) is True
