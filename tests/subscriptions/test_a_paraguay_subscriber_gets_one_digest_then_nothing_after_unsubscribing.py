"""Issue 13: a subscriber to Paraguay receives one digest with the new CCPR/C/PRY/CO/4
recommendations after they are imported, and nothing after unsubscribing.

Everything goes the way a person goes: the public form, the confirmation link received by
a REAL local SMTP server (aiosmtpd), ``rightstrack import`` of the real document
(``shared/data/raw/ccpr-co-rolandccpr/CCPR_C_PRY_CO_4.txt``), ``rightstrack send-digests``,
the unsubscribe link of the message.

Checked by hand in the document: paragraph 13 (a) begins "Ensure that all cases of serious
human rights violations that occurred during the dictatorship (1954-1989)"; 29 (a)
"Continue its reforms to significantly reduce the use of pretrial detention"; 41 "The State
party should strengthen its efforts to ensure that all children born in its territory";
paragraph 12, a concern, begins "The Committee is concerned about the slow and limited
progress made in the investigation, prosecution and punishment"; para. 1: adopted "At its
3638th meeting ..., held on 22 July 2019".
The follow-up reply CCPR/C/PRY/FCO/4 ("Information received from Paraguay regarding
follow-up", "[Date received: 12 May 2023]") is the "something else" imported at the end.
"""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command
from django.test import Client

from .conftest import bodies

pytestmark = pytest.mark.django_db

ALICE = "alice.defensora@example.org"
BRUNO = "bruno.observador@example.org"
SYMBOL = "CCPR/C/PRY/CO/4"
TEXT_13A = (
    "Ensure that all cases of serious human rights violations that occurred during the "
    "dictatorship (1954-1989)"
)
TEXT_29A = "Continue its reforms to significantly reduce the use of pretrial detention"
TEXT_12 = (
    "The Committee is concerned about the slow and limited progress made in the "
    "investigation, prosecution and punishment"
)
TEXT_41 = (
    "The State party should strengthen its efforts to ensure that all children born in "
    "its territory"
)


def _import(shared_raw, name: str) -> None:
    call_command("import", str(shared_raw / "ccpr-co-rolandccpr" / name), stdout=io.StringIO())


def _send_digests() -> str:
    out = io.StringIO()
    call_command("send_digests", "--base-url", "https://rt.test", stdout=out)
    return out.getvalue()


def _subscribe_and_confirm(client: Client, inbox, address: str, language: str) -> None:
    response = client.post(
        "/subscriptions/",
        {"email": address, "country": "PRY", "language": language, "website": ""},
    )
    assert response.status_code == 302 and response["Location"] == "/subscriptions/sent/"
    [confirmation] = inbox.for_(address)
    text, _ = bodies(confirmation)
    [link] = re.findall(r"http://testserver((?:/[a-z-]+)?/subscriptions/confirm/\S+/)", text)
    assert client.get(link).status_code == 200  # a page with a button: GET changes nothing
    response = client.post(link)
    assert response.status_code == 200
    assert address not in response.content.decode()


def test_one_digest_with_the_new_recommendations_then_nothing_after_unsubscribing(
    smtp_inbox, reference_data, shared_raw
):
    client = Client()
    _subscribe_and_confirm(client, smtp_inbox, ALICE, "en")
    smtp_inbox.messages.clear()

    _import(shared_raw, "CCPR_C_PRY_CO_4.txt")
    assert "1 digest(s) sent" in _send_digests()

    [digest] = smtp_inbox.for_(ALICE)
    assert len(smtp_inbox.messages) == 1
    assert digest["To"] == ALICE  # one address: no other subscriber is ever shown
    from rightstrack.catalog.models import Document

    document = Document.objects.get(symbol=SYMBOL)
    count = document.recommendations.count()
    assert digest["Subject"] == f"RightsTrack: {count} new recommendations for Paraguay"
    text, html = bodies(digest)
    assert f"== {SYMBOL} (July 22, 2019)" in text
    # Each paragraph once, with its number and text as printed; concerns are labelled.
    assert re.search(rf"Paragraph 13: The State party should:\s+\(a\) {re.escape(TEXT_13A)}", text)
    assert re.search(rf"Paragraph 29: The State party should:\s+\(a\) {re.escape(TEXT_29A)}", text)
    assert f"Paragraph 41: {TEXT_41}" in text
    assert f"Paragraph 12 (Concern / observation): {TEXT_12}" in text
    assert text.count("Paragraph 13:") == 1
    assert f"https://rt.test/documents/{document.pk}/" in text
    assert TEXT_13A in html and '<html lang="en">' in html

    # The one-click unsubscribe: the header (RFC 2369/8058) and the body carry one link.
    [unsubscribe] = re.findall(r"https://rt\.test(/subscriptions/unsubscribe/\S+/)", text)
    assert digest["List-Unsubscribe"].strip() == f"<https://rt.test{unsubscribe}>"
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    # Run again: nothing new, nothing sent.
    assert "0 digest(s) sent" in _send_digests()
    assert len(smtp_inbox.messages) == 1

    # Bruno follows Paraguay too (in Spanish), then Alice unsubscribes through her link.
    _subscribe_and_confirm(Client(), smtp_inbox, BRUNO, "es")
    page = client.get(unsubscribe)
    assert page.status_code == 200 and ALICE not in page.content.decode()
    assert client.post(unsubscribe).status_code == 200
    from rightstrack.subscriptions.models import Subscription

    alice = Subscription.objects.get(archived_at__isnull=False)
    assert alice.email == ""  # the address is erased
    assert (
        not Subscription.history.filter(id=alice.pk)
        .exclude(
            history_change_reason__in=[
                "subscription asked",
                "subscription confirmed",
                "digest sent",
                "unsubscribed",
            ]
        )
        .exists()
    )

    # Something else for Paraguay: the State's follow-up reply. Bruno gets it, Alice nothing.
    smtp_inbox.messages.clear()
    _import(shared_raw, "CCPR_C_PRY_FCO_4.txt")
    assert "1 digest(s) sent" in _send_digests()
    assert smtp_inbox.for_(ALICE) == []
    [reply] = smtp_inbox.for_(BRUNO)
    text, html = bodies(reply)
    assert "CCPR/C/PRY/FCO/4" in text and SYMBOL not in reply["Subject"]
    assert '<html lang="es">' in html
    assert "https://rt.test/es/documents/" in text  # pages open in the subscriber's language
    assert ALICE not in text and ALICE not in html
