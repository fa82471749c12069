from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "rightstrack.reports"
    label = "reports"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Registers the ``actions`` and ``assessments`` export kinds.
        from rightstrack.reports import tracking_data  # noqa: F401
