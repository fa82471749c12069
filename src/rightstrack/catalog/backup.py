"""Backup and restore of a whole installation: the database and the files beside it.

A backup is one tar archive (``.tar``, ``.tar.gz``/``.tgz``, ``.tar.xz`` or ``.tar.bz2``;
the standard library's :mod:`tarfile`) holding:

``database/rightstrack.sqlite3`` or ``database/rightstrack.pgdump``
    a consistent snapshot of the database. SQLite: the online backup API
    (:meth:`sqlite3.Connection.backup`, all pages in one step, so it is one read
    transaction: consistent while the server writes, WAL mode or not; see
    https://www.sqlite.org/backup.html). PostgreSQL: ``pg_dump --format=custom``,
    which reads in one repeatable-read snapshot (PostgreSQL manual, "pg_dump").
``media/...``
    every file under ``MEDIA_ROOT``: evidence files (``media/evidence/``) and web uploads
    waiting for confirmation (``media/staging/``). The database is copied first,
    then the files: a file an evidence row of the snapshot names was written before
    that row was committed, so it is in the archive (a file added later is extra, never
    missing).
``manifest.json`` (last member)
    format version, RightsTrack version, engine, the latest applied migration of each
    app, creation time (UTC, ISO 8601), and every other member with its size in bytes
    and SHA-256.

Restore refuses, before it writes anything: an archive whose members do not match the
manifest (checksum, size, missing or extra member, unsafe name), a backup of the other
engine (SQLite into PostgreSQL or back: out of scope), a backup whose schema is newer
than this code (a migration this code does not know), and a target that is not empty
(a database with tables, or files under ``MEDIA_ROOT``) unless ``force`` is set.

How to run both, and what to schedule: ``docs/operations.md``.

Why in ``catalog``: management commands live in an installed app, ``core`` is not one,
and this module imports no app (only Django's connection settings, the migration files
and ``MEDIA_ROOT``), so it sits in the lowest app, where every layer above may use it and
it can never come to depend on one of them (``make lint`` checks the layers).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import IO, Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.loader import MigrationLoader

import rightstrack

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
SQLITE_MEMBER = "database/rightstrack.sqlite3"
POSTGRES_MEMBER = "database/rightstrack.pgdump"
MEDIA_PREFIX = "media/"
#: Output name endings → tarfile write mode.
WRITE_MODES = {
    ".tar.gz": "w:gz",
    ".tgz": "w:gz",
    ".tar.xz": "w:xz",
    ".tar.bz2": "w:bz2",
    ".tar": "w",
}
ENGINES = {"django.db.backends.sqlite3": "sqlite", "django.db.backends.postgresql": "postgresql"}
ENGINE_LABELS = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
_CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot go on; the message names the file and the member."""


@dataclass(frozen=True)
class Target:
    """Where a backup is read from or restored to.

    Attributes:
        engine: ``"sqlite"`` or ``"postgresql"``.
        database: Django's settings of that database (``NAME``, ``USER``, ``HOST``...).
        media_root: the folder of evidence files and uploads (``MEDIA_ROOT``).
    """

    engine: str
    database: dict[str, Any]
    media_root: Path

    @classmethod
    def from_settings(cls, using: str = DEFAULT_DB_ALIAS) -> Target:
        """The configured installation: ``DATABASES[using]`` and ``MEDIA_ROOT``.

        Raises:
            BackupError: the engine is neither SQLite nor PostgreSQL.
        """
        database = dict(settings.DATABASES[using])
        engine = ENGINES.get(str(database["ENGINE"]))
        if engine is None:
            raise BackupError(f"backup supports SQLite and PostgreSQL, not {database['ENGINE']}")
        return cls(engine, database, Path(settings.MEDIA_ROOT))


@dataclass
class Manifest:
    """What ``manifest.json`` says (see the module docstring for each field)."""

    engine: str
    migrations: dict[str, str]
    created_at: str
    version: str = rightstrack.__version__
    format: int = FORMAT_VERSION
    files: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> bytes:
        """The manifest as UTF-8 JSON (indented, keys in a fixed order)."""
        data = {
            "format": self.format,
            "rightstrack_version": self.version,
            "engine": self.engine,
            "created_at": self.created_at,
            "migrations": dict(sorted(self.migrations.items())),
            "files": self.files,
        }
        return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode()

    @classmethod
    def from_json(cls, raw: bytes, archive: Path) -> Manifest:
        """Parse ``manifest.json``.

        Raises:
            BackupError: not JSON, a field missing or of the wrong type, or a format
                version this code does not read (names ``archive``).
        """
        where = f"{archive}: member {MANIFEST}"
        try:
            data = json.loads(raw)
            manifest = cls(
                engine=str(data["engine"]),
                migrations={str(k): str(v) for k, v in dict(data["migrations"]).items()},
                created_at=str(data["created_at"]),
                version=str(data["rightstrack_version"]),
                format=int(data["format"]),
                files=[
                    {"name": str(f["name"]), "size": int(f["size"]), "sha256": str(f["sha256"])}
                    for f in data["files"]
                ],
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise BackupError(f"{where} is not a valid manifest ({exc})") from None
        if manifest.format != FORMAT_VERSION:
            raise BackupError(
                f"{where}: backup format {manifest.format} is not supported "
                f"(this RightsTrack reads format {FORMAT_VERSION})"
            )
        if manifest.engine not in ENGINE_LABELS:
            raise BackupError(f"{where}: unknown engine {manifest.engine!r}")
        return manifest

    @property
    def database_member(self) -> str:
        """The archive member holding the database snapshot."""
        return SQLITE_MEMBER if self.engine == "sqlite" else POSTGRES_MEMBER


@dataclass(frozen=True)
class RestoreResult:
    """What :func:`restore_backup` did: the manifest read, files written, what was set aside."""

    manifest: Manifest
    files: int
    set_aside: list[str]


# ----------------------------------------------------------------------------- backup


def create_backup(output: Path, target: Target | None = None) -> Manifest:
    """Write a backup of ``target`` (default: the configured installation) to ``output``.

    The archive is written to ``output`` plus ``.partial`` and renamed when complete, so
    a backup that fails never leaves a file under the final name.

    Args:
        output: the archive to write; its ending chooses the compression
            (:data:`WRITE_MODES`). An existing file is replaced.
        target: the database and media folder to copy.

    Returns:
        The :class:`Manifest` written into the archive.

    Raises:
        BackupError: unknown file ending, ``output`` inside ``MEDIA_ROOT``, ``pg_dump``
            missing or failing, the SQLite file missing, or an I/O error (the message
            names the file).
    """
    target = target or Target.from_settings()
    mode = _write_mode(output)
    if output.resolve().is_relative_to(target.media_root.resolve()):
        raise BackupError(
            f"{output}: write the backup outside {target.media_root} (it would copy itself)"
        )
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_name(output.name + ".partial")
    with tempfile.TemporaryDirectory(prefix=".rightstrack-backup-", dir=output.parent) as tmp:
        snapshot = Path(tmp) / "database"
        if target.engine == "sqlite":
            _sqlite_snapshot(Path(target.database["NAME"]), snapshot)
            migrations = _sqlite_migrations(snapshot)
        else:
            _pg_dump(target.database, snapshot)
            migrations = _pg_migrations(target.database)
        manifest = Manifest(
            engine=target.engine,
            migrations=migrations,
            created_at=datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z"),
        )
        try:
            # gzip level 6 (zlib's default): on the sample's 70 MB SQLite file, 20.2 MB in
            # 2.2 s of CPU, against 20.0 MB in 5.8 s at tarfile's default level 9.
            options = {"compresslevel": 6} if mode == "w:gz" else {}
            with tarfile.open(partial, mode, **options) as tar:  # type: ignore[call-overload]
                db_member = manifest.database_member
                with snapshot.open("rb") as stream:
                    manifest.files.append(_add(tar, db_member, stream, snapshot.stat().st_size))
                for path, name in _media_files(target.media_root):
                    try:
                        stream = path.open("rb")
                    except FileNotFoundError:
                        continue  # an abandoned upload purged while we ran
                    with stream:
                        size = os.fstat(stream.fileno()).st_size
                        manifest.files.append(_add(tar, name, stream, size))
                raw = manifest.to_json()
                info = _tarinfo(MANIFEST, len(raw))
                tar.addfile(info, _BytesReader(raw))
            partial.replace(output)
        except OSError as exc:
            partial.unlink(missing_ok=True)
            raise BackupError(f"cannot write the backup {output}: {exc}") from exc
    return manifest


def _write_mode(output: Path) -> str:
    name = output.name.lower()
    for ending, mode in WRITE_MODES.items():
        if name.endswith(ending):
            return mode
    raise BackupError(
        f"{output}: the backup file name must end with one of " + ", ".join(WRITE_MODES)
    )


def _sqlite_snapshot(source: Path, snapshot: Path) -> None:
    """Copy ``source`` with SQLite's online backup API, in one step (one read transaction)."""
    if not source.is_file():
        raise BackupError(f"the SQLite database {source} does not exist")
    # Not mode=ro: a read-only connection cannot create the -shm file a WAL database needs.
    src = sqlite3.connect(source, timeout=60)
    dst = sqlite3.connect(snapshot)
    try:
        src.backup(dst)  # pages=-1: every page in one step
        # One self-contained file: no -wal beside it in the archive.
        dst.execute("PRAGMA journal_mode=DELETE")
    except sqlite3.Error as exc:
        raise BackupError(f"cannot copy the SQLite database {source}: {exc}") from exc
    finally:
        dst.close()
        src.close()


def _sqlite_migrations(path: Path) -> dict[str, str]:
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = db.execute("SELECT app, name FROM django_migrations").fetchall()
    except sqlite3.Error:
        rows = []  # never migrated: an empty database
    finally:
        db.close()
    return _latest_per_app(rows)


def _latest_per_app(rows: list[tuple[str, str]]) -> dict[str, str]:
    """Latest applied migration of each app: the highest name (names start with a number)."""
    latest: dict[str, str] = {}
    for app, name in rows:
        if app not in latest or name > latest[app]:
            latest[app] = name
    return latest


def _pg_env(database: dict[str, Any]) -> dict[str, str]:
    """libpq variables for ``pg_dump``/``pg_restore`` (the password never on a command line)."""
    env = dict(os.environ)
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
        if database.get(key):
            env[var] = str(database[key])
    if database.get("PASSWORD"):
        env["PGPASSWORD"] = str(database["PASSWORD"])
    sslmode = (database.get("OPTIONS") or {}).get("sslmode")
    if sslmode:
        env["PGSSLMODE"] = str(sslmode)
    return env


def _pg_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"{name} was not found on PATH: install the PostgreSQL client tools of the "
            f"server's major version (Debian/Ubuntu: postgresql-client)"
        )
    return path


def _pg_dump(database: dict[str, Any], snapshot: Path) -> None:
    tool = _pg_tool("pg_dump")
    command = [tool, "--format=custom", "--no-owner", f"--file={snapshot}", str(database["NAME"])]
    done = subprocess.run(command, env=_pg_env(database), capture_output=True, text=True)
    if done.returncode != 0:
        raise BackupError(f"pg_dump of database {database['NAME']} failed: {done.stderr.strip()}")


@contextlib.contextmanager
def _pg_connection(database: dict[str, Any]) -> Iterator[Any]:
    import psycopg

    kwargs: dict[str, Any] = {"dbname": database["NAME"], "autocommit": True}
    for key in ("HOST", "PORT", "USER", "PASSWORD"):
        if database.get(key):
            kwargs[key.lower()] = database[key]
    with psycopg.connect(**kwargs) as conn:
        yield conn


def _pg_migrations(database: dict[str, Any]) -> dict[str, str]:
    with _pg_connection(database) as conn:
        exists = conn.execute("SELECT to_regclass('django_migrations')").fetchone()
        if exists is None or exists[0] is None:
            return {}
        rows = conn.execute("SELECT app, name FROM django_migrations").fetchall()
    return _latest_per_app([(str(a), str(n)) for a, n in rows])


def _media_files(media_root: Path) -> Iterator[tuple[Path, str]]:
    """Every regular file under ``media_root`` with its member name, in a stable order."""
    if not media_root.is_dir():
        return
    for dirpath, dirnames, filenames in os.walk(media_root):
        dirnames.sort()
        for filename in sorted(filenames):
            path = Path(dirpath) / filename
            if path.is_symlink() or not path.is_file():
                continue
            yield path, MEDIA_PREFIX + path.relative_to(media_root).as_posix()


def _tarinfo(name: str, size: int) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.size = size
    info.mtime = int(time.time())
    info.mode = 0o600
    return info


class _BytesReader:
    """A minimal file object over bytes for :meth:`tarfile.TarFile.addfile`."""

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._pos = 0

    def read(self, size: int = -1) -> bytes:
        end = len(self._data) if size < 0 else self._pos + size
        chunk = self._data[self._pos : end]
        self._pos += len(chunk)
        return chunk


class _HashingReader:
    """Reads exactly ``size`` bytes of ``stream`` and hashes them on the way into the tar."""

    def __init__(self, stream: IO[bytes], size: int) -> None:
        self._stream = stream
        self._left = size
        self.digest = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        want = self._left if size < 0 else min(size, self._left)
        chunk = self._stream.read(want)
        self._left -= len(chunk)
        self.digest.update(chunk)
        return chunk


def _add(tar: tarfile.TarFile, name: str, stream: IO[bytes], size: int) -> dict[str, Any]:
    """Add ``size`` bytes of ``stream`` as ``name``; return its manifest entry.

    Raises:
        OSError: the file shrank while it was read (tarfile's "unexpected end of data").
    """
    reader = _HashingReader(stream, size)
    tar.addfile(_tarinfo(name, size), reader)
    return {"name": name, "size": size, "sha256": reader.digest.hexdigest()}


# ----------------------------------------------------------------------------- verify


def read_verified_manifest(archive: Path) -> Manifest:
    """Read ``archive`` through once: every member must match the manifest.

    Args:
        archive: a backup made by :func:`create_backup` (any compression).

    Returns:
        The manifest, once every member's size and SHA-256 equal the manifest's.

    Raises:
        BackupError: not a tar archive, no manifest, a member with an unsafe name or not
            a regular file, a checksum or size mismatch, a member missing from the
            archive or absent from the manifest. Each message names ``archive`` and the
            member at fault.
    """
    seen: dict[str, tuple[int, str]] = {}
    raw_manifest: bytes | None = None
    try:
        with tarfile.open(archive, "r:*") as tar:
            for info in tar:
                name = _checked_name(archive, info)
                if name in seen or (name == MANIFEST and raw_manifest is not None):
                    raise BackupError(f"{archive}: member {name} appears twice")
                stream = tar.extractfile(info)
                if stream is None:  # pragma: no cover - regular files always have one
                    raise BackupError(f"{archive}: member {name} cannot be read")
                if name == MANIFEST:
                    raw_manifest = stream.read()
                    continue
                digest = hashlib.sha256()
                size = 0
                while chunk := stream.read(_CHUNK):
                    digest.update(chunk)
                    size += len(chunk)
                seen[name] = (size, digest.hexdigest())
    except FileNotFoundError:
        raise BackupError(f"{archive} does not exist") from None
    except (tarfile.TarError, EOFError, OSError) as exc:
        raise BackupError(f"{archive} is not a readable backup archive ({exc})") from None
    if raw_manifest is None:
        if seen:
            # The manifest is written last: reading stopped before it, at a damaged header
            # or a cut-off end (tarfile ends its iteration there without an error).
            last = list(seen)[-1]
            raise BackupError(
                f"{archive} is damaged or cut short: reading stopped after member {last} "
                f"({len(seen)} members read) and never reached {MANIFEST}, which is written last"
            )
        raise BackupError(f"{archive}: no {MANIFEST}; is this a RightsTrack backup?")
    manifest = Manifest.from_json(raw_manifest, archive)
    listed: set[str] = set()
    for entry in manifest.files:
        name = entry["name"]
        listed.add(name)
        if name not in seen:
            raise BackupError(f"{archive}: member {name} is in the manifest but not in the archive")
        size, sha256 = seen[name]
        if sha256 != entry["sha256"] or size != entry["size"]:
            raise BackupError(
                f"{archive}: member {name} is damaged: SHA-256 {sha256} ({size} bytes), "
                f"the manifest says {entry['sha256']} ({entry['size']} bytes)"
            )
    for name in seen:
        if name not in listed:
            raise BackupError(f"{archive}: member {name} is not in the manifest")
    if manifest.database_member not in listed:
        raise BackupError(f"{archive}: member {manifest.database_member} (the database) is missing")
    return manifest


def _checked_name(archive: Path, info: tarfile.TarInfo) -> str:
    """The member's name, if it is a regular file at a safe relative path we write."""
    name = info.name
    parts = PurePosixPath(name).parts
    if not info.isfile():
        raise BackupError(f"{archive}: member {name} is not a regular file")
    if name.startswith("/") or ".." in parts or "\\" in name or not parts:
        raise BackupError(f"{archive}: member {name} has an unsafe path")
    if name not in (MANIFEST, SQLITE_MEMBER, POSTGRES_MEMBER) and not (
        name.startswith(MEDIA_PREFIX) and len(parts) > 1
    ):
        raise BackupError(f"{archive}: member {name} is not part of a RightsTrack backup")
    return name


def unknown_migrations(manifest: Manifest) -> list[str]:
    """The manifest's migrations this code does not have (``app.name``), sorted.

    A non-empty list means the backup was made by a newer RightsTrack. An app this code
    does not install at all counts too. Reads the migration files only (no database).
    """
    loader = MigrationLoader(None, ignore_no_migrations=True)
    known = set(loader.disk_migrations)
    return sorted(
        f"{app}.{name}" for app, name in manifest.migrations.items() if (app, name) not in known
    )


def unapplied_migrations(manifest: Manifest) -> list[str]:
    """This code's migrations that come after the manifest's latest one (``app.name``), sorted.

    Non-empty after restoring an older backup: ``rightstrack migrate`` brings it up to date.
    """
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return sorted(
        f"{app}.{name}"
        for app, name in loader.disk_migrations
        if name > manifest.migrations.get(app, "")
    )


# ----------------------------------------------------------------------------- restore


def restore_backup(
    archive: Path, target: Target | None = None, *, force: bool = False
) -> RestoreResult:
    """Restore ``archive`` into ``target`` (default: the configured installation).

    Checks, in this order, before writing anything: every checksum
    (:func:`read_verified_manifest`), the engine, the schema (:func:`unknown_migrations`),
    then that the target is empty. With ``force``, a non-empty target is replaced: the
    SQLite database is copied aside with the backup API (rows still in its ``-wal``
    come too) and ``MEDIA_ROOT`` renamed aside, both as ``….before-restore-<UTC time>``;
    on PostgreSQL every table, view, sequence and function of the current schema is
    dropped. Stop the web server and workers first.

    Args:
        archive: a backup made by :func:`create_backup`.
        target: where to restore; its database must be of the backup's engine.
        force: replace a target that is not empty (see above).

    Returns:
        :class:`RestoreResult`.

    Raises:
        BackupError: any check above fails, or ``pg_restore`` is missing or fails (the
            message names the archive and, where one is at fault, the member).
    """
    target = target or Target.from_settings()
    manifest = read_verified_manifest(archive)
    if manifest.engine != target.engine:
        raise BackupError(
            f"{archive} is a backup of a {ENGINE_LABELS[manifest.engine]} database; this "
            f"installation uses {ENGINE_LABELS[target.engine]}. Restoring across engines is "
            f"not supported: restore into an installation configured for "
            f"{ENGINE_LABELS[manifest.engine]}"
        )
    unknown = unknown_migrations(manifest)
    if unknown:
        raise BackupError(
            f"{archive} was made by a newer RightsTrack (version {manifest.version}): its "
            f"schema has migrations this code does not know: {', '.join(unknown)}. "
            f"Install that version or later, then restore"
        )
    problems = _non_empty(target)
    if problems and not force:
        raise BackupError(
            "the target is not empty: " + "; ".join(problems) + ". Restore into an empty data "
            "directory and database, or pass --force to replace them"
        )
    set_aside = _clear(target) if problems else []
    for alias in connections:
        connections[alias].close()
    files = _extract(archive, manifest, target)
    return RestoreResult(manifest, files, set_aside)


def _non_empty(target: Target) -> list[str]:
    problems: list[str] = []
    if target.engine == "sqlite":
        path = Path(target.database["NAME"])
        tables = _sqlite_table_count(path)
        if tables:
            problems.append(f"the SQLite database {path} has {tables} tables")
    else:
        tables = _pg_table_count(target.database)
        if tables:
            problems.append(
                f"the PostgreSQL database {target.database['NAME']} has {tables} tables"
            )
    files = sum(1 for _ in _media_files(target.media_root))
    if files:
        problems.append(f"{target.media_root} holds {files} files")
    return problems


def _sqlite_table_count(path: Path) -> int:
    if not path.exists() or path.stat().st_size == 0:
        return 0
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        row = db.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()
    finally:
        db.close()
    return int(row[0])


_PG_RELATIONS = (
    "SELECT c.relname, c.relkind FROM pg_class c "
    "JOIN pg_namespace n ON n.oid = c.relnamespace "
    "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')"
)


def _pg_table_count(database: dict[str, Any]) -> int:
    with _pg_connection(database) as conn:
        rows = conn.execute(_PG_RELATIONS).fetchall()
    return sum(1 for _, kind in rows if kind in ("r", "p"))


def _clear(target: Target) -> list[str]:
    """Make room for a forced restore; return what was set aside or dropped."""
    done: list[str] = []
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    if target.engine == "sqlite":
        path = Path(target.database["NAME"])
        if path.exists():
            aside = path.with_name(f"{path.name}.before-restore-{stamp}")
            # Copy through the backup API so committed rows still in the -wal file come too.
            _sqlite_snapshot(path, aside)
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
            done.append(str(aside))
    else:
        from psycopg import sql

        with _pg_connection(target.database) as conn, conn.transaction():
            relations = conn.execute(_PG_RELATIONS).fetchall()
            # Tables first: their CASCADE takes triggers, dependent views and the
            # sequences of identity columns (which cannot be dropped on their own).
            for kinds, word in (
                ("rpf", "TABLE"),
                ("m", "MATERIALIZED VIEW"),
                ("v", "VIEW"),
                ("S", "SEQUENCE"),
            ):
                for name, kind in conn.execute(_PG_RELATIONS).fetchall():
                    if kind in kinds:
                        word_ = "FOREIGN TABLE" if kind == "f" else word
                        conn.execute(
                            sql.SQL("DROP {} IF EXISTS {} CASCADE").format(
                                sql.SQL(word_), sql.Identifier(name)
                            )
                        )
            functions = conn.execute(
                "SELECT p.oid::regprocedure::text FROM pg_proc p "
                "JOIN pg_namespace n ON n.oid = p.pronamespace "
                "WHERE n.nspname = current_schema() AND p.prokind = 'f' "
                # Functions of an extension (unaccent's, for the search index) belong to
                # the extension: they stay, as the extension does.
                "AND NOT EXISTS (SELECT 1 FROM pg_depend d "
                "WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')"
            ).fetchall()
            for (signature,) in functions:
                conn.execute(f"DROP FUNCTION IF EXISTS {signature} CASCADE")
            # The search index's text-search configurations (rightstrack_english...), which
            # the dump creates again; those of an extension stay with it.
            for (config,) in conn.execute(
                "SELECT c.cfgname FROM pg_ts_config c "
                "WHERE c.cfgnamespace = current_schema()::regnamespace "
                "AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE "
                "d.classid = 'pg_ts_config'::regclass AND d.objid = c.oid AND d.deptype = 'e')"
            ).fetchall():
                conn.execute(
                    sql.SQL("DROP TEXT SEARCH CONFIGURATION IF EXISTS {} CASCADE").format(
                        sql.Identifier(config)
                    )
                )
        done.append(
            f"database {target.database['NAME']}: {len(relations)} relations and "
            f"{len(functions)} functions dropped"
        )
    if target.media_root.exists() and any(_media_files(target.media_root)):
        aside = target.media_root.with_name(f"{target.media_root.name}.before-restore-{stamp}")
        target.media_root.rename(aside)
        done.append(str(aside))
    return done


def _extract(archive: Path, manifest: Manifest, target: Target) -> int:
    """Write the members into place, checking each checksum again as it is written."""
    expected = {f["name"]: f["sha256"] for f in manifest.files}
    target.media_root.mkdir(parents=True, exist_ok=True)
    files = 0
    with tempfile.TemporaryDirectory(
        prefix=".rightstrack-restore-", dir=target.media_root.parent
    ) as tmp:
        snapshot = Path(tmp) / "database"
        with tarfile.open(archive, "r:*") as tar:
            for info in tar:
                name = info.name
                if name == MANIFEST:
                    continue
                if name == manifest.database_member:
                    destination = snapshot
                else:
                    relative = PurePosixPath(name).relative_to(MEDIA_PREFIX.rstrip("/"))
                    destination = target.media_root.joinpath(*relative.parts)
                    files += 1
                _write_member(archive, tar, info, destination, expected[name])
        if manifest.engine == "sqlite":
            _sqlite_restore(snapshot, Path(target.database["NAME"]))
        else:
            _pg_restore(archive, snapshot, target.database)
    return files


def _write_member(
    archive: Path, tar: tarfile.TarFile, info: tarfile.TarInfo, destination: Path, sha256: str
) -> None:
    stream = tar.extractfile(info)
    if stream is None:  # pragma: no cover - checked by read_verified_manifest
        raise BackupError(f"{archive}: member {info.name} cannot be read")
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(destination.name + ".partial")
    digest = hashlib.sha256()
    with partial.open("wb") as out:
        while chunk := stream.read(_CHUNK):
            digest.update(chunk)
            out.write(chunk)
    if digest.hexdigest() != sha256:
        partial.unlink()
        raise BackupError(f"{archive}: member {info.name} changed while it was restored")
    partial.replace(destination)


def _sqlite_restore(snapshot: Path, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    shutil.move(snapshot, path)


def _pg_restore(archive: Path, snapshot: Path, database: dict[str, Any]) -> None:
    tool = _pg_tool("pg_restore")
    command = [
        tool,
        "--exit-on-error",
        "--single-transaction",
        "--no-owner",
        f"--dbname={database['NAME']}",
        str(snapshot),
    ]
    done = subprocess.run(command, env=_pg_env(database), capture_output=True, text=True)
    if done.returncode != 0:
        raise BackupError(
            f"{archive}: pg_restore of member {POSTGRES_MEMBER} into database "
            f"{database['NAME']} failed: {done.stderr.strip()}"
        )
