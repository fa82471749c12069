"""CCPR/C/PRY/CO/4 and the State's reply CCPR/C/PRY/FCO/4 imported from the real texts
(``shared/data/raw/ccpr-co-rolandccpr``), with tracking data entered for the parallel report.

Checked by hand in CCPR_C_PRY_CO_4.txt: paragraph 47 asks the State party "to provide,
within two years of the adoption of the present concluding observations, or by 26 July
2021, information on the implementation of the recommendations made by the Committee in
paragraphs 13 (human rights violations during the period of the dictatorship), 29 (pretrial
detention and fundamental safeguards) and 35 (independence of the judiciary)"; adopted
22 July 2019 (126th session). CCPR_C_PRY_FCO_4.txt: "[Date received: 12 May 2023]", 655 days
after the deadline (365 to 26 July 2022, then 290 to 12 May 2023).

The assessments, evidence, action and Committee grade below are invented for the tests
(the organisations are fictitious); restricted and pending records carry :data:`MARKER`.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.management import call_command

SYMBOL = "CCPR/C/PRY/CO/4"
ITEMS = ["13", "29", "35"]
DEADLINE = dt.date(2021, 7, 26)
REPLY_RECEIVED = dt.date(2023, 5, 12)
JUDGEMENT = "2026-06-30"
TEXT_13 = "serious human rights violations that occurred during the dictatorship (1954-1989)"
TEXT_29 = "Continue its reforms to significantly reduce the use of pretrial detention"
TEXT_35 = "Strengthen its efforts to combat corruption within the judiciary"
EVIDENCE = {
    "13": "https://example.org/pry/exhumations-2024",
    "29": "https://example.org/pry/pretrial-detention-census-2025",
    "35": "https://example.org/pry/judicial-appointments-2025",
}
MARKER = "Vellichorquine"


@dataclass
class ParaguayParallel:
    document: Any
    recs: dict[str, Any]
    ngo: Any
    nhri: Any
    other_ngo: Any


@pytest.fixture
def paraguay_parallel(reference_data, shared_raw, coordinator, contributor, ngo, ministry_a):
    """The real CO and reply, and per follow-up paragraph: a published civil-society
    assessment of ``ngo`` with evidence, plus government, NHRI, other civil-society and
    Committee assessments, a published action, and restricted/pending records."""
    from rightstrack.accounts.models import Organisation
    from rightstrack.catalog.models import Document, Visibility
    from rightstrack.tracking import actions as verbs
    from rightstrack.tracking.models import Action, Assessment, Level

    for name in ("CCPR_C_PRY_CO_4.txt", "CCPR_C_PRY_FCO_4.txt"):
        call_command("import", str(shared_raw / "ccpr-co-rolandccpr" / name), stdout=io.StringIO())
    doc = Document.objects.get(symbol=SYMBOL)
    recs = {r.paragraph: r for r in doc.recommendations.all()}
    nhri = Organisation.objects.create(name="Ombudsman's Office", org_type="nhri")
    other = Organisation.objects.create(name="Families of the Disappeared Association")
    cs, gov = Assessment.Source.CIVIL_SOCIETY, Assessment.Source.GOVERNMENT

    def assess(para, source, day, level, text, org=None, **extra):
        return verbs.do_submit_assessment(
            coordinator,
            recs[para],
            source=source,
            organisation=org,
            date=day,
            level=level,
            text=text,
            **extra,
        )

    ours = {
        "13": assess(
            "13",
            cs,
            dt.date(2025, 9, 1),
            Level.PARTIAL,
            "Exhumations resumed in 2024, but no new case reached trial.",
            ngo,
        ),
        "29": assess(
            "29",
            cs,
            dt.date(2025, 10, 1),
            Level.NOT_IMPLEMENTED,
            "Pretrial detainees are still about three quarters of the prison population.",
            ngo,
        ),
        "35": assess(
            "35",
            cs,
            dt.date(2025, 11, 3),
            Level.CONTRARY,
            "Judges were removed after rulings against the executive.",
            ngo,
        ),
    }
    for para, a in ours.items():
        verbs.do_add_evidence(coordinator, assessment=a, url=EVIDENCE[para], title=f"Source {para}")
    assess("13", gov, REPLY_RECEIVED, Level.PARTIAL, "Search and identification work continued.")
    assess("29", gov, REPLY_RECEIVED, Level.PARTIAL, "A reform of pretrial detention is under way.")
    assess("29", Assessment.Source.NHRI, dt.date(2025, 6, 2), Level.PARTIAL, "Visits.", nhri)
    assess("35", cs, dt.date(2025, 5, 5), Level.NOT_IMPLEMENTED, "No reform of selection.", other)
    assess(
        "29",
        Assessment.Source.COMMITTEE,
        dt.date(2024, 3, 28),
        "",
        "Information requested on the duration of pretrial detention.",
        grade_label="C",
        grade_scale="ccpr",
    )
    plan = verbs.do_create_plan(
        coordinator, title="National human rights plan", country=doc.country
    )
    verbs.do_create_action(
        coordinator,
        plan,
        recommendations=[recs["29"]],
        title="Census of persons in pretrial detention",
        responsible=ministry_a,
        status=Action.Status.IN_PROGRESS,
        target_date=dt.date(2026, 12, 31),
    )
    # Never in the report: a restricted assessment and a contributor's pending one.
    assess(
        "35",
        cs,
        dt.date(2026, 1, 5),
        Level.IMPLEMENTED,
        f"Embargoed {MARKER}.",
        ngo,
        visibility=Visibility.RESTRICTED,
    )
    verbs.do_submit_assessment(
        contributor, recs["13"], date=dt.date(2026, 2, 2), level=Level.CONTRARY, text=MARKER
    )
    return ParaguayParallel(doc, recs, ngo, nhri, other)


def cli_report(tmp_path, ngo, *, language="en", fmt="docx") -> bytes:
    """``rightstrack report parallel CCPR/C/PRY/CO/4 --org NGO ...``: the file's bytes."""
    out = tmp_path / f"parallel-{language}.{fmt}"
    call_command(
        "report",
        "parallel",
        SYMBOL,
        "--org",
        ngo.name,
        "--to",
        JUDGEMENT,
        "--language",
        language,
        "--format",
        fmt,
        "-o",
        str(out),
        stdout=io.StringIO(),
    )
    return out.read_bytes()
