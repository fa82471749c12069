"""CCPR/C/PRY/CO/4 (Human Rights Committee, Paraguay, adopted 22 July 2019), imported from
``shared/data/raw/ccpr-co-rolandccpr/CCPR_C_PRY_CO_4.txt`` through ``rightstrack import``,
and a meeting with the Senate human-rights committee on paragraphs 13 and 29.

Checked by hand in the document: paragraph 47 asks for information on paragraphs 13
(dictatorship-era violations), 29 (pretrial detention) and 35 (independence of the
judiciary) "within two years ... or by 26 July 2021"; paragraph 48 asks for the next
periodic report by 26 July 2025. 13 (a) begins "Ensure that all cases of serious human
rights violations that occurred during the dictatorship (1954-1989)"; 29 (a) "Continue its
reforms to significantly reduce the use of pretrial detention"; 35 (a) "Strengthen its
efforts to combat corruption within the judiciary".
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.management import call_command

SYMBOL = "CCPR/C/PRY/CO/4"
TEXT_13 = "serious human rights violations that occurred during the dictatorship (1954-1989)"
TEXT_29 = "Continue its reforms to significantly reduce the use of pretrial detention"
TEXT_35 = "Strengthen its efforts to combat corruption within the judiciary"
COMMITMENT = "The Ministry will present a bill by June"
MEETING = "Meeting with the Senate human-rights committee"


@dataclass
class Paraguay:
    document: Any
    recs: dict[str, Any]
    senate: Any
    ministry: Any
    plan: Any


@pytest.fixture
def paraguay(reference_data, shared_raw, coordinator):
    from rightstrack.accounts.models import Organisation
    from rightstrack.catalog.models import Country, Document
    from rightstrack.tracking.actions import do_create_plan

    path = shared_raw / "ccpr-co-rolandccpr" / "CCPR_C_PRY_CO_4.txt"
    call_command("import", str(path), stdout=io.StringIO())
    doc = Document.objects.get(symbol=SYMBOL)
    recs = {r.paragraph: r for r in doc.recommendations.all()}
    pry = Country.objects.get(iso3="PRY")
    senate = Organisation.objects.create(
        name="Senate Human Rights Committee",
        org_type=Organisation.Type.PARLIAMENT,
        country=pry,
    )
    ministry = Organisation.objects.create(
        name="Ministerio de Justicia",
        acronym="MJ",
        org_type=Organisation.Type.MINISTRY,
        country=pry,
    )
    plan = do_create_plan(
        coordinator, title="Plan Nacional de Derechos Humanos", kind="national", country=pry
    )
    return Paraguay(doc, recs, senate, ministry, plan)


def record_meeting(user, py: Paraguay, *, visibility: str = "public", **extra):
    """The meeting on paragraphs 13 and 29, with one commitment of the Ministry."""
    from rightstrack.tracking.actions import CommitmentRow, do_record_engagement

    fields = {
        "kind": "hearing",
        "title": MEETING,
        "date": dt.date(2026, 3, 10),
        "place": "Asunción, Senate",
        "country": py.document.country,
        "summary": "The committee heard the coalition on pretrial detention.",
        "follow_up_on": dt.date(2026, 4, 15),
        "visibility": visibility,
        **extra,
    }
    return do_record_engagement(
        user,
        organisations=[py.senate, py.ministry],
        recommendations=[py.recs["13"], py.recs["29"]],
        commitments=[CommitmentRow(COMMITMENT, py.ministry, dt.date(2026, 6, 30))],
        **fields,
    )
