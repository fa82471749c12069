"""Portal URLs (public site). Paths and query parameter names are stable: other tools read them."""

from django.urls import path

from rightstrack.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("recommendations/", views.recommendation_list, name="recommendation_list"),
    path("recommendations/bulk/", views.recommendation_bulk, name="recommendation_bulk"),
    path("recommendations/facets/", views.recommendation_facets, name="recommendation_facets"),
    path("recommendations.json", views.recommendation_list_json, name="recommendation_list_json"),
    path("recommendations.csv", views.recommendation_list_csv, name="recommendation_list_csv"),
    path("recommendations/<int:pk>/", views.recommendation_detail, name="recommendation_detail"),
    path(
        "recommendations/<int:pk>.json",
        views.recommendation_detail_json,
        name="recommendation_detail_json",
    ),
    path("documents/<int:pk>/", views.document_detail, name="document_detail"),
    path("communications/", views.communication_list, name="communication_list"),
    path("communications/<int:pk>/", views.communication_detail, name="communication_detail"),
    path("countries/", views.country_list, name="country_list"),
    path("countries/<str:iso3>/", views.country_detail, name="country_detail"),
]
