from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _ensure_derived_triggers(using: str = "default", **kwargs: Any) -> None:
    """Recreate the SQLite triggers of ``catalog/derived.py`` when a later migration rebuilt
    a table and lost them."""
    from django.db import connections
    from django.db.migrations.recorder import MigrationRecorder

    from rightstrack.catalog import derived

    connection = connections[using]
    recorder = MigrationRecorder(connection)
    if (
        not recorder.has_table()
        or ("catalog", "0004_recommendation_is_public") not in recorder.applied_migrations()
    ):
        return
    derived.install(connection, only_if_missing=True)


class CatalogConfig(AppConfig):
    name = "rightstrack.catalog"
    label = "catalog"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Keep the public flag and the change token's triggers after every ``migrate``."""
        post_migrate.connect(_ensure_derived_triggers, dispatch_uid="catalog_derived_triggers")
