"""Django app configuration of the reports app."""

from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "rightstrack.reports"
    label = "reports"
    default_auto_field = "django.db.models.BigAutoField"
