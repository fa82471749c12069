"""Taxonomy labels show in the visitor's language: every label of the reference lists is
marked for translation (``catalog/taxonomy_names.py``, generated from the CSV files) and
translated in the catalogues; pages and facets print them translated."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from django.utils import translation

import rightstrack.catalog
from rightstrack.catalog.models import ActionCategory, SdgGoal, Theme
from rightstrack.catalog.taxonomy_names import LABELS

DATA = Path(rightstrack.catalog.__file__).parent / "data"


def _builder():
    spec = importlib.util.spec_from_file_location(
        "build_label_messages", DATA / "build_label_messages.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_label_messages"] = module
    spec.loader.exec_module(module)
    return module


def test_the_marked_labels_are_those_of_the_reference_files():
    expected = {name: tuple(values) for name, values in _builder().labels().items()}
    assert expected == LABELS
    assert sum(len(v) for v in LABELS.values()) == 268


def test_labels_in_spanish_french_and_chinese():
    theme = Theme(name="Right to education")
    goal = SdgGoal(
        number=1, short_title="No Poverty", title="End poverty in all its forms everywhere"
    )
    category = ActionCategory(number=5, name="Specific action")
    with translation.override("es"):
        assert str(theme) == "Derecho a la educación"
        assert str(category) == "5. Acción específica"
    with translation.override("fr"):
        assert str(goal) == "ODD 1\u00a0: Pas de pauvreté"  # French: no-break space before ":"
    with translation.override("zh-hans"):
        assert str(theme) == "受教育权"
    with translation.override("en"):
        assert str(theme) == "Right to education"


def test_a_label_added_by_an_import_keeps_its_own_name():
    with translation.override("es"):
        assert str(Theme(name="Derechos de las personas defensoras")) == (
            "Derechos de las personas defensoras"
        )
