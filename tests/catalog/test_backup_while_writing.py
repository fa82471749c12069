"""``rightstrack backup`` while rows are being committed, then ``rightstrack restore``.

A writer thread commits one organisation row at a time into a real installation (its own
data directory; on the PostgreSQL pass its own database) while ``rightstrack backup``
runs. The restore, into an empty data directory (and an empty database), must hold:

- at least every row committed before the backup began, at most every row committed when
  it ended, and no gap: a consistent snapshot is a prefix of the writer's commits;
- every restored row intact (each column is a function of the row's number);
- every evidence file and staged upload with the same bytes.

On SQLite the writer turns automatic checkpoints off, so every row it commits is in
the ``-wal`` file only, as on a busy server between two checkpoints: a plain copy of
the database file (what was done before ``rightstrack backup`` existed) holds none of
them, and the test fails.
"""

from __future__ import annotations

import hashlib
import threading
import time
from datetime import UTC, datetime

import pytest
from backup_helpers import ENGINE, drop_installation, new_installation

from rightstrack.catalog.backup import BackupError, restore_backup

WRITER_SQL = (
    "INSERT INTO accounts_organisation (name, acronym, org_type, mandate, contact_name, "
    "contact_email, website, is_archived, created_at, updated_at) "
    "VALUES ({p}, {p}, 'ngo', {p}, '', {p}, '', {false}, {p}, {p})"
)


def org_row(i: int) -> tuple[str, str, str, str]:
    """The name, acronym, mandate and e-mail of the writer's row number ``i``."""
    digest = hashlib.sha256(str(i).encode()).hexdigest()
    return f"Writer organisation {i:06d}", digest[:12], digest * 30, f"org{i}@example.org"


class Writer(threading.Thread):
    """Commits row 0, 1, 2... one transaction each, until stopped; counts what committed."""

    def __init__(self, inst) -> None:  # type: ignore[no-untyped-def]
        super().__init__(daemon=True)
        self.inst = inst
        self.committed = 0
        self.stop = threading.Event()
        self.error: BaseException | None = None

    def run(self) -> None:
        p = self.inst.placeholder
        sql = WRITER_SQL.format(p=p, false="0" if ENGINE == "sqlite" else "false")
        conn = self.inst.connect()
        if ENGINE == "sqlite":
            # No automatic checkpoint: every commit stays in the -wal file, the state a
            # busy server's database is in between two checkpoints.
            conn.execute("PRAGMA wal_autocheckpoint=0")
        try:
            while not self.stop.is_set():
                now = datetime.now(UTC).isoformat()
                conn.execute(sql, (*org_row(self.committed), now, now))
                conn.commit()
                self.committed += 1
                time.sleep(0.002)  # a busy server, not a busy loop on a shared machine
        except BaseException as exc:  # reported by the test
            self.error = exc
        finally:
            conn.close()


@pytest.fixture
def installations(tmp_path):
    made = []

    def make(name: str):  # type: ignore[no-untyped-def]
        inst = new_installation(tmp_path, name)
        made.append(inst)
        return inst

    yield make
    for inst in made:
        drop_installation(inst)


def evidence_files() -> dict[str, bytes]:
    """Media paths and bytes: two evidence files (content-addressed) and a staged upload."""
    pdf = b"%PDF-1.4\n" + bytes(range(256)) * 4096 + b"\n%%EOF\n"  # 1 MiB and a bit
    text = "Rapport de suivi, paragraphe 12 : « mesures prises ».\n".encode()
    files = {}
    for data, ext in ((pdf, "pdf"), (text, "txt")):
        digest = hashlib.sha256(data).hexdigest()
        files[f"evidence/{digest[:2]}/{digest}.{ext}"] = data
    files["staging/0f1e2d3c4b5a69788796a5b4c3d2e1f0/upload/list.csv"] = b"symbol;text\r\nA/1;x\r\n"
    return files


@pytest.mark.slow  # three `rightstrack` runs and a full `migrate`: 10-20 s
def test_backup_while_writing_restores_every_committed_row_and_every_file(installations):
    source = installations("source")
    source.run("migrate", "--noinput", "-v0")
    files = evidence_files()
    for name, data in files.items():
        (source.media / name).parent.mkdir(parents=True, exist_ok=True)
        (source.media / name).write_bytes(data)

    writer = Writer(source)
    writer.start()
    deadline = time.monotonic() + 30
    while writer.committed < 200 and writer.error is None and time.monotonic() < deadline:
        time.sleep(0.01)
    before = writer.committed
    archive = source.data_dir.parent / "backup.tar.gz"
    try:
        done = source.run("backup", "-o", str(archive))
    finally:
        after = writer.committed
        writer.stop.set()
        writer.join(30)
    assert writer.error is None, writer.error
    assert before >= 200
    assert after > before, "the writer must have committed rows while the backup ran"
    assert str(archive) in done.stdout

    target = installations("target")
    restored = target.run("restore", str(archive))
    assert "Restored" in restored.stdout

    conn = target.connect()
    try:
        rows = conn.execute(
            "SELECT name, acronym, mandate, contact_email FROM accounts_organisation "
            "WHERE name LIKE 'Writer organisation %' ORDER BY name"
        ).fetchall()
    finally:
        conn.close()
    assert before <= len(rows) <= after, (before, len(rows), after)
    # A prefix of the commits, each row exactly as written.
    assert [tuple(r) for r in rows] == [
        (name, acronym, mandate, email)
        for name, acronym, mandate, email in map(org_row, range(len(rows)))
    ]
    for name, data in files.items():
        assert (target.media / name).read_bytes() == data, name

    # The target now holds data: a second restore is refused, naming what is there;
    # --force replaces it (on PostgreSQL by dropping the tables first). In process, with
    # the target's settings, to spare two more start-ups of the console script.
    with pytest.raises(BackupError, match="the target is not empty"):
        restore_backup(archive, target.as_target())
    forced = restore_backup(archive, target.as_target(), force=True)
    assert forced.set_aside
    conn = target.connect()
    try:
        count = conn.execute(
            "SELECT count(*) FROM accounts_organisation WHERE name LIKE 'Writer organisation %'"
        ).fetchone()[0]
    finally:
        conn.close()
    assert count == len(rows)
