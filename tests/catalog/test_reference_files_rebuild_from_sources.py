"""The CSV files in catalog/data/ are exactly what the build scripts make from the sources."""

import csv
import importlib.util
import io
import sys
import warnings
from pathlib import Path

import rightstrack.catalog

DATA = Path(rightstrack.catalog.__file__).parent / "data"


def _load(name):
    spec = importlib.util.spec_from_file_location(name, DATA / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _committed(name):
    return list(csv.DictReader(io.StringIO((DATA / name).read_text(encoding="utf-8"))))


def test_countries_csv_rebuilds_from_the_un_files(shared_raw):
    assert _load("build_countries").build(shared_raw) == _committed("countries.csv")


def test_taxonomy_csvs_rebuild_from_their_sources(shared_raw):
    build = _load("build_taxonomies")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # openpyxl: unknown xlsx extension
        goals, targets = build.build_sdgs(shared_raw)
    themes, persons = build.build_themes(shared_raw)
    assert goals == _committed("sdg_goals.csv")
    assert targets == _committed("sdg_targets.csv")
    assert themes == _committed("themes.csv")
    assert persons == _committed("affected_groups.csv")
    assert build.build_upr_issues(shared_raw) == _committed("upr_issues.csv")
    assert build.build_action_categories(shared_raw) == _committed("action_categories.csv")
