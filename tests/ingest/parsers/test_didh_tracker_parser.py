"""The DIDH tracker export (MANIFEST §12) read by ``ingest.parsers.didh_tracker``.

Codes and rows as printed in ``Recommendations.csv``: ``R21`` (Id 1), ``R18P5`` (Id 4),
``R21P2P3P4`` (several sub-paragraphs in one record); 855 rows carry an Arabic text
(the special-procedure rows hold the word ``null``).
"""

from __future__ import annotations

from rightstrack.ingest.parsers.didh_tracker import paragraph_from_code, parse_didh_export

DIDH = "didh-morocco-fr-ar/DERIVED_from_dev_db/Recommendations.csv"


def test_codes_become_paragraphs_as_printed():
    assert paragraph_from_code("R21") == "21"
    assert paragraph_from_code("R18P5") == "18 (5)"
    assert paragraph_from_code("R21P2P3P4") == "21 (2), (3), (4)"
    assert paragraph_from_code("R144.117") == "144.117"
    assert paragraph_from_code("R80P3/R88P1") == ""  # kept as printed by the importer


def test_the_export_reads_whole(shared_raw):
    export = parse_didh_export(shared_raw / DIDH)
    assert len(export.records) == 1124
    assert len(export.bodies) == 52
    assert sum(1 for r in export.records if r.text_ar) == 855
    assert "null" not in {r.text_ar for r in export.records}
    first = export.records[0]
    assert (first.id, first.code, first.committee, first.status) == (1, "R21", "CERD", "Réalisé")
    assert first.bodies == (28, 3)
    # Rows filed twice (same text and code, two sub-themes) are found, not merged.
    assert (13, 2000) in export.duplicates
