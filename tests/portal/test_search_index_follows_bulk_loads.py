"""The portal follows the ingest app's bulk-load signals: its search triggers are suspended
during a large import, then re-created, and the rows of every record written are there."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db import connection

from rightstrack.catalog.models import Recommendation
from rightstrack.ingest import signals, store
from rightstrack.ingest.pipeline import import_file
from rightstrack.portal.models import SearchDocument
from rightstrack.portal.search import search

pytestmark = pytest.mark.django_db

CYCLE4 = (
    Path(__file__).resolve().parents[2]
    / "data/sample/thematic-lists/upr48-slovenia-thematic-list-of-recommendatio.docx"
)


def search_triggers() -> set[str]:
    with connection.cursor() as cur:
        if connection.vendor == "sqlite":
            cur.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        else:
            cur.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        return {name for (name,) in cur.fetchall() if name.startswith("portal_search_")}


def test_search_rows_are_refreshed_and_triggers_restored_after_a_bulk_load(
    reference_data, monkeypatch
):
    monkeypatch.setattr(store, "BULK_LOAD_THRESHOLD", 100)
    before = search_triggers()
    during: list[set[str]] = []

    def look(sender, **kwargs):  # connected after the portal's receiver, so runs after it
        during.append(search_triggers())

    signals.bulk_load_started.connect(look, dispatch_uid="test_look_at_triggers")
    try:
        run = import_file(CYCLE4)
    finally:
        signals.bulk_load_started.disconnect(dispatch_uid="test_look_at_triggers")
    assert run.status == "succeeded" and run.created == 254
    assert "portal_search_rec_ins" in before
    assert "portal_search_rec_ins" not in during[0]  # suspended while loading
    assert search_triggers() == before
    assert set(SearchDocument.objects.values_list("pk", flat=True)) == set(
        Recommendation.objects.values_list("pk", flat=True)
    )
    rec = Recommendation.objects.order_by("pk").first()
    rec.text = "Establish a Quillbarrow commission"  # the refresh trigger is back
    rec.save()
    assert list(search(Recommendation.objects.all(), "Quillbarrow")) == [rec]
