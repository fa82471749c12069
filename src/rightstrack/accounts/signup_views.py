"""Public sign-up of contributors: a form, a verification email, a signed link.

Protections (``docs/security.md``): throttled per client address with the login
throttle's limits (``accounts.throttle``); a honeypot field that people do not see;
the account stays inactive until the address is verified; contributors publish nothing
without moderation. No external captcha: nothing loads from another site.
"""

from __future__ import annotations

import smtplib

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from rightstrack.accounts import actions as verbs
from rightstrack.accounts import invitations
from rightstrack.accounts.forms import SignUpForm
from rightstrack.accounts.throttle import signup_attempt_allowed


@sensitive_post_parameters("password1", "password2")
@never_cache
def signup(request: HttpRequest) -> HttpResponse:
    """The sign-up form; on success an email with the verification link, then "check your mail"."""
    if request.user.is_authenticated:
        return redirect("accounts:my_account")
    form = SignUpForm(request.POST or None)
    if request.method == "POST":
        if not signup_attempt_allowed(request):
            return render(request, "accounts/signup_throttled.html", status=429)
        if form.is_bot:
            return redirect("accounts:signup_sent")  # say nothing a bot could learn from
        if form.is_valid():
            data = form.cleaned_data
            try:
                account = verbs.do_sign_up(
                    username=data["username"],
                    email=data["email"],
                    password=data["password1"],
                    display_name=data["display_name"],
                    hide_name_publicly=data["hide_name_publicly"],
                    language=request.LANGUAGE_CODE,
                )
            except ValueError:
                form.add_error("username", form.fields["username"].error_messages["invalid"])
            else:
                token = invitations.verification_token(account)
                link = request.build_absolute_uri(reverse("accounts:signup_verify", args=[token]))
                try:
                    invitations.send_verification(account, link)
                except (OSError, smtplib.SMTPException):
                    return render(request, "accounts/signup_mail_failed.html", status=503)
                return redirect("accounts:signup_sent")
    return render(request, "accounts/signup.html", {"form": form})


def signup_sent(request: HttpRequest) -> HttpResponse:
    """ "Check your mail": the same page whatever happened (a bot learns nothing)."""
    return render(request, "accounts/signup_sent.html")


@never_cache
def signup_verify(request: HttpRequest, token: str) -> HttpResponse:
    """Follow the verification link: the account opens; then the visitor logs in."""
    try:
        account = invitations.account_for_verification_token(token)
        verbs.do_verify_email(account)
    except (invitations.LinkError, PermissionDenied):
        return render(request, "accounts/link_invalid.html", status=404)
    return render(request, "accounts/signup_verified.html")
