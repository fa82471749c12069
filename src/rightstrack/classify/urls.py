"""URLs of the classify app."""

from django.urls import URLPattern, URLResolver, path

from rightstrack.classify import views

app_name = "classify"
urlpatterns: list[URLPattern | URLResolver] = [
    path("clusters/<int:pk>/", views.cluster_detail, name="cluster_detail"),
    path("clusters/<int:pk>/confirm/", views.cluster_confirm, name="cluster_confirm"),
    path("clusters/<int:pk>/split/", views.cluster_split, name="cluster_split"),
]
