from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate

#: Tables whose writes replace the catalogue change token (migration 0003).
COUNTED_TABLES = ["classify_cluster", "classify_clustermember"]


class ClassifyConfig(AppConfig):
    name = "rightstrack.classify"
    label = "classify"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The import pipeline's classify step: ingest sends the signal, classify answers.
        # ingest and classify are one layer and may not import each other, so the signal
        # lives in catalog, below both.
        from rightstrack.catalog.signals import recommendations_stored

        recommendations_stored.connect(_suggest_after_import, dispatch_uid="classify-suggest")
        post_migrate.connect(_ensure_change_triggers, dispatch_uid="classify-change-triggers")


def _suggest_after_import(sender: Any, **kwargs: Any) -> None:
    """Suggest labels for the recommendations an import stored (those without any)."""
    from rightstrack.classify.suggest import suggest_for

    suggest_for()


def _ensure_change_triggers(using: str = "default", **kwargs: Any) -> None:
    """Recreate the change-token triggers of the cluster tables after ``migrate`` when a
    later migration rebuilt a table and lost them (SQLite rebuilds tables to alter them)."""
    from django.db import connections
    from django.db.migrations.recorder import MigrationRecorder

    from rightstrack.catalog import derived

    connection = connections[using]
    recorder = MigrationRecorder(connection)
    applied = recorder.applied_migrations() if recorder.has_table() else {}
    if ("classify", "0003_clusters_replace_the_catalogue_token") in applied:
        derived.install_change_triggers(connection, COUNTED_TABLES)
