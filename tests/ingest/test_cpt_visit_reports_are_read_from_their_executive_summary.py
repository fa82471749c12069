"""CoE CPT visit reports (MANIFEST §11, ``regional-worldwidelaw/CPTReports``) through
``rightstrack parse`` and ``rightstrack import``.

Checked by hand in ``CoE_CPT_p-ukr-20231016-en.txt``:

* header: "Ukraine: visit 2023" / "CPT/Inf (2024) 20 | Section: 1/20 | Date:  27/03/2024";
* introduction: "a delegation of the CPT carried out a periodic visit to Ukraine from 16 to
  27 October 2023"; "The report on the visit was adopted by the CPT at its 113th meeting,
  held from 4 to 8 March 2024, and transmitted to the Ukrainian authorities on 27 March 2024";
* the executive summary has seventeen sentences asking for something to be done (the rule of
  ``docs/regional-documents.md``): "The CPT reiterates its recommendations on this subject"
  (third paragraph, under "Police custody"); in one paragraph "the Committee invites the
  Ukrainian authorities to give serious consideration", "The CPT also invites ...", "the
  CPT reiterates its recommendation that the Ukrainian authorities take steps", "Such
  returns should be authorised exclusively by a judge or a prosecutor", "Further, such
  returns should never take place exclusively in order to interview the person"; "The CPT
  recommends that the Ukrainian authorities pursue their efforts to reduce the prison
  population"; "The CPT calls upon the Ukrainian authorities to develop and implement a
  comprehensive strategy"; five sentences "the Ukrainian authorities are (therefore / also)
  called upon to ..."; "The CPT also recommends that the Ukrainian authorities develop the
  admission procedures"; "the CPT recommends that the disciplinary sanction of solitary
  confinement be abolished in respect of juveniles"; "The CPT recommends that steps be taken
  to ensure that servicemen remanded in custody"; "The Committee recommends that steps be
  taken at Kyiv “Hauptvakhta”". Not requests: "the Committee recalls that, even during
  armed conflicts, the fundamental rights of detained persons must be guaranteed", "It
  should be stressed that the delegation received no allegations", and "recommendations
  are made, inter alia to increase the complement of general practitioners" (the
  recommendations are in the body of the report).

``CoE_CPT_p-alb-20230504-en.txt`` (CPT/Inf(2024)01, "Date:  24/11/2023"): eleven, the first
"The report concludes that, although the positive trend ... additional vigorous action is
still required to eradicate police ill-treatment", the second "Action is also required to
ensure that all persons detained by the police are fully informed of their rights", ...
the last two under "Social care homes" ("should strive to reduce occupancy levels",
"should consider reducing the official capacity"); "It is recalled in this respect that
... states parties must provide the Committee ..." and "Article 25 of the Law on Social
Care Services provides that every placement ... should be re-evaluated" are no requests.
``CoE_CPT_p-ltu-20240212-en`` holds only "I. Introduction" sections;
``CoE_CPT_p-aze-2024decl-en`` is the "Public Statement 2024" (CPT/Inf(2024)24).
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
def cpt(shared_raw):
    return shared_raw / "regional-worldwidelaw" / "CPTReports"


def test_parse_prints_the_ukraine_reports_seventeen_recommendations(cpt):
    out = io.StringIO()
    call_command("parse", str(cpt / "CoE_CPT_p-ukr-20231016-en.txt"), "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert (data["symbol"], data["committee"], data["country"]) == ("CPT/Inf(2024)20", "CPT", "UKR")
    recs = [p for p in data["paragraphs"] if p["kind"] == "recommendation"]
    assert len(recs) == 17
    assert recs[0]["number"] == "ES 3.2"
    assert recs[0]["topic"] == "Police custody"
    assert recs[0]["text"].startswith("The CPT reiterates its recommendations on this subject")
    assert recs[-1]["text"].startswith("The Committee recommends that steps be taken at Kyiv")
    assert sum(r["text"].startswith("Such returns should be authorised") for r in recs) == 1
    assert sum("called upon to" in r["text"] for r in recs) == 5
    not_taken = [p["text"] for p in data["paragraphs"] if p["kind"] == "not_taken"]
    # "recommendations are made, inter alia ..." points to the body of the report
    assert any(
        t.startswith("As concerns the provision of healthcare to prisoners") for t in not_taken
    )
    assert any(t.startswith("Nevertheless, the Committee recalls that") for t in not_taken)
    assert any(t.startswith("It should be stressed that") for t in not_taken)


def test_import_stores_the_visit_report_and_its_recommendations_once(reference_data, cpt):
    json_file = cpt / "CoE_CPT_p-ukr-20231016-en.json"
    call_command("import", str(json_file), stdout=io.StringIO())
    doc = Document.objects.get(key="CPT/Inf(2024)20")
    assert doc.mechanism.code == "CPT"
    assert doc.country.iso3 == "UKR"
    assert doc.doc_type == Document.Type.VISIT_REPORT
    assert doc.adopted_on == date(2024, 3, 8)
    assert doc.session == "113th meeting"
    recs = list(Recommendation.objects.filter(document=doc).order_by("order"))
    assert len(recs) == 17
    assert recs[0].natural_key == "CPT/Inf(2024)20#ES 3.2"
    assert recs[0].date == date(2024, 3, 27)
    assert recs[6].text.startswith("The CPT recommends that the Ukrainian authorities pursue")
    # the .txt copy of the same report updates nothing
    call_command("import", str(cpt / "CoE_CPT_p-ukr-20231016-en.txt"), stdout=io.StringIO())
    run = ImportRun.objects.latest("pk")
    assert (run.created, run.updated, run.unchanged) == (0, 0, 17)


def test_albania_gives_eleven_recommendations_dated_by_the_header(reference_data, cpt):
    call_command("import", str(cpt / "CoE_CPT_p-alb-20230504-en.txt"), stdout=io.StringIO())
    recs = list(Recommendation.objects.filter(document__key="CPT/Inf(2024)01").order_by("order"))
    assert len(recs) == 11
    assert recs[0].text.startswith("The report concludes that, although the positive trend")
    assert recs[1].text.startswith("Action is also required to ensure that all persons detained")
    assert not any(r.text.startswith("It is recalled in this respect") for r in recs)
    assert {r.section for r in recs[-2:]} == {"Executive summary: Social care homes"}
    assert recs[0].date == date(2023, 11, 24)


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("CoE_CPT_p-ltu-20240212-en.json", "holds no executive summary"),
        ("CoE_CPT_p-aze-2024decl-en.json", "public statement"),
    ],
)
def test_files_without_recommendations_are_refused_naming_the_file(
    reference_data, cpt, name, words
):
    with pytest.raises(CommandError) as exc:
        call_command("import", str(cpt / name), stdout=io.StringIO())
    assert name in str(exc.value)
    assert words in str(exc.value)
    assert not Document.objects.filter(mechanism__code="CPT").exists()
    assert not Recommendation.objects.exists()
