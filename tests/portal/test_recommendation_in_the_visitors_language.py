"""A recommendation imported in two languages (Morocco's DIDH database: French and
Arabic) is shown in the visitor's language when that version exists, with the other one
click away (``<details>``), each text marked with its language; the JSON has ``texts``.

Row ``Id 1`` of ``Recommendations.csv``: "Envisager de ratifier les traités
internationaux…" / "التفكير في التصديق على المعاهدات الدولية…".
"""

from __future__ import annotations

import re
import shutil

import pytest
from django.core.management import call_command

from rightstrack.catalog.models import Recommendation

DIDH = "didh-morocco-fr-ar/DERIVED_from_dev_db"
TABLES = ("Organes", "Visites", "Cycles", "Axes", "SousAxes", "Organismes", "RecomOrgs")
FRENCH = "Envisager de ratifier les traités internationaux"
ARABIC = "التفكير في التصديق على المعاهدات الدولية"

pytestmark = pytest.mark.django_db


@pytest.fixture
def moroccan_rec(shared_raw, tmp_path, reference_data):
    for name in TABLES:
        shutil.copy(shared_raw / DIDH / f"{name}.csv", tmp_path / f"{name}.csv")
    lines = (shared_raw / DIDH / "Recommendations.csv").read_text(encoding="utf-8").split("\n")
    (tmp_path / "Recommendations.csv").write_text("\n".join(lines[:4]) + "\n", encoding="utf-8")
    call_command("import", str(tmp_path / "Recommendations.csv"), verbosity=0)
    return Recommendation.objects.get(natural_key="didh-mar#1")


def _main_text(html: str) -> tuple[str, str]:
    m = re.search(r'<blockquote class="rec-text" lang="([^"]+)" dir="auto"><p>([^<]+)', html)
    assert m, "no recommendation text"
    return m.group(1), m.group(2)


@pytest.mark.parametrize(
    ("visitor", "shown", "start", "other"),
    [("ar", "ar", ARABIC, "fr"), ("fr", "fr", FRENCH, "ar"), ("en", "fr", FRENCH, "ar")],
)
def test_the_visitors_language_comes_first(client, moroccan_rec, visitor, shown, start, other):
    client.cookies["django_language"] = visitor
    html = client.get(f"/recommendations/{moroccan_rec.pk}/").content.decode()
    language, text = _main_text(html)
    assert language == shown and text.startswith(start)
    # The other version is on the page, one click away, marked with its language.
    assert re.search(rf'<details>\s*<summary lang="{other}">', html)


def test_the_json_carries_every_text(client, moroccan_rec):
    data = client.get(f"/recommendations/{moroccan_rec.pk}.json").json()
    assert data["texts"]["fr"].startswith(FRENCH)
    assert data["texts"]["ar"].startswith(ARABIC)


def test_a_search_in_arabic_finds_the_arabic_version(client, moroccan_rec):
    # Words of the Arabic text only (the French one has none of them); the alef with
    # hamza of "الإنسان" typed bare, as the search normalisation allows.
    data = client.get("/recommendations.json", {"q": "المعاهدات الدولية الانسان"}).json()
    assert moroccan_rec.pk in [r["id"] for r in data["results"]]


@pytest.mark.parametrize("query", ["معاهدات", "بالمعاهدات", "المعاهدات"])
def test_an_arabic_word_is_found_with_or_without_its_article(client, moroccan_rec, query):
    # Row Id 1 reads "التصديق على المعاهدات الدولية" ("ratifying the international
    # treaties"): the article ال is part of the written word, and a reader may type the
    # word without it or with a preposition (بـ) in front.
    data = client.get("/recommendations.json", {"q": query, "country": "MAR"}).json()
    assert moroccan_rec.pk in [r["id"] for r in data["results"]]
