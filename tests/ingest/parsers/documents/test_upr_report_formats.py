"""Report layouts and State-name forms not all present in Slovenia's reports, written from
the formats seen in the 2008-2012 reports (``upr-wg-reports-terman``), including first-cycle
reports that split recommendations into accepted, to-be-examined and rejected groups
(UPR Info, UPR-Trax No. 3)."""

from __future__ import annotations

import pytest

from rightstrack.ingest.parsers.documents.upr_report import (
    UprParseError,
    parse_upr_report_text,
    recommending_states,
)

FIRST_CYCLE = """Report of the Working Group on the Universal Periodic Review*
Ruritania
A/HRC/11/99
II. CONCLUSIONS AND/OR RECOMMENDATIONS
67. The recommendations formulated during the interactive dialogue have been examined
by Ruritania and the recommendations listed below enjoy the support of Ruritania:
1.
Consider signing the Convention on the Rights of Persons with Disabilities (Canada);
2.
Ratify the Convention (Maldives and Portugal);
68. The following recommendations will be examined by Ruritania, which will provide
responses in due time:
1.
Abolish the death penalty (United Kingdom);
69. The following recommendations did not enjoy the support of Ruritania:
1.
Decriminalize defamation (Iran (Islamic Republic of), Bolivarian Republic of Venezuela);
70. All conclusions and/or recommendations contained in the present report reflect
the position of the submitting State(s).
"""


def test_first_cycle_groups_give_positions_and_restart_numbering():
    report = parse_upr_report_text(FIRST_CYCLE)
    assert report.groups == {67: "supported", 68: "pending", 69: "noted"}
    assert [(r.number, r.position) for r in report.recommendations] == [
        ("67.1", "supported"),
        ("67.2", "supported"),
        ("68.1", "pending"),
        ("69.1", "noted"),
    ]
    assert report.recommendations[0].position_source == "A/HRC/11/99"
    assert report.recommendations[1].recommending_states == ["MDV", "PRT"]
    assert report.recommendations[3].recommending_states == ["IRN", "VEN"]


@pytest.mark.parametrize(
    ("item", "states"),
    [
        ("Ratify OP-CAT (Maldives) (Portugal);", ["MDV", "PRT"]),
        ("Ratify OP-CAT (Maldives and Portugal);", ["MDV", "PRT"]),
        ("Ratify OP-CAT (Bosnia and Herzegovina);", ["BIH"]),
        ("Ratify OP-CAT (Spain, Tunisia and Portugal).", ["ESP", "TUN", "PRT"]),
        ("Ratify ICRMW (Venezuela (Bolivarian Republic of));", ["VEN"]),
        ("Ratify ICRMW (Democratic People's Republic of Korea);", ["PRK"]),
        ("Act (United King dom of Great Britain and Northern Ireland);", ["GBR"]),
        ("Ratify ILO Convention No. 189 (No. 189) (Philippines);", ["PHL"]),
        ("Ratify (Spain)/consider ratifying (Argentina) the Convention (Spain, Argentina);",
         ["ESP", "ARG"]),
    ],
)  # fmt: skip
def test_it_resolves_the_recommending_states(item, states):
    assert recommending_states(item)[0] == states


def test_an_unknown_closing_name_is_reported_not_dropped():
    codes, _names, unknown, text = recommending_states("Ratify OP-CAT (Ruritania);")
    assert (codes, unknown, text) == ([], ["Ruritania"], "Ratify OP-CAT")


def test_a_text_without_the_conclusions_section_is_refused():
    with pytest.raises(UprParseError, match="Conclusions and/or recommendations"):
        parse_upr_report_text("Report of the Working Group\n1. The review was held.\n")
