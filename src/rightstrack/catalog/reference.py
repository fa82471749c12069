"""Seed the catalogue's reference tables from the CSV files in ``catalog/data/``.

``seed_reference()`` loads countries, mechanisms, themes, affected persons,
SDG goals and targets, UPR Info issues and action categories. It is
idempotent: every row is matched on its natural key (ISO3, code, slug,
number) and only changed fields are written, so a second run writes nothing.
Rows that are not in the files (e.g. a theme an import created) are left alone.
Sources and licences of each file: ``catalog/data/SOURCES.md``.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from django.db import models, transaction

from rightstrack.catalog.models import (
    ActionCategory,
    AffectedGroup,
    Country,
    Mechanism,
    SdgGoal,
    SdgTarget,
    Theme,
    UprIssue,
)

__all__ = ["read_rows", "seed_reference"]


def read_rows(name: str) -> list[dict[str, str]]:
    """Rows of ``catalog/data/<name>`` as dicts of strings (UTF-8 CSV with a header)."""
    source = resources.files("rightstrack.catalog").joinpath("data", name)
    return list(csv.DictReader(io.StringIO(source.read_text(encoding="utf-8"))))


@dataclass
class _Tally:
    created: int = 0
    updated: int = 0
    totals: dict[str, int] = field(default_factory=dict)


def _upsert(
    model: type[models.Model],
    key: str,
    rows: list[dict[str, Any]],
    tally: _Tally,
    *,
    also_match: str | None = None,
) -> None:
    """Create missing rows and update changed fields, matching on ``key``.

    ``also_match`` names a second unique field (e.g. ``name``) used when no row
    has the key yet, so a row created earlier under another slug is updated
    instead of clashing with the unique constraint.
    """
    manager = model._default_manager
    existing = {getattr(obj, key): obj for obj in manager.all()}
    by_other = {getattr(obj, also_match): obj for obj in existing.values()} if also_match else {}
    to_create: list[models.Model] = []
    to_update: list[models.Model] = []
    changed_fields: set[str] = set()
    for row in rows:
        obj = existing.get(row[key])
        if obj is None and also_match:
            obj = by_other.get(row[also_match])
        if obj is None:
            to_create.append(model(**row))
            continue
        changed = [name for name, value in row.items() if getattr(obj, name) != value]
        for name in changed:
            setattr(obj, name, row[name])
        if changed:
            to_update.append(obj)
            changed_fields.update(changed)
    manager.bulk_create(to_create, batch_size=500)
    if to_update:
        manager.bulk_update(to_update, sorted(changed_fields), batch_size=500)
    tally.created += len(to_create)
    tally.updated += len(to_update)
    tally.totals[model._meta.model_name or model.__name__] = len(rows)


def _country_rows() -> list[dict[str, Any]]:
    fields = ["iso3", "iso2", "m49", "formal_name_en", "region"]
    langs = ["en", "fr", "es", "ru", "zh", "ar"]
    return [
        {
            **{f: row[f] for f in fields},
            **{f"name_{lang}": row[f"name_{lang}"] for lang in langs},
            "un_member": row["un_member"] == "1",
        }
        for row in read_rows("countries.csv")
    ]


def _label_rows(name: str, *, with_code: bool) -> list[dict[str, Any]]:
    rows = []
    for row in read_rows(name):
        item = {"slug": row["slug"], "name": row["name"], "source": row["source"]}
        if with_code:
            item["code"] = row["code"]
        rows.append(item)
    return rows


def seed_reference() -> dict[str, int]:
    """Load every reference list; return row counts per table plus ``created``/``updated``.

    Keys: ``country, mechanism, theme, affectedgroup, sdggoal, sdgtarget,
    uprissue, actioncategory`` (rows in the files) and ``created``,
    ``updated`` (rows written by this run; both 0 on a re-run). Runs in one
    transaction: a broken file leaves the database unchanged.
    """
    tally = _Tally()
    with transaction.atomic():
        _upsert(Country, "iso3", _country_rows(), tally)
        _upsert(Mechanism, "code", read_rows("mechanisms.csv"), tally)
        _upsert(Theme, "slug", _label_rows("themes.csv", with_code=True), tally, also_match="name")
        _upsert(
            AffectedGroup,
            "slug",
            _label_rows("affected_groups.csv", with_code=False),
            tally,
            also_match="name",
        )
        goals = [
            {"number": int(r["number"]), "title": r["title"], "short_title": r["short_title"]}
            for r in read_rows("sdg_goals.csv")
        ]
        _upsert(SdgGoal, "number", goals, tally)
        goal_ids = dict(SdgGoal.objects.values_list("number", "id"))
        targets = [
            {
                "code": r["code"],
                "goal_id": goal_ids[int(r["goal"])],
                "text": r["text"],
                "order": int(r["order"]),
            }
            for r in read_rows("sdg_targets.csv")
        ]
        _upsert(SdgTarget, "code", targets, tally)
        issues = [{"slug": r["slug"], "name": r["name"]} for r in read_rows("upr_issues.csv")]
        _upsert(UprIssue, "slug", issues, tally, also_match="name")
        categories = [
            {"number": int(r["number"]), "name": r["name"], "description": r["description"]}
            for r in read_rows("action_categories.csv")
        ]
        _upsert(ActionCategory, "number", categories, tally)
    return {**tally.totals, "created": tally.created, "updated": tally.updated}
