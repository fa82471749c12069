"""The plain-language editor: a coordinator writes texts beside the official ones for
CCPR/C/PRY/CO/4, sees readability when saving, sets a status, sees "out of date" when
the official text changes; the Spanish PO export then holds every text written.

Why the Spanish export of this document once wrote 0 entries: the export takes the
plain-language texts written in the source language (English), and ``prefill`` only
stores the official positive aspects (para. 3), which are not to be translated as plain
language; with no editor, no English plain-language text could be written, so there was
nothing to export.

Hand-checked in the CO text (tests/samples/reports/CCPR_C_PRY_CO_4.txt): para. 29 (a)
"Continue its reforms to significantly reduce the use of pretrial detention ..."; the
follow-up paragraphs (para. 47) are 13, 29 and 35.
"""

from __future__ import annotations

import io
from pathlib import Path

import polib
import pytest
from django.core.management import call_command

from rightstrack.catalog.models import Document, Recommendation
from rightstrack.reports.models import PlainLanguageText

pytestmark = pytest.mark.django_db
CO = Path(__file__).resolve().parent.parent / "samples" / "reports" / "CCPR_C_PRY_CO_4.txt"
PLAIN_29 = (
    "Paraguay should keep fewer people in prison before their trial. "
    "People who are arrested must see a lawyer at once and call their family."
)


@pytest.fixture
def pry(db) -> Document:
    call_command("seed_reference", verbosity=0)
    call_command("import", CO, verbosity=0)
    call_command("plain_language", "prefill", "CCPR/C/PRY/CO/4", CO, stdout=io.StringIO())
    return Document.objects.get(symbol="CCPR/C/PRY/CO/4")


def _export_es(tmp_path: Path) -> polib.POFile:
    target = tmp_path / "pry-es.po"
    out = io.StringIO()
    call_command(
        "plain_language", "export", "CCPR/C/PRY/CO/4", "--lang", "es", "-o", str(target), stdout=out
    )
    return polib.pofile(str(target))


def test_the_editor_shows_the_official_text_and_reports_readability_on_save(
    pry, coordinator, client_for
):
    para_29 = pry.recommendations.get(paragraph="29")
    client = client_for(coordinator)
    url = f"/reports/plain/recommendations/{para_29.pk}/edit/?language=en"
    page = client.get(url)
    assert page.status_code == 200
    assert "Continue its reforms to significantly reduce the use of pretrial detention" in page.text

    saved = client.post(url, {"text": PLAIN_29, "status": "draft"}, follow=True)
    assert "Saved. Readability:" in saved.text
    assert "Flesch reading ease" in saved.text
    plain = PlainLanguageText.objects.get(recommendation=para_29, language="en")
    assert plain.status == "draft" and plain.text == PLAIN_29
    # A draft stays out of the public summary; once published, it is there.
    assert PLAIN_29 not in client_for(None).get(f"/reports/plain/{pry.pk}/").text
    client.post(url, {"text": PLAIN_29, "status": "published"})
    assert PLAIN_29 in client_for(None).get(f"/reports/plain/{pry.pk}/").text


def test_a_changed_official_text_marks_the_plain_text_out_of_date(pry, coordinator, client_for):
    para_29 = pry.recommendations.get(paragraph="29")
    client = client_for(coordinator)
    url = f"/reports/plain/recommendations/{para_29.pk}/edit/?language=en"
    client.post(url, {"text": PLAIN_29, "status": "reviewed"})
    assert "Out of date" not in client.get(url).text
    Recommendation.objects.filter(pk=para_29.pk).update(text=para_29.text + " (corrected)")
    assert "Out of date" in client.get(url).text
    summary_page = client.get(f"/reports/plain/{pry.pk}/edit/?language=en")
    assert "out of date" in summary_page.text
    client.post(url, {"text": PLAIN_29, "status": "reviewed"})  # re-confirmed
    assert "Out of date" not in client.get(url).text


def test_the_spanish_export_holds_every_text_written_in_english(
    pry, coordinator, client_for, tmp_path
):
    assert len(_export_es(tmp_path)) == 0  # nothing written yet: the reported 0 entries
    client = client_for(coordinator)
    for paragraph in ("13", "29", "35"):
        rec = pry.recommendations.get(paragraph=paragraph)
        client.post(
            f"/reports/plain/recommendations/{rec.pk}/edit/?language=en",
            {"text": f"Plain text of paragraph {paragraph}.", "status": "draft"},
        )
    client.post(
        f"/reports/plain/{pry.pk}/edit/?language=en",
        {"intro": "In July 2019 the Human Rights Committee looked at Paraguay.", "status": "draft"},
    )
    po = _export_es(tmp_path)
    assert len(po) == 4
    assert sorted(e.comment for e in po if e.msgctxt.startswith("rec:")) == [
        "CCPR/C/PRY/CO/4 para. 13",
        "CCPR/C/PRY/CO/4 para. 29",
        "CCPR/C/PRY/CO/4 para. 35",
    ]
    assert any(e.msgctxt == "summary:intro" for e in po)


def test_the_summary_editor_finds_paragraph_29_and_lists_the_21_recommendations(
    pry, coordinator, client_for
):
    page = client_for(coordinator).get(f"/reports/plain/{pry.pk}/edit/?language=es&q=pretrial")
    assert page.status_code == 200
    assert "CCPR/C/PRY/CO/4 ¶ 29" in page.text
    assert "0 of 21 recommendations have a plain-language text in this language." in page.text


def test_only_coordinators_open_the_editors(pry, focal_point_a, viewer, contributor, client_for):
    para_29 = pry.recommendations.get(paragraph="29")
    for user in (viewer, contributor, focal_point_a):
        client = client_for(user)
        assert client.get(f"/reports/plain/{pry.pk}/edit/").status_code == 403
        url = f"/reports/plain/recommendations/{para_29.pk}/edit/"
        assert client.post(url, {"text": "x", "status": "published"}).status_code == 403
    assert client_for(None).get(f"/reports/plain/{pry.pk}/edit/").status_code == 302
    assert not PlainLanguageText.objects.exists()
