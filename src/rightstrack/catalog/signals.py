"""Signals about catalogue records, for apps of the same or higher layers.

:data:`recommendations_stored`
    Sent by the import pipeline (``ingest/pipeline.py``, its "classify" step) inside the
    import's transaction, once everything is stored. Arguments: ``sender``, the
    :class:`~rightstrack.catalog.models.Recommendation` class. The classify app suggests
    labels for the recommendations that have none yet; an exception fails the import.
"""

from __future__ import annotations

from django.dispatch import Signal

__all__ = ["recommendations_stored"]

#: An import has stored its recommendations (``sender``: the Recommendation class).
recommendations_stored = Signal()
