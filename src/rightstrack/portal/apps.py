from collections.abc import Iterable
from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _ensure_search_index(using: str = "default", **kwargs: Any) -> None:
    """Recreate the SQLite search triggers if a later migration rebuilt a table and lost them."""
    from django.db import connections
    from django.db.migrations.recorder import MigrationRecorder

    from rightstrack.portal import search_index

    connection = connections[using]
    recorder = MigrationRecorder(connection)
    if not recorder.has_table() or ("portal", "0001_initial") not in recorder.applied_migrations():
        return
    search_index.install(connection, only_if_missing=True)
    if ("portal", "0004_list_summary") in recorder.applied_migrations():
        from rightstrack.catalog import derived

        derived.install_change_triggers(connection, [search_index.SEARCH_TABLE])


def _suspend_search_triggers(sender: Any, **kwargs: Any) -> None:
    """On ``ingest.signals.bulk_load_started``: drop the search-refresh triggers."""
    from django.db import connection

    from rightstrack.portal import search_index

    search_index.suspend_refresh_triggers(connection)


def _resume_search_triggers(sender: Any, record_ids: Iterable[int], **kwargs: Any) -> None:
    """On ``ingest.signals.bulk_load_finished``: re-create the search-refresh triggers and
    rewrite the search rows of the recommendations the bulk load wrote (``record_ids``)."""
    from django.db import connection

    from rightstrack.portal import search_index

    search_index.resume_refresh_triggers(connection, record_ids)


def _precompute_list_after_commit(sender: Any, **kwargs: Any) -> None:
    """On ``ingest.signals.bulk_load_finished``: once the import is committed, count the
    unfiltered list's facets for the public (``portal/list_cache.py``)."""
    from django.db import transaction

    from rightstrack.portal.list_cache import precompute_common_pages

    transaction.on_commit(precompute_common_pages)


class PortalConfig(AppConfig):
    name = "rightstrack.portal"
    label = "portal"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Keep the search index in step (after migrations, around ingest bulk loads) and add
        tracking's and classify's sections to the portal's pages."""
        from rightstrack.catalog.models import Recommendation
        from rightstrack.ingest import signals as ingest_signals

        post_migrate.connect(_ensure_search_index, dispatch_uid="portal_search_index")
        # Bulk imports: the search index catches up once instead of row by row.
        ingest_signals.bulk_load_started.connect(
            _suspend_search_triggers, sender=Recommendation, dispatch_uid="portal_search_suspend"
        )
        ingest_signals.bulk_load_finished.connect(
            _resume_search_triggers, sender=Recommendation, dispatch_uid="portal_search_resume"
        )
        # ... and the unfiltered list's facet counts are ready before the first visitor.
        ingest_signals.bulk_load_finished.connect(
            _precompute_list_after_commit, sender=Recommendation, dispatch_uid="portal_list_counts"
        )
        # Adds tracking's sections to the recommendation and country pages.
        # Adds classify's suggested labels to the recommendation page.
        from rightstrack.portal import (
            classify_sections,  # noqa: F401
            tracking_sections,  # noqa: F401
        )
        # Adds tracking's sections to the recommendation and country pages, and
        # classify's "Recommended again" section to the recommendation page.
