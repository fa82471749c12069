"""The source's own metadata index gives the State and the date a Views file lacks, says
so (``source_index``, with where it was read), and is checked against the text.

The index (``ingest/parsers/documents/data/views_source_index.csv``) copies, for the 14
Views of ``tb-views-lszoszk``, ``stateParty`` and ``jurisDecisionDate`` / ``adoptionDate``
of ``lszoszk/generalcomments`` ``docs/jur/documents-lite.json`` (commit 03ba6ca).
Cross-checks with other sources in ``shared/data/raw``:

- CCPR/C/134/D/2836/2016: the OHCHR-Juris record ``tb-juris-worldwidelaw/OHCHR-Juris/
  case_3500.json`` (a different copy of the same database record, case id 3500) has
  ``country`` "Kyrgyzstan" and ``date`` "2022-03-11".
- CRPD/C/34/D/95/2022: index 26 March 2026, inside the session the Views' footnote prints,
  "thirty-fourth session (9–27 March 2026)".
"""

from __future__ import annotations

import io
import json
from datetime import date

from django.core.management import call_command

from rightstrack.ingest.parsers.documents.kinds import parse_document
from rightstrack.ingest.parsers.documents.un_views import ViewsDecision, session_dates
from rightstrack.ingest.parsers.documents.views_index import lookup, views_index

SOURCE = "lszoszk/generalcomments docs/jur/documents-lite.json @ 03ba6ca"


def test_the_index_holds_the_fourteen_views_with_their_source(shared_raw):
    index = views_index()
    folder_symbols = {
        p.stem.replace("_", "/") for p in (shared_raw / "tb-views-lszoszk").glob("*.txt")
    }
    assert {e.symbol for e in index.values()} == folder_symbols
    assert len(index) == 14
    from_index = {e.symbol for e in index.values() if not e.source_url}
    assert {(e.repository, e.path, e.commit) for e in index.values() if not e.source_url} == {
        (
            "lszoszk/generalcomments",
            "docs/jur/documents-lite.json",
            "03ba6ca566b8c844eece7c32946bf68e970ac9d0",
        )
    }
    # The one row the index cannot date is read from the UN document's heading (ODS copy):
    # "Date of present decision: 13 December 2018".
    assert folder_symbols - from_index == {"CERD/C/97/D/58/2016"}
    cerd = lookup("CERD/C/97/D/58/2016")
    assert cerd is not None and cerd.adopted is not None
    assert (cerd.adopted.isoformat(), cerd.adopted_field) == (
        "2018-12-13",
        "Date of present decision",
    )
    assert cerd.source_url.startswith("https://docstore.ohchr.org/")
    assert cerd.source.startswith("UN document CERD/C/97/D/58/2016 (https://docstore.ohchr.org/")


def test_the_index_agrees_with_the_ohchr_juris_record(shared_raw):
    record = json.loads(
        (shared_raw / "tb-juris-worldwidelaw" / "OHCHR-Juris" / "case_3500.json").read_text()
    )
    entry = lookup("ccpr/c/134/d/2836/2016")
    assert entry is not None
    assert record["symbol"] == entry.symbol
    assert (record["country"], record["date"]) == (entry.state_party, entry.adopted.isoformat())
    assert (entry.adopted_field, entry.juris_case_id) == ("jurisDecisionDate", "3500")


def test_parse_json_says_where_state_and_date_come_from(shared_raw):
    out = io.StringIO()
    path = shared_raw / "tb-views-lszoszk" / "crpd-c-34-d-95-2022.json"
    call_command("parse", str(path), "--json", stdout=out)
    comm = json.loads(out.getvalue())["communication"]
    assert (comm["country"], comm["state_party_basis"]) == ("LVA", "source_index")
    assert (comm["adopted"], comm["adopted_basis"], comm["adopted_field"]) == (
        "2026-03-26",
        "source_index",
        "adoptionDate",
    )
    assert comm["index_source"] == SOURCE
    assert (comm["reply_period"], comm["reply_due"]) == ("within six months", "2026-09-26")
    assert comm["missing"] == {}


def test_an_index_date_outside_the_printed_session_is_refused(shared_raw, tmp_path):
    # The real CRPD file, its footnote's session moved to June: 26 March no longer fits.
    name = "CRPD_C_34_D_95_2022.txt"
    text = (shared_raw / "tb-views-lszoszk" / name).read_text(encoding="utf-8")
    assert "thirty-fourth session (9–27 March 2026)" in text
    path = tmp_path / name
    path.write_text(text.replace("(9–27 March 2026)", "(1–19 June 2026)"), encoding="utf-8")
    views = parse_document(path).result
    assert isinstance(views, ViewsDecision)
    assert (views.metadata.adopted, views.reply_due) == (None, None)
    assert views.gaps["adopted"] == (
        "no date of the Views: the source's metadata index gives 2026-03-26, outside the "
        "session the text prints (thirty-fourth session (1–19 June 2026))"
    )
    assert views.country == "LVA"  # the State from the index still stands


def test_session_dates_as_printed():
    assert session_dates("9–27 March 2026") == (date(2026, 3, 9), date(2026, 3, 27))
    assert session_dates("30 September–18 October 2019") == (
        date(2019, 9, 30),
        date(2019, 10, 18),
    )
    assert session_dates("28 December–5 January 2021") == (date(2020, 12, 28), date(2021, 1, 5))
    assert session_dates("thirty-fourth session") is None
