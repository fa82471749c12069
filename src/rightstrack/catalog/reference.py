"""Seed the catalogue's reference tables from the CSV files in ``catalog/data/``.

``seed_reference()`` loads countries, mechanisms, themes, affected persons,
SDG goals and targets, UPR Info issues and action categories. It is
idempotent: every row is matched on its natural key (ISO3, code, slug,
number) and only changed fields are written, so a second run writes nothing.
Rows that are not in the files (e.g. a theme an import created) are left alone.
Sources and licences of each file: ``catalog/data/SOURCES.md``.

The data migration ``catalog.0002_reference_data`` runs the same loader with the
migration's historical models, so ``rightstrack migrate`` alone gives a database that
imports work on; ``rightstrack seed-reference`` refreshes the tables after the files change.
"""

from __future__ import annotations

import csv
import functools
import io
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from django.apps import apps as installed_apps
from django.apps.registry import Apps
from django.db import DEFAULT_DB_ALIAS, models, transaction

__all__ = ["REFERENCE_MODELS", "read_rows", "seed_reference"]

#: The catalogue models ``seed_reference()`` fills, in load order (SdgTarget after SdgGoal).
REFERENCE_MODELS = (
    "Country",
    "Mechanism",
    "Theme",
    "AffectedGroup",
    "SdgGoal",
    "SdgTarget",
    "UprIssue",
    "ActionCategory",
)


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
    using: str,
    also_match: str | None = None,
) -> None:
    """Create missing rows and update changed fields, matching on ``key``.

    ``also_match`` names a second unique field (e.g. ``name``) used when no row
    has the key yet, so a row created earlier under another slug is updated
    instead of clashing with the unique constraint. Columns the model has no field
    for are skipped: a historical model (in a migration) may predate a field; the
    migration that adds the field runs the loader again to fill it.
    """
    known = {f.attname for f in model._meta.concrete_fields}
    rows = [{name: value for name, value in row.items() if name in known} for row in rows]
    manager = model._default_manager.db_manager(using)
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


def seed_reference(apps: Apps | None = None, *, using: str = DEFAULT_DB_ALIAS) -> dict[str, int]:
    """Load every reference list; return row counts per table plus ``created``/``updated``.

    Args:
        apps: where the catalogue models come from: the installed apps (default), or a
            data migration's ``apps`` (historical models).
        using: the database alias to write to.

    Returns:
        Keys ``country, mechanism, theme, affectedgroup, sdggoal, sdgtarget,
        uprissue, actioncategory`` (rows in the files) and ``created``,
        ``updated`` (rows written by this run; both 0 on a re-run).

    Raises:
        OSError, KeyError, ValueError: a data file is missing or malformed.
        django.db.DatabaseError: a row breaks a database constraint.

    Runs in one transaction: a broken file leaves the database unchanged.
    """
    registry = apps or installed_apps

    def model(name: str) -> type[models.Model]:
        return registry.get_model("catalog", name)

    tally = _Tally()
    with transaction.atomic(using=using):
        upsert = functools.partial(_upsert, tally=tally, using=using)
        upsert(model("Country"), "iso3", _country_rows())
        upsert(model("Mechanism"), "code", read_rows("mechanisms.csv"))
        upsert(model("Theme"), "slug", _label_rows("themes.csv", with_code=True), also_match="name")
        upsert(
            model("AffectedGroup"),
            "slug",
            _label_rows("affected_groups.csv", with_code=False),
            also_match="name",
        )
        goals = [
            {"number": int(r["number"]), "title": r["title"], "short_title": r["short_title"]}
            for r in read_rows("sdg_goals.csv")
        ]
        upsert(model("SdgGoal"), "number", goals)
        goal_ids = dict(model("SdgGoal")._default_manager.using(using).values_list("number", "id"))
        targets = [
            {
                "code": r["code"],
                "goal_id": goal_ids[int(r["goal"])],
                "text": r["text"],
                "order": int(r["order"]),
            }
            for r in read_rows("sdg_targets.csv")
        ]
        upsert(model("SdgTarget"), "code", targets)
        issues = [{"slug": r["slug"], "name": r["name"]} for r in read_rows("upr_issues.csv")]
        upsert(model("UprIssue"), "slug", issues, also_match="name")
        categories = [
            {"number": int(r["number"]), "name": r["name"], "description": r["description"]}
            for r in read_rows("action_categories.csv")
        ]
        upsert(model("ActionCategory"), "number", categories)
    return {**tally.totals, "created": tally.created, "updated": tally.updated}
