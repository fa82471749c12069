"""The public subscription form: a honeypot, a throttle per client address with the login
throttle's limits (``AXES_FAILURE_LIMIT``), the same "check your email" page whether the
address was new, already confirmed or a bot's, and no page that shows an address."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.cache import caches
from django.test import Client, override_settings

from rightstrack.subscriptions.actions import do_confirm_subscription
from rightstrack.subscriptions.models import Subscription

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    caches["default"].clear()
    yield
    caches["default"].clear()


def _data(n: int, **extra: str) -> dict[str, str]:
    return {"email": f"persona{n}@example.org", "country": "PRY", "language": "es", **extra}


def test_a_filled_honeypot_creates_nothing_and_sends_nothing(client, reference_data):
    answer = client.post("/subscriptions/", _data(1, website="https://spam.example"))
    assert answer.status_code == 302 and answer["Location"] == "/subscriptions/sent/"
    assert not Subscription.objects.exists()
    assert mail.outbox == []


def test_the_form_preselects_a_country_and_hides_the_honeypot(client, reference_data):
    page = client.get("/subscriptions/?country=PRY").content.decode()
    assert '<option value="PRY" selected>Paraguay</option>' in page
    assert '<div class="hp-field" aria-hidden="true">' in page and 'tabindex="-1"' in page


def test_a_mechanism_and_a_theme_together_are_refused(client, reference_data):
    from rightstrack.catalog.models import Theme

    theme = Theme.objects.order_by("pk").first()
    answer = client.post("/subscriptions/", _data(1, mechanism="CCPR", theme=theme.slug))
    assert answer.status_code == 200
    assert "Choose a mechanism or a theme, not both." in answer.content.decode()
    assert not Subscription.objects.exists()


@override_settings(AXES_FAILURE_LIMIT=3)
def test_subscriptions_from_one_address_are_paused_after_the_login_limit(reference_data):
    client = Client(REMOTE_ADDR="203.0.113.9")
    statuses = [client.post("/subscriptions/", _data(n)).status_code for n in range(5)]
    assert statuses == [302, 302, 302, 429, 429]
    assert Subscription.objects.count() == 3 and len(mail.outbox) == 3
    other = Client(REMOTE_ADDR="198.51.100.4")
    assert other.post("/subscriptions/", _data(9)).status_code == 302


def test_asking_again_never_tells_whether_an_address_is_subscribed(client, reference_data):
    client.post("/subscriptions/", _data(1))
    do_confirm_subscription(Subscription.objects.get())
    again = client.post("/subscriptions/", _data(1), follow=True)
    assert again.redirect_chain == [("/subscriptions/sent/", 302)]
    assert Subscription.objects.count() == 1  # one address, one scope: one subscription
    assert len(mail.outbox) == 1  # confirmed already: no second confirmation mail
    assert "persona1@example.org" not in again.content.decode()


def test_the_confirmation_mail_is_in_the_chosen_language_with_an_unsubscribe_link(
    client, reference_data
):
    client.post("/subscriptions/", _data(1))
    [message] = mail.outbox
    assert message.to == ["persona1@example.org"]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.extra_headers["List-Unsubscribe"].startswith(
        "<http://testserver/es/subscriptions/unsubscribe/"  # the page in their language
    )
    html = message.alternatives[0][0]
    assert '<html lang="es">' in html
    assert "Paraguay" in message.subject
