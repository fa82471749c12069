"""URLs of the ingest app."""

from django.urls import path  # noqa: F401

app_name = "ingest"
urlpatterns: list = []
