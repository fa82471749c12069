"""`rightstrack import` on the lszoszk Views says, per file, what the record still lacks
(State party, date of the Views, reply deadline) and why; it takes what the text states
and never blanks what another source or a coordinator supplied.

Values read in the files (``shared/data/raw/tb-views-lszoszk``):

- CCPR/C/134/D/2836/2016 (Alimov v. Kyrgyzstan): no heading block, the State is only "the
  State party", no date; para. 10 "within 180 days". The UN document's heading (the
  OHCHR-Juris copy ``CCPR_C_134_D_2836_2016.repaired.txt``, which the import refuses for its
  broken encoding) prints "State party: Kyrgyzstan" and "Date of adoption of Views: 11 March
  2022": 11 March 2022 + 180 days = 7 September 2022.
- E/C.12/66/D/51/2018: "Date of adoption of decision: 11 October 2019", "within six months"
  (11 April 2020); the State (Spain) is never named as the State party.
- CERD/C/97/D/58/2016: "a violation by Denmark of articles 2 (1) (c), 5 and 6"; no date;
  para. 10 "within 90 days".

The source's own metadata index (``lszoszk/generalcomments`` ``docs/jur/documents-lite.json``,
``ingest/parsers/documents/data/views_source_index.csv``) gives Kyrgyzstan and 11 March 2022
for CCPR/C/134/D/2836/2016 and Spain for E/C.12/66/D/51/2018. It has no date for
CERD/C/97/D/58/2016 (its OHCHR-Juris record, case 2714, neither); the table takes that one
from the UN document's heading, "Date of present decision: 13 December 2018". A Views that
no source dates is the same CERD file copied under a number nobody holds (58/2099).
"""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.management import call_command

from rightstrack.catalog.models import Communication, Country
from rightstrack.tracking.communication_actions import do_update_communication

pytestmark = pytest.mark.django_db

CCPR = "CCPR_C_134_D_2836_2016.txt"
CESCR = "E_C.12_66_D_51_2018.txt"
CERD = "CERD_C_97_D_58_2016.txt"


def _import(shared_raw, *names: str) -> str:
    out = io.StringIO()
    paths = [str(shared_raw / "tb-views-lszoszk" / name) for name in names]
    call_command("import", *paths, stdout=out, stderr=io.StringIO())
    return " ".join(out.getvalue().split())  # the console wraps long lines


def test_each_file_is_named_with_what_is_missing_and_why(reference_data, shared_raw, tmp_path):
    undated = tmp_path / CERD.replace("_58_2016", "_58_2099")
    undated.write_text(
        (shared_raw / "tb-views-lszoszk" / CERD).read_text(encoding="utf-8"), encoding="utf-8"
    )
    out = _import(shared_raw, CCPR, CESCR, CERD, str(undated))
    nobody = Communication.objects.get(mechanism__code="CERD", number="58/2099")
    name = undated.name
    assert (
        f'{name}: warning: no date of the Views: no "Date of adoption" line, "adopted on" date '
        "or adoption footnote in the text; enter it at "
        f"/tracking/communications/{nobody.pk}/"
    ) in out
    assert (
        f"{name}: warning: no reply deadline: the period (within 90 days) has no date to "
        "count from; enter the date of the Views or of their transmittal at "
        f"/tracking/communications/{nobody.pk}/"
    ) in out
    assert f"{name}: warning: no State party" not in out
    # What the table supplies is no longer missing.
    assert f"{CCPR}: warning" not in out
    assert f"{CESCR}: warning" not in out
    assert f"{CERD}: warning" not in out


def test_what_the_text_states_is_stored(reference_data, shared_raw):
    _import(shared_raw, CESCR, CERD)
    cescr = Communication.objects.get(mechanism__code="CESCR", number="51/2018")
    assert (cescr.views_adopted_on, cescr.reply_due, cescr.reply_due_basis) == (
        date(2019, 10, 11),
        date(2020, 4, 11),
        "adoption",
    )
    assert cescr.country.iso3 == "ESP"  # from the source's index: the text never names Spain
    cerd = Communication.objects.get(mechanism__code="CERD", number="58/2016")
    assert (cerd.country.iso3, cerd.views_adopted_on, cerd.reply_days) == (
        "DNK",
        date(2018, 12, 13),
        90,
    )
    assert (cerd.reply_due, cerd.reply_due_basis) == (date(2019, 3, 13), "adoption")


def test_a_reimport_keeps_the_state_and_date_a_coordinator_entered(
    reference_data, shared_raw, coordinator
):
    _import(shared_raw, CCPR)
    comm = Communication.objects.get(mechanism__code="CCPR", number="2836/2016")
    do_update_communication(
        coordinator,
        comm,
        country=Country.objects.get(iso3="KGZ"),
        views_adopted_on=date(2022, 3, 11),
    )
    out = _import(shared_raw, CCPR, "ccpr-c-134-d-2836-2016.json")
    comm.refresh_from_db()
    assert (comm.country.iso3, comm.views_adopted_on) == ("KGZ", date(2022, 3, 11))
    assert (comm.reply_due, comm.reply_due_basis) == (date(2022, 9, 7), "adoption")
    assert "warning" not in out


def test_the_index_never_overwrites_what_a_coordinator_entered(
    reference_data, shared_raw, coordinator
):
    _import(shared_raw, CCPR)
    comm = Communication.objects.get(mechanism__code="CCPR", number="2836/2016")
    assert (comm.country.iso3, comm.views_adopted_on) == ("KGZ", date(2022, 3, 11))
    # A coordinator records other values (say, from the UN document itself).
    do_update_communication(
        coordinator,
        comm,
        country=Country.objects.get(iso3="KAZ"),
        views_adopted_on=date(2022, 3, 14),
    )
    _import(shared_raw, CCPR)
    comm.refresh_from_db()
    assert (comm.country.iso3, comm.views_adopted_on) == ("KAZ", date(2022, 3, 14))
    assert (comm.reply_due, comm.reply_due_basis) == (date(2022, 9, 10), "adoption")
