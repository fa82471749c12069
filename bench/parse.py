"""Parse time of every real treaty-body document next to the time of text extraction alone.

Documents (from ``shared/data/raw``): the CERD Brazil CO and follow-up reply (PDF), the
CCPR Denmark and Paraguay COs and replies (text), the 14 lszoszk Views (text and JSON),
the 15 worldwidelaw TreatyBodyJuris records (JSON) and, when the UPR kind is registered,
the Slovenia cycle 4 Working Group report and addendum (PDF).

Columns:
  extract  seconds for ``extract_text`` alone (median of --repeat runs)
  total    seconds for ``parse_document`` (extraction + cleaning + metadata + parsing)
  parse    total - extract: the cost of our own code
  kind     the detected kind; paras = paragraphs found; result = a key value to eyeball

Run: ``.venv/bin/python bench/parse.py [--shared DIR] [--repeat 3]``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from rightstrack.ingest.errors import ImportFailure  # noqa: E402
from rightstrack.ingest.parsers.documents.concluding_observations import (  # noqa: E402
    ConcludingObservations,
)
from rightstrack.ingest.parsers.documents.extract import clear_cache, extract_text  # noqa: E402
from rightstrack.ingest.parsers.documents.kinds import parse_document  # noqa: E402
from rightstrack.ingest.parsers.documents.un_views import ViewsDecision  # noqa: E402


def documents(shared: Path) -> list[Path]:
    """The real documents, in a stable order."""
    files = [
        shared / "cerd-brazil-lrcarneiro" / "CERD-Observacoes-Brasil-2022.pdf",
        shared / "cerd-brazil-lrcarneiro" / "CERD-Follow-up-Brasil-2026.pdf",
        *sorted((shared / "ccpr-co-rolandccpr").glob("CCPR_*.txt")),
        *sorted((shared / "tb-views-lszoszk").glob("*.txt")),
        *sorted((shared / "tb-views-lszoszk").glob("*.json")),
        *sorted((shared / "tb-juris-worldwidelaw" / "TreatyBodyJuris").glob("record_*.json")),
        shared / "upr-slovenia-tony33344" / "cycle4" / "original" / "g2502644.pdf",
        shared / "upr-slovenia-tony33344" / "cycle4" / "original" / "g2505828.pdf",
    ]
    return [f for f in files if f.exists()]


def summary(result: object) -> tuple[int, str]:
    """(paragraph count, one key value) for the table."""
    if isinstance(result, ConcludingObservations):
        fu = result.follow_up
        due = (
            f"follow-up {len(fu.items)} items due {fu.due} ({fu.due_basis})"
            if fu
            else "no follow-up"
        )
        return len(result.paragraphs), due
    if isinstance(result, ViewsDecision):
        return len(result.paragraphs), f"{result.outcome}; reply {result.reply_period or '-'}"
    items = getattr(result, "recommendations", None) or getattr(result, "items", None) or []
    return len(items), type(result).__name__


def timed(func, path: Path, repeat: int) -> tuple[float, object]:
    runs, value = [], None
    for _ in range(repeat):
        clear_cache()  # time the extraction itself, not the in-process memo
        start = time.perf_counter()
        value = func(path)
        runs.append(time.perf_counter() - start)
    return statistics.median(runs), value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data" / "raw")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rows = []
    for path in documents(args.shared):
        try:
            extract_s, _ = timed(extract_text, path, args.repeat)
            total_s, parsed = timed(parse_document, path, args.repeat)
        except ImportFailure as exc:
            rows.append((path.name, "-", "-", "-", "error", "-", str(exc)[:60]))
            continue
        paras, result = summary(parsed.result)
        rows.append(
            (path.name, f"{extract_s:.3f}", f"{total_s:.3f}", f"{total_s - extract_s:.3f}",
             parsed.kind, str(paras), result)
        )  # fmt: skip
    header = ("document", "extract", "total", "parse", "kind", "paras", "result")
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        print("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)))
    numeric = [r for r in rows if r[1] != "-"]
    if numeric:
        ext = sum(float(r[1]) for r in numeric)
        tot = sum(float(r[2]) for r in numeric)
        print(f"\n{len(numeric)} documents: extraction {ext:.2f} s, total {tot:.2f} s, "
              f"own parsing {tot - ext:.2f} s ({(tot - ext) / tot:.0%} of total)")  # fmt: skip


if __name__ == "__main__":
    main()
