"""The "six months since" article on Views imported from ``tb-views-lszoszk``, whose State
and date come from the source's metadata index (the paragraph file prints neither).

CCPR/C/134/D/2836/2016 (Alimov v. Kyrgyzstan), facts checked: para. 8 "a violation by the
State party of the rights of Mr. Amanbaev under articles 6 (1) and 7, read alone and in
conjunction with article 2 (3), of the Covenant"; para. 10 "within 180 days"; date of the
Views 11 March 2022 (the UN heading, OHCHR-Juris case 3500 and the lszoszk index agree);
180 days later: 7 September 2022; six months after the Views: 11 September 2022, 4 days
after the deadline. The author: "Shkurillo Alimov". UN short names: Kyrgyzstan,
Kirguistán, Kirghizistan.
"""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.management import call_command

from rightstrack.catalog.models import Communication
from rightstrack.reports.press import views_anniversaries

pytestmark = pytest.mark.django_db


@pytest.fixture
def alimov(reference_data, shared_raw) -> Communication:
    path = shared_raw / "tb-views-lszoszk" / "CCPR_C_134_D_2836_2016.txt"
    call_command("import", str(path), stdout=io.StringIO())
    return Communication.objects.get(mechanism__code="CCPR", number="2836/2016")


def _article(client, comm: Communication, language: str) -> str:
    client.cookies["django_language"] = language
    response = client.get(f"/reports/press/communications/{comm.pk}/?on=2022-09-11")
    assert response.status_code == 200
    return response.context["article"]


def test_it_is_offered_six_months_after_the_views_and_at_the_deadline(alimov):
    offered = views_anniversaries(None, date(2022, 9, 11), window_days=0)
    assert [(a.date, a.communication_id) for a in offered] == [(date(2022, 9, 11), alimov.pk)]
    at_deadline = views_anniversaries(None, date(2022, 9, 7), window_days=0)
    assert [(a.date, a.communication_id) for a in at_deadline] == [(date(2022, 9, 7), alimov.pk)]


def test_in_english(alimov, client):
    text = _article(client, alimov, "en")
    assert text.startswith(
        "Six months after the Human Rights Committee found that Kyrgyzstan violated articles "
        "6 (1), 7 and 2 (3) of the Covenant, the State has not told the Committee what it has "
        "done."
    )
    assert (
        "On 11 March 2022, the Human Rights Committee adopted its Views on communication "
        "CCPR/C/134/D/2836/2016, submitted by Shkurillo Alimov."
    ) in text
    assert "within 180 days, that is by 7 September 2022" in text
    assert "4 days after that deadline, the State has still not replied." in text


def test_in_spanish(alimov, client):
    text = _article(client, alimov, "es")
    assert text.startswith(
        "Seis meses después de que el Comité de Derechos Humanos determinara que Kirguistán "
        "violó los artículos 6 (1), 7 y 2 (3) del Pacto"
    )
    assert "El 11 de marzo de 2022, el Comité de Derechos Humanos aprobó su dictamen" in text
    assert "a más tardar el 7 de septiembre de 2022" in text


def test_in_french(alimov, client):
    text = _article(client, alimov, "fr")
    assert "(Kirghizistan) avait violé les articles 6 (1), 7 et 2 (3) du Pacte" in text
    assert "Le 11 mars 2022, le Comité des droits de l’homme a adopté ses constatations" in text
