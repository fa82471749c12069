from typing import Any

from django.apps import AppConfig


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


def _suggest_after_import(sender: Any, **kwargs: Any) -> None:
    """Suggest labels for the recommendations an import stored (those without any)."""
    from rightstrack.classify.suggest import suggest_for

    suggest_for()
