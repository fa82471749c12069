"""Moving from another tracker: Morocco's DIDH database (MANIFEST §12) through
``rightstrack import Recommendations.csv``.

Values checked in ``didh-morocco-fr-ar/DERIVED_from_dev_db``: 1,124 rows in
``Recommendations.csv`` (Etat: En cours 608, Réalisé 401, Non réalisé 115), 2,384 links
in ``RecomOrgs.csv``, 52 bodies in ``Organismes.csv``. Row ``Id 1``: code ``R21`` of the
CERD (``IdOrgane 1``), status Réalisé, French "Envisager de ratifier les traités
internationaux…", Arabic "التفكير في التصديق على المعاهدات الدولية…", responsible bodies
28 and 3 (``Affaires Etrangères``).
"""

from __future__ import annotations

import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from rightstrack.accounts.models import Organisation
from rightstrack.catalog.models import Recommendation, RecommendationText
from rightstrack.tracking.models import Assessment, Assignment, StatusMapping

DIDH = "didh-morocco-fr-ar/DERIVED_from_dev_db"
TABLES = ("Organes", "Visites", "Cycles", "Axes", "SousAxes", "Organismes", "RecomOrgs")


def _import(path: Path) -> None:
    call_command("import", str(path), verbosity=0)


def _excerpt(shared_raw: Path, tmp_path: Path, rows: int) -> Path:
    """The export with only the first ``rows`` recommendations (all other tables whole)."""
    for name in TABLES:
        shutil.copy(shared_raw / DIDH / f"{name}.csv", tmp_path / f"{name}.csv")
    lines = (shared_raw / DIDH / "Recommendations.csv").read_text(encoding="utf-8")
    records = lines.split("\n")
    # Texts hold no line breaks in this export: one record per line.
    (tmp_path / "Recommendations.csv").write_text("\n".join(records[: rows + 1]) + "\n")
    return tmp_path / "Recommendations.csv"


@pytest.mark.django_db
@pytest.mark.slow
def test_the_whole_database_imports_with_statuses_bodies_and_both_languages(
    shared_raw, reference_data, client
):
    _import(shared_raw / DIDH / "Recommendations.csv")
    recs = Recommendation.objects.filter(natural_key__startswith="didh-mar#")
    assert recs.count() == 1124
    assert set(recs.values_list("country__iso3", flat=True)) == {"MAR"}
    levels = Counter(
        Assessment.objects.filter(recommendation__in=recs, source="government").values_list(
            "level", flat=True
        )
    )
    assert levels == {"partial": 608, "implemented": 401, "not_implemented": 115}
    assert Assignment.objects.filter(recommendation__in=recs).count() == 2384
    moroccan_bodies = Organisation.objects.filter(country__iso3="MAR").exclude(acronym="DIDH")
    assert moroccan_bodies.count() == 52

    first = recs.get(natural_key="didh-mar#1")
    assert first.text.startswith("Envisager de ratifier les traités internationaux")
    assert (first.language, first.paragraph, first.mechanism.code) == ("fr", "21", "CERD")
    arabic = RecommendationText.objects.get(recommendation=first, language="ar")
    assert arabic.text.startswith("التفكير في التصديق على المعاهدات الدولية")
    assert first.assessments.get().level == "implemented"
    assert "Affaires Etrangères" in set(
        first.assignments.values_list("organisation__name", flat=True)
    )

    # The country dashboard counts them by the imported statuses; the actors map lists
    # the 52 bodies and the DIDH itself.
    page = client.get("/tracking/countries/MAR/dashboard/").content.decode()
    cells = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))
    assert re.search(r"All recommendations 0 608 401 115 0 0 1,?124", cells)
    actors = client.get("/tracking/actors/?country=MAR").content.decode()
    assert re.search(r"\b53\b organisations", re.sub(r"\s+", " ", actors))

    # Importing the same export again changes nothing.
    before = (Assessment.objects.count(), Assignment.objects.count(), recs.count())
    history = Recommendation.history.count()
    _import(shared_raw / DIDH / "Recommendations.csv")
    assert (Assessment.objects.count(), Assignment.objects.count(), recs.count()) == before
    assert Recommendation.history.count() == history


@pytest.mark.django_db
def test_statuses_follow_the_edited_mapping(shared_raw, tmp_path, reference_data):
    path = _excerpt(shared_raw, tmp_path, 5)
    _import(path)
    mapping = StatusMapping.objects.get(tracker="didh-tracker", value="Réalisé")
    assert mapping.level == "implemented"
    # A coordinator decides "Réalisé" means only partly implemented; a re-import follows.
    mapping.level = "partial"
    mapping.save()
    _import(path)
    first = Recommendation.objects.get(natural_key="didh-mar#1")
    assert first.assessments.get(is_archived=False).level == "partial"


@pytest.mark.django_db
def test_an_unknown_status_refuses_the_file_and_stores_nothing(
    shared_raw, tmp_path, reference_data
):
    path = _excerpt(shared_raw, tmp_path, 5)
    text = path.read_text(encoding="utf-8").replace(",Réalisé,", ",Achevé,", 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CommandError) as exc:
        _import(path)
    assert "row 2" in str(exc.value) and "'Achevé' has no mapping" in str(exc.value)
    assert not Recommendation.objects.filter(natural_key__startswith="didh-mar#").exists()
    assert not Organisation.objects.filter(country__iso3="MAR").exists()


@pytest.mark.django_db
def test_a_missing_table_is_named(shared_raw, tmp_path, reference_data):
    path = _excerpt(shared_raw, tmp_path, 5)
    (tmp_path / "RecomOrgs.csv").unlink()
    with pytest.raises(CommandError, match=r"RecomOrgs\.csv is missing"):
        _import(path)
