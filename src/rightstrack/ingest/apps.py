from django.apps import AppConfig


class IngestConfig(AppConfig):
    name = "rightstrack.ingest"
    label = "ingest"
    default_auto_field = "django.db.models.BigAutoField"
