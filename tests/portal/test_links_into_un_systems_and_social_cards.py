"""Document symbols link to the UN Official Document System (ODS) in the visitor's language,
and recommendation, document and country pages carry OpenGraph / Twitter card tags.

Documents: CCPR/C/PRY/CO/4 (``ccpr-co-rolandccpr``) and A/HRC/59/15, Slovenia's fourth-cycle
Working Group report, cited by the bundled cycle 4 thematic list.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command

from rightstrack.catalog.models import Document
from rightstrack.catalog.un_links import ods_url

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


def test_the_ods_address_is_the_symbol_in_the_un_language_asked_for():
    assert ods_url("CCPR/C/PRY/CO/4", "es") == "https://undocs.org/es/CCPR/C/PRY/CO/4"
    assert ods_url(" A/HRC/59/15 ", "zh-hans") == "https://undocs.org/zh/A/HRC/59/15"
    assert ods_url("A/HRC/59/15", "ar") == "https://undocs.org/ar/A/HRC/59/15"
    assert ods_url("A/HRC/59/15", "pt-br") == "https://undocs.org/en/A/HRC/59/15"
    assert ods_url("A/HRC/59/15", None) == "https://undocs.org/en/A/HRC/59/15"
    assert ods_url("", "fr") == ""


def _meta(html: str, prop: str) -> str:
    found = re.search(rf'<meta (?:property|name)="{re.escape(prop)}" content="([^"]*)"', html)
    assert found, prop
    return found.group(1)


@pytest.mark.django_db
def test_pages_link_the_official_text_and_carry_a_social_card(shared_raw, reference_data, client):
    call_command(
        "import",
        str(shared_raw / "ccpr-co-rolandccpr" / "CCPR_C_PRY_CO_4.txt"),
        stdout=io.StringIO(),
    )
    doc = Document.objects.get(symbol="CCPR/C/PRY/CO/4")
    page = client.get(f"/documents/{doc.pk}/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert 'href="https://undocs.org/es/CCPR/C/PRY/CO/4"' in page
    assert _meta(page, "og:url") == f"http://testserver/documents/{doc.pk}/"
    assert _meta(page, "og:title") == "CCPR/C/PRY/CO/4"
    image = _meta(page, "og:image")
    assert image == f"http://testserver/reports/share/document/{doc.pk}.png"
    assert client.get(image.removeprefix("http://testserver"))["Content-Type"] == "image/png"
    assert _meta(page, "twitter:card") == "summary_large_image"

    rec = doc.recommendations.get(paragraph="29")
    page = client.get(f"/recommendations/{rec.pk}/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert 'href="https://undocs.org/fr/CCPR/C/PRY/CO/4"' in page
    assert _meta(page, "og:title") == "CCPR/C/PRY/CO/4, par. 29"  # French: "par."
    # Paragraph 29 of CCPR/C/PRY/CO/4 begins "The State party should".
    assert _meta(page, "og:description").startswith("The State party should")
    assert _meta(page, "og:image").endswith(f"/reports/share/recommendation/{rec.pk}.png")

    page = client.get("/countries/PRY/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert _meta(page, "og:title") == "Paraguay"
    assert _meta(page, "og:url") == "http://testserver/countries/PRY/"


@pytest.mark.django_db
def test_a_upr_report_cited_by_a_thematic_list_links_to_ods(reference_data, client):
    call_command(
        "import",
        str(SAMPLE / "thematic-lists" / "upr48-slovenia-thematic-list-of-recommendatio.docx"),
        stdout=io.StringIO(),
    )
    doc = Document.objects.get(symbol="A/HRC/59/15")
    page = client.get(f"/documents/{doc.pk}/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert 'href="https://undocs.org/ru/A/HRC/59/15"' in page
