"""Tag lists in exports: several SDG goals and targets on one recommendation come out in
the documented order (goal numbers as numbers, target codes in code-point order), with
the UN's own titles in the UHRI layout, and the UHRI position label is in the visitor's
language.

Goal and target titles are read from ``catalog/data/sdg_goals.csv`` and
``sdg_targets.csv`` (the UN SDG framework, ``catalog/data/SOURCES.md``), never from our
output; "Apoyada" is the Spanish translation of "Supported" in the project's catalogue.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

import rightstrack.catalog
from rightstrack.catalog.models import Recommendation, SdgGoal, SdgTarget

pytestmark = pytest.mark.django_db

DATA = Path(rightstrack.catalog.__file__).parent / "data"


def _rows(path: str) -> dict[str, dict[str, str]]:
    with (DATA / path).open(encoding="utf-8") as f:
        return {row[next(iter(row))]: row for row in csv.DictReader(f)}


def _csv(client, url: str) -> list[dict[str, str]]:
    response = client.get(url)
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))


def test_sdg_lists_are_ordered_and_titled_from_the_un_framework(client, pry_co_catalogue):
    goals, targets = _rows("sdg_goals.csv"), _rows("sdg_targets.csv")
    made = {}
    for number in ("16", "5", "10"):
        made[number] = SdgGoal.objects.get_or_create(
            number=int(number),
            defaults={
                "title": goals[number]["title"],
                "short_title": goals[number]["short_title"],
            },
        )[0]
    rec = Recommendation.objects.get(document__symbol="CCPR/C/PRY/CO/4", paragraph="13")
    rec.sdg_goals.set(made.values())
    for code in ("5.2", "16.3"):
        target = SdgTarget.objects.get_or_create(
            code=code,
            defaults={"goal": made[targets[code]["goal"]], "text": targets[code]["text"]},
        )[0]
        rec.sdg_targets.add(target)

    rows = _csv(client, "/reports/export/recommendations.csv?country=PRY")
    row = next(r for r in rows if r["paragraph"] == "13")
    assert row["sdgs"] == "5; 10; 16"  # 10 after 5: numbers, not texts
    assert row["sdg_targets"] == "16.3; 5.2"  # codes in code-point order

    rows = _csv(client, "/reports/export/recommendations.csv?country=PRY&layout=uhri")
    row = next(r for r in rows if r["Paragraph"] == "13")
    assert row["Sdgs"] == "; ".join(
        [
            "5 - Gender Equality",
            "10 - Reduced Inequality",
            "16 - Peace, Justice, and Strong Institutions",
            "16.3 - Promote the rule of law at the national and international levels and "
            "ensure equal access to justice for all",
            "5.2 - Eliminate all forms of violence against all women and girls in the public "
            "and private spheres, including trafficking and sexual and other types of "
            "exploitation",
        ]
    )


def test_uhri_position_label_is_in_the_visitors_language(client, pry_co_catalogue):
    rows = _csv(client, "/es/reports/export/recommendations.csv?country=SVN&layout=uhri")
    row = next(r for r in rows if r["Paragraph"] == "140.7")
    assert row["UprPosition"] == "Apoyada"
