"""Tracking fixtures: a country, a concluding observation with a public and a restricted
recommendation, a plan and an action of ministry A. Users come from the cast in
``tests/conftest.py``.

The document and paragraph are CERD/C/BRA/CO/18-20 (CERD, 2022); paragraph 17 is one of
its follow-up paragraphs. Texts are shortened.
"""

from __future__ import annotations

import datetime as dt

import pytest

from rightstrack.catalog.models import Country, Document, Mechanism, Recommendation, Visibility


@pytest.fixture
def brazil(db):
    return Country.objects.get_or_create(iso3="BRA", defaults={"iso2": "BR", "name_en": "Brazil"})[
        0
    ]


@pytest.fixture
def cerd(db):
    return Mechanism.objects.get_or_create(
        code="CERD",
        defaults={
            "kind": Mechanism.Kind.TREATY_BODY,
            "name": "Committee on the Elimination of Racial Discrimination",
        },
    )[0]


@pytest.fixture
def co_document(brazil, cerd):
    return Document.objects.create(
        key="CERD/C/BRA/CO/18-20",
        symbol="CERD/C/BRA/CO/18-20",
        doc_type=Document.Type.CONCLUDING_OBSERVATIONS,
        mechanism=cerd,
        country=brazil,
        adopted_on=dt.date(2022, 11, 25),
    )


@pytest.fixture
def rec(co_document):
    return Recommendation.objects.create(
        natural_key="CERD/C/BRA/CO/18-20#17",
        document=co_document,
        paragraph="17",
        order=17,
        mechanism=co_document.mechanism,
        country=co_document.country,
        date=co_document.adopted_on,
        year=2022,
        text="The Committee recommends that the State party adopt measures against police violence.",
    )


@pytest.fixture
def restricted_rec(co_document):
    return Recommendation.objects.create(
        natural_key="SPT-CONFIDENTIAL#3",
        document=co_document,
        paragraph="3",
        order=3,
        mechanism=co_document.mechanism,
        country=co_document.country,
        text="Confidential SPT recommendation about place of detention Q-77.",
        visibility=Visibility.RESTRICTED,
    )


@pytest.fixture
def plan(coordinator, brazil):
    from rightstrack.tracking.actions import do_create_plan

    return do_create_plan(
        coordinator,
        title="National Human Rights Action Plan 2024-2027",
        kind="national",
        owner=coordinator.organisation,
        country=brazil,
        period_start=dt.date(2024, 1, 1),
        period_end=dt.date(2027, 12, 31),
    )


@pytest.fixture
def action_a(coordinator, plan, ministry_a, rec):
    """A published action that ministry A is responsible for, addressing ``rec``."""
    from rightstrack.tracking.actions import do_create_action

    return do_create_action(
        coordinator,
        plan,
        recommendations=[rec],
        title="Train police officers in use of force",
        responsible=ministry_a,
        start_date=dt.date(2024, 3, 1),
        target_date=dt.date(2025, 6, 30),
        status="in_progress",
    )
