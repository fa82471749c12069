"""A command run before ``rightstrack migrate`` says what to do instead of a traceback."""

import os
import subprocess
import sys
from pathlib import Path


def test_import_before_migrate_names_the_database_and_the_command(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    table = tmp_path / "rows.csv"
    table.write_text("symbol,text\nA/HRC/1/1,x\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["RIGHTSTRACK_DATA_DIR"] = str(data)
    done = subprocess.run(
        [sys.executable, "-m", "rightstrack.cli", "import", str(table)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert f"the database {data}" in done.stderr
    assert "has no table ingest_importrun" in done.stderr
    assert "Run `rightstrack migrate` first" in done.stderr
