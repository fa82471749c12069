"""Django app configuration of the reports app."""

from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "rightstrack.reports"
    label = "reports"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Add the reports' links to the portal's document page."""
        from rightstrack.reports import portal_sections  # noqa: F401
