"""The "six months since" article on Views (ISHR guide: "Six months after the Committee
found that [State] violated …, the State has / has not …"), in English, Spanish and French,
filled from the record of CAT/C/51/D/441/2010 (Evloev v. Kazakhstan).

Facts checked in the decision: adopted 5 November 2013; violations of "article 1 in
conjunction with article 2, paragraph 1, and of articles 12, 13, 14 and 15"; reply "within
90 days" (3 February 2014 counted from adoption). On 5 May 2014, six months after the
decision, no reply is recorded: 91 days after the deadline. Country names are the UN short
names (UNTERM: Kazakhstan, Kazajstán); committee names the official ones.
"""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from rightstrack.catalog.models import Communication
from rightstrack.reports.press import views_anniversaries

pytestmark = pytest.mark.django_db


@pytest.fixture
def evloev(reference_data, shared_raw) -> Communication:
    path = shared_raw / "tb-juris-worldwidelaw" / "TreatyBodyJuris" / "record_0003.json"
    call_command("import", str(path), stdout=io.StringIO())
    return Communication.objects.get(mechanism__code="CAT", number="441/2010")


def _article(client, comm: Communication, language: str) -> str:
    client.cookies["django_language"] = language
    response = client.get(f"/reports/press/communications/{comm.pk}/?on=2014-05-05")
    assert response.status_code == 200
    return response.context["article"]


def test_the_article_is_offered_on_the_six_months_date(evloev):
    from datetime import date

    offered = views_anniversaries(None, date(2014, 5, 5))
    assert [(a.date, a.communication_id) for a in offered] == [(date(2014, 5, 5), evloev.pk)]
    at_deadline = views_anniversaries(None, date(2014, 2, 3), window_days=0)
    assert [(a.date, a.communication_id) for a in at_deadline] == [(date(2014, 2, 3), evloev.pk)]


def test_in_english(evloev, client):
    text = _article(client, evloev, "en")
    assert text.startswith(
        "Six months after the Committee against Torture found that Kazakhstan violated "
        "articles 1, 2 (1), 12, 13, 14 and 15 of the Convention, the State has not told the "
        "Committee what it has done."
    )
    assert "On 5 November 2013, the Committee against Torture adopted its Views" in text
    assert "within 90 days, that is by 3 February 2014" in text
    assert "91 days after that deadline, the State has still not replied." in text
    assert "investigate the facts" in text


def test_in_spanish(evloev, client):
    text = _article(client, evloev, "es")
    assert text.startswith(
        "Seis meses después de que el Comité contra la Tortura determinara que Kazajstán "
        "violó los artículos 1, 2 (1), 12, 13, 14 y 15 de la Convención, el Estado no ha "
        "informado al Comité de las medidas adoptadas."
    )
    assert "El 5 de noviembre de 2013, el Comité contra la Tortura aprobó su dictamen" in text
    assert "a más tardar el 3 de febrero de 2014" in text
    assert "91 días después de vencido ese plazo" in text
    assert "Kazakhstan" not in text


def test_in_french(evloev, client):
    text = _article(client, evloev, "fr")
    assert text.startswith(
        "Six mois après que le Comité contre la torture a constaté que l'État partie "
        "(Kazakhstan) avait violé les articles 1, 2 (1), 12, 13, 14 et 15 de la Convention, "
        "l'État n'a pas informé le Comité des mesures prises."
    )
    assert "Le 5 novembre 2013, le Comité contre la torture a adopté ses constatations" in text
    assert "au plus tard le 3 février 2014" in text


def test_a_recorded_reply_turns_has_not_into_has(evloev, client, coordinator):
    from datetime import date

    from rightstrack.tracking.communication_actions import do_add_views_follow_up

    do_add_views_follow_up(coordinator, evloev, kind="state_reply", date=date(2014, 2, 1))
    text = _article(client, evloev, "en")
    assert "the State has told the Committee what it has done." in text
    assert "Kazakhstan sent its reply on 1 February 2014." in text


def test_a_pending_communication_has_no_article(reference_data, client, coordinator):
    from rightstrack.catalog.models import Mechanism
    from rightstrack.tracking.communication_actions import do_record_communication

    pending = do_record_communication(
        coordinator, mechanism=Mechanism.objects.get(code="CCPR"), number="4100/2022"
    )
    assert client.get(f"/reports/press/communications/{pending.pk}/").status_code == 404
