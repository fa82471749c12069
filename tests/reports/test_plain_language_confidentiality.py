"""Restricted records never appear in a plain-language summary (HTML, PDF, DOCX) or a PO export."""

from __future__ import annotations

import io

import pytest
from docx import Document as DocxDocument

from rightstrack.reports.actions import do_save_plain_text
from rightstrack.reports.translation import export_po
from rightstrack.reports.writers.pdf import check_tagged_pdf

pytestmark = pytest.mark.django_db
BELOW_COORDINATOR = ["anonymous", "viewer", "contributor", "focal_point_a", "validator"]


def test_restricted_paragraphs_never_reach_a_summary_below_coordinator(
    client_for, cast, pry_co_catalogue
):
    for rec in pry_co_catalogue.restricted_recs[1:2]:
        do_save_plain_text(None, rec, "en", f"Plain version {pry_co_catalogue.marker}.")
    pk = pry_co_catalogue.pry_co.pk
    for role in BELOW_COORDINATOR:
        client = client_for(cast[role])
        html = client.get(f"/reports/plain/{pk}/").content.decode()
        assert "Paragraph 13" in html, role
        assert pry_co_catalogue.marker not in html, role
        pdf = check_tagged_pdf(client.get(f"/reports/plain/{pk}.pdf").content)
        assert "Paragraph 13" in pdf.text
        assert pry_co_catalogue.marker not in pdf.text, role
        docx = DocxDocument(io.BytesIO(client.get(f"/reports/plain/{pk}.docx").content))
        assert pry_co_catalogue.marker not in "\n".join(p.text for p in docx.paragraphs), role
        # The SPT visit report itself is not found at all (404, not 403).
        for suffix in ("/", ".pdf", ".docx"):
            url = f"/reports/plain/{pry_co_catalogue.restricted_doc.pk}{suffix}"
            assert client.get(url).status_code == 404, (role, suffix)
    coordinator = client_for(cast["coordinator"]).get(f"/reports/plain/{pk}/").content.decode()
    assert "para. 99" in coordinator


def test_the_po_export_for_translators_leaves_restricted_texts_out(pry_co_catalogue):
    do_save_plain_text(None, pry_co_catalogue.pry_recs[13], "en", "Public plain text.")
    do_save_plain_text(
        None, pry_co_catalogue.restricted_recs[1], "en", f"Secret {pry_co_catalogue.marker}."
    )
    po = export_po(pry_co_catalogue.pry_co, "es")
    assert [e.msgid for e in po] == ["Public plain text."]
    assert pry_co_catalogue.marker not in str(po)
