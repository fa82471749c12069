"""``rightstrack restore`` refuses, before writing anything, what it cannot restore faithfully.

Each test makes a real backup of a small SQLite installation built here (one table of
three known rows, the ``django_migrations`` rows of this code, two media files), then
damages or edits it, and checks the refusal names the archive and the member at fault
and that the target is left exactly as it was.
"""

from __future__ import annotations

import json
import sqlite3
import tarfile
from pathlib import Path

import pytest
from backup_helpers import rewrite_archive, sha256
from django.core.management import CommandError, call_command
from django.db.migrations.loader import MigrationLoader

from rightstrack.catalog.backup import BackupError, Target, create_backup, restore_backup

ROWS = [(1, "Ministry of Justice"), (2, "Ombudsman of Slovenia"), (3, "CHRD coalition")]
MEDIA = {
    "evidence/3a/3a5b.txt": b"Measure adopted on 12 May 2024.\n",
    "staging/ab12/upload/list.csv": b"symbol;text\r\nA/HRC/1;x\r\n",
}


def make_installation(root: Path, *, with_data: bool = True) -> Target:
    """A SQLite installation under ``root``: data + this code's migration rows, or empty."""
    root.mkdir(parents=True, exist_ok=True)
    target = Target("sqlite", {"NAME": str(root / "rightstrack.sqlite3")}, root / "media")
    if with_data:
        db = sqlite3.connect(target.database["NAME"])
        db.execute("CREATE TABLE django_migrations (app TEXT, name TEXT, applied TEXT)")
        loader = MigrationLoader(None, ignore_no_migrations=True)
        db.executemany(
            "INSERT INTO django_migrations VALUES (?, ?, '2026-12-01')", loader.disk_migrations
        )
        db.execute("CREATE TABLE org (id INTEGER PRIMARY KEY, name TEXT)")
        db.executemany("INSERT INTO org VALUES (?, ?)", ROWS)
        db.commit()
        db.close()
        for name, data in MEDIA.items():
            (target.media_root / name).parent.mkdir(parents=True, exist_ok=True)
            (target.media_root / name).write_bytes(data)
    return target


def tree(root: Path) -> dict[str, str]:
    """Every file under ``root`` and its SHA-256: to show that nothing was touched."""
    return {
        str(p.relative_to(root)): sha256(p.read_bytes()) for p in root.rglob("*") if p.is_file()
    }


@pytest.fixture
def archive(tmp_path) -> Path:
    source = make_installation(tmp_path / "source")
    path = tmp_path / "backup.tar.gz"
    create_backup(path, source)
    return path


def test_a_backup_round_trip_restores_rows_files_and_manifest(archive, tmp_path):
    with tarfile.open(archive) as tar:
        manifest = json.loads(tar.extractfile("manifest.json").read())  # type: ignore[union-attr]
    assert manifest["engine"] == "sqlite"
    # The installation recorded every migration file of this code: the latest of each app.
    files = sorted(Path(__file__).resolve().parents[2].glob("src/rightstrack/*/migrations/0*.py"))
    latest = {path.parent.parent.name: path.stem for path in files}
    assert {app: manifest["migrations"][app] for app in latest} == latest
    assert latest["catalog"] >= "0002_reference_data"
    listed = {f["name"]: (f["size"], f["sha256"]) for f in manifest["files"]}
    for name, data in MEDIA.items():
        assert listed["media/" + name] == (len(data), sha256(data))
    assert "database/rightstrack.sqlite3" in listed

    target = make_installation(tmp_path / "target", with_data=False)
    result = restore_backup(archive, target)
    assert result.files == 2
    db = sqlite3.connect(target.database["NAME"])
    assert db.execute("SELECT id, name FROM org ORDER BY id").fetchall() == ROWS
    db.close()
    for name, data in MEDIA.items():
        assert (target.media_root / name).read_bytes() == data


def test_a_damaged_member_is_refused_naming_it_and_nothing_is_written(archive, tmp_path):
    damaged = tmp_path / "damaged.tar.gz"
    # Same size, one byte different: only the checksum can tell.
    rewrite_archive(
        archive,
        damaged,
        member="media/evidence/3a/3a5b.txt",
        change=lambda b: b.replace(b"12", b"13"),
    )
    target = make_installation(tmp_path / "target", with_data=False)
    with pytest.raises(BackupError) as refused:
        restore_backup(damaged, target)
    message = str(refused.value)
    assert str(damaged) in message
    assert "member media/evidence/3a/3a5b.txt is damaged" in message
    assert sha256(MEDIA["evidence/3a/3a5b.txt"]) in message  # what the manifest says
    assert tree(tmp_path / "target") == {}


def test_the_command_reports_a_damaged_database_member(archive, tmp_path):
    damaged = tmp_path / "damaged.tar.gz"
    rewrite_archive(
        archive, damaged, member="database/rightstrack.sqlite3", change=lambda b: b[:-1] + b"\x01"
    )
    # The checksums are checked before the configured database is even looked at.
    with pytest.raises(CommandError, match=r"member database/rightstrack.sqlite3 is damaged"):
        call_command("restore", str(damaged))


def test_a_member_missing_from_the_manifest_is_refused(archive, tmp_path):
    edited = tmp_path / "edited.tar.gz"
    rewrite_archive(
        archive,
        edited,
        manifest=lambda m: {**m, "files": [f for f in m["files"] if "staging" not in f["name"]]},
    )
    with pytest.raises(
        BackupError, match=r"member media/staging/ab12/upload/list.csv is not in the manifest"
    ):
        restore_backup(edited, make_installation(tmp_path / "target", with_data=False))


def test_a_backup_with_a_newer_schema_is_refused(archive, tmp_path):
    newer = tmp_path / "newer.tar.gz"

    def future(manifest):  # type: ignore[no-untyped-def]
        manifest["migrations"]["tracking"] = "0099_from_a_later_release"
        manifest["rightstrack_version"] = "9.0.0"
        return manifest

    rewrite_archive(archive, newer, manifest=future)
    target = make_installation(tmp_path / "target", with_data=False)
    with pytest.raises(BackupError) as refused:
        restore_backup(newer, target)
    message = str(refused.value)
    assert "newer RightsTrack (version 9.0.0)" in message
    assert "tracking.0099_from_a_later_release" in message
    assert tree(tmp_path / "target") == {}


def test_a_backup_of_the_other_engine_is_refused(archive, tmp_path):
    target = Target("postgresql", {"NAME": "never_opened"}, tmp_path / "target" / "media")
    with pytest.raises(BackupError, match="Restoring across engines is not supported"):
        restore_backup(archive, target)


def test_a_target_that_is_not_empty_is_refused_unless_forced(archive, tmp_path):
    target = make_installation(tmp_path / "target")
    db = sqlite3.connect(target.database["NAME"])
    db.execute("INSERT INTO org VALUES (4, 'Only in the target')")
    db.commit()
    db.close()
    before = tree(tmp_path / "target")
    with pytest.raises(BackupError) as refused:
        restore_backup(archive, target)
    message = str(refused.value)
    assert "the target is not empty" in message
    assert target.database["NAME"] in message
    assert "holds 2 files" in message
    assert tree(tmp_path / "target") == before

    result = restore_backup(archive, target, force=True)
    db = sqlite3.connect(target.database["NAME"])
    assert db.execute("SELECT id, name FROM org ORDER BY id").fetchall() == ROWS
    db.close()
    # What was there is set aside, not deleted.
    assert len(result.set_aside) == 2
    kept = sqlite3.connect(result.set_aside[0])
    assert kept.execute("SELECT name FROM org WHERE id = 4").fetchone() == ("Only in the target",)
    kept.close()
    assert (Path(result.set_aside[1]) / "evidence/3a/3a5b.txt").read_bytes() == MEDIA[
        "evidence/3a/3a5b.txt"
    ]


def test_without_pg_dump_the_backup_names_the_missing_tool(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    target = Target("postgresql", {"NAME": "rightstrack"}, tmp_path / "media")
    output = tmp_path / "backup.tar.gz"
    with pytest.raises(BackupError, match=r"pg_dump was not found on PATH.*postgresql-client"):
        create_backup(output, target)
    assert list(tmp_path.iterdir()) == []  # no archive, no leftover temporary folder


def test_an_archive_name_without_a_known_ending_is_refused(tmp_path):
    source = make_installation(tmp_path / "source")
    with pytest.raises(BackupError, match=r"backup.zip: the backup file name must end with"):
        create_backup(tmp_path / "backup.zip", source)
    assert not (tmp_path / "backup.zip").exists()


def test_a_backup_written_inside_media_root_is_refused(tmp_path):
    source = make_installation(tmp_path / "source")
    output = source.media_root / "backups" / "today.tar.gz"
    with pytest.raises(BackupError, match=r"today.tar.gz: write the backup outside"):
        create_backup(output, source)
    assert not output.parent.exists()


def test_an_archive_cut_short_says_so_naming_the_last_member_read(archive, tmp_path):
    # A copy interrupted before its end: the tar stream stops inside the archive, so the
    # manifest (written last) is never reached.
    import gzip

    raw = gzip.decompress(archive.read_bytes())
    first_header_end = 512
    size = int(raw[124:136].split(b"\0")[0].strip() or b"0", 8)
    cut = first_header_end + ((size + 511) // 512) * 512  # just after the first member
    short = tmp_path / "short.tar.gz"
    short.write_bytes(gzip.compress(raw[:cut] + b"\0" * 1024))
    first = raw[:100].split(b"\0")[0].decode()
    target = make_installation(tmp_path / "target", with_data=False)
    with pytest.raises(BackupError) as refused:
        restore_backup(short, target)
    message = str(refused.value)
    assert "is damaged or cut short" in message
    assert f"after member {first}" in message
    assert tree(tmp_path / "target") == {}
