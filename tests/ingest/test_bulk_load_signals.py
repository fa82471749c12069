"""A large import announces its bulk load with signals, inside its transaction, and names
the records it wrote; a small one sends nothing."""

from __future__ import annotations

import pytest

from rightstrack.catalog.models import Recommendation
from rightstrack.ingest import signals, store
from rightstrack.ingest.pipeline import import_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def heard():
    """The bulk-load signals received, in order: (signal name, sender, record ids or None)."""
    events: list[tuple[str, type, frozenset[int] | None]] = []

    def started(sender, **kwargs):
        events.append(("started", sender, None))

    def finished(sender, record_ids, **kwargs):
        events.append(("finished", sender, record_ids))

    signals.bulk_load_started.connect(started, dispatch_uid="test_bulk_load_started")
    signals.bulk_load_finished.connect(finished, dispatch_uid="test_bulk_load_finished")
    yield events
    signals.bulk_load_started.disconnect(dispatch_uid="test_bulk_load_started")
    signals.bulk_load_finished.disconnect(dispatch_uid="test_bulk_load_finished")


def test_a_small_import_sends_no_bulk_load_signal(reference_data, cycle4, heard):
    run = import_file(cycle4)
    assert run.created == 254 < store.BULK_LOAD_THRESHOLD
    assert heard == []


def test_a_large_import_names_every_record_it_wrote(reference_data, cycle4, heard, monkeypatch):
    monkeypatch.setattr(store, "BULK_LOAD_THRESHOLD", 100)
    run = import_file(cycle4)
    assert run.status == "succeeded" and run.created == 254
    written = frozenset(Recommendation.objects.values_list("pk", flat=True))
    assert heard == [("started", Recommendation, None), ("finished", Recommendation, written)]
