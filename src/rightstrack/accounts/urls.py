"""URLs of the accounts app (mounted at ``/accounts/``)."""

from django.urls import path

from rightstrack.accounts import views

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
]
