from django.apps import AppConfig


class TrackingConfig(AppConfig):
    name = "rightstrack.tracking"
    label = "tracking"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Register the tracking importers into the ingest registry; link bulk history rows."""
        _register_importers()
        from simple_history.signals import pre_create_historical_record

        pre_create_historical_record.connect(_attach_batch, dispatch_uid="tracking_batch")


def _attach_batch(
    sender: object, instance: object, history_instance: object, **kwargs: object
) -> None:
    """Copy ``instance._history_batch`` (set by the bulk verbs) onto its history row."""
    batch = getattr(instance, "_history_batch", None)
    if batch is not None and hasattr(history_instance, "batch_id"):
        history_instance.batch = batch  # type: ignore[attr-defined]


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
