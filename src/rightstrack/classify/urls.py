"""URLs of the classify app."""

from django.urls import URLPattern, URLResolver

app_name = "classify"
urlpatterns: list[URLPattern | URLResolver] = []
