"""Public subscription pages: the form, "check your mail", confirm, unsubscribe.

No account is needed. Protections as on sign-up (``accounts/signup_views.py``): a
throttle per client address, a honeypot, and the same "check your email" page whatever
happened, so the form tells nobody whether an address is already subscribed. No page
ever shows an address. Confirming and unsubscribing are POSTs: a link opened by a mail
scanner changes nothing. The unsubscribe POST is exempt from CSRF because mail clients
send it themselves for RFC 8058 one-click unsubscription (the signed token is the
authority).
"""

from __future__ import annotations

import smtplib

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from rightstrack.accounts.throttle import subscription_attempt_allowed
from rightstrack.subscriptions import actions, mail, tokens
from rightstrack.subscriptions.forms import SubscribeForm


@never_cache
def subscribe(request: HttpRequest) -> HttpResponse:
    """The form (``?country=PRY`` preselects a country); on success a confirmation mail."""
    initial = {"language": request.LANGUAGE_CODE, "country": request.GET.get("country", "")}
    form = SubscribeForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if not subscription_attempt_allowed(request):
            return render(request, "subscriptions/throttled.html", status=429)
        if form.is_bot:
            return redirect("subscriptions:sent")
        if form.is_valid():
            data = form.cleaned_data
            subscription, needs_confirmation = actions.do_subscribe(
                email=data["email"],
                country=data["country"],
                mechanism=data["mechanism"],
                theme=data["theme"],
                language=data["language"],
            )
            if needs_confirmation:
                try:
                    mail.send_confirmation(subscription, request.build_absolute_uri("/"))
                except (OSError, smtplib.SMTPException):
                    return render(request, "subscriptions/mail_failed.html", status=503)
            return redirect("subscriptions:sent")
    return render(request, "subscriptions/subscribe.html", {"form": form})


def sent(request: HttpRequest) -> HttpResponse:
    """ "Check your email": the same page whatever happened."""
    return render(request, "subscriptions/sent.html")


@never_cache
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET: what is about to be confirmed and a button; POST: the subscription opens."""
    try:
        subscription = tokens.subscription_to_confirm(token)
    except tokens.LinkError:
        return render(request, "subscriptions/link_invalid.html", status=404)
    context = {"scope": mail.scope_label(subscription), "token": token}
    if request.method == "POST":
        actions.do_confirm_subscription(subscription)
        context["unsubscribe_url"] = mail.unsubscribe_url(
            subscription, request.build_absolute_uri("/")
        )
        return render(request, "subscriptions/confirmed.html", context)
    return render(request, "subscriptions/confirm.html", context)


@csrf_exempt
@never_cache
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET: a button; POST (the button, or a mail client's one-click): archived, address
    erased. Unsubscribing twice shows the same page."""
    try:
        subscription = tokens.subscription_to_unsubscribe(token)
    except tokens.LinkError:
        return render(request, "subscriptions/link_invalid.html", status=404)
    context = {"scope": mail.scope_label(subscription), "token": token}
    if request.method == "POST" or subscription.archived_at is not None:
        actions.do_unsubscribe(subscription)
        return render(request, "subscriptions/unsubscribed.html", context)
    return render(request, "subscriptions/unsubscribe.html", context)
