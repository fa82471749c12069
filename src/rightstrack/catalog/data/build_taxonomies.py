"""Rebuild the taxonomy CSV files from the shared raw sources (maintainer tool).

Run from the repository root when a source changes::

    .venv/bin/python src/rightstrack/catalog/data/build_taxonomies.py ../shared/data/raw

Writes, next to this script (sources in ``SOURCES.md``):

* ``sdg_goals.csv`` and ``sdg_targets.csv``: the 17 goals and 169 targets of
  A/RES/71/313 (UNSD global indicator framework, 2023 refinement);
* ``upr_issues.csv``: the UPR Info issue list;
* ``action_categories.csv``: UPR Info action categories 1-5;
* ``themes.csv`` and ``affected_groups.csv``: UHRI labels as printed in UHRI
  records and OHCHR thematic lists, IMPACT OSS seeds and the old UHRI codes.

``mechanisms.csv`` is written by hand (the ten treaty bodies, the UPR, Special
Procedures and regional bodies; see ``SOURCES.md``) and not rebuilt here.
The runtime never needs this script.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import docx
import openpyxl
import pypdf
from django.utils.text import slugify

from rightstrack.catalog.labels import label_slug, tidy_label

HERE = Path(__file__).resolve().parent

# Old UHRI level-2 theme codes, from uhri.ohchr.org/search/guide as seeded in
# IMPACT OSS (GitHub impactoss/impactoss-server, db/seeds.rb). The seed also gives
# "G5" to internally displaced persons, apparently a seeding error; it is left out.
UHRI_CODES: list[tuple[str, str]] = [
    ("A1", "Scope of international obligations"),
    ("A2", "Cooperation with human rights mechanisms and institutions"),
    ("A3", "Inter-State cooperation and development assistance"),
    ("A4", "Legal, institutional and policy framework"),
    ("A5", "Human rights education, training and awareness-raising"),
    ("A6", "Context, statistics, budget, civil society"),
    ("B1", "International criminal and humanitarian law"),
    ("B2", "Self-determination"),
    ("B3", "Equality and non-discrimination"),
    ("B4", "Right to development"),
    ("B5", "Right to a remedy"),
    ("B6", "Business and human rights"),
    ("B7", "Human rights and the environment"),
    ("B8", "Human rights and counter-terrorism"),
    ("B9", "Human rights and use of mercenaries"),
    ("D1", "Civil and political rights – general measures of implementation"),
    ("D2", "Right to physical and moral integrity"),
    ("D3", "Liberty and security of the person"),
    ("D4", "Fundamental freedoms"),
    ("D5", "Administration of justice"),
    ("D6", "Name, identity, nationality"),
    ("D7", "Participation in public affairs and right to vote"),
    ("D8", "Marriage and family"),
    ("E1", "Economic, social and cultural rights – general measures"),
    ("E2", "Adequate standard of living"),
    ("E3", "Labour rights"),
    ("E4", "Health"),
    ("E5", "Education"),
    ("E6", "Protection of property, financial credit"),
    ("E7", "Cultural rights"),
    ("F1", "Women"),
    ("F3", "Children"),
    ("F4", "Persons with disabilities"),
    ("G1", "Members of minorities"),
    ("G3", "Indigenous peoples"),
    ("G4", "Migrants"),
    ("G5", "Refugees and asylum seekers"),
    ("H1", "Human rights defenders"),
]

# IMPACT OSS issue titles that are a rewording of one old UHRI level-2 theme
# (same scope, one-to-one). Titles that merge two themes ("Indigenous rights and
# rights of ethnic minorities") or have no counterpart get no code.
IMPACTOSS_CODES = {
    "Equality and non-discrimination": "B3",
    "Human rights and environmental issues": "B7",
    "Counter-terrorism": "B8",
    "Economic, social and cultural rights": "E1",
    "Right to an adequate standard of living": "E2",
    "Employment rights": "E3",
    "Right to health": "E4",
    "Right to education": "E5",
    "Rights of women and girls": "F1",
    "Rights of children and young people": "F3",
    "Rights of persons with disabilities": "F4",
    "Scope of international obligations": "A1",
    "Inter-State cooperation and development assistance": "A3",
    "Human rights education, trainings and awareness raising": "A5",
    "Context, statistics, budget, civil society": "A6",
    "International criminal and humanitarian law": "B1",
    "Right to self-determination": "B2",
    "Right to development": "B4",
    "Right to a remedy": "B5",
    "Human rights and use of mercenaries": "B9",
    "Civil and political rights – general measures of implementation": "D1",
    "Right to physical and moral integrity": "D2",
    "Liberty and security of the person": "D3",
    "Fundamental freedoms": "D4",
    "Administration of justice": "D5",
    "Rights related to name, identity, nationality": "D6",
    "Right to participation in public affairs and right to vote": "D7",
    "Rights related to marriage and family": "D8",
    "Rights to protection of property, financial credit": "E6",
    "Cultural rights": "E7",
    "Human rights defenders": "H1",
}

# UHRI affected persons listed at uhri.ohchr.org/search/annotations, as seeded in
# IMPACT OSS (db/seeds.rb).
UHRI_AFFECTED_PERSONS = [
    "General",
    "Children",
    "Children in street situations",
    "Girls",
    "Youth",
    "Women",
    "Rural women",
    "Older persons",
    "Persons with disabilities",
    "Persons living with HIV/AIDS",
    "Persons living in poverty",
    "Persons living in rural areas",
    "Indigenous peoples",
    "Minorities (racial, ethnic, linguistic, religious or descent-based groups)",
    "LGBTI persons",
    "Migrants",
    "Refugees and asylum seekers",
    "Internally displaced persons",
    "Stateless persons",
    "Non-citizens",
    "Persons deprived of their liberty",
    "Disappeared persons",
    "Persons affected by armed conflict",
    "Human rights defenders",
    "Media",
    "Judges, lawyers and prosecutors",
    "Law enforcement and police officials",
    "Military staff",
    "Prison officials",
    "Public officials",
    "Private security",
    "Mercenaries",
    "Educational staff",
    "Medical staff",
    "Social workers",
    "Vulnerable persons/groups",
]

# Labels of the UPR Info database CSVs (2008-2014) and of UPR Info's 2014 issue
# list (Database_Issues_explanation.pdf) that spell a current issue differently.
UPR_ISSUE_ALIASES = {
    "National Human Rights Institution": ["NHRI"],
    "Right to water and sanitation": ["Right to water"],
    "Detention": ["Detention conditions"],
    "Technical assistance and cooperation": ["Technical assistance"],
}
# In the 2014 list (item 34) and on 658 rows of the 2008-2014 CSVs, but not in
# the current 56-issue list: kept so that those tags are not lost.
UPR_LEGACY_ISSUES = ["National plan of action"]


@dataclass
class Label:
    """A theme or affected-persons label being collected."""

    name: str
    code: str = ""
    sources: list[str] = field(default_factory=list)


class Collector:
    """Keeps one label per slug, the first-seen spelling, and every source tag."""

    def __init__(self) -> None:
        self.labels: dict[str, Label] = {}

    def add(self, name: str, source: str, code: str = "") -> None:
        name = tidy_label(name)
        if not name:
            return
        label = self.labels.setdefault(label_slug(name), Label(name=name))
        if code and not label.code:
            label.code = code
        if source not in label.sources:
            label.sources.append(source)

    def rows(self) -> list[dict[str, str]]:
        return [
            {"slug": slug, "name": lab.name, "code": lab.code, "source": ",".join(lab.sources)}
            for slug, lab in sorted(self.labels.items())
        ]


def thematic_list_labels(path: Path) -> tuple[list[str], list[str]]:
    """Themes and affected persons printed in an OHCHR UPR thematic list (DOCX).

    The third column holds "- theme" lines, then "SDGs:" (cycle 3) and
    "Affected persons:" (cycle 3) or "Groups of Persons:" (cycle 4) sections;
    the "Theme: X" rows are section headings.
    """
    themes: list[str] = []
    persons: list[str] = []
    table = docx.Document(str(path)).tables[0]
    for row in table.rows[1:]:
        cells = [c.text for c in row.cells]
        if cells[0].startswith("Theme:"):
            themes.append(cells[0].removeprefix("Theme:"))
            continue
        section = "themes"
        for line in cells[2].splitlines():
            text = line.strip()
            if text.startswith("SDGs"):
                section = "sdgs"
            elif text.startswith(("Affected persons", "Groups of Persons")):
                section = "persons"
            elif text.startswith("-"):
                value = text[1:].strip()
                if section == "themes":
                    themes.append(value)
                elif section == "persons":
                    persons.append(value)
    return themes, persons


def build_themes(raw: Path) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """Theme and affected-persons rows, in order of preference of the spelling."""
    themes, persons = Collector(), Collector()
    for path in sorted((raw / "uhri-sample-worldwidelaw").glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        for name in record.get("themes") or []:
            themes.add(name, "uhri")
        for name in record.get("affected_persons") or []:
            persons.add(name, "uhri")
    base = raw / "upr-slovenia-tony33344"
    for cycle in ("cycle4", "cycle3"):
        for path in sorted((base / cycle / "original").glob("*hematic*.docx")):
            found_themes, found_persons = thematic_list_labels(path)
            for name in found_themes:
                themes.add(name, f"thematic-{cycle}")
            for name in found_persons:
                persons.add(name, f"thematic-{cycle}")
    seed = raw / "impactoss-taxonomies" / "impactoss_seed_categories.csv"
    with seed.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if row["taxonomy_var"] == "issue":
                themes.add(row["title"], "impactoss", IMPACTOSS_CODES.get(row["title"], ""))
            elif row["taxonomy_var"] == "persons":
                persons.add(row["title"], "impactoss")
    for code, name in UHRI_CODES:
        themes.add(name, "uhri-guide", code)
    for name in UHRI_AFFECTED_PERSONS:
        persons.add(name, "uhri-guide")
    return themes.rows(), persons.rows()


def build_sdgs(raw: Path) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """Goals (number, short title, title) and targets (code, goal, order, text)."""
    base = raw / "sdg-do-me"
    short: dict[int, str] = {}
    names = openpyxl.load_workbook(base / "17_SDGs_names.xlsx", read_only=True)
    for goal, title in list(names.worksheets[0].iter_rows(values_only=True))[1:]:
        if goal:
            short[int(str(goal).removeprefix("SDG "))] = str(title).strip()
    framework = openpyxl.load_workbook(
        base / "Global Indicator Framework after 2023 refinement.English.xlsx", read_only=True
    )
    goals: list[dict[str, str]] = []
    targets: list[dict[str, str]] = []
    for cells in framework.worksheets[0].iter_rows(values_only=True):
        text = " ".join(str(cells[1] or "").split())
        if m := re.fullmatch(r"Goal (\d+)\. (.+?)\d*", text):
            # Goal 13 carries footnote mark 3 ("...and its impacts3").
            goals.append(
                {"number": m[1], "short_title": short[int(m[1])], "title": m[2].rstrip("*")}
            )
        elif m := re.fullmatch(r"(\d+)\.([0-9a-z]+) (.+)", text):
            order = sum(1 for t in targets if t["goal"] == m[1]) + 1
            targets.append(
                {"code": f"{m[1]}.{m[2]}", "goal": m[1], "order": str(order), "text": m[3]}
            )
    return goals, targets


def build_upr_issues(raw: Path) -> list[dict[str, str]]:
    """UPR Info issues: the 56 of the current list, then the legacy ones."""
    vocab = raw / "huridocs-topic-classification" / "UPR_issues_label.vocab"
    names = [n.strip() for n in vocab.read_text(encoding="utf-8").splitlines()]
    rows = [
        {
            "slug": slugify(name),
            "name": name,
            "aliases": "|".join(UPR_ISSUE_ALIASES.get(name, [])),
            "current": "1",
        }
        for name in names
        if name and name != "nan"
    ]
    rows += [
        {"slug": slugify(n), "name": n, "aliases": "", "current": "0"} for n in UPR_LEGACY_ISSUES
    ]
    return rows


def build_action_categories(raw: Path) -> list[dict[str, str]]:
    """Action categories 1-5 with UPR Info's wording (Database_Action_Category.pdf, 2014)."""
    pdf = raw / "upr-info-terman" / "upr-info-methodology" / "Database_Action_Category.pdf"
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(pdf).pages)
    text = " ".join(text.split())
    body = text[text.index("Rank 1") : text.index("2. Principles")]
    body = body.split("Promoting and strengthening")[0]  # the page-2 letterhead
    parts = re.split(r"Rank (\d) ", body)[1:]
    names = {
        "1": "Minimal action",
        "2": "Continuing action",
        "3": "Considering action",
        "4": "General action",
        "5": "Specific action",
    }
    return [
        {"number": num, "name": names[num], "description": desc.strip()}
        for num, desc in zip(parts[::2], parts[1::2], strict=True)
    ]


def write(name: str, rows: list[dict[str, str]]) -> None:
    """Write ``rows`` to ``name`` next to this script (UTF-8, LF)."""
    with (HERE / name).open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    sys.stdout.write(f"{name}: {len(rows)} rows\n")


def main(argv: list[str]) -> None:
    """Rebuild every taxonomy file from ``argv[1]`` (the shared raw folder)."""
    raw = Path(argv[1]) if len(argv) > 1 else HERE.parents[4] / "shared" / "data" / "raw"
    goals, targets = build_sdgs(raw)
    write("sdg_goals.csv", goals)
    write("sdg_targets.csv", targets)
    write("upr_issues.csv", build_upr_issues(raw))
    write("action_categories.csv", build_action_categories(raw))
    themes, persons = build_themes(raw)
    write("themes.csv", themes)
    write("affected_groups.csv", persons)


if __name__ == "__main__":
    main(sys.argv)
