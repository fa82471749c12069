"""Signals the ingest app sends around bulk loads, for apps that keep derived data in step.

The ingest app imports no higher app. An app that keeps something derived from the
catalogue up to date row by row (the portal's full-text search index, refreshed by
database triggers) subscribes to these signals in its ``AppConfig.ready()`` instead.

Why: per-row work is right for edits, but a bulk import of 41,000 recommendations and
55,000 tag rows would redo it for each of them (measured: 195 s of search-row rewrites
for the five UPR Info files on PostgreSQL). Around a large import a receiver can suspend
the per-row work and catch up once, for exactly the records the import wrote.

Both signals are sent inside the import's transaction (``transaction.atomic()`` of
:func:`~rightstrack.ingest.pipeline.import_file`, on the default database): what a
receiver does there is rolled back with a failed import (DDL too, on SQLite and
PostgreSQL). An exception raised by a receiver fails the import.

:data:`bulk_load_started`
    Sent at most once per import, just before an importer writes more than
    :data:`~rightstrack.ingest.store.BULK_LOAD_THRESHOLD` records of ``sender`` in one
    :func:`~rightstrack.ingest.store.upsert_records` call. Arguments: ``sender``, the
    model class being loaded (:class:`~rightstrack.catalog.models.Recommendation`).

:data:`bulk_load_finished`
    Sent once the importer has stored everything, only when :data:`bulk_load_started`
    was sent during the same import. Arguments: ``sender``, the same model class;
    ``record_ids``, a ``frozenset[int]`` of the primary keys of the ``sender`` records the
    import created or updated (fields or tags) from :data:`bulk_load_started` on.

:data:`recommendations_stored` (defined in ``catalog/signals.py``, so that the classify
app, beside ingest in the layers, can listen without importing ingest)
    Sent once per successful import after everything is stored (the pipeline's
    "classify" step), unless the import was asked not to (``import_file(suggest=False)``,
    ``rightstrack import --no-suggest``). Arguments: ``sender``, the
    :class:`~rightstrack.catalog.models.Recommendation` class. The classify app answers by
    suggesting labels for the recommendations that have none yet.
"""

from __future__ import annotations

from django.dispatch import Signal

from rightstrack.catalog.signals import recommendations_stored

__all__ = ["bulk_load_finished", "bulk_load_started", "recommendations_stored"]

#: A large bulk write is about to start (``sender``: the model class).
bulk_load_started = Signal()

#: The bulk load has ended (``sender``: the model class; ``record_ids``: ``frozenset[int]``).
bulk_load_finished = Signal()
