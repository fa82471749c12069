"""A document created by a generic table import takes its visibility from all its rows:
public unless the whole import is restricted or every row of it is restricted. A
restricted row restricts only its own recommendation, whichever row comes first."""

from __future__ import annotations

import csv

import pytest
from django.test import Client

from rightstrack.catalog.models import Document, Recommendation
from rightstrack.ingest.pipeline import import_file

pytestmark = pytest.mark.django_db

SYMBOL = "CCPR/C/SVN/CO/4"
PUBLIC_1 = "Ensure that every allegation of ill-treatment by police is investigated."
PUBLIC_2 = "Adopt a law on the recognition of gender identity."
SECRET = "Pending communication, text withheld: QUOKKAVELLUM."


def _table(tmp_path, rows: list[tuple[str, str, str]]):
    path = tmp_path / "kept-by-hand.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["symbol", "paragraph", "country", "mechanism", "text", "visibility"])
        for paragraph, text, visibility in rows:
            writer.writerow([SYMBOL, paragraph, "SVN", "CCPR", text, visibility])
    return path


ROWS = {
    "restricted first": [
        ("9", SECRET, "restricted"),
        ("10", PUBLIC_1, "public"),
        ("11", PUBLIC_2, "public"),
    ],
    "public first": [
        ("10", PUBLIC_1, "public"),
        ("11", PUBLIC_2, "public"),
        ("9", SECRET, "restricted"),
    ],
}


@pytest.mark.parametrize("order", sorted(ROWS))
def test_the_row_order_does_not_decide_the_document_visibility(reference_data, tmp_path, order):
    run = import_file(_table(tmp_path, ROWS[order]))
    assert (run.status, run.created) == ("succeeded", 3)
    doc = Document.objects.get(key=SYMBOL)
    assert doc.visibility == "public"
    visibility = dict(
        Recommendation.objects.filter(document=doc).values_list("paragraph", "visibility")
    )
    assert visibility == {"9": "restricted", "10": "public", "11": "public"}

    anonymous = Client()
    page = anonymous.get(f"/documents/{doc.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert PUBLIC_1 in html and PUBLIC_2 in html
    assert "QUOKKAVELLUM" not in html
    listed = anonymous.get("/recommendations.json", {"country": "SVN"}).json()
    assert listed["count"] == 2


def test_a_document_whose_every_row_is_restricted_is_restricted(reference_data, tmp_path):
    import_file(_table(tmp_path, [("9", SECRET, "restricted"), ("12", SECRET, "restricted")]))
    doc = Document.objects.get(key=SYMBOL)
    assert doc.visibility == "restricted"
    assert Client().get(f"/documents/{doc.pk}/").status_code == 404


def test_a_restricted_import_restricts_the_document_and_every_row(reference_data, tmp_path):
    import_file(_table(tmp_path, ROWS["public first"]), visibility="restricted")
    assert Document.objects.get(key=SYMBOL).visibility == "restricted"
    assert set(Recommendation.objects.values_list("visibility", flat=True)) == {"restricted"}
