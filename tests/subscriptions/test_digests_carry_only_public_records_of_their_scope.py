"""A digest lists only what an anonymous visitor may see, and only its scope: a restricted
visit report of the SPT on Paraguay (SPT visit reports are confidential unless the State
asks for publication, OP-CAT art. 16) and another country's document never reach it; a
subscription to one mechanism gets that mechanism's records only; an unconfirmed one
gets nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from rightstrack.catalog.models import Country, Document, Mechanism, Recommendation, Visibility
from rightstrack.subscriptions.actions import do_confirm_subscription, do_subscribe
from rightstrack.subscriptions.digest import send_digests

pytestmark = pytest.mark.django_db

SECRET = "Isolation cells of the Tacumbú prison"


def _document(symbol: str, mechanism: str, iso3: str, visibility: str = Visibility.PUBLIC):
    doc = Document.objects.create(
        key=symbol,
        symbol=symbol,
        doc_type=Document.Type.CONCLUDING_OBSERVATIONS,
        mechanism=Mechanism.objects.get(code=mechanism),
        country=Country.objects.get(iso3=iso3),
        adopted_on=dt.date(2019, 7, 22),
        visibility=visibility,
    )
    return doc


def _recommendation(doc: Document, paragraph: str, text: str) -> Recommendation:
    return Recommendation.objects.create(
        natural_key=f"{doc.key}#{paragraph}",
        document=doc,
        paragraph=paragraph,
        mechanism=doc.mechanism,
        country=doc.country,
        text=text,
        visibility=doc.visibility,
    )


def _subscribe(address: str, mechanism: str | None = None, confirm: bool = True):
    subscription, _ = do_subscribe(
        email=address,
        country=Country.objects.get(iso3="PRY"),
        mechanism=Mechanism.objects.get(code=mechanism) if mechanism else None,
    )
    if confirm:
        do_confirm_subscription(subscription, now=timezone.now() - dt.timedelta(seconds=1))
    return subscription


def test_restricted_and_out_of_scope_records_never_reach_a_digest(reference_data):
    _subscribe("every@example.org")
    _subscribe("ccpr@example.org", mechanism="CCPR")
    _subscribe("pending@example.org", confirm=False)
    ccpr = _document("CCPR/C/PRY/CO/4", "CCPR", "PRY")
    _recommendation(ccpr, "29", "Continue its reforms to reduce the use of pretrial detention.")
    cat = _document("CAT/C/PRY/CO/7", "CAT", "PRY")
    _recommendation(cat, "15", "Ensure that torture is investigated.")
    spt = _document("CAT/OP/PRY/3", "SPT", "PRY", visibility=Visibility.RESTRICTED)
    _recommendation(spt, "40", SECRET)
    _recommendation(_document("CCPR/C/BRA/CO/3", "CCPR", "BRA"), "9", "Brazil's paragraph.")

    report = send_digests(base_url="https://rt.test")

    assert len(report.sent) == 2
    by_address = {m.to[0]: m for m in mail.outbox}
    assert sorted(by_address) == ["ccpr@example.org", "every@example.org"]
    for message in mail.outbox:
        html = message.alternatives[0][0]
        assert SECRET not in message.body and SECRET not in html
        assert "CAT/OP/PRY/3" not in message.body and "CAT/OP/PRY/3" not in html
        assert "Brazil" not in message.body
        assert len(message.to) == 1 and not message.cc and not message.bcc
    every = by_address["every@example.org"]
    assert every.subject == "RightsTrack: 2 new recommendations for Paraguay"
    assert "Paragraph 29: Continue its reforms" in every.body
    assert "Paragraph 15: Ensure that torture" in every.body
    ccpr_only = by_address["ccpr@example.org"]
    assert ccpr_only.subject == "RightsTrack: 1 new recommendation for Paraguay · CCPR"
    assert "CAT/C/PRY/CO/7" not in ccpr_only.body
