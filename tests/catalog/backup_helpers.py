"""Helpers of the backup tests: throw-away installations run through the ``rightstrack`` CLI.

An installation is a data directory (``RIGHTSTRACK_DATA_DIR``) and, on the PostgreSQL
pass, a database of its own on the test server, created and dropped here; on the SQLite
pass its database is the SQLite file in the data directory (WAL mode, as settings.py
configures it). The engine is the one the test run uses (``DATABASE_URL``).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import sqlite3
import subprocess
import sys
import tarfile
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings

from rightstrack.catalog.backup import Target

CONSOLE_SCRIPT = Path(sys.executable).with_name("rightstrack")
ENGINE = "postgresql" if "postgresql" in settings.DATABASES["default"]["ENGINE"] else "sqlite"


@dataclass
class Installation:
    """A data directory plus (PostgreSQL pass) its own database."""

    data_dir: Path
    db_name: str | None = None

    @property
    def media(self) -> Path:
        return self.data_dir / "media"

    @property
    def sqlite_path(self) -> Path:
        return self.data_dir / "rightstrack.sqlite3"

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env["RIGHTSTRACK_DATA_DIR"] = str(self.data_dir)
        env.pop("DATABASE_URL", None)
        if self.db_name is not None:
            env["DATABASE_URL"] = _pg_url(self.db_name)
        return env

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        """``rightstrack ARGS`` for this installation (stdout and stderr captured)."""
        done = subprocess.run(
            [str(CONSOLE_SCRIPT), *args], env=self.env(), capture_output=True, text=True
        )
        if check and done.returncode != 0:
            raise AssertionError(f"rightstrack {' '.join(args)} failed:\n{done.stderr}")
        return done

    def connect(self) -> Any:
        """A DB-API connection to this installation's database (autocommit on PostgreSQL)."""
        if self.db_name is None:
            return sqlite3.connect(self.sqlite_path, timeout=30)
        import psycopg

        return psycopg.connect(**_pg_kwargs(self.db_name), autocommit=True)

    def as_target(self) -> Target:
        """This installation as :class:`rightstrack.catalog.backup.Target`."""
        if self.db_name is None:
            return Target("sqlite", {"NAME": str(self.sqlite_path)}, self.media)
        database = {**settings.DATABASES["default"], "NAME": self.db_name}
        return Target("postgresql", database, self.media)

    @property
    def placeholder(self) -> str:
        return "?" if self.db_name is None else "%s"


def _pg_kwargs(dbname: str) -> dict[str, Any]:
    db = settings.DATABASES["default"]
    kwargs: dict[str, Any] = {"dbname": dbname}
    for key in ("HOST", "PORT", "USER", "PASSWORD"):
        if db.get(key):
            kwargs[key.lower()] = db[key]
    return kwargs


def _pg_url(dbname: str) -> str:
    db = settings.DATABASES["default"]
    auth = db.get("USER") or "postgres"
    if db.get("PASSWORD"):
        auth += f":{db['PASSWORD']}"
    return f"postgres://{auth}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{dbname}"


def new_installation(root: Path, name: str) -> Installation:
    """An empty installation under ``root/name`` (and an empty database on PostgreSQL)."""
    inst = Installation(root / name)
    inst.data_dir.mkdir(parents=True)
    if ENGINE == "postgresql":
        import psycopg

        inst.db_name = f"rt_backup_{name}_{uuid.uuid4().hex[:10]}"
        with psycopg.connect(**_pg_kwargs("postgres"), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{inst.db_name}"')
    return inst


def drop_installation(inst: Installation) -> None:
    """Drop the installation's PostgreSQL database, if it has one."""
    if inst.db_name is not None:
        import psycopg

        with psycopg.connect(**_pg_kwargs("postgres"), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{inst.db_name}" WITH (FORCE)')


def rewrite_archive(
    source: Path,
    destination: Path,
    *,
    member: str | None = None,
    change: Callable[[bytes], bytes] | None = None,
    manifest: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
) -> None:
    """Copy a backup member by member, changing one member's bytes and/or the manifest."""
    with tarfile.open(source, "r:*") as src, tarfile.open(destination, "w:gz") as dst:
        for info in src:
            stream = src.extractfile(info)
            assert stream is not None
            data = stream.read()
            if info.name == member and change is not None:
                data = change(data)
            if info.name == "manifest.json" and manifest is not None:
                data = json.dumps(manifest(json.loads(data))).encode()
            copy = tarfile.TarInfo(info.name)
            copy.size = len(data)
            dst.addfile(copy, io.BytesIO(data))


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
