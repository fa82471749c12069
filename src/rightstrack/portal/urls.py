"""Portal URLs (public site)."""

from django.urls import path

from rightstrack.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
]
