"""Matching imported labels against the reference vocabularies (``ingest/vocabulary.py``).

The labels are the real rows of ``catalog/data/themes.csv`` and ``affected_groups.csv``
(read from the files here, not from the code under test)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from rightstrack.ingest import vocabulary
from rightstrack.ingest.vocabulary import Vocabulary

DATA = Path(__file__).resolve().parents[2] / "src" / "rightstrack" / "catalog" / "data"


def _vocabulary(name: str) -> Vocabulary:
    with (DATA / name).open(encoding="utf-8") as fh:
        return Vocabulary({row["slug"]: row["name"] for row in csv.DictReader(fh)})


@pytest.fixture(scope="module")
def themes() -> Vocabulary:
    return _vocabulary("themes.csv")


@pytest.fixture(scope="module")
def persons() -> Vocabulary:
    return _vocabulary("affected_groups.csv")


def test_case_accents_and_punctuation_do_not_matter(themes, persons):
    assert themes.key("RIGHT TO EDUCATION") == "right-to-education"
    assert themes.key("Equality and non-discrimination") == "equality-and-non-discrimination"
    assert persons.key("Maori") == "maori"  # the file prints "Māori"
    assert themes.key("Right to educaton") is None


def test_a_comma_joined_value_is_split_into_known_labels(themes, persons):
    assert themes.split("Women, Children") == [("women", True), ("children", True)]
    assert persons.split("Women & girls, Children, Media") == [
        ("women-and-girls", True),
        ("children", True),
        ("media", True),
    ]


def test_a_known_label_holding_a_comma_stays_whole(themes, persons):
    assert persons.split("Judges, lawyers and prosecutors") == [
        ("judges-lawyers-and-prosecutors", True)
    ]
    # longest first: "Economic, social and cultural rights" (IMPACT OSS), then "Children"
    assert themes.split("Economic, social and cultural rights, Children") == [
        ("economic-social-and-cultural-rights", True),
        ("children", True),
    ]
    assert persons.split("Children, Judges, lawyers and prosecutors") == [
        ("children", True),
        ("judges-lawyers-and-prosecutors", True),
    ]


def test_what_matches_no_known_label_stays_one_unknown_remainder(themes):
    assert themes.split("Women's rights, Children") == [
        ("Women's rights", False),
        ("children", True),
    ]
    assert themes.split("Peace, security") == [("Peace, security", False)]
    assert themes.split("Right to educaton") == [("Right to educaton", False)]


def test_suggestions_put_the_closest_label_first(themes, persons):
    assert themes.suggest("Right to educaton")[0].name == "Right to education"
    assert persons.suggest("Childrn")[0].name == "Children"
    assert len(themes.suggest("Right to educaton")) == vocabulary.SUGGESTIONS
    assert themes.suggest("zzzz") == []


def test_map_takes_a_misspelling_but_not_a_different_label(themes, persons):
    best = themes.best_match("Right to educaton")
    assert best is not None
    assert (best.name, best.score >= vocabulary.MAP_MIN_SCORE) == ("Right to education", True)
    assert persons.best_match("Persons with disabilites").name == "Persons with disabilities"  # type: ignore[union-attr]
    assert themes.best_match("Women's rights") is None
    assert persons.best_match("Woman") is None  # "Women" is another word, not a typo


def test_authorities_create_and_every_other_source_refuses_by_default():
    assert vocabulary.default_policy("uhri-json") == "create"
    assert vocabulary.default_policy("uhri-xlsx") == "create"
    assert vocabulary.default_policy("ohchr-thematic-list") == "create"
    assert vocabulary.default_policy("generic-table") == "refuse"


def test_suggestions_find_reordered_and_contained_labels(themes, persons):
    assert themes.suggest("Women's rights")[0].name == "Rights of women and girls"
    assert themes.suggest("Torture")[0].name == (
        "Prohibition of torture & cruel, inhuman or degrading treatment"
    )
    assert persons.suggest("Refugees")[0].name == "Refugees & asylum seekers"
