"""``rightstrack import --unknown-labels=refuse|map|create`` on a hand-kept table.

The labels are real rows of ``catalog/data/themes.csv``/``affected_groups.csv`` ("Right
to education", "Women", "Children", "Judges, lawyers and prosecutors"); the unknown
ones are a typo ("Right to educaton") and a label of no reference list ("Women's
rights"), as in the outside tester's probe."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from rightstrack.catalog.models import AffectedGroup, Recommendation, Theme
from rightstrack.ingest.models import ImportRun

pytestmark = pytest.mark.django_db

HEADER = [
    "symbol",
    "paragraph",
    "country",
    "mechanism",
    "text",
    "themes",
    "affected_persons",
    "sdgs",
]


def _table(tmp_path, *rows: tuple[str, str, str]) -> str:
    """A generic CSV: one row per (themes, affected persons, SDGs), paragraphs 1, 2..."""
    path = tmp_path / "kept-by-hand.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADER)
        for n, (themes, persons, sdgs) in enumerate(rows, start=1):
            writer.writerow(
                ["CRC/C/SVN/CO/5-6", str(n), "SVN", "CRC", f"Text {n}.", themes, persons, sdgs]
            )
    return str(path)


def _import(path: str, *args: str) -> str:
    out = io.StringIO()
    call_command("import", path, *args, stdout=out)
    return out.getvalue()


def _themes(paragraph: str) -> list[str]:
    rec = Recommendation.objects.get(natural_key=f"CRC/C/SVN/CO/5-6#{paragraph}")
    return sorted(rec.themes.values_list("name", flat=True))


def test_a_misspelt_theme_is_refused_by_default_and_nothing_is_stored(
    reference_data, tmp_path, snapshot
):
    path = _table(tmp_path, ("Right to education", "", ""), ("Right to educaton", "", ""))
    before = snapshot()
    with pytest.raises(CommandError) as failed:
        _import(path)
    assert str(failed.value) == (
        "kept-by-hand.csv, row 3, column 'themes': unknown theme 'Right to educaton'; "
        "closest known: 'Right to education', 'Right to health', 'Right to adequate housing'; "
        "import with --unknown-labels=map or create to accept it"
    )
    assert snapshot() == before
    assert Theme.objects.filter(name__icontains="educaton").count() == 0
    run = ImportRun.objects.get()
    assert (run.status, run.unknown_labels) == ("failed", "refuse")


def test_refuse_said_explicitly_refuses_an_unknown_affected_persons_label(
    reference_data, tmp_path, snapshot
):
    path = _table(tmp_path, ("", "Childrn", ""))
    before = snapshot()
    with pytest.raises(
        CommandError,
        match=r"row 2, column 'affected_persons': unknown "
        r"affected-persons label 'Childrn'; closest known: 'Children'; ",
    ):
        _import(path, "--unknown-labels=refuse")
    assert snapshot() == before


def test_map_reads_a_typo_as_the_known_label_and_reports_it_with_the_row(reference_data, tmp_path):
    themes_before = Theme.objects.count()
    path = _table(tmp_path, ("Right to education", "", ""), ("Right to educaton", "Childrn", ""))
    out = _import(path, "--unknown-labels=map")
    assert _themes("2") == ["Right to education"]
    rec = Recommendation.objects.get(natural_key="CRC/C/SVN/CO/5-6#2")
    assert list(rec.affected_groups.values_list("name", flat=True)) == ["Children"]
    assert Theme.objects.count() == themes_before
    run = ImportRun.objects.get()
    assert (run.status, run.unknown_labels, run.created) == ("succeeded", "map", 2)
    warnings = [(e["row"], e["cell"], e["message"]) for e in run.errors]
    assert warnings == [
        (
            3,
            "themes",
            "warning: theme 'Right to educaton' mapped to 'Right to education' (similarity 97.1)",
        ),
        (
            3,
            "affected_persons",
            "warning: affected-persons label 'Childrn' mapped to 'Children' (similarity 93.3)",
        ),
    ]
    assert "kept-by-hand.csv, row 3, column 'themes': warning: theme 'Right to educaton'" in out


def test_map_refuses_a_value_with_no_close_enough_label(reference_data, tmp_path, snapshot):
    path = _table(tmp_path, ("Right to educaton", "", ""), ("Women's rights", "", ""))
    before = snapshot()
    with pytest.raises(CommandError) as failed:
        _import(path, "--unknown-labels=map")
    message = str(failed.value)
    assert message.startswith(
        "kept-by-hand.csv, row 3, column 'themes': unknown theme \"Women's rights\"; "
        "closest known: 'Rights of women and girls', 'Employment rights', 'Women'; "
    )
    assert message.endswith("no known theme is similar enough to map it (similarity below 90)")
    assert snapshot() == before


def test_create_adds_the_new_label_and_reports_it(reference_data, tmp_path):
    themes_before = Theme.objects.count()
    path = _table(tmp_path, ("Women's rights", "", ""), ("Women's rights", "", ""))
    _import(path, "--unknown-labels=create")
    assert Theme.objects.count() == themes_before + 1
    assert _themes("1") == _themes("2") == ["Women's rights"]
    assert Theme.objects.get(name="Women's rights").source == "import:generic-table"
    run = ImportRun.objects.get()
    assert run.unknown_labels == "create"
    assert [(e["row"], e["message"]) for e in run.errors] == [
        (2, 'warning: new theme "Women\'s rights" created')
    ]


def test_comma_joined_values_become_the_known_labels(reference_data, tmp_path):
    groups_before = AffectedGroup.objects.count()
    themes_before = Theme.objects.count()
    path = _table(
        tmp_path,
        ("Women, Children", "Judges, lawyers and prosecutors", ""),
        ("Economic, social and cultural rights, Children", "Women & girls, Children", ""),
    )
    _import(path)
    assert _themes("1") == ["Children", "Women"]
    assert _themes("2") == ["Children", "Economic, social and cultural rights"]
    rec1 = Recommendation.objects.get(natural_key="CRC/C/SVN/CO/5-6#1")
    rec2 = Recommendation.objects.get(natural_key="CRC/C/SVN/CO/5-6#2")
    assert list(rec1.affected_groups.values_list("name", flat=True)) == [
        "Judges, lawyers and prosecutors"
    ]
    assert sorted(rec2.affected_groups.values_list("name", flat=True)) == [
        "Children",
        "Women & girls",
    ]
    assert (Theme.objects.count(), AffectedGroup.objects.count()) == (
        themes_before,
        groups_before,
    )
    assert ImportRun.objects.get().errors == []


def test_an_unsplittable_remainder_follows_the_policy(reference_data, tmp_path, snapshot):
    path = _table(tmp_path, ("Women's rights, Children", "", ""))
    before = snapshot()
    with pytest.raises(
        CommandError,
        match=r"unknown theme \"Women's rights\" \(in \"Women's "
        r"rights, Children\"\); closest known: ",
    ):
        _import(path)
    assert snapshot() == before
    _import(path, "--unknown-labels=create")
    assert _themes("1") == ["Children", "Women's rights"]


def test_an_unknown_sdg_is_refused_with_suggestions_and_a_goal_title_is_known(
    reference_data, tmp_path, snapshot
):
    before = snapshot()
    with pytest.raises(CommandError, match=r"row 2, column 'sdgs': unknown SDG '16\.13'; "):
        _import(_table(tmp_path, ("", "", "16.13")))
    assert snapshot() == before
    _import(_table(tmp_path, ("", "", "Gender equality | 16.3")))
    rec = Recommendation.objects.get(natural_key="CRC/C/SVN/CO/5-6#1")
    assert list(rec.sdg_goals.values_list("number", flat=True)) == [5]
    assert list(rec.sdg_targets.values_list("code", flat=True)) == ["16.3"]


def test_map_reads_a_misspelt_sdg_goal_title(reference_data, tmp_path):
    _import(_table(tmp_path, ("", "", "Gender equalty")), "--unknown-labels=map")
    rec = Recommendation.objects.get(natural_key="CRC/C/SVN/CO/5-6#1")
    assert list(rec.sdg_goals.values_list("number", flat=True)) == [5]
    assert "mapped to '5 - Gender Equality'" in ImportRun.objects.get().errors[0]["message"]


def test_the_summary_shows_the_policy_of_each_run(reference_data, tmp_path):
    out = _import(_table(tmp_path, ("Right to education", "", "")), "--unknown-labels=map")
    assert "unknown labels" in out
    assert " map " in out
