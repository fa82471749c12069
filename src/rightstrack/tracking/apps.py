from django.apps import AppConfig


class TrackingConfig(AppConfig):
    name = "rightstrack.tracking"
    label = "tracking"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Registers the tracking sections of the portal's recommendation and country pages.
        from rightstrack.tracking import portal_panels  # noqa: F401
