"""``svn_upr_catalogue``: a small real catalogue for portal tests, typed by hand from the
source documents (mostly Slovenia's UPR recommendations, with their tags).

* Slovenia, UPR cycle 3 (A/HRC/43/15), from the OHCHR thematic list
  ``UPR34_Slovenia_Thematic_list_of_Recommendations.docx``
  (shared/data/raw/upr-slovenia-tony33344/cycle3): 121.52 (Peru), 121.57
  (Honduras), 122.71 (Uzbekistan) and 122.153 (Cyprus), with the themes,
  SDGs and affected persons printed under each.
* Slovenia, UPR cycle 4 (A/HRC/59/15 para. 140.7, Maldives and Portugal).
* Paraguay, CCPR/C/PRY/CO/4 para. 25 (c) (shared/data/raw/ccpr-co-rolandccpr).
* The text of 121.52 again as a UPR Info database row (no recommending State in
  the text), to check "the same text elsewhere".
* Two restricted records for Slovenia (not real: they stand for a confidential
  SPT visit report and an embargoed item) whose text carries a marker.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from rightstrack.catalog.models import (
    AffectedGroup,
    Country,
    Document,
    Mechanism,
    Recommendation,
    SdgGoal,
    Theme,
    Visibility,
)

SECRET = "ZZSECRETMARKER"
TORTURE_THEME = "Prohibition of torture & cruel, inhuman or degrading treatment"


@dataclass
class SvnUprCatalogue:
    svn: Country
    pry: Country
    upr: Mechanism
    ccpr: Mechanism
    spt: Mechanism
    wg3: Document
    wg4: Document
    co_pry: Document
    upr_info: Document
    spt_report: Document
    r121_52: Recommendation
    r121_57: Recommendation
    r122_71: Recommendation
    r122_153: Recommendation
    r140_7: Recommendation
    r_pry_25c: Recommendation
    r_upr_info: Recommendation
    restricted_in_public_doc: Recommendation
    in_restricted_doc: Recommendation


def _country(iso3: str, en: str, **names: str) -> Country:
    return Country.objects.create(iso3=iso3, name_en=en, **names)


def _rec(doc: Document, key: str, text: str, **kw) -> Recommendation:
    themes = kw.pop("themes", [])
    affected = kw.pop("affected", [])
    sdgs = kw.pop("sdgs", [])
    states = kw.pop("states", [])
    kw.setdefault("mechanism", doc.mechanism)
    kw.setdefault("country", doc.country)
    rec = Recommendation.objects.create(document=doc, natural_key=key, text=text, **kw)
    rec.themes.set(themes)
    rec.affected_groups.set(affected)
    rec.sdg_goals.set(sdgs)
    rec.recommending_states.set(states)
    return rec


@pytest.fixture
def svn_upr_catalogue(db) -> SvnUprCatalogue:
    """Slovenia's UPR cycle 3 and 4 items with themes, SDGs and affected persons, one
    Paraguay CO paragraph, one UPR Info duplicate and two restricted records (see above)."""
    svn = _country(
        "SVN",
        "Slovenia",
        name_fr="Slovénie",
        name_es="Eslovenia",
        name_ru="Словения",
        name_zh="斯洛文尼亚",
        name_ar="سلوفينيا",
    )
    pry = _country("PRY", "Paraguay", name_fr="Paraguay", name_ar="باراغواي")
    per = _country("PER", "Peru", name_fr="Pérou")
    uzb = _country("UZB", "Uzbekistan")
    cyp = _country("CYP", "Cyprus")
    hnd = _country("HND", "Honduras")
    mdv = _country("MDV", "Maldives")
    prt = _country("PRT", "Portugal")

    upr = Mechanism.objects.create(
        code="UPR", kind=Mechanism.Kind.UPR, name="Universal Periodic Review"
    )
    ccpr = Mechanism.objects.create(
        code="CCPR", kind=Mechanism.Kind.TREATY_BODY, name="Human Rights Committee"
    )
    spt = Mechanism.objects.create(
        code="SPT", kind=Mechanism.Kind.TREATY_BODY, name="Subcommittee on Prevention of Torture"
    )

    torture = Theme.objects.create(name=TORTURE_THEME, slug="prohibition-of-torture")
    dv = Theme.objects.create(name="Domestic violence", slug="domestic-violence")
    remedy = Theme.objects.create(
        name="Right to effective remedy & reparations", slug="right-to-effective-remedy"
    )
    selfdet = Theme.objects.create(
        name="Right to self-determination", slug="right-to-self-determination"
    )
    refugees = AffectedGroup.objects.create(
        name="refugees & asylum seekers", slug="refugees-asylum-seekers"
    )
    migrants = AffectedGroup.objects.create(
        name="Migrants & domestic workers", slug="migrants-domestic-workers"
    )
    older = AffectedGroup.objects.create(name="older persons", slug="older-persons")
    sdg10 = SdgGoal.objects.create(
        number=10,
        title="Reduce inequality within and among countries",
        short_title="Reduced inequalities",
    )
    sdg16 = SdgGoal.objects.create(
        number=16,
        title="Promote peaceful and inclusive societies",
        short_title="Peace, justice and strong institutions",
    )

    wg3 = Document.objects.create(
        key="A/HRC/43/15",
        symbol="A/HRC/43/15",
        doc_type=Document.Type.UPR_WG_REPORT,
        mechanism=upr,
        country=svn,
        upr_cycle=3,
        session="34",
        title="Report of the Working Group on the Universal Periodic Review: Slovenia",
    )
    wg4 = Document.objects.create(
        key="A/HRC/59/15",
        symbol="A/HRC/59/15",
        doc_type=Document.Type.UPR_WG_REPORT,
        mechanism=upr,
        country=svn,
        upr_cycle=4,
        session="48",
    )
    co_pry = Document.objects.create(
        key="CCPR/C/PRY/CO/4",
        symbol="CCPR/C/PRY/CO/4",
        doc_type=Document.Type.CONCLUDING_OBSERVATIONS,
        mechanism=ccpr,
        country=pry,
        published_on=dt.date(2019, 8, 20),
    )
    upr_info = Document.objects.create(
        key="upr-info:SVN:WG34",
        doc_type=Document.Type.DATABASE_EXPORT,
        mechanism=upr,
        country=svn,
        upr_cycle=3,
        title="UPR Info database: Slovenia, session 34",
    )
    spt_report = Document.objects.create(
        key="spt-svn-visit",
        symbol="CAT/OP/SVN/R.1",
        doc_type=Document.Type.VISIT_REPORT,
        mechanism=spt,
        country=svn,
        visibility=Visibility.RESTRICTED,
    )
    c3 = {"upr_cycle": 3, "upr_session": 34, "year": 2019}
    r121_52 = _rec(
        wg3,
        "A/HRC/43/15#121.52",
        "Ensure respect for the principle of non-refoulement through individual assessment of each migratory situation (Peru);",
        paragraph="121.52",
        order=52,
        position="supported",
        themes=[torture],
        sdgs=[sdg10],
        affected=[migrants],
        states=[per],
        **c3,
    )
    r121_57 = _rec(
        wg3,
        "A/HRC/43/15#121.57",
        "Ensure that all asylum seekers have access to fair and effective asylum procedures in accordance with Slovenia’s International Protection Law and international law (Honduras);",
        paragraph="121.57",
        order=57,
        position="supported",
        themes=[selfdet],
        sdgs=[sdg10, sdg16],
        affected=[refugees],
        states=[hnd],
        **c3,
    )
    r122_71 = _rec(
        wg3,
        "A/HRC/43/15#122.71",
        "Implement measures to ensure practical protection for older persons from violence and all forms of ill-treatment and investigate such cases and prosecute perpetrators (Uzbekistan);",
        paragraph="122.71",
        order=271,
        position="supported",
        themes=[dv, remedy, torture],
        sdgs=[sdg16],
        affected=[older],
        states=[uzb],
        **c3,
    )
    r122_153 = _rec(
        wg3,
        "A/HRC/43/15#122.153",
        "Strengthen the asylum system to fully respect the principle of non-refoulement (Cyprus);",
        paragraph="122.153",
        order=353,
        position="noted",
        themes=[torture, remedy],
        sdgs=[sdg10],
        affected=[refugees],
        states=[cyp],
        **c3,
    )
    r140_7 = _rec(
        wg4,
        "A/HRC/59/15#140.7",
        "Ratify the Optional Protocol to the International Covenant on Economic, Social and Cultural Rights (Maldives) (Portugal);",
        paragraph="140.7",
        order=7,
        position="supported",
        states=[mdv, prt],
        upr_cycle=4,
        upr_session=48,
        year=2025,
    )
    r_pry_25c = _rec(
        co_pry,
        "CCPR/C/PRY/CO/4#25 (c)",
        "Guarantee that all allegations of torture and other cruel, inhuman and degrading treatment are investigated promptly, impartially and thoroughly, in line with the Manual on Effective Investigation and Documentation of Torture and Other Cruel, Inhuman or Degrading Treatment or Punishment (Istanbul Protocol); that the perpetrators are prosecuted and, if convicted, are punished appropriately; and that the victims receive full reparation;",
        paragraph="25 (c)",
        order=25,
        year=2019,
        date=dt.date(2019, 8, 20),
    )
    r_upr_info = _rec(
        upr_info,
        "upr-info:SVN:34:per:non-refoulement",
        "Ensure respect for the principle of non-refoulement through individual assessment of each migratory situation",
        order=1,
        position="supported",
        states=[per],
        **c3,
    )
    restricted_in_public_doc = _rec(
        wg3,
        "embargoed-item",
        f"{SECRET} torture in police custody, embargoed item",
        paragraph="999.1",
        order=999,
        visibility=Visibility.RESTRICTED,
        themes=[torture],
        sdgs=[sdg16],
        affected=[older],
        states=[prt],
        position="pending",
        **c3,
    )
    in_restricted_doc = _rec(
        spt_report,
        "spt-svn-visit#12",
        f"{SECRET} torture risk observed in a visited place of deprivation of liberty",
        paragraph="12",
        order=12,
        themes=[torture],
        year=2023,
    )
    return SvnUprCatalogue(
        svn,
        pry,
        upr,
        ccpr,
        spt,
        wg3,
        wg4,
        co_pry,
        upr_info,
        spt_report,
        r121_52,
        r121_57,
        r122_71,
        r122_153,
        r140_7,
        r_pry_25c,
        r_upr_info,
        restricted_in_public_doc,
        in_restricted_doc,
    )
