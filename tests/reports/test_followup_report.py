"""Follow-up report to a committee: CERD/C/BRA/CO/18-20 imported
from the real PDF, assessments recorded for 17 (a) and 36 (d)."""

from __future__ import annotations

import io
import os

import brazil_followup as bf
import pypdf
import pytest
from django.core.management import call_command
from docx_text import docx_text, headings, open_docx, table_rows

from rightstrack.reports.writers.pdf import soffice_path

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

cerd_brazil = bf.cerd_brazil  # fixtures
brazil_tracking = bf.brazil_tracking
MARKER, SEVEN, SYMBOL = bf.MARKER, bf.SEVEN, bf.SYMBOL


def _cli_report(tmp_path, ngo, fmt="docx") -> bytes:
    out = tmp_path / f"report.{fmt}"
    call_command(
        "report",
        "followup",
        SYMBOL,
        "--org",
        ngo.name,
        "--to",
        "2024-06-30",
        "--format",
        fmt,
        "-o",
        str(out),
        stdout=io.StringIO(),
    )
    return out.read_bytes()


def test_it_holds_the_seven_follow_up_items_with_their_printed_texts(brazil_tracking, tmp_path):
    data = _cli_report(tmp_path, brazil_tracking.ngo)
    open_docx(data)  # opens in python-docx
    items = [h.split(":")[0] for h in headings(data, 2)]
    assert items == [f"Paragraph {i}" for i in SEVEN]
    text = docx_text(data)
    assert bf.TEXT_17A in text
    assert bf.TEXT_36D in text
    assert "Committee on the Elimination of Racial Discrimination" in text
    assert "Brazil" in text
    assert "Session: 108" in text
    assert "Submitted by: Coalition of Human Rights Defenders" in text


def test_it_gives_the_deadline_1_december_2023(brazil_tracking, tmp_path):
    text = docx_text(_cli_report(tmp_path, brazil_tracking.ngo))
    assert "Deadline for the State party: 1 December 2023" in text
    assert text.count("Deadline: 1 December 2023") == 7


def test_it_shows_the_recorded_assessments_evidence_and_the_states_information(
    brazil_tracking, tmp_path
):
    text = docx_text(_cli_report(tmp_path, brazil_tracking.ngo))
    assert "Coverage rose in Quilombola communities, but targeted outreach stopped" in text
    assert "https://example.org/quilombola-vaccination-survey" in text
    assert "Police operations continued in defiance of the Supreme Court's ADPF 635" in text
    assert "Ministry of Health: vaccination campaign run in Quilombola territories" in text


def test_it_suggests_a_grade_for_each_item_by_the_stated_rule(brazil_tracking, tmp_path):
    """By hand: 17 (a) the State informed on 20 Nov 2023 (before the deadline), the NGO
    found it partially implemented → B; 36 (d) measures contrary → E; the five others had
    no State information on 30 June 2024, after the 1 Dec 2023 deadline → D."""
    data = _cli_report(tmp_path, brazil_tracking.ngo)
    summary = table_rows(data, 0)
    assert summary[0] == [
        "Paragraph",
        "Subject",
        "State party's information",
        "Our assessment",
        "Suggested grade",
    ]
    grades = {row[0]: row[-1] for row in summary[1:]}
    assert grades == {
        "17 (a)": "B",
        "19 (c)": "D",
        "23 (a)": "D",
        "36 (a)": "D",
        "36 (b)": "D",
        "36 (c)": "D",
        "36 (d)": "E",
    }
    text = docx_text(data)
    assert text.count("Reasoning:") == 7
    assert "B: Reply/action partially satisfactory" in text
    assert "E: Information or measures taken are contrary" in text


def test_it_never_shows_restricted_or_pending_records(brazil_tracking, tmp_path):
    text = docx_text(_cli_report(tmp_path, brazil_tracking.ngo))
    assert MARKER not in text
    assert "Paragraph 99" not in text


def test_the_docx_converts_to_pdf_in_libreoffice(brazil_tracking, tmp_path):
    if soffice_path() is None and not os.environ.get("CI"):
        pytest.skip("LibreOffice (soffice) is not installed")
    pdf = _cli_report(tmp_path, brazil_tracking.ngo, fmt="pdf")
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    assert len(reader.pages) >= 4
    assert "Paragraph 36 (d)" in text
    assert "1 December 2023" in text
    assert MARKER not in text


def test_after_the_late_reply_of_8_january_2026_unassessed_items_get_no_grade(
    brazil_tracking, coordinator, tmp_path
):
    """The State's reply CERD/C/BRA/FCO/18-20 is dated "[Date received: 8 January 2026]";
    769 days after 1 December 2023 (366 + 365 + 38). 17 (a) keeps B (the State informed on 20 Nov 2023),
    36 (d) keeps E and says the reply was late, the others wait for an assessment."""
    import datetime as dt

    from rightstrack.reports.followup_report import build_followup_report
    from rightstrack.tracking.followup import do_record_follow_up_reply

    do_record_follow_up_reply(coordinator, brazil_tracking.document, dt.date(2026, 1, 8))
    report = build_followup_report(None, brazil_tracking.document, period_end=dt.date(2026, 2, 1))
    grades = {i.item: (i.state, i.grade.label) for i in report.items}
    assert grades["17 (a)"] == ("submitted_on_time", "B")
    assert grades["36 (d)"] == ("submitted_late", "E")
    assert grades["19 (c)"] == ("submitted_late", "")
    by_item = {i.item: i for i in report.items}
    assert "769 days after the deadline" in by_item["36 (d)"].grade.reason
    assert "has not recorded an assessment" in by_item["19 (c)"].grade.reason
