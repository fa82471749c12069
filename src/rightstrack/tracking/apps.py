from django.apps import AppConfig


class TrackingConfig(AppConfig):
    name = "rightstrack.tracking"
    label = "tracking"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Register the tracking importers into the ingest registry."""
        _register_importers()


def _register_importers() -> None:
    """Add the tracking app's importers to the ingest importers registry.

    The committee-grades and DIDH-tracker importers write tracking models, so it lives here rather than in
    ``ingest/sources/`` (which the registry discovers by itself); once registered,
    ``rightstrack import``, ``rightstrack import-shared`` and the web upload detect it by
    score like every other format.
    """
    from rightstrack.ingest import importers
    from rightstrack.tracking.grades_import import CommitteeGradesSource
    from rightstrack.tracking.tracker_import import DidhTrackerSource

    importers.register(CommitteeGradesSource())
    importers.register(DidhTrackerSource())
