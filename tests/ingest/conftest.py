"""Fixtures for the import tests: the bundled real sample and a database snapshot."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "data" / "sample"
UPR_INFO = SAMPLE / "upr-info"
CYCLE4 = SAMPLE / "thematic-lists" / "upr48-slovenia-thematic-list-of-recommendatio.docx"
CYCLE3 = SAMPLE / "thematic-lists" / "UPR34_Slovenia_Thematic_list_of_Recommendations.docx"
UHRI = SAMPLE / "uhri"


def db_state() -> dict[str, int]:
    """Row counts of every table an import can write (records, tags, history)."""
    from rightstrack.catalog.models import (
        AffectedGroup,
        Document,
        Recommendation,
        Theme,
        VoluntaryPledge,
    )

    state = {
        "recommendations": Recommendation.objects.count(),
        "documents": Document.objects.count(),
        "pledges": VoluntaryPledge.objects.count(),
        "themes": Theme.objects.count(),
        "groups": AffectedGroup.objects.count(),
        "rec_history": Recommendation.history.count(),
        "doc_history": Document.history.count(),
        "pledge_history": VoluntaryPledge.history.count(),
    }
    for name in ("recommending_states", "themes", "affected_groups", "sdg_goals", "upr_issues"):
        through = Recommendation._meta.get_field(name).remote_field.through
        state[f"m2m_{name}"] = through.objects.count()
    history_model = Recommendation.history.model
    for name in ("themes", "affected_groups"):
        state[f"m2m_history_{name}"] = getattr(history_model, name).model.objects.count()
    return state


@pytest.fixture
def sample() -> Path:
    """``data/sample`` (shipped in the repository)."""
    return SAMPLE


@pytest.fixture
def upr_info_dir() -> Path:
    return UPR_INFO


@pytest.fixture
def cycle4() -> Path:
    """Slovenia, UPR cycle 4 (WG48) thematic list."""
    return CYCLE4


@pytest.fixture
def cycle3() -> Path:
    """Slovenia, UPR cycle 3 (WG34) thematic list."""
    return CYCLE3


@pytest.fixture
def uhri_dir() -> Path:
    return UHRI


@pytest.fixture
def snapshot():
    """``snapshot()`` → row counts of every table an import writes."""
    return db_state


@pytest.fixture
def upload_settings(settings, tmp_path):
    """Web-upload tests: staging under a temporary MEDIA_ROOT; imports run in the request."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.INGEST_IMPORT_IN_BACKGROUND = False
    return settings
