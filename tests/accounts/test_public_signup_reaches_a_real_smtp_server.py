"""A member of the public signs up, verifies the address through a REAL SMTP server
(aiosmtpd on a free port, Django's SMTP backend), submits an assessment of
CCPR/C/PRY/CO/4 paragraph 29 (pretrial detention; text from the document, adopted
22 July 2019), and it is public only after moderation, under the name they chose and
never under their login name.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client

from rightstrack.accounts.models import User
from rightstrack.tracking.models import Assessment
from smtp_support import smtp_server

pytestmark = pytest.mark.django_db

PASSWORD = "tereré-con-yuyos-2024"
PARA_29 = (
    "The State party should: (a) Continue its reforms to significantly reduce the use of "
    "pretrial detention and ensure that non-custodial alternatives, such as bail or "
    "electronic bracelets, are given due consideration"
)


@pytest.fixture
def smtp_inbox():
    with smtp_server("signup@rightstrack.test") as inbox:
        yield inbox


@pytest.fixture
def paragraph_29(db):
    from rightstrack.catalog.models import Country, Document, Mechanism, Recommendation

    pry = Country.objects.create(iso3="PRY", iso2="PY", name_en="Paraguay")
    ccpr = Mechanism.objects.create(code="CCPR", kind="treaty_body", name="Human Rights Committee")
    co = Document.objects.create(
        key="CCPR/C/PRY/CO/4",
        symbol="CCPR/C/PRY/CO/4",
        doc_type=Document.Type.CONCLUDING_OBSERVATIONS,
        mechanism=ccpr,
        country=pry,
        adopted_on=dt.date(2019, 7, 22),
    )
    return Recommendation.objects.create(
        natural_key="CCPR/C/PRY/CO/4#29",
        document=co,
        paragraph="29",
        order=29,
        mechanism=ccpr,
        country=pry,
        date=co.adopted_on,
        year=2019,
        text=PARA_29,
    )


def _sign_up(client: Client, *, hide: bool) -> None:
    data = {
        "display_name": "María Benítez",
        "email": "maria.benitez@example.org",
        "username": "mbz-login-7731",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "website": "",
    }
    if hide:
        data["hide_name_publicly"] = "on"
    page = client.get("/accounts/signup/").content.decode()
    assert "What is public" in page and "reprisals" in page
    answer = client.post("/accounts/signup/", data)
    assert answer.status_code == 302 and answer["Location"] == "/accounts/signup/sent/"


@pytest.mark.parametrize(
    ("hide", "shown"), [(False, "María Benítez"), (True, "Anonymous contributor")]
)
def test_a_visitor_signs_up_verifies_by_mail_and_is_published_after_moderation(
    smtp_inbox, paragraph_29, client_for, coordinator, hide, shown
):
    visitor = Client()
    _sign_up(visitor, hide=hide)
    account = User.objects.get(username="mbz-login-7731")
    assert (account.is_active, account.role) == (False, "contributor")
    # The verification mail arrived at the real SMTP server.
    ((recipients, message),) = smtp_inbox.messages
    assert recipients == ["maria.benitez@example.org"]
    assert message["From"] == "signup@rightstrack.test"
    body = message.get_content()
    link = re.search(r"http://testserver(/accounts/signup/verify/[^/\s]+/)", body).group(1)
    # Not verified yet: the login is refused.
    login = {"username": "mbz-login-7731", "password": PASSWORD}
    assert visitor.post("/accounts/login/", login).status_code == 200
    assert "Your address is confirmed" in visitor.get(link).content.decode()
    account.refresh_from_db()
    assert account.is_active is True
    answer = visitor.post("/accounts/login/", login)
    assert answer.status_code == 302
    # A contributor's assessment waits for moderation.
    visitor.post(
        f"/tracking/recommendations/{paragraph_29.pk}/assess/",
        {
            "date": "2024-05-02",
            "level": "partial",
            "text": "Pretrial detention still exceeds 70% of the prison population.",
            "visibility": "public",
        },
    )
    assessment = Assessment.objects.get(recommendation=paragraph_29)
    assert (assessment.author, assessment.publication_state) == (account, "pending")
    public = Client()
    page = public.get(f"/recommendations/{paragraph_29.pk}/").content.decode()
    assert "Pretrial detention still exceeds 70%" not in page
    coord = client_for(coordinator)
    assert (
        "Pretrial detention still exceeds 70%"
        in coord.get("/tracking/moderation/").content.decode()
    )
    coord.post(
        f"/tracking/assessments/{assessment.pk}/review/",
        {"decision": "approve", "version": assessment.version, "note": ""},
    )
    page = public.get(f"/recommendations/{paragraph_29.pk}/").content.decode()
    assert "Pretrial detention still exceeds 70%" in page
    assert shown in page
    assert "mbz-login-7731" not in page
    if hide:
        assert "Benítez" not in page
