"""UPR mid-term report on the real Slovenia cycle 3 thematic list (bundled in
data/sample/thematic-lists, UPR34_Slovenia_Thematic_list_of_Recommendations.docx).

Counted by hand in that DOCX (its table rows numbered 121.x/122.x): 215 recommendations,
182 "Supported" and 33 "Noted"; 122.153 (Cyprus, noted) is printed under the theme
"Prohibition of torture & cruel, inhuman or degrading treatment".
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from docx_text import docx_text, headings, table_rows

from rightstrack.catalog.models import Country, Recommendation, Visibility
from rightstrack.ingest.pipeline import import_file
from rightstrack.reports.midterm import build_midterm_report, render_midterm_docx
from rightstrack.tracking import actions as verbs
from rightstrack.tracking.models import Assessment, Level

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

LIST = (
    Path(__file__).resolve().parents[2]
    / "data/sample/thematic-lists/UPR34_Slovenia_Thematic_list_of_Recommendations.docx"
)
MARKER = "Vellichorb"


@pytest.fixture
def slovenia(reference_data, coordinator):
    assert import_file(LIST).status == "succeeded"
    svn = Country.objects.get(iso3="SVN")
    rec = Recommendation.objects.get(country=svn, upr_cycle=3, paragraph="121.52")
    verbs.do_submit_assessment(
        coordinator,
        rec,
        source=Assessment.Source.GOVERNMENT,
        date=dt.date(2022, 6, 1),
        level=Level.PARTIAL,
        text="Mid-term: training of border police on non-refoulement.",
    )
    other = Recommendation.objects.get(country=svn, upr_cycle=3, paragraph="122.153")
    Recommendation.objects.create(
        natural_key="svn-restricted",
        document=other.document,
        paragraph="999.1",
        order=9999,
        mechanism=other.mechanism,
        country=svn,
        upr_cycle=3,
        text=f"Restricted {MARKER}",
        visibility=Visibility.RESTRICTED,
    )
    verbs.do_submit_assessment(
        coordinator,
        other,
        source=Assessment.Source.CIVIL_SOCIETY,
        date=dt.date(2022, 6, 1),
        level=Level.IMPLEMENTED,
        text=f"Embargoed {MARKER}",
        visibility=Visibility.RESTRICTED,
    )
    return svn


def test_it_counts_every_recommendation_of_the_cycle_by_position(slovenia, coordinator):
    report = build_midterm_report(coordinator, slovenia, 3, on=dt.date(2022, 6, 30))
    assert report.total == 215
    assert report.position_counts == {"Supported": 182, "Noted": 33}
    assert report.status_counts == {"Partially implemented": 1, "Not assessed": 214}


def test_the_docx_groups_by_theme_and_cluster_with_counts(slovenia, coordinator):
    data = render_midterm_docx(build_midterm_report(coordinator, slovenia, 3))
    text = docx_text(data)
    assert "Recommendations: 215" in text
    assert "Positions: Noted: 33, Supported: 182" in text
    counts = table_rows(data, 0)
    assert counts[0][:2] == ["Theme", "Total"]
    assert sum(int(row[1]) for row in counts[1:]) == 215
    torture = "Prohibition of torture & cruel, inhuman or degrading treatment"
    assert any(h.startswith(torture) for h in headings(data, 1))
    assert torture in headings(data, 2)  # the cluster heading as printed in the list
    assert "Strengthen the asylum system to fully respect the principle of non-refoulement" in text


def test_restricted_records_are_absent(slovenia, coordinator, tmp_path):
    data = render_midterm_docx(build_midterm_report(coordinator, slovenia, 3))
    assert MARKER not in docx_text(data)
    out = tmp_path / "m.docx"
    call_command("report", "midterm", "SVN", "3", "-o", str(out), stdout=io.StringIO())
    assert MARKER not in docx_text(out.read_bytes())
    assert "Recommendations: 215" in docx_text(out.read_bytes())
