from django.apps import AppConfig


class ClassifyConfig(AppConfig):
    name = "rightstrack.classify"
    label = "classify"
    default_auto_field = "django.db.models.BigAutoField"
