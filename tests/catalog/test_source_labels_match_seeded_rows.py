"""Every label the real sources print finds its seeded row (UPR Info issues, UHRI and
OHCHR themes and affected persons, SDG labels)."""

import csv
import json

import pytest

from rightstrack.catalog.labels import label_slug, sdg_codes, upr_issue_slug
from rightstrack.catalog.models import AffectedGroup, Theme, UprIssue
from rightstrack.catalog.reference import read_rows


def test_every_issue_label_of_the_upr_info_csvs_resolves(shared_raw):
    folder = shared_raw / "upr-info-terman" / "upr-info-db-2008-2014"
    labels: set[str] = set()
    for path in sorted(folder.glob("*.csv")):
        with path.open(encoding="mac_roman", newline="") as fh:
            for row in csv.DictReader(fh):
                labels.update(i.strip() for i in row["Issue"].split(",") if i.strip())
    # 51 current names + "NHRI", "Right to water" and "National plan of action".
    assert len(labels) == 54
    known = {r["slug"] for r in read_rows("upr_issues.csv")}
    assert {label: upr_issue_slug(label) in known for label in labels} == dict.fromkeys(
        labels, True
    )


@pytest.mark.parametrize(
    ("label", "slug"),
    [
        ("NHRI", "national-human-rights-institution"),
        ("Right to water", "right-to-water-and-sanitation"),
        ("Detention conditions", "detention"),
        ("Technical assistance", "technical-assistance-and-cooperation"),
        ("Torture and other CID treatment", "torture-and-other-cid-treatment"),
        ("National plan of action", "national-plan-of-action"),
        ("Human rights", None),
    ],
)
def test_upr_issue_slug_knows_old_spellings(label, slug):
    assert upr_issue_slug(label) == slug


def test_every_uhri_record_label_has_a_seeded_row(shared_raw):
    themes = {r["slug"] for r in read_rows("themes.csv")}
    persons = {r["slug"] for r in read_rows("affected_groups.csv")}
    for path in sorted((shared_raw / "uhri-sample-worldwidelaw").glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        for label in record["themes"]:
            assert label_slug(label) in themes, label
        for label in record["affected_persons"]:
            assert label_slug(label) in persons, label


@pytest.mark.django_db
def test_thematic_list_labels_find_their_rows(reference_data):
    # Printed in upr48-slovenia-thematic-list (cycle 4) for 140.7 and in UPR34 (cycle 3).
    assert (
        Theme.objects.get(
            slug=label_slug(
                "Economic, social & cultural rights - general measures of implementation"
            )
        ).name
        == "Economic, social & cultural rights - general measures of implementation"
    )
    assert Theme.objects.filter(
        slug=label_slug("Budget &resources (for human rights implementation)")
    ).exists()
    assert AffectedGroup.objects.get(slug=label_slug("girls")).name == "Girls"
    assert AffectedGroup.objects.filter(slug=label_slug(" Women & girls\xa0")).exists()
    assert (
        UprIssue.objects.get(slug=upr_issue_slug("NHRI")).name
        == "National Human Rights Institution"
    )


@pytest.mark.parametrize(
    ("label", "codes"),
    [
        ("16 - PEACE, JUSTICE AND STRONG INSTITUTIONS", (16, None)),
        ("16.7 - Responsive, inclusive and representative decision-making", (16, "16.7")),
        ("5.a - Equal rights to economic resources", (5, "5.a")),
        ("10.3 - Ensure equal opportunities and end discrimination", (10, "10.3")),
        ("SDG 3", (3, None)),
        ("Goal 17", (17, None)),
        ("18 - NOT A GOAL", (None, None)),
        ("Affected persons", (None, None)),
    ],
)
def test_sdg_codes_reads_goal_and_target(label, codes):
    assert sdg_codes(label) == codes
