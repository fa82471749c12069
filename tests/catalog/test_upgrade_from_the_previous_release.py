"""Upgrading a database made by the previous release keeps every row and every history row.

What "the previous release" is: the latest tag ``release-*`` reachable from HEAD (the
last code that passed CI and landed); without such a tag (a fresh clone carries none),
the newest commit listed in ``tests/catalog/landed_release.txt`` (kept by hand: the code
that landed, newest first) whose migrations differ from this code's (a release with the
same schema has no upgrade to test); without that either, the code just before the latest change of the schema: on the first-parent line of
``git log``, the last commit that touched a migration, and that commit's first parent,
walking further back while that parent's migrations are a graph Django refuses (two
leaves in one app: a run of merges whose merge migrations came in a later commit; no
release ever shipped such a state). ``RIGHTSTRACK_UPGRADE_FROM=<commit>`` starts from
another one instead. That code is
taken out of git (``git archive``) and run as it was, with its own sample files:

1. its ``migrate`` builds the database (its reference data included);
2. its ``import`` loads its bundled Slovenia thematic lists and UHRI records (the 41,066
   UPR Info rows are left out to keep the test fast; they fill the same tables);
3. its ORM writes a plan, an action (created, then edited), an indicator, a measurement
   and an evidence link, with the history rows its code writes.

Then this code's ``migrate`` upgrades that database, as an operator does after
installing a new version. Every table of the old schema must keep its number of rows
(``django_migrations`` gains exactly the migrations the new code added; Django's content
types and permissions may gain the rows of new models), every history table the same
rows, and the new migrations must all be applied.

The database is a throw-away installation of the engine the test run uses (SQLite file
in WAL mode, or a database of its own on the PostgreSQL server), see ``backup_helpers``.
Skipped outside CI when git or the repository history is missing (an unpacked release);
in CI that is an error.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import tarfile
from collections import Counter
from pathlib import Path

import pytest
from backup_helpers import ENGINE, drop_installation, new_installation

from rightstrack.portal.search_index import FTS_TABLE

REPO = Path(__file__).resolve().parents[2]
MIGRATIONS = "src/rightstrack/*/migrations/*"
LANDED = Path(__file__).with_name("landed_release.txt")

OLD_CODE_WRITES = """
import datetime as dt
from decimal import Decimal
from rightstrack.catalog.models import Country
from rightstrack.tracking.models import Action, Evidence, ImplementationPlan, Indicator, Measurement

plan = ImplementationPlan.objects.create(
    title="National action plan 2024-2027", country=Country.objects.get(iso3="SVN")
)
action = Action.objects.create(plan=plan, title="Train judges on hate speech")
action.title = "Train judges and prosecutors on hate speech"
action.save()
indicator = Indicator.objects.create(action=action, name="Judges trained")
Measurement.objects.create(indicator=indicator, date=dt.date(2025, 3, 31), value=Decimal("42"))
Evidence.objects.create(
    action=action, title="Training report", url="https://www.gov.si/en/news/training-report/"
)
"""


def git(*args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(REPO), *args], check=True, capture_output=True, text=True
    ).stdout.strip()


def previous_release() -> str:
    """The commit of the previous release (see the module docstring)."""
    chosen = os.environ.get("RIGHTSTRACK_UPGRADE_FROM")
    if chosen:
        return git("rev-parse", chosen)
    tags = subprocess.run(
        ["git", "-C", str(REPO), "describe", "--tags", "--match", "release-*", "--abbrev=0"],
        capture_output=True,
        text=True,
    )
    if tags.returncode == 0 and tags.stdout.strip():
        return git("rev-parse", f"{tags.stdout.strip()}^{{commit}}")
    landed = [
        line.strip()
        for line in LANDED.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    # The newest landed release whose schema differs from this code's: a release with the
    # same migrations (a session that added none) has no upgrade to test.
    head = migration_files("HEAD")
    for commit in landed:
        if _is_commit(commit) and migration_files(commit) != head:
            return git("rev-parse", f"{commit}^{{commit}}")
    touched = git("log", "--first-parent", "--format=%H", "--", MIGRATIONS).split()
    for change in touched:
        parent = git("rev-parse", f"{change}^1")
        if one_leaf_per_app(parent):
            return parent
    raise AssertionError("no commit before a schema change has a migration graph Django accepts")


DEPENDENCY = re.compile(r"""\(\s*["'](\w+)["']\s*,\s*["'](\w+)["']\s*\)""")


def _is_commit(name: str) -> bool:
    """Whether ``name`` names a commit of this repository's history."""
    found = subprocess.run(
        ["git", "-C", str(REPO), "cat-file", "-e", f"{name}^{{commit}}"], capture_output=True
    )
    return found.returncode == 0


def one_leaf_per_app(commit: str) -> bool:
    """Whether every app of ``commit`` has one latest migration (Django's ``migrate``
    refuses "Conflicting migrations detected; multiple leaf nodes" otherwise)."""
    names = migration_files(commit)
    depended_on = set()
    for app, name in names:
        text = git("show", f"{commit}:src/rightstrack/{app}/migrations/{name}.py")
        depended_on |= {dep for dep in DEPENDENCY.findall(text) if dep[0] == app and dep in names}
    leaves = Counter(app for app, _name in names - depended_on)
    return all(count == 1 for count in leaves.values())


def migration_files(commit: str) -> set[tuple[str, str]]:
    """(app, migration name) of every migration file in ``commit``."""
    names = set()
    for path in git("ls-tree", "-r", "--name-only", commit, "--", "src/rightstrack").split():
        parts = path.split("/")
        if len(parts) == 5 and parts[3] == "migrations" and parts[4][:4].isdigit():
            names.add((parts[2], parts[4].removesuffix(".py")))
    return names


@pytest.fixture
def old_code(tmp_path) -> tuple[str, Path]:
    """(commit, folder) of the previous release's ``src`` and ``data/sample``."""
    try:
        commit = previous_release()
        archive = subprocess.run(
            ["git", "-C", str(REPO), "archive", "--format=tar", commit, "src", "data/sample"],
            check=True,
            capture_output=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError) as exc:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"no git history to take the previous release from: {exc}")
    folder = tmp_path / "previous-release"
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    return commit, folder


def snapshot(inst) -> tuple[dict[str, int], dict[str, list[tuple[str, ...]]], set[tuple[str, str]]]:  # type: ignore[no-untyped-def]
    """(rows per table, history rows per history table, applied migrations) of ``inst``."""
    conn = inst.connect()
    try:
        if ENGINE == "sqlite":
            tables = [
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            ]
            columns = {t: {r[1] for r in conn.execute(f'PRAGMA table_info("{t}")')} for t in tables}
        else:
            tables = [
                r[0]
                for r in conn.execute(
                    "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
                )
            ]
            columns = {t: set() for t in tables}
            for table, column in conn.execute(
                "SELECT table_name, column_name FROM information_schema.columns "
                "WHERE table_schema = current_schema()"
            ):
                columns.setdefault(table, set()).add(column)
        # SQLite's own tables and the FTS5 index's shadow tables (portal_recommendation_fts_data,
        # _idx...: b-tree segments, whose number changes when the index is rebuilt) are not
        # our rows; the search rows themselves are (portal_searchdocument).
        tables = [t for t in tables if not t.startswith(("sqlite_", f"{FTS_TABLE}_"))]
        counts = {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}  # noqa: S608
        history = {
            t: [
                tuple(map(str, row))
                for row in conn.execute(
                    f'SELECT history_id, id, history_type, history_date FROM "{t}" '  # noqa: S608
                    "ORDER BY history_id"
                )
            ]
            for t in tables
            if "history_type" in columns[t]
        }
        applied = {tuple(r) for r in conn.execute("SELECT app, name FROM django_migrations")}
    finally:
        conn.close()
    return counts, history, applied  # type: ignore[return-value]


@pytest.mark.slow  # four start-ups of the console script, two of them `migrate`
def test_upgrading_the_previous_release_keeps_every_row_and_history(old_code, tmp_path):
    commit, folder = old_code
    added = migration_files("HEAD") - migration_files(commit)
    assert added, f"{commit} has the same migrations as HEAD"
    inst = new_installation(tmp_path, "upgrade")
    try:
        old_env = {"PYTHONPATH": str(folder / "src")}  # before the installed (current) code

        def old(*args: str) -> str:
            done = subprocess.run(
                [sys.executable, "-m", "rightstrack.cli", *args],
                env={**inst.env(), **old_env},
                capture_output=True,
                text=True,
                cwd=folder,
            )
            assert done.returncode == 0, f"previous release: {args[0]} failed:\n{done.stderr}"
            return done.stdout

        old("migrate", "--noinput", "-v0")
        sample = folder / "data" / "sample"
        files = sorted((sample / "thematic-lists").glob("*.docx")) + sorted(
            (sample / "uhri").glob("*.json")
        )
        old("import", "-v0", *map(str, files))
        old("shell", "-c", OLD_CODE_WRITES)
        counts, history, applied = snapshot(inst)
        assert not added & applied, "the database must be the previous release's"
        assert counts["catalog_recommendation"] > 0
        assert counts["tracking_action"] == 1
        assert [row[2] for row in history["tracking_historicalaction"]] == ["+", "~"]

        inst.run("migrate", "--noinput", "-v0")  # this code: the upgrade
        counts_after, history_after, applied_after = snapshot(inst)
    finally:
        drop_installation(inst)

    # Every new migration of ours is applied; any other newly applied one belongs to a
    # third-party app this release adds (django-tasks' database queue), never to ours.
    newly_applied = applied_after - applied
    assert newly_applied >= added
    ours = {app for app, _ in migration_files("HEAD")}
    assert {app for app, _ in newly_applied - added}.isdisjoint(ours)
    assert counts_after.pop("django_migrations") == counts.pop("django_migrations") + len(
        newly_applied
    )
    # Django adds a content type and its four permissions for each new model; never fewer.
    for table in ("django_content_type", "auth_permission"):
        assert counts_after.pop(table) >= counts.pop(table), table
    assert {t: counts_after[t] for t in counts} == counts
    assert {t: history_after[t] for t in history} == history
    # Tables the new migrations created start empty (no history to lose).
    assert {t: n for t, n in counts_after.items() if t not in counts and n} == {}
