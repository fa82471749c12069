"""Follow-up data typed by hand from the real documents, for the follow-up, deadline,
ICS and reminder tests (used until, and beside, the concluding-observations importer).

* CERD/C/BRA/CO/18-20 (raw/cerd-brazil-lrcarneiro/CERD-Observacoes-Brasil-2022.pdf):
  adopted at the 2952nd meeting "held on 1 December 2022"; para. 68 asks "within one
  year of the adoption" for paragraphs 17 (a), 19 (c), 23 (a) and 36 (a)–(d) → seven
  items due 2023-12-01, computed; para. 70: next (combined 20th-22nd) report "by 2026".
  Reply CERD/C/BRA/FCO/18-20 received 8 January 2026 (CERD-Follow-up-Brasil-2026.pdf).
* CCPR/C/PRY/CO/4 (raw/ccpr-co-rolandccpr/CCPR_C_PRY_CO_4.txt): adopted 22 July 2019;
  para. 47 "within two years ... or by 26 July 2021" → paragraphs 13, 29 and 35, due
  2021-07-26, stated; para. 48: next report by 26 July 2025. Reply CCPR/C/PRY/FCO/4
  "[Date received: 12 May 2023]".
"""

from __future__ import annotations

import datetime as dt

from rightstrack.catalog.models import (
    Country,
    Document,
    FollowUpRequest,
    Mechanism,
    Recommendation,
    Visibility,
)

CERD_BRA_CO = "CERD/C/BRA/CO/18-20"
CERD_BRA_FCO = "CERD/C/BRA/FCO/18-20"
CERD_BRA_ITEMS = ("17 (a)", "19 (c)", "23 (a)", "36 (a)", "36 (b)", "36 (c)", "36 (d)")
CERD_BRA_ADOPTED = dt.date(2022, 12, 1)
CERD_BRA_DUE = dt.date(2023, 12, 1)
CERD_BRA_REPLY = dt.date(2026, 1, 8)

CCPR_PRY_CO = "CCPR/C/PRY/CO/4"
CCPR_PRY_FCO = "CCPR/C/PRY/FCO/4"
CCPR_PRY_ITEMS = ("13", "29", "35")
CCPR_PRY_ADOPTED = dt.date(2019, 7, 22)
CCPR_PRY_DUE = dt.date(2021, 7, 26)
CCPR_PRY_REPLY = dt.date(2023, 5, 12)


def _co(symbol: str, mechanism: str, iso3: str, adopted: dt.date, **extra) -> Document:
    return Document.objects.create(
        key=symbol,
        symbol=symbol,
        doc_type=Document.Type.CONCLUDING_OBSERVATIONS,
        mechanism=Mechanism.objects.get(code=mechanism),
        country=Country.objects.get(iso3=iso3),
        adopted_on=adopted,
        **extra,
    )


def _items(co: Document, items: tuple[str, ...], due: dt.date, basis: str) -> list[FollowUpRequest]:
    made = []
    for order, item in enumerate(items, start=1):
        rec = Recommendation.objects.create(
            natural_key=f"{co.symbol}#{item}",
            document=co,
            paragraph=item,
            order=order,
            mechanism=co.mechanism,
            country=co.country,
            date=co.adopted_on,
            year=co.adopted_on.year if co.adopted_on else None,
            text=f"Recommendation in paragraph {item} of {co.symbol}.",
        )
        made.append(
            FollowUpRequest.objects.create(
                document=co,
                recommendation=rec,
                item=item,
                kind=FollowUpRequest.Kind.FOLLOW_UP,
                due_on=due,
                due_basis=basis,
            )
        )
    return made


def make_cerd_brazil() -> Document:
    """CERD/C/BRA/CO/18-20 with its seven follow-up items (needs ``reference_data``)."""
    co = _co(
        CERD_BRA_CO,
        "CERD",
        "BRA",
        CERD_BRA_ADOPTED,
        next_report_year=2026,
        next_report_status=Document.NextReportStatus.YEAR,
        next_report_label="combined twentieth to twenty-second periodic reports, by 2026",
    )
    _items(co, CERD_BRA_ITEMS, CERD_BRA_DUE, FollowUpRequest.DueBasis.COMPUTED)
    return co


def make_cerd_brazil_reply(co: Document) -> Document:
    """The reply CERD/C/BRA/FCO/18-20, received 8 January 2026."""
    return Document.objects.create(
        key=CERD_BRA_FCO,
        symbol=CERD_BRA_FCO,
        doc_type=Document.Type.FOLLOW_UP_REPLY,
        mechanism=co.mechanism,
        country=co.country,
        received_on=CERD_BRA_REPLY,
        parent=co,
    )


def make_paraguay() -> Document:
    """CCPR/C/PRY/CO/4 with follow-up items 13, 29 and 35 (needs ``reference_data``)."""
    co = _co(
        CCPR_PRY_CO,
        "CCPR",
        "PRY",
        CCPR_PRY_ADOPTED,
        next_report_due=dt.date(2025, 7, 26),
        next_report_status=Document.NextReportStatus.FIXED,
    )
    _items(co, CCPR_PRY_ITEMS, CCPR_PRY_DUE, FollowUpRequest.DueBasis.STATED)
    return co


def make_paraguay_reply(co: Document) -> Document:
    """The reply CCPR/C/PRY/FCO/4, received 12 May 2023."""
    return Document.objects.create(
        key=CCPR_PRY_FCO,
        symbol=CCPR_PRY_FCO,
        doc_type=Document.Type.FOLLOW_UP_REPLY,
        mechanism=co.mechanism,
        country=co.country,
        received_on=CCPR_PRY_REPLY,
        parent=co,
    )


def make_restricted_visit(iso3: str = "BRA", due: dt.date = dt.date(2024, 3, 15)) -> Document:
    """A restricted SPT-style document with one follow-up item due ``due`` (invented
    marker text "Q-77": must never appear in public outputs)."""
    doc = Document.objects.create(
        key="SPT-CONFIDENTIAL-Q77",
        symbol="CAT/OP/BRA/R.Q77",
        title="Confidential visit report Q-77",
        doc_type=Document.Type.VISIT_REPORT,
        mechanism=Mechanism.objects.get(code="SPT"),
        country=Country.objects.get(iso3=iso3),
        adopted_on=dt.date(2023, 9, 15),
        visibility=Visibility.RESTRICTED,
    )
    FollowUpRequest.objects.create(
        document=doc,
        item="Q-77",
        kind=FollowUpRequest.Kind.FOLLOW_UP,
        due_on=due,
        due_basis=FollowUpRequest.DueBasis.MANUAL,
    )
    return doc
