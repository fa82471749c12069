"""Fixtures for the reports tests: ``pry_co_catalogue``, a small real catalogue built
around the full text of CCPR/C/PRY/CO/4, plus restricted records; ``tracking`` on top.

The Paraguay data are the real paragraphs of CCPR/C/PRY/CO/4 (copied to
``tests/samples/reports/CCPR_C_PRY_CO_4.txt`` from
``shared/data/raw/ccpr-co-rolandccpr``), split by a small test-only reader
until the document parser lands. Facts checked by hand in that text: adopted
22 July 2019 at the 126th session; para. 47 asks for information on paragraphs
13, 29 and 35 "by 26 July 2021"; para. 48 sets the next report for 26 July 2025.

Every restricted or archived record carries :data:`MARKER`, a word that must
never appear in a public output.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from rightstrack.catalog.models import (
    Country,
    Document,
    FollowUpRequest,
    Mechanism,
    Recommendation,
    Theme,
    Visibility,
)

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "reports"
PRY_CO = SAMPLES / "CCPR_C_PRY_CO_4.txt"
MARKER = "Zephyrquokka"

_NOISE = re.compile(r"^(GE\.19-14116.*|CCPR/C/PRY/CO/4|\d{1,2}|\* Adopted by.*|Distr\..*)$")
_PARA = re.compile(r"^(\d{1,2})\. (.*)$")


@dataclass
class Para:
    """A numbered paragraph of the CO with the sub-heading and section it falls under."""

    number: int
    text: str
    heading: str = ""
    section: str = ""
    lines: list[str] = field(default_factory=list)


def read_pry_paragraphs() -> dict[int, Para]:
    """Numbered paragraphs 1-48 of CCPR/C/PRY/CO/4 with their headings (test-only reader)."""
    paras: dict[int, Para] = {}
    section = heading = ""
    current: Para | None = None
    started = False
    for raw in PRY_CO.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or _NOISE.match(line):
            continue
        match = _PARA.match(line)
        if match and (int(match.group(1)) == len(paras) + 1):
            started = True
            current = Para(int(match.group(1)), match.group(2), heading, section)
            paras[current.number] = current
            continue
        if not started:
            continue
        if line.startswith("(") and current is not None:
            current.text += "\n" + line
        elif current is not None and (
            line[0].islower() or len(line) > 120 or line.endswith((".", ";", ":", ","))
        ):
            current.text += " " + line  # a line wrapped across a page break
        elif re.match(r"^[A-D]\. ", line):
            section, heading = line, ""
        else:
            heading = line
    return paras


@dataclass
class PryCoCatalogue:
    """What the ``pry_co_catalogue`` fixture built (for assertions)."""

    pry_co: Document
    svn_upr: Document
    restricted_doc: Document
    pry_recs: dict[int, Recommendation]
    restricted_recs: list[Recommendation]
    followups: list[FollowUpRequest]
    marker: str = MARKER


def _theme(name: str, slug: str, code: str = "") -> Theme:
    return Theme.objects.get_or_create(name=name, defaults={"slug": slug, "code": code})[0]


@pytest.fixture
def pry_co_catalogue(db) -> PryCoCatalogue:
    """CCPR/C/PRY/CO/4 (48 paragraphs), a small Slovenia UPR list, and restricted records."""
    ccpr = Mechanism.objects.create(
        code="CCPR", kind=Mechanism.Kind.TREATY_BODY, name="Human Rights Committee"
    )
    upr = Mechanism.objects.create(
        code="UPR", kind=Mechanism.Kind.UPR, name="Universal Periodic Review"
    )
    spt = Mechanism.objects.create(
        code="SPT",
        kind=Mechanism.Kind.TREATY_BODY,
        name="Subcommittee on Prevention of Torture",
    )
    pry = Country.objects.create(iso3="PRY", iso2="PY", name_en="Paraguay", name_es="Paraguay")
    svn = Country.objects.create(iso3="SVN", iso2="SI", name_en="Slovenia")
    prt = Country.objects.create(iso3="PRT", iso2="PT", name_en="Portugal")
    mdv = Country.objects.create(iso3="MDV", iso2="MV", name_en="Maldives")
    justice = _theme("Administration of justice & fair trial", "administration-of-justice", "D5")
    impunity = _theme("Impunity", "impunity", "B5")
    liberty = _theme("Liberty and security of the person", "liberty-and-security", "D3")
    equality = _theme("Equality & non-discrimination", "equality-non-discrimination", "B3")
    torture = _theme("Prohibition of torture and cruel, inhuman or degrading treatment", "torture")
    women = _theme("Women's rights", "womens-rights", "F1")

    co = Document.objects.create(
        key="CCPR/C/PRY/CO/4",
        symbol="CCPR/C/PRY/CO/4",
        doc_type=Document.Type.CONCLUDING_OBSERVATIONS,
        title="Concluding observations on the fourth periodic report of Paraguay",
        mechanism=ccpr,
        country=pry,
        adopted_on=date(2019, 7, 22),
        published_on=date(2019, 8, 20),
        session="126",
        next_report_label="fifth periodic report",
        next_report_due=date(2025, 7, 26),
        next_report_year=2025,
        next_report_status=Document.NextReportStatus.FIXED,
    )
    theme_by_heading = {
        "Human rights violations during the period of the dictatorship": [impunity, justice],
        "Non-discrimination": [equality],
        "Persons deprived of their liberty and detention conditions": [liberty, justice],
        "Independence of the judiciary": [justice],
        "Violence against women, girls and adolescents": [women],
        "Excessive use of force, arbitrary detention and torture": [torture, liberty],
    }
    recs: dict[int, Recommendation] = {}
    paras = read_pry_paragraphs()
    for number in range(3, 46):
        para = paras[number]
        is_rec = para.text.startswith("The State party should")
        rec = Recommendation.objects.create(
            natural_key=f"CCPR/C/PRY/CO/4#{number}",
            document=co,
            paragraph=str(number),
            order=number,
            mechanism=ccpr,
            country=pry,
            date=date(2019, 7, 22),
            year=2019,
            text=para.text,
            kind=Recommendation.Kind.RECOMMENDATION if is_rec else Recommendation.Kind.CONCERN,
            section=para.heading or para.section,
        )
        rec.themes.set(theme_by_heading.get(para.heading, []))
        recs[number] = rec
    followups = [
        FollowUpRequest.objects.create(
            document=co,
            recommendation=recs[n],
            item=str(n),
            period_text="within two years of the adoption of the present concluding "
            "observations, or by 26 July 2021",
            due_on=date(2021, 7, 26),
            due_basis=FollowUpRequest.DueBasis.STATED,
            source_paragraph="47",
        )
        for n in (13, 29, 35)
    ]

    svn_doc = Document.objects.create(
        key="A/HRC/59/15",
        symbol="A/HRC/59/15",
        doc_type=Document.Type.THEMATIC_LIST,
        mechanism=upr,
        country=svn,
        adopted_on=date(2025, 1, 1),
        upr_cycle=4,
    )
    r = Recommendation.objects.create(
        natural_key="A/HRC/59/15#140.7",
        document=svn_doc,
        paragraph="140.7",
        order=7,
        mechanism=upr,
        country=svn,
        year=2025,
        text="Ratify the Optional Protocol to the International Covenant on Economic, "
        "Social and Cultural Rights",
        position=Recommendation.Position.SUPPORTED,
        upr_cycle=4,
    )
    r.recommending_states.set([mdv, prt])
    r.themes.set([equality])
    r2 = Recommendation.objects.create(
        natural_key="A/HRC/59/15#140.99",
        document=svn_doc,
        paragraph="140.99",
        order=99,
        mechanism=upr,
        country=svn,
        year=2025,
        text="=SUM(A1:A2) starts with an equals sign and must stay text",
        position=Recommendation.Position.NOTED,
        upr_cycle=3,
    )
    r2.recommending_states.set([prt])

    # Restricted: an SPT visit report, a restricted paragraph in a public document,
    # and an archived one.
    restricted_doc = Document.objects.create(
        key="CAT/OP/PRY/R.9",
        symbol="CAT/OP/PRY/R.9",
        doc_type=Document.Type.VISIT_REPORT,
        title=f"Visit report {MARKER}",
        mechanism=spt,
        country=pry,
        adopted_on=date(2024, 3, 1),
        visibility=Visibility.RESTRICTED,
    )
    restricted = [
        Recommendation.objects.create(
            natural_key="CAT/OP/PRY/R.9#12",
            document=restricted_doc,
            paragraph="12",
            mechanism=spt,
            country=pry,
            year=2024,
            text=f"Confidential SPT finding {MARKER} about a named detention centre.",
        ),
        Recommendation.objects.create(
            natural_key="CCPR/C/PRY/CO/4#restricted",
            document=co,
            paragraph="99",
            order=99,
            mechanism=ccpr,
            country=pry,
            year=2019,
            text=f"Embargoed paragraph {MARKER}.",
            visibility=Visibility.RESTRICTED,
        ),
        Recommendation.objects.create(
            natural_key="CCPR/C/PRY/CO/4#archived",
            document=co,
            paragraph="98",
            order=98,
            mechanism=ccpr,
            country=pry,
            year=2019,
            text=f"Archived paragraph {MARKER}.",
            is_archived=True,
        ),
    ]
    for rec in restricted:
        rec.themes.set([justice, torture])
    FollowUpRequest.objects.create(
        document=restricted_doc,
        recommendation=restricted[0],
        item="12",
        due_on=date(2024, 9, 1),
        due_basis=FollowUpRequest.DueBasis.MANUAL,
        period_text=f"six months {MARKER}",
    )
    return PryCoCatalogue(co, svn_doc, restricted_doc, recs, restricted, followups)


@dataclass
class Tracking:
    """What the ``tracking`` fixture recorded on top of ``pry_co_catalogue``."""

    action: Any
    published: Any
    restricted: Any
    pending: Any


@pytest.fixture
def tracking(pry_co_catalogue, cast, ministry_a) -> Tracking:
    """A public plan with one published action (para. 13), a published government
    assessment (para. 29, partially implemented), a restricted assessment and a
    contributor's pending one (both carrying :data:`MARKER`)."""
    from rightstrack.tracking import actions as verbs
    from rightstrack.tracking.models import Action, Assessment, Level

    coordinator, contributor = cast["coordinator"], cast["contributor"]
    plan = verbs.do_create_plan(
        coordinator, title="National human rights plan", country=pry_co_catalogue.pry_co.country
    )
    action = verbs.do_create_action(
        coordinator,
        plan,
        recommendations=[pry_co_catalogue.pry_recs[13]],
        title="Set up a special prosecutor's unit for dictatorship-era crimes",
        responsible=ministry_a,
        status=Action.Status.IN_PROGRESS,
        target_date=date(2027, 6, 30),
    )
    published = verbs.do_submit_assessment(
        coordinator,
        pry_co_catalogue.pry_recs[29],
        source=Assessment.Source.GOVERNMENT,
        date=date(2023, 5, 12),
        level=Level.PARTIAL,
        text="Pretrial detention reform adopted; the share of detainees awaiting trial is falling.",
    )
    restricted = verbs.do_submit_assessment(
        coordinator,
        pry_co_catalogue.pry_recs[35],
        source=Assessment.Source.CIVIL_SOCIETY,
        date=date(2024, 1, 10),
        level=Level.NOT_IMPLEMENTED,
        text=f"Embargoed submission {MARKER}.",
        visibility=Visibility.RESTRICTED,
    )
    pending = verbs.do_submit_assessment(
        contributor,
        pry_co_catalogue.pry_recs[35],
        date=date(2024, 2, 1),
        level=Level.CONTRARY,
        text=f"Pending contributor submission {MARKER}.",
    )
    return Tracking(action, published, restricted, pending)
