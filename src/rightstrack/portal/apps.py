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


class PortalConfig(AppConfig):
    name = "rightstrack.portal"
    label = "portal"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        post_migrate.connect(_ensure_search_index, dispatch_uid="portal_search_index")
        # Adds tracking's sections to the recommendation and country pages.
        from rightstrack.portal import tracking_sections  # noqa: F401
