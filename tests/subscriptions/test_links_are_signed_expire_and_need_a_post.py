"""Confirmation and unsubscribe links: signed (an altered token opens nothing), the
confirmation link expires after two days, opening a link (a mail scanner does) changes
nothing until the button is pressed, a mail client's one-click POST (RFC 8058, no CSRF
token) unsubscribes, and an unconfirmed address is erased once its link has expired."""

from __future__ import annotations

import datetime as dt
import time
from unittest import mock

import pytest
from django.test import Client
from django.utils import timezone

from rightstrack.catalog.models import Country
from rightstrack.subscriptions.actions import do_confirm_subscription, do_subscribe
from rightstrack.subscriptions.digest import send_digests
from rightstrack.subscriptions.models import Subscription
from rightstrack.subscriptions.tokens import confirmation_token, unsubscribe_token

pytestmark = pytest.mark.django_db

ADDRESS = "defensora@example.org"


@pytest.fixture
def pending(reference_data):
    subscription, _ = do_subscribe(
        email=ADDRESS, country=Country.objects.get(iso3="PRY"), language="fr"
    )
    return subscription


def test_opening_the_confirmation_link_changes_nothing_until_the_button(client, pending):
    url = f"/subscriptions/confirm/{confirmation_token(pending)}/"
    page = client.get(url)
    assert page.status_code == 200 and ADDRESS not in page.content.decode()
    pending.refresh_from_db()
    assert pending.confirmed_at is None
    assert client.post(url).status_code == 200
    pending.refresh_from_db()
    assert pending.is_active and pending.since == pending.confirmed_at


def test_an_altered_or_expired_confirmation_link_opens_nothing(client, pending):
    token = confirmation_token(pending)
    assert client.post(f"/subscriptions/confirm/{token[:-2]}xx/").status_code == 404
    later = time.time() + dt.timedelta(days=2, minutes=1).total_seconds()
    with mock.patch("django.core.signing.time.time", return_value=later):
        assert client.post(f"/subscriptions/confirm/{token}/").status_code == 404
    pending.refresh_from_db()
    assert pending.confirmed_at is None


def test_a_mail_clients_one_click_post_unsubscribes_without_a_csrf_token(pending):
    do_confirm_subscription(pending)
    client = Client(enforce_csrf_checks=True)
    url = f"/subscriptions/unsubscribe/{unsubscribe_token(pending)}/"
    assert client.get(url).status_code == 200
    pending.refresh_from_db()
    assert pending.archived_at is None  # opening the link is not unsubscribing
    answer = client.post(url, {"List-Unsubscribe": "One-Click"})
    assert answer.status_code == 200
    pending.refresh_from_db()
    assert pending.archived_at is not None and pending.email == ""
    assert client.post(url).status_code == 200  # twice: the same page
    # The history never held the address.
    assert "email" not in {f.name for f in Subscription.history.model._meta.fields}


def test_an_unconfirmed_address_is_erased_when_its_link_has_expired(pending):
    report = send_digests(base_url="https://rt.test", now=timezone.now() + dt.timedelta(days=1))
    assert report.expired == 0 and report.sent == []
    pending.refresh_from_db()
    assert pending.email == ADDRESS
    report = send_digests(base_url="https://rt.test", now=timezone.now() + dt.timedelta(days=3))
    assert report.expired == 1
    pending.refresh_from_db()
    assert pending.email == "" and pending.archived_at is not None


def test_a_dry_run_sends_nothing_and_moves_no_watermark(pending, settings):
    from django.core import mail

    from rightstrack.catalog.models import Document, Mechanism

    pending = do_confirm_subscription(pending, now=timezone.now() - dt.timedelta(seconds=1))
    Document.objects.create(
        key="CCPR/C/PRY/CO/5",
        symbol="CCPR/C/PRY/CO/5",
        doc_type=Document.Type.CONCLUDING_OBSERVATIONS,
        mechanism=Mechanism.objects.get(code="CCPR"),
        country=pending.country,
    )
    # No mail server at all: a dry run must not even connect.
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9
    report = send_digests(base_url="https://rt.test", dry_run=True)
    assert report.sent == [pending.pk] and mail.outbox == []
    since = pending.since
    pending.refresh_from_db()
    assert pending.since == since and pending.digests_sent == 0
