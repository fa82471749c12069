"""IACHR merits reports (MANIFEST §11, ``regional-worldwidelaw/IACHR-Commission``) through
``rightstrack parse`` and ``rightstrack import``.

Checked by hand in the ``.txt`` files:

* ``IACHR-merits-ReportNo.11-15``: "REPORT No. 11/15 / CASE 12.833 / MERITS (PUBLICATION)
  / FELIX ROCHA DIAZ / UNITED STATES"; "THE INTER-AMERICAN COMMISSION ON HUMAN RIGHTS
  REITERATES ITS RECOMMENDATIONS THAT THE UNITED STATES:" followed by ten numbered
  recommendations, "1.Grant Felix Rocha Diaz effective relief" to "10.Given the violations
  of the American Declaration ... adopt a moratorium on executions"; "Done and signed in
  the city of Washington, D.C., on the 23rd day of the month of March, 2015".
* ``...8-16``: "THE INTER-AMERICAN COMMISSION ON HUMAN RIGHTS REITERATES TO THE STATE OF
  CANADA" (no colon), two: "1.That it grant Mr. Suresh integral reparations" and "2.That it
  take legislative or other measures"; signed "on the 13th day of the month of April, 2016".
* ``...7-16`` (Brazil): "reiterates the following recommendations to the Brazilian State:"
  then four unnumbered paragraphs, "Carry out a complete, impartial and effective
  investigation" first; signed "on the 13nd day of the month of April, 2016".
* ``...80-15`` (Mexico): "the IACHR observes that the State fully complied with the
  recommendations set forth in Merits Report 139/11": nothing to follow up.
* ``...101-17`` (Spanish summary): "Informe No. 101/17", "Fecha / 5 de septiembre de 2017",
  "En su Informe No. 89/14, la CIDH recomendó al Estado de Colombia:" and five items,
  "Investigar de manera completa, imparcial y efectiva el paradero" first.
"""

from __future__ import annotations

import io
import json
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from rightstrack.catalog.models import Document, Recommendation
from rightstrack.ingest.models import ImportRun

pytestmark = pytest.mark.django_db


@pytest.fixture
def iachr(shared_raw):
    return shared_raw / "regional-worldwidelaw" / "IACHR-Commission"


def test_parse_reads_report_11_15s_ten_recommendations(iachr):
    out = io.StringIO()
    call_command("parse", str(iachr / "IACHR-merits-ReportNo.11-15.txt"), "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["symbol"] == "IACHR Report No. 11/15"
    assert (data["committee"], data["country"], data["adopted"]) == ("IACHR", "USA", "2015-03-23")
    assert [p["number"] for p in data["paragraphs"]] == [str(n) for n in range(1, 11)]
    assert data["paragraphs"][0]["text"].startswith("Grant Felix Rocha Diaz effective relief")
    assert "moratorium on executions" in data["paragraphs"][9]["text"]


def test_import_stores_the_report_under_the_iachr_and_reimports_unchanged(reference_data, iachr):
    call_command("import", str(iachr / "IACHR-merits-ReportNo.8-16.json"), stdout=io.StringIO())
    doc = Document.objects.get(key="IACHR Report No. 8/16")
    assert (doc.mechanism.code, doc.country.iso3, doc.adopted_on) == (
        "IACHR",
        "CAN",
        date(2016, 4, 13),
    )
    recs = list(Recommendation.objects.filter(document=doc).order_by("order"))
    assert [r.natural_key for r in recs] == ["IACHR Report No. 8/16#1", "IACHR Report No. 8/16#2"]
    assert recs[0].text.startswith("That it grant Mr. Suresh integral reparations")
    call_command("import", str(iachr / "IACHR-merits-ReportNo.8-16.txt"), stdout=io.StringIO())
    run = ImportRun.objects.latest("pk")
    assert (run.created, run.updated, run.unchanged) == (0, 0, 2)


def test_unnumbered_and_spanish_lists_are_counted_in_order(reference_data, iachr):
    call_command("import", str(iachr / "IACHR-merits-ReportNo.7-16.json"), stdout=io.StringIO())
    call_command("import", str(iachr / "IACHR-merits-ReportNo.101-17.txt"), stdout=io.StringIO())
    brazil = list(Recommendation.objects.filter(country__iso3="BRA").order_by("order"))
    assert len(brazil) == 4
    assert brazil[0].text.startswith("Carry out a complete, impartial and effective investigation")
    assert brazil[0].date == date(2016, 4, 13)
    colombia = list(Recommendation.objects.filter(country__iso3="COL").order_by("order"))
    assert len(colombia) == 5
    assert colombia[0].language == "es"
    assert colombia[0].text.startswith("Investigar de manera completa, imparcial y efectiva")
    assert colombia[0].date == date(2017, 9, 5)


def test_a_report_finding_full_compliance_is_refused_and_stores_nothing(reference_data, iachr):
    name = "IACHR-merits-ReportNo.80-15.json"
    with pytest.raises(CommandError) as exc:
        call_command("import", str(iachr / name), stdout=io.StringIO())
    assert name in str(exc.value)
    assert "makes no recommendation" in str(exc.value)
    assert not Document.objects.filter(mechanism__code="IACHR").exists()
