"""Time and peak memory of refusing zip bombs, next to reading a real DOCX.

Each case runs ``rightstrack parse FILE`` in its own process; the table gives the wall
time and the peak resident memory of that process (``ru_maxrss`` from ``os.wait4``),
and the exit status with the first words of the message. The Django start-up alone
takes most of the memory, so the real UN document is the baseline to compare with.

Cases:
  real DOCX    the CERD Brazil recommendations index (shared data), parsed normally
  bomb         1.5 MB DOCX whose ``word/document.xml`` inflates to 1.5 GiB of zeros
  lying bomb   the same member, declaring 1,000 bytes in the central directory
  xlsx bomb    ``xl/sharedStrings.xml`` of 1.5 GiB zeros, through ``rightstrack import``
               on a throw-away SQLite database

The in-process lines give :func:`check_archive` alone (``tracemalloc`` peak).

Run: ``.venv/bin/python bench/archive_bomb.py [--shared DIR]``. Target: refusing the
1.5 GiB bomb under 200 MB peak.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from rightstrack.ingest.errors import ImportFailure  # noqa: E402
from rightstrack.ingest.parsers.archive import check_archive  # noqa: E402

RIGHTSTRACK = Path(sys.executable).parent / "rightstrack"


def _bomb_writer() -> object:
    """The bomb builder of the parser tests (one home for it)."""
    spec = importlib.util.spec_from_file_location(
        "zip_bomb_fixtures", ROOT / "tests" / "ingest" / "parsers" / "conftest.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.write_docx_bomb


def run(args: list[str], env: dict[str, str]) -> tuple[float, float, int, str]:
    """(seconds, peak RSS in MB, exit status, last line of stderr) of one command."""
    started = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert proc.stdout is not None and proc.stderr is not None
    out, err = proc.stdout.read(), proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.perf_counter() - started
    lines = (err or out).decode(errors="replace").strip().splitlines()
    return elapsed, usage.ru_maxrss / 1024, proc.returncode, lines[-1] if lines else ""


def in_process(path: Path) -> tuple[float, float, str]:
    """(seconds, tracemalloc peak in MB, outcome) of check_archive alone."""
    tracemalloc.start()
    started = time.perf_counter()
    try:
        check_archive(path, kind="DOCX")
        outcome = "accepted"
    except ImportFailure as exc:
        outcome = exc.problem.message
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return elapsed, peak / 1024 / 1024, outcome


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=Path("/work/shared/data/raw"))
    options = parser.parse_args()
    write_bomb = _bomb_writer()
    with tempfile.TemporaryDirectory(prefix="archive-bomb-") as tmp_dir:
        tmp = Path(tmp_dir)
        bomb = write_bomb(tmp / "bomb.docx")  # type: ignore[operator]
        liar = write_bomb(tmp / "liar.docx", declared_bytes=1000)  # type: ignore[operator]
        xlsx = write_bomb(tmp / "bomb.xlsx", member="xl/sharedStrings.xml")  # type: ignore[operator]
        real = (
            options.shared / "cerd-brazil-lrcarneiro" / "CERD-Conclusoes-Indice-Recomendacoes.docx"
        )
        env = dict(os.environ)
        env.pop("DATABASE_URL", None)
        env["RIGHTSTRACK_DATA_DIR"] = str(tmp / "data")
        subprocess.run(
            [str(RIGHTSTRACK), "migrate", "-v", "0"], env=env, check=True, capture_output=True
        )
        cases = [
            ("real DOCX", real, ["parse", str(real)]),
            ("bomb", bomb, ["parse", str(bomb)]),
            ("lying bomb", liar, ["parse", str(liar)]),
            ("xlsx bomb (import)", xlsx, ["import", str(xlsx)]),
        ]
        print(f"{'case':<20} {'on disk':>9} {'seconds':>8} {'peak MB':>8} exit  message")
        for label, path, args in cases:
            if not path.exists():
                print(f"{label:<20} (missing: {path})")
                continue
            seconds, peak, code, message = run([str(RIGHTSTRACK), *args], env)
            size = f"{path.stat().st_size / 1e6:.2f} MB"
            print(f"{label:<20} {size:>9} {seconds:8.2f} {peak:8.1f} {code:>4}  {message[:90]}")
        print()
        print(
            f"{'check_archive alone':<20} {'on disk':>9} {'seconds':>8} {'traced MB':>9}  outcome"
        )
        for label, path in [("real DOCX", real), ("bomb", bomb), ("lying bomb", liar)]:
            if path.exists():
                seconds, peak, outcome = in_process(path)
                size = f"{path.stat().st_size / 1e6:.2f} MB"
                print(f"{label:<20} {size:>9} {seconds:8.3f} {peak:9.2f}  {outcome[:80]}")


if __name__ == "__main__":
    main()
