"""African Commission decisions (``regional-worldwidelaw/IHRDA-AfricanCL``) and European
Committee of Social Rights merits decisions (``HUDOC-ESC``) through ``rightstrack parse``
and ``rightstrack import`` (MANIFEST §11).

Checked by hand:

* ``IHRDA-ACHPR-s8oj5b0uh6dh7zorbkgwrk9.txt`` (``record_0001.json``), "286/04 Communication
  286 /2004 - Dino Noca vs Democratic Republic of the Congo": under "Decision of the
  Commission / The Commission:" six bullets: "Notes that the Democratic Republic of the
  Congo has violated ...", "Declares that the transfer ...", "Thus declares that Judgment
  RCR/C019 ...", "Enjoins the DRC to restore the right to property of the beneficiaries of
  the late Mr Noca", "Finds that the DRC should compensate without delay", "Declares that
  the Respondent State should present within a period of 180 days ... a detailed report on
  the measures taken to implement this decision"; "Done in Yamoussoukro ... held from 9 to
  22 October 2012".
* ``IHRDA-ACHPR-smuuhw5cccl2qzmbztmeoecdi.txt`` (Nigeria, 143/95-150/96): "For these
  reasons, the Commission / Holds a violation of Articles 5, 6, 7(1)(a), (c) and (d), 18
  and 26 of the Charter and / Requests the Government of Nigeria to bring its laws into
  conformity with the Charter. / Kigali, Rwanda, 15th November 1999."
* ``IHRDA-ACHPR-yp8q73s13a6rgococnv1jor.txt`` (Zambia, 212/98): the operative part only
  "Holds a violation of Articles 2, 7(1)(a), 8, 9(2), 10, 18(1) and 18(2) of the Charter."
* ``IHRDA-ACHPR-405iohwgv0n5cokmlj9yue4s4i.txt`` (Ghana, 322/06): "Declares the
  communication inadmissible for non-exhaustion of local remedies."
* ``114546.txt``: "DECISION ON THE MERITS Adoption: 15 October 2025 ... Publication: 5
  March 2026 ... v. France Complaint No. 224/2023"; "CONCLUSION For these reasons, the
  Committee concludes:" three items, each "unanimously that there is a violation", the
  first "of Article 30 of the Charter with respect to the proliferation of municipal decrees
  on begging".
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
def achpr(shared_raw):
    return shared_raw / "regional-worldwidelaw" / "IHRDA-AfricanCL"


@pytest.fixture
def esc(shared_raw):
    return shared_raw / "regional-worldwidelaw" / "HUDOC-ESC"


def test_parse_marks_the_two_asks_of_the_dino_noca_decision(achpr):
    out = io.StringIO()
    call_command(
        "parse", str(achpr / "IHRDA-ACHPR-s8oj5b0uh6dh7zorbkgwrk9.txt"), "--json", stdout=out
    )
    data = json.loads(out.getvalue())
    assert (data["symbol"], data["country"]) == ("ACHPR Communication 286/04", "COD")
    items = data["paragraphs"]
    assert len(items) == 6
    asks = [p for p in items if p["kind"] == "recommendation"]
    assert [p["number"] for p in asks] == ["op. 4", "op. 5"]
    assert asks[0]["text"].startswith("Enjoins the DRC to restore the right to property")
    assert asks[1]["text"].startswith("Finds that the DRC should compensate without delay")
    # the request for a report within 180 days is the follow-up request, not a recommendation
    assert items[5]["kind"] == "operative"


def test_import_stores_nigerias_request_and_refuses_decisions_without_one(reference_data, achpr):
    call_command(
        "import", str(achpr / "IHRDA-ACHPR-smuuhw5cccl2qzmbztmeoecdi.txt"), stdout=io.StringIO()
    )
    doc = Document.objects.get(key="ACHPR Communication 143/95-150/96")
    assert (doc.mechanism.code, doc.country.iso3, doc.adopted_on) == (
        "ACHPR",
        "NGA",
        date(1999, 11, 15),
    )
    rec = Recommendation.objects.get(document=doc)
    assert rec.natural_key == "ACHPR Communication 143/95-150/96#op. 2"
    assert (
        rec.text
        == "Requests the Government of Nigeria to bring its laws into conformity with the Charter."
    )
    for name, words in [
        ("IHRDA-ACHPR-yp8q73s13a6rgococnv1jor.txt", "found violations but asks nothing"),
        ("IHRDA-ACHPR-405iohwgv0n5cokmlj9yue4s4i.txt", "inadmissible"),
    ]:
        with pytest.raises(CommandError) as exc:
            call_command("import", str(achpr / name), stdout=io.StringIO())
        assert name in str(exc.value)
        assert words in str(exc.value)
    assert Document.objects.filter(mechanism__code="ACHPR").count() == 1


def test_ecsr_decision_gives_its_three_findings_of_violation(reference_data, esc):
    call_command("import", str(esc / "114546.txt"), stdout=io.StringIO())
    doc = Document.objects.get(key="ECSR Complaint No. 224/2023")
    assert (doc.mechanism.code, doc.country.iso3) == ("ECSR", "FRA")
    assert (doc.adopted_on, doc.published_on) == (date(2025, 10, 15), date(2026, 3, 5))
    found = list(Recommendation.objects.filter(document=doc).order_by("order"))
    assert len(found) == 3
    assert {r.kind for r in found} == {Recommendation.Kind.CONCERN}
    assert found[0].text == (
        "The Committee concludes unanimously that there is a violation of Article 30 of the "
        "Charter with respect to the proliferation of municipal decrees on begging"
    )
    call_command("import", str(esc / "114546.json"), stdout=io.StringIO())
    run = ImportRun.objects.latest("pk")
    assert (run.created, run.updated, run.unchanged) == (0, 0, 3)
