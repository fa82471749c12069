"""URLs of the accounts app (mounted at ``/accounts/``)."""

from django.urls import path

from rightstrack.accounts import people_views, signup_views, views

app_name = "accounts"
urlpatterns = [
    path("login/", views.login, name="login"),
    path("logout/", views.logout, name="logout"),
    path("two-factor/", views.two_factor, name="two_factor"),
    path("two-factor/setup/", views.two_factor_setup, name="two_factor_setup"),
    path("password/", views.password_change, name="password_change"),
    path("password/done/", views.password_change_done, name="password_change_done"),
    path("me/", views.my_account, name="my_account"),
    path("me/tokens/", views.api_tokens, name="api_tokens"),
    path("people/", people_views.people, name="people"),
    path("people/invite/", people_views.invite, name="invite"),
    path("people/<int:pk>/", people_views.person, name="person"),
    path("people/<int:pk>/deactivate/", people_views.person_deactivate, name="person_deactivate"),
    path("people/<int:pk>/reactivate/", people_views.person_reactivate, name="person_reactivate"),
    path(
        "invitations/<int:pk>/withdraw/",
        people_views.invitation_withdraw,
        name="invitation_withdraw",
    ),
    path("invitation/<str:token>/", people_views.accept_invitation, name="accept_invitation"),
    path("signup/", signup_views.signup, name="signup"),
    path("signup/sent/", signup_views.signup_sent, name="signup_sent"),
    path("signup/verify/<str:token>/", signup_views.signup_verify, name="signup_verify"),
]
