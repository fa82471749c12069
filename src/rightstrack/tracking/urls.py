"""URLs of the tracking app (mounted at /tracking/)."""

from django.urls import path

from rightstrack.tracking import communication_views, deadline_views, views

app_name = "tracking"
urlpatterns = [
    path("", views.index, name="index"),
    path("actors/", views.actor_list, name="actor_list"),
    path("actors/<int:pk>/", views.actor_detail, name="actor_detail"),
    path("recommendations/<int:pk>/", views.recommendation_tracking, name="recommendation"),
    path("recommendations/<int:pk>/assign/", views.assign, name="assign"),
    path("recommendations/<int:rec_pk>/assess/", views.assessment_edit, name="assessment_create"),
    path("assignments/<int:pk>/archive/", views.assignment_archive, name="assignment_archive"),
    path("plans/", views.plan_list, name="plan_list"),
    path("plans/new/", views.plan_edit, name="plan_create"),
    path("plans/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/edit/", views.plan_edit, name="plan_edit"),
    path("plans/<int:pk>/archive/", views.plan_archive, name="plan_archive"),
    path("plans/<int:plan_pk>/actions/new/", views.action_edit, name="action_create"),
    path("actions/<int:pk>/", views.action_detail, name="action_detail"),
    path("actions/<int:pk>/edit/", views.action_edit, name="action_edit"),
    path("actions/<int:pk>/archive/", views.action_archive, name="action_archive"),
    path("actions/<int:pk>/review/", views.action_review, name="action_review"),
    path("actions/<int:action_pk>/indicators/new/", views.indicator_edit, name="indicator_create"),
    path("indicators/<int:pk>/edit/", views.indicator_edit, name="indicator_edit"),
    path("indicators/<int:pk>/archive/", views.indicator_archive, name="indicator_archive"),
    path("indicators/<int:pk>/measurements/new/", views.measurement_add, name="measurement_add"),
    path("measurements/<int:pk>/archive/", views.measurement_archive, name="measurement_archive"),
    path("assessments/<int:pk>/", views.assessment_detail, name="assessment_detail"),
    path("assessments/<int:pk>/edit/", views.assessment_edit, name="assessment_edit"),
    path("assessments/<int:pk>/review/", views.assessment_review, name="assessment_review"),
    path("assessments/<int:pk>/archive/", views.assessment_archive, name="assessment_archive"),
    path(
        "<str:kind>/<int:pk>/evidence/new/",
        views.evidence_add,
        name="evidence_add",
    ),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence_download"),
    path("evidence/<int:pk>/archive/", views.evidence_archive, name="evidence_archive"),
    path("evidence/<int:pk>/review/", views.evidence_review, name="evidence_review"),
    path("measurements/<int:pk>/review/", views.measurement_review, name="measurement_review"),
    path("moderation/", views.moderation_queue, name="moderation"),
    path("history/<str:model>/<int:pk>/", views.history, name="history"),
    path("countries/<str:iso3>/dashboard/", views.dashboard, name="dashboard"),
    path("deadlines/", deadline_views.deadlines_page, name="deadlines"),
    path("deadlines/user/<str:token>.ics", deadline_views.user_ics, name="deadlines_user_ics"),
    path("deadlines/<str:iso3>.ics", deadline_views.country_ics, name="deadlines_country_ics"),
    path("communications/new/", communication_views.communication_new, name="communication_new"),
    path(
        "communications/<int:pk>/",
        communication_views.communication_manage,
        name="communication_manage",
    ),
    path(
        "interventions/<int:pk>/decide/",
        communication_views.intervention_decide,
        name="intervention_decide",
    ),
    path(
        "interventions/<int:pk>/file/",
        communication_views.intervention_file,
        name="intervention_file",
    ),
]
