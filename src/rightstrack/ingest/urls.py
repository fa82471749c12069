"""URLs of the ingest app (mounted at ``/ingest/``)."""

from django.urls import path

from rightstrack.ingest import views

app_name = "ingest"
urlpatterns = [
    path("upload/", views.upload, name="upload"),
    path("upload/confirm/", views.confirm, name="confirm"),
    path("upload/cancel/", views.cancel, name="cancel"),
    path("upload/<str:staged>/columns/", views.map_columns, name="map_columns"),
    path("runs/", views.run_list, name="run_list"),
    path("runs/<int:pk>/", views.run_detail, name="run_detail"),
]
