"""Account pages: login, logout, password change, two-factor steps, "my account"."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_POST

from rightstrack.accounts import twofactor
from rightstrack.accounts.actions import (
    do_create_api_token,
    do_revoke_api_token,
    do_update_preferences,
)
from rightstrack.accounts.decorators import login_required
from rightstrack.accounts.forms import AccountPreferencesForm, ApiTokenForm, LoginForm, TokenForm
from rightstrack.accounts.models import ApiToken


class LoginView(auth_views.LoginView):
    """Django's login view; on success, switches the interface to the user's preferred
    language when they chose one ("My account"), else keeps the visitor's language."""

    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form):  # type: ignore[no-untyped-def]
        response = super().form_valid(form)
        set_language_cookie(response, form.get_user().language)
        return response


login = LoginView.as_view()
logout = auth_views.LogoutView.as_view()
password_change = auth_views.PasswordChangeView.as_view(
    template_name="accounts/password_change.html",
    success_url=reverse_lazy("accounts:password_change_done"),
)
password_change_done = auth_views.PasswordChangeDoneView.as_view(
    template_name="accounts/password_change_done.html"
)


def set_language_cookie(response: HttpResponseBase, language: str) -> None:
    """Switch the interface to ``language`` (a code of ``LANGUAGES``; others are ignored)."""
    if language in dict(settings.LANGUAGES):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
        )


def _next_url(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return str(settings.LOGIN_REDIRECT_URL)


@sensitive_post_parameters("token")
@csrf_protect
@never_cache
def two_factor(request: HttpRequest) -> HttpResponse:
    """Second login step: ask for a TOTP code (publishing roles only)."""
    if not request.user.is_authenticated:
        return redirect(settings.LOGIN_URL)
    if not twofactor.has_confirmed_device(request.user):
        return redirect(reverse("accounts:two_factor_setup"))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if twofactor.do_verify_token(request, form.cleaned_data["token"]):
            return HttpResponseRedirect(_next_url(request))
        form.add_error("token", _("This code is not valid. Wait for a new code and try again."))
    return render(request, "accounts/two_factor.html", {"form": form, "next": _next_url(request)})


@sensitive_post_parameters("token")
@csrf_protect
@never_cache
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Enrol an authenticator app: QR code and typed key, confirmed by a first code."""
    if not request.user.is_authenticated:
        return redirect(settings.LOGIN_URL)
    if twofactor.has_confirmed_device(request.user):
        return redirect(reverse("accounts:two_factor"))
    device = twofactor.pending_device(request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if twofactor.do_confirm_device(request, device, form.cleaned_data["token"]):
            messages.success(request, _("Two-factor authentication is now on for your account."))
            return HttpResponseRedirect(_next_url(request))
        form.add_error("token", _("This code is not valid. Check the key and try again."))
    context = {
        "form": form,
        "qr_svg": twofactor.qr_code_svg(device),
        "secret": twofactor.base32_secret(device),
        "next": _next_url(request),
    }
    return render(request, "accounts/two_factor_setup.html", context)


@login_required
def my_account(request: HttpRequest) -> HttpResponse:
    """The user's own page: name, email, language and (contributors) the hidden-name choice."""
    form = AccountPreferencesForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user = do_update_preferences(request.user, **form.cleaned_data)  # type: ignore[arg-type]
        messages.success(request, _("Your preferences are saved."))
        response = redirect(reverse("accounts:my_account"))
        set_language_cookie(response, user.language)
        return response
    return render(request, "accounts/my_account.html", _account_context(request, form))


def _account_context(
    request: HttpRequest,
    form: AccountPreferencesForm,
    token_form: ApiTokenForm | None = None,
    new_token: str = "",
) -> dict[str, object]:
    return {
        "form": form,
        "token_form": token_form or ApiTokenForm(),
        "api_tokens": ApiToken.objects.filter(user=request.user),  # type: ignore[misc]
        "new_token": new_token,
    }


@require_POST
@login_required
@never_cache
@sensitive_variables("token")
def api_tokens(request: HttpRequest) -> HttpResponse:
    """Create (``name``) or revoke (``revoke=<id>``) one of the user's own API tokens.

    A new token is shown once, on the page this request returns (never stored in clear,
    never in a redirect); revoking redirects back to "My account".
    """
    user = request.user
    if "revoke" in request.POST:
        try:
            do_revoke_api_token(user, int(request.POST["revoke"]))  # type: ignore[arg-type]
        except (ApiToken.DoesNotExist, ValueError):
            raise Http404("No such token") from None
        messages.success(request, _("The token is revoked: it no longer gives access."))
        return redirect(reverse("accounts:my_account"))
    token_form = ApiTokenForm(request.POST)
    token = ""
    if token_form.is_valid():
        data = token_form.cleaned_data
        _record, token = do_create_api_token(user, data["name"], data["scope"])  # type: ignore[arg-type]
        token_form = ApiTokenForm()
    form = AccountPreferencesForm(instance=user)
    status = 200 if token else 400
    return render(
        request,
        "accounts/my_account.html",
        _account_context(request, form, token_form, token),
        status=status,
    )
