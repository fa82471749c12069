"""CERD/C/BRA/CO/18-20 imported from the real PDF, with tracking records on top, for the
follow-up report, briefing pack, press kit and share image tests.

Facts checked by hand in raw/cerd-brazil-lrcarneiro/CERD-Observacoes-Brasil-2022.pdf:
adopted at the 2952nd meeting "held on 1 December 2022", 108th session; para. 68 asks
"within one year of the adoption" for 17 (a), 19 (c), 23 (a) and 36 (a)-(d) (→ 1 December
2023). Distinctive printed words: 17 (a) "are and remain fully vaccinated, including through
targeted measures that address any specific barriers to their vaccination" (p. 5);
36 (d) "Fully complying with and effectively implementing all judgments of the Federal
Supreme Court relating to the excessive and lethal use of force" (p. 10).

Parsing the PDF takes ~5 s, so the parse (pure Python, a frozen result) is memoised for
the test session; the import itself (store, follow-up requests) runs in every test.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from typing import Any

import pytest

from rightstrack.catalog.models import Document, FollowUpRequest, Recommendation, Visibility
from rightstrack.ingest.parsers.documents import kinds
from rightstrack.ingest.pipeline import import_file

CERD_CO = "cerd-brazil-lrcarneiro/CERD-Observacoes-Brasil-2022.pdf"
SYMBOL = "CERD/C/BRA/CO/18-20"
SEVEN = ["17 (a)", "19 (c)", "23 (a)", "36 (a)", "36 (b)", "36 (c)", "36 (d)"]
TEXT_17A = (
    "are and remain fully vaccinated, including through targeted measures that address any "
    "specific barriers to their vaccination"
)
TEXT_36D = (
    "Fully complying with and effectively implementing all judgments of the Federal Supreme "
    "Court relating to the excessive and lethal use of force"
)
MARKER = "Quillbarrow"

_cached_parse = functools.cache(kinds.parse_document)


@pytest.fixture
def cerd_brazil(shared_raw, reference_data, monkeypatch) -> Document:
    """CERD/C/BRA/CO/18-20 imported through the real pipeline."""
    from rightstrack.ingest.sources import treaty_documents

    monkeypatch.setattr(treaty_documents, "parse_document", _cached_parse)
    run = import_file(shared_raw / CERD_CO)
    assert run.status == "succeeded", run.errors
    return Document.objects.get(symbol=SYMBOL)


@dataclass
class BrazilTracking:
    """What :func:`brazil_tracking` recorded."""

    document: Document
    recs: dict[str, Recommendation]
    restricted_rec: Recommendation
    ngo: Any
    ministry: Any


def rec(document: Document, paragraph: str) -> Recommendation:
    """The recommendation of ``document`` printed as ``paragraph``."""
    return Recommendation.objects.get(document=document, paragraph=paragraph)


@pytest.fixture
def brazil_tracking(cerd_brazil, coordinator, contributor, ngo, ministry_a) -> BrazilTracking:
    """Assessments for two follow-up items (17 (a), 36 (d)), a government statement on
    17 (a), assignments to ministry A, an open action, and restricted records carrying
    :data:`MARKER` (a restricted paragraph with a follow-up request, a restricted and a
    pending assessment, a restricted document)."""
    from rightstrack.tracking import actions as verbs
    from rightstrack.tracking.models import Action, Assessment, Level

    doc = cerd_brazil
    recs = {p: rec(doc, p) for p in [*SEVEN, "40"]}
    gov = verbs.do_submit_assessment(
        coordinator,
        recs["17 (a)"],
        source=Assessment.Source.GOVERNMENT,
        date=dt.date(2023, 11, 20),
        level=Level.PARTIAL,
        text="Ministry of Health: vaccination campaign run in Quilombola territories in 2023.",
    )
    assert gov.publication_state == "published"
    a17 = verbs.do_submit_assessment(
        coordinator,
        recs["17 (a)"],
        source=Assessment.Source.CIVIL_SOCIETY,
        organisation=ngo,
        date=dt.date(2024, 3, 1),
        level=Level.PARTIAL,
        text="Coverage rose in Quilombola communities, but targeted outreach stopped in 2023.",
    )
    verbs.do_add_evidence(
        coordinator,
        assessment=a17,
        url="https://example.org/quilombola-vaccination-survey",
        title="Survey of vaccination in Quilombola communities",
    )
    verbs.do_submit_assessment(
        coordinator,
        recs["36 (d)"],
        source=Assessment.Source.CIVIL_SOCIETY,
        organisation=ngo,
        date=dt.date(2024, 4, 2),
        level=Level.CONTRARY,
        text="Police operations continued in defiance of the Supreme Court's ADPF 635 ruling.",
    )
    # Restricted and unpublished records: never in any report.
    verbs.do_submit_assessment(
        coordinator,
        recs["19 (c)"],
        source=Assessment.Source.CIVIL_SOCIETY,
        organisation=ngo,
        date=dt.date(2024, 2, 1),
        level=Level.IMPLEMENTED,
        text=f"Embargoed submission {MARKER}.",
        visibility=Visibility.RESTRICTED,
    )
    verbs.do_submit_assessment(
        contributor,
        recs["23 (a)"],
        date=dt.date(2024, 2, 2),
        level=Level.IMPLEMENTED,
        text=f"Pending contributor submission {MARKER}.",
    )
    restricted_rec = Recommendation.objects.create(
        natural_key=f"{doc.symbol}#restricted",
        document=doc,
        paragraph="99",
        order=999,
        mechanism=doc.mechanism,
        country=doc.country,
        text=f"Embargoed paragraph {MARKER}.",
        visibility=Visibility.RESTRICTED,
    )
    FollowUpRequest.objects.create(
        document=doc,
        recommendation=restricted_rec,
        item="99",
        due_on=dt.date(2023, 12, 1),
        due_basis=FollowUpRequest.DueBasis.MANUAL,
    )
    # Assignments to ministry A: two follow-up items, one other paragraph, one restricted.
    for p in ("40", "36 (d)", "19 (c)"):
        verbs.do_assign_recommendation(coordinator, recs[p], ministry_a)
    verbs.do_assign_recommendation(coordinator, restricted_rec, ministry_a)
    plan = verbs.do_create_plan(coordinator, title="National plan on policing", country=doc.country)
    verbs.do_create_action(
        coordinator,
        plan,
        recommendations=[recs["36 (d)"]],
        title="Body cameras for state police operations",
        responsible=ministry_a,
        status=Action.Status.IN_PROGRESS,
        target_date=dt.date(2026, 12, 31),
    )
    secret_plan = verbs.do_create_plan(
        coordinator, title=f"Plan {MARKER}", visibility=Visibility.RESTRICTED
    )
    verbs.do_create_action(
        coordinator,
        secret_plan,
        recommendations=[recs["36 (d)"]],
        title=f"Secret action {MARKER}",
        responsible=ministry_a,
    )
    return BrazilTracking(doc, recs, restricted_rec, ngo, ministry_a)
