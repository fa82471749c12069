"""Plain-language summary of CCPR/C/PRY/CO/4, imported by the real treaty-document importer.

Hand-checked in the CO text (tests/samples/reports/CCPR_C_PRY_CO_4.txt, para. 47):
"...within two years of the adoption of the present concluding observations, or by
26 July 2021, information on the implementation of the recommendations made by the
Committee in paragraphs 13 (human rights violations during the period of the
dictatorship), 29 (pretrial detention and fundamental safeguards) and 35
(independence of the judiciary)." Para. 48: next report by 26 July 2025.
Para. 3 (a)-(g): seven measures welcomed, (c) "Act No. 5419 of 2015, which amends the
Civil Code and increases the minimum age for marriage to 18 years old".
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from docx import Document as DocxDocument
from pypdf import PdfReader

from rightstrack.catalog.models import Document, Recommendation
from rightstrack.reports.actions import do_save_plain_summary, do_save_plain_text
from rightstrack.reports.plain_language import build_summary
from rightstrack.reports.writers.pdf import check_tagged_pdf

pytestmark = pytest.mark.django_db
CO = Path(__file__).resolve().parent.parent / "samples" / "reports" / "CCPR_C_PRY_CO_4.txt"


@pytest.fixture
def pry(db) -> Document:
    call_command("seed_reference", verbosity=0)
    call_command("import", CO, verbosity=0)
    call_command("plain_language", "prefill", "CCPR/C/PRY/CO/4", CO, stdout=io.StringIO())
    return Document.objects.get(symbol="CCPR/C/PRY/CO/4")


def _rec(doc: Document, paragraph: str) -> Recommendation:
    return doc.recommendations.get(paragraph=paragraph)


def test_the_summary_names_the_three_follow_up_items_and_26_july_2021(client, pry):
    summary = build_summary(None, pry.pk, "en")
    assert [fu.paragraph for fu in summary.follow_ups] == ["13", "29", "35"]
    assert {fu.due_text for fu in summary.follow_ups} == {"26 July 2021"}
    assert summary.follow_up_due == "26 July 2021"
    assert (
        summary.follow_ups[0].topic
        == "Human rights violations during the period of the dictatorship"
    )
    assert summary.follow_ups[2].topic == "Independence of the judiciary"
    assert len(summary.welcomed) == 7
    assert summary.welcomed[2].startswith("Act No. 5419 of 2015, which amends the Civil Code")
    assert any("26 July 2025" in step for step in summary.next_steps)

    html = client.get(f"/reports/plain/{pry.pk}/").content.decode()
    follow_up_box = html[
        html.index('class="follow-up"') : html.index("What the Committee welcomed")
    ]
    for paragraph in ("13", "29", "35"):
        assert f"Paragraph {paragraph}" in follow_up_box
    assert "report back by 26 July 2021" in follow_up_box
    assert html.index("follow-up-heading") < html.index("concerns-heading")


def test_the_pdf_is_tagged_and_passes_the_pdf_ua_style_check(client, pry):
    response = client.get(f"/reports/plain/{pry.pk}.pdf")
    assert response["Content-Type"] == "application/pdf"
    report = check_tagged_pdf(response.content)
    assert report.problems == []
    assert report.lang == "en"
    assert (
        report.title == "The Human Rights Committee's recommendations to Paraguay in plain language"
    )
    assert report.headings()[:3] == ["H1", "H2", "H2"]
    text = " ".join(report.text.split())
    order = [
        "Follow-up: the State must report back by 26 July 2021",
        "Paragraph 13",
        "Paragraph 29",
        "Paragraph 35",
        "What the Committee welcomed",
        "Main concerns",
        "Independence of the judiciary",
        "What happens next",
    ]
    position = 0
    for part in order:  # each part after the previous one, in reading order
        position = text.index(part, position)
    assert 1 <= len(PdfReader(io.BytesIO(response.content)).pages) <= 2


def test_the_large_print_pdf_and_docx_use_18_point_text(client, pry):
    normal = PdfReader(io.BytesIO(client.get(f"/reports/plain/{pry.pk}.pdf").content))
    large_pdf = client.get(f"/reports/plain/{pry.pk}.pdf?size=large").content
    assert check_tagged_pdf(large_pdf).problems == []
    sizes: set[float] = set()
    reader = PdfReader(io.BytesIO(large_pdf))
    for page in reader.pages:
        page.extract_text(
            visitor_text=lambda text, cm, tm, font, size: (
                sizes.add(round(size * tm[0] * cm[0], 1)) if text.strip() else None
            )
        )
    assert min(sizes) >= 18
    assert len(reader.pages) > len(normal.pages)
    docx = DocxDocument(io.BytesIO(client.get(f"/reports/plain/{pry.pk}.docx?size=large").content))
    assert docx.styles["Normal"].font.size.pt == 18


def test_the_docx_holds_the_follow_up_items_and_opens_in_python_docx(client, pry):
    response = client.get(f"/reports/plain/{pry.pk}.docx")
    doc = DocxDocument(io.BytesIO(response.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Follow-up: the State must report back by 26 July 2021" in text
    for paragraph in ("13", "29", "35"):
        assert f"Paragraph {paragraph}:" in text
    assert doc.core_properties.title.startswith("The Human Rights Committee's recommendations")
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading 1")]
    assert headings[0].startswith("Follow-up")
    assert headings[-1] == "What happens next"


def test_a_plain_text_is_shown_and_reads_out_of_date_when_the_official_text_changes(client, pry):
    rec = _rec(pry, "35")
    do_save_plain_text(
        None,
        rec,
        "en",
        "Judges must be free from pressure. The State should fight corruption in the courts "
        "and choose judges in a fair and open way.",
    )
    summary = build_summary(None, pry.pk, "en")
    item = summary.follow_ups[2].item
    assert item.is_plain and not item.out_of_date
    assert summary.readability.flesch is not None
    assert summary.out_of_date == []

    rec.text = rec.text.replace("Strengthen its efforts", "Redouble its efforts")
    rec.save()
    summary = build_summary(None, pry.pk, "en")
    assert summary.follow_ups[2].item.out_of_date
    assert summary.out_of_date == ["Paragraph 35"]
    html = client.get(f"/reports/plain/{pry.pk}/").content.decode()
    assert "Out of date:" in html


def test_the_readability_score_rises_when_the_text_gets_simpler(pry):
    rec = _rec(pry, "13")
    do_save_plain_text(None, rec, "en", rec.text)  # the official wording, unchanged
    hard = build_summary(None, pry.pk, "en").readability.flesch
    do_save_plain_text(
        None,
        rec,
        "en",
        "Find out what happened to people who were hurt or who went missing under the "
        "dictatorship. Punish those who did it. Help the victims and their families.",
    )
    easy = build_summary(None, pry.pk, "en").readability.flesch
    assert easy > hard


def test_the_summary_works_in_spanish_with_translated_texts_and_dates(client, pry):
    rec = _rec(pry, "29")
    do_save_plain_text(None, rec, "en", "Fewer people should wait in prison for their trial.")
    do_save_plain_text(
        None, rec, "es", "Menos personas deberían esperar su juicio en la cárcel.", "en"
    )
    do_save_plain_summary(None, pry, "es", intro="Resumen en lenguaje sencillo.")
    html = client.get(f"/reports/plain/{pry.pk}/?lang=es").content.decode()
    assert 'lang="es"' in html
    assert "26 de julio de 2021" in html
    assert "Menos personas deberían esperar su juicio en la cárcel." in html
    assert "Resumen en lenguaje sencillo." in html
    summary = build_summary(None, pry.pk, "es")
    assert summary.languages == ["en", "es"]
    assert summary.readability.flesch is not None  # textstat has a Spanish formula
    pdf = client.get(f"/reports/plain/{pry.pk}.pdf?lang=es").content
    report = check_tagged_pdf(pdf)
    assert report.problems == []
    assert report.lang == "es"
