"""Django app configuration of the ingest app (file imports into the catalogue).

The ingest app imports no higher app: tracking adds its importers with
:func:`rightstrack.ingest.importers.register` and the portal follows bulk loads
through :mod:`rightstrack.ingest.signals`, each from its own ``AppConfig.ready()``.
"""

from django.apps import AppConfig


class IngestConfig(AppConfig):
    name = "rightstrack.ingest"
    label = "ingest"
    default_auto_field = "django.db.models.BigAutoField"
