"""URLs of the classify app: review of suggested labels (coordinators)."""

from django.urls import URLPattern, URLResolver, path

from rightstrack.classify import views

app_name = "classify"
urlpatterns: list[URLPattern | URLResolver] = [
    path("review/", views.review_queue, name="review"),
    path("publication/", views.publication, name="publication"),
    path("suggestions/<int:pk>/accept/", views.decide, {"decision": "accept"}, name="accept"),
    path("suggestions/<int:pk>/reject/", views.decide, {"decision": "reject"}, name="reject"),
    path("clusters/<int:pk>/", views.cluster_detail, name="cluster_detail"),
    path("clusters/<int:pk>/confirm/", views.cluster_confirm, name="cluster_confirm"),
    path("clusters/<int:pk>/split/", views.cluster_split, name="cluster_split"),
]
