"""URLs of the classify app."""

from django.urls import path  # noqa: F401

app_name = "classify"
urlpatterns: list = []
