"""A sheet in no known layout goes to the mapping step instead of being refused: the real
hand-made CERD monitoring matrix of Brazil (``cerd-brazil-lrcarneiro/
Quadro-Monitoramento-CERD-Brasil.xlsx``, MANIFEST §4). Checked in the file: the first
sheet's columns include "Tema Central" and "Parágrafos (inglês)"; row 2 is "Estatísticas e
Censo"; "Parágrafos (inglês)" is filled on rows 2-7 only (row 8, "Legislação/Orçamento",
is the first without it); "Defensores de DH" is the topic of rows 14 and 18. The
rehearsal through a mapping names the row and the sheet's column at fault, and nothing is
stored."""

from __future__ import annotations

import pytest
from django.urls import reverse

from rightstrack.catalog.models import Recommendation
from rightstrack.ingest.models import ColumnMapping

pytestmark = pytest.mark.usefixtures("upload_settings", "reference_data")


@pytest.fixture
def matrix(shared_raw):
    return shared_raw / "cerd-brazil-lrcarneiro" / "Quadro-Monitoramento-CERD-Brasil.xlsx"


def _mapping(**extra):
    data = {
        "language": "en",
        "col_text": "Parágrafos (inglês)",
        "col_source_id": "Tema Central",
        "const_country": "BRA",
        "const_mechanism": "CERD",
        "const_symbol": "CERD/C/BRA/CO/18-20",
        "action": "preview",
    }
    data.update(extra)
    return data


def test_an_unknown_sheet_is_offered_the_mapping_step(matrix, coordinator, client_for):
    client = client_for(coordinator)
    with matrix.open("rb") as fh:
        response = client.post(reverse("ingest:upload"), {"file": fh, "visibility": "public"})

    assert response.status_code == 302
    page = response["Location"]
    html = client.get(page).content.decode()
    assert '<th scope="col">Tema Central</th>' in html
    assert '<th scope="col">Parágrafos (inglês)</th>' in html
    assert '<td dir="auto">Estatísticas e Censo</td>' in html
    assert '<option value="Parágrafos (inglês)">Parágrafos (inglês)</option>' in html

    refused = client.post(page, _mapping()).content.decode()
    assert "This import would be refused; nothing will be stored." in refused
    assert "row 8, column “Parágrafos (inglês)”" in refused
    assert "&#x27;text&#x27; is empty (required)" in refused

    # a second column for the text of the rows without English paragraphs
    refused = client.post(page, _mapping(col2_text="Questões de Investigação")).content.decode()
    assert "row 18, column “Tema Central”" in refused
    assert "id &#x27;Defensores de DH&#x27; already on row 14" in refused

    assert Recommendation.objects.count() == 0
    assert ColumnMapping.objects.count() == 0


def test_saving_needs_a_name(matrix, coordinator, client_for):
    client = client_for(coordinator)
    with matrix.open("rb") as fh:
        page = client.post(reverse("ingest:upload"), {"file": fh, "visibility": "public"})[
            "Location"
        ]

    html = client.post(page, _mapping(action="save")).content.decode()

    assert "Give the mapping a name to save it." in html
    assert ColumnMapping.objects.count() == 0


def test_another_users_upload_is_not_found(matrix, coordinator, client_for, admin):
    with matrix.open("rb") as fh:
        page = client_for(coordinator).post(
            reverse("ingest:upload"), {"file": fh, "visibility": "public"}
        )["Location"]

    assert client_for(admin).get(page).status_code == 404
