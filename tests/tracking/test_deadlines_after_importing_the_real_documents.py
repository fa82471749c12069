"""Follow-up deadlines end to end, with the real files imported through the ingest pipeline.

* CERD/C/BRA/CO/18-20 (CERD-Observacoes-Brasil-2022.pdf): para. 68, "within one year of
  the adoption" (1 December 2022) → 17 (a), 19 (c), 23 (a), 36 (a)-(d) due 2023-12-01;
  reply CERD/C/BRA/FCO/18-20 (CERD-Follow-up-Brasil-2026.pdf) received 8 January 2026.
* CCPR/C/PRY/CO/4: para. 47 "or by 26 July 2021" → 13, 29, 35; reply CCPR/C/PRY/FCO/4
  "[Date received: 12 May 2023]".
"""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command

from rightstrack.catalog.models import Document, FollowUpRequest
from rightstrack.ingest.pipeline import import_file
from rightstrack.tracking.followup import LATE, do_record_follow_up_reply, state_of

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

CERD_CO = "cerd-brazil-lrcarneiro/CERD-Observacoes-Brasil-2022.pdf"
CERD_FCO = "cerd-brazil-lrcarneiro/CERD-Follow-up-Brasil-2026.pdf"
PRY_CO = "ccpr-co-rolandccpr/CCPR_C_PRY_CO_4.txt"
PRY_FCO = "ccpr-co-rolandccpr/CCPR_C_PRY_FCO_4.txt"
SEVEN = ["17 (a)", "19 (c)", "23 (a)", "36 (a)", "36 (b)", "36 (c)", "36 (d)"]


def _import(shared_raw, name):
    run = import_file(shared_raw / name)
    assert run.status == "succeeded", run.errors
    return run


def _follow_up_rows(*args):
    out = io.StringIO()
    call_command("deadlines", *args, "--json", stdout=out)
    return [r for r in json.loads(out.getvalue()) if r["kind"] == "follow_up_reply"]


def test_brazil_lists_seven_items_due_1_december_2023_then_submitted_late(
    shared_raw, reference_data
):
    _import(shared_raw, CERD_CO)
    rows = _follow_up_rows("--country", "BRA", "--date", "2025-06-01")
    assert [r["item"] for r in rows] == SEVEN
    assert {r["date"] for r in rows} == {"2023-12-01"}
    assert {r["basis"] for r in rows} == {"computed"}
    assert {r["state"] for r in rows} == {"overdue"}
    assert {r["symbol"] for r in rows} == {"CERD/C/BRA/CO/18-20"}

    _import(shared_raw, CERD_FCO)  # the importer links the reply to the CO's items
    rows = _follow_up_rows("--country", "BRA", "--date", "2026-02-01")
    assert [r["item"] for r in rows] == SEVEN
    assert {r["state"] for r in rows} == {"submitted_late"}
    reply = Document.objects.get(symbol="CERD/C/BRA/FCO/18-20")
    assert reply.received_on == dt.date(2026, 1, 8)


def test_recording_brazils_reply_by_hand_gives_the_same_result(
    shared_raw, reference_data, coordinator
):
    _import(shared_raw, CERD_CO)
    co = Document.objects.get(symbol="CERD/C/BRA/CO/18-20")
    do_record_follow_up_reply(coordinator, co, dt.date(2026, 1, 8))
    rows = _follow_up_rows("--country", "BRA")
    assert len(rows) == 7
    assert {r["state"] for r in rows} == {"submitted_late"}


def test_paraguay_items_read_submitted_late_against_26_july_2021(
    shared_raw, reference_data, coordinator
):
    _import(shared_raw, PRY_CO)
    co = Document.objects.get(symbol="CCPR/C/PRY/CO/4")
    items = FollowUpRequest.objects.filter(document=co, kind="follow_up").order_by("id")
    assert [(r.item, r.due_on, r.due_basis) for r in items] == [
        ("13", dt.date(2021, 7, 26), "stated"),
        ("29", dt.date(2021, 7, 26), "stated"),
        ("35", dt.date(2021, 7, 26), "stated"),
    ]
    do_record_follow_up_reply(coordinator, co, dt.date(2023, 5, 12))
    assert {state_of(r, dt.date(2023, 6, 1)) for r in items.all()} == {LATE}

    _import(shared_raw, PRY_FCO)
    rows = _follow_up_rows("--country", "PRY")
    assert [(r["item"], r["date"], r["state"]) for r in rows] == [
        ("13", "2021-07-26", "submitted_late"),
        ("29", "2021-07-26", "submitted_late"),
        ("35", "2021-07-26", "submitted_late"),
    ]
    assert {r.reply_document.symbol for r in items.all()} == {"CCPR/C/PRY/FCO/4"}
