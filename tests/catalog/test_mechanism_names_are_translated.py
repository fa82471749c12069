"""Mechanism names show in the visitor's language: every name of ``mechanisms.csv`` is
marked for translation (``catalog/mechanism_names.py``) and translated in the catalogues."""

from __future__ import annotations

import csv
from pathlib import Path

from django.utils import translation

import rightstrack.catalog
from rightstrack.catalog.mechanism_names import NAMES
from rightstrack.catalog.models import Mechanism

CSV = Path(rightstrack.catalog.__file__).parent / "data" / "mechanisms.csv"


def test_every_mechanism_of_the_reference_list_is_marked_for_translation():
    with CSV.open(encoding="utf-8", newline="") as fh:
        names = {row["name"] for row in csv.DictReader(fh)}
    assert len(names) == 17
    assert names == set(NAMES)


def test_the_human_rights_committee_in_the_six_un_languages():
    committee = Mechanism(code="CCPR", name="Human Rights Committee")
    expected = {
        "en": "Human Rights Committee",
        "es": "Comité de Derechos Humanos",
        "fr": "Comité des droits de l’homme",
        "ru": "Комитет по правам человека",
        "zh-hans": "人权事务委员会",
        "ar": "اللجنة المعنية بحقوق الإنسان",
    }
    for language, name in expected.items():
        with translation.override(language):
            assert committee.display_name == name, language


def test_a_mechanism_added_by_hand_keeps_its_own_name():
    with translation.override("es"):
        assert Mechanism(code="X", name="Comisión Nacional X").display_name == "Comisión Nacional X"
