"""Parallel (shadow) follow-up report on CCPR/C/PRY/CO/4: every follow-up paragraph that
paragraph 47 names, with its status and evidence, read back from the DOCX and from the PDF
LibreOffice makes of it (facts checked by hand: see ``paraguay_parallel``)."""

from __future__ import annotations

import io
import os

import paraguay_parallel as pp
import pypdf
import pytest
from docx_text import docx_text, headings, table_rows

from rightstrack.reports.writers.pdf import soffice_path

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

paraguay_parallel = pp.paraguay_parallel  # fixture


def test_it_holds_paragraphs_13_29_and_35_with_the_deadline_of_paragraph_47(
    paraguay_parallel, tmp_path
):
    data = pp.cli_report(tmp_path, paraguay_parallel.ngo)
    assert [h.split(":")[0] for h in headings(data, 2)] == [f"Paragraph {p}" for p in pp.ITEMS]
    text = docx_text(data)
    assert "Follow-up request: paragraph 47" in text
    assert "Paragraphs selected for follow-up: 13, 29 and 35" in text
    assert "Deadline for the State party: 26 July 2021" in text
    assert text.count("Deadline: 26 July 2021 (Submitted late)") == 3
    assert "State party's follow-up reply: CCPR/C/PRY/FCO/4, received on 12 May 2023" in text
    assert "Submitted by: Coalition of Human Rights Defenders" in text
    assert "Human Rights Committee (CCPR)" in text
    for printed in (pp.TEXT_13, pp.TEXT_29, pp.TEXT_35):
        assert printed in text


def test_every_item_has_its_status_evidence_and_suggested_grade(paraguay_parallel, tmp_path):
    """By hand: the reply came (late) on 12 May 2023, so the grades follow our assessments:
    13 partially implemented → B; 29 not implemented → C; 35 measures contrary → E. The
    Committee graded 29 C (entered in the test)."""
    data = pp.cli_report(tmp_path, paraguay_parallel.ngo)
    summary = table_rows(data, 0)
    assert summary[0] == [
        "Paragraph",
        "Subject",
        "State party's information",
        "Our assessment",
        "Suggested grade",
        "Committee's grade",
    ]
    rows = {r[0]: (r[2], r[3], r[4], r[5]) for r in summary[1:]}
    assert rows == {
        "13": ("Reply received 12 May 2023", "Partially implemented (1 September 2025)", "B", "—"),
        "29": ("Reply received 12 May 2023", "Not implemented (1 October 2025)", "C", "C"),
        "35": ("Reply received 12 May 2023", "Measures contrary (3 November 2025)", "E", "—"),
    }
    text = docx_text(data)
    for url in pp.EVIDENCE.values():
        assert url in text
    assert "Information requested on the duration of pretrial detention." in text
    assert "Ombudsman's Office" in text and "Families of the Disappeared Association" in text
    assert "Census of persons in pretrial detention" in text
    assert "by 31 December 2026" in text
    assert "The State's information came 655 days after the deadline." in text
    assert text.count("What we recommend") == 3


def test_it_never_shows_restricted_pending_or_hidden_names(
    paraguay_parallel, tmp_path, hidden_contributor_markers
):
    text = docx_text(pp.cli_report(tmp_path, paraguay_parallel.ngo))
    assert pp.MARKER not in text
    for name in hidden_contributor_markers:
        assert name not in text


def test_it_renders_in_libreoffice(paraguay_parallel, tmp_path):
    if soffice_path() is None and not os.environ.get("CI"):
        pytest.skip("LibreOffice (soffice) is not installed")
    data = pp.cli_report(tmp_path, paraguay_parallel.ngo, fmt="pdf")
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert len(reader.pages) > 0
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)
    for para in pp.ITEMS:
        assert f"Paragraph {para}" in text
    assert pp.EVIDENCE["35"] in text
    assert pp.MARKER not in text


def test_without_a_named_organisation_each_row_says_its_own_source(paraguay_parallel):
    """With no --org every civil-society and NHRI assessment is "ours" (as in the follow-up
    report), so no row claims to be the submitting organisation's."""
    from rightstrack.reports.parallel_report import build_parallel_report, render_parallel_docx

    report = build_parallel_report(None, paraguay_parallel.document, language="en")
    text = docx_text(render_parallel_docx(report))
    assert "Submitted by: (organisation to be named)" in text
    assert "Submitting organisation" not in text
    assert "National human rights institution: Ombudsman's Office" in text
    assert "Civil society: Families of the Disappeared Association" in text
