"""Agreement of the UPR Working Group report parser with the rows parsed by hand-written
scripts in ``upr-info-terman/parsed-wg-reports-by-year`` (Terman, 2015).

Our side goes through the path a user takes: ``rightstrack parse FILE --json`` (its
own encoding detection, line endings and document-kind detection; nothing decoded
here). A file the command refuses is counted in ``refused`` with its message.

Pairs: each ``upr-wg-reports-terman/txts/{state}{year}.txt`` with the rows of
``{year}data.csv`` (or ``haiti2011.csv``) whose ``to`` column, reduced to letters,
is the same State (``Centeral African Republic`` is the CSV's spelling of
``centralafricanrepublic``). Inside a pair, items match by number: the CSV splits
merged items into invented sub-numbers ("94.3..1", "94.3..2"), which are folded back
into "94.3" (texts joined, States united). Its ``From`` column has one State per row
(one row per recommending State).

Columns per year:
  files    pairs of a text file and CSV rows
  csv      distinct item numbers in the CSV
  found    items our parser found in the paired texts
  matched  numbers in both (recall = matched / csv, precision = matched / found)
  states   matched items whose set of recommending States (ISO3) is the same
  text     matched items whose text is the same once reduced to ASCII letters and digits
           (the CSV is double-encoded Mac Roman; punctuation and accents are dropped)

Disagreements checked by hand and found to be errors in the CSV are listed in
``bench/upr_wg_known_errors.md`` (file, number, field, evidence); they are counted as
"excused" and not against the parser. Run: ``.venv/bin/python bench/upr_wg_agreement.py
[--shared DIR] [--show N]``.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import re
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import django
from django.core.management import call_command
from django.core.management.base import CommandError

from rightstrack.ingest.parsers.documents.upr_report import recommending_states

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SHARED = REPO.parent / "shared" / "data" / "raw"
KNOWN_ERRORS = REPO / "bench" / "upr_wg_known_errors.md"
CSV_NAME_FIXES = {"centeralafricanrepublic": "centralafricanrepublic"}


@dataclass
class CsvItem:
    texts: list[str] = field(default_factory=list)
    states: set[str] = field(default_factory=set)
    unresolved: set[str] = field(default_factory=set)


def _key(name: str) -> str:
    key = re.sub(r"[^a-z]", "", name.lower())
    return CSV_NAME_FIXES.get(key, key)


def _letters(text: str) -> str:
    """ASCII letters and digits only, footnote markers after a bracket ("(Algeria)1;") dropped."""
    text = re.sub(r"\)\s*\d{1,2}(?![\d.])", ")", text)
    return re.sub(r"[^a-z0-9]", "", text.lower())


def read_csv_rows(folder: Path) -> dict[tuple[str, str], dict[str, CsvItem]]:
    """(state key, year) -> item number -> CsvItem."""
    pairs: dict[tuple[str, str], dict[str, CsvItem]] = defaultdict(dict)
    for path in sorted(folder.glob("*.csv")):
        raw = path.read_bytes().decode("mac_roman").replace("\r\n", "\n").replace("\r", "\n")
        for row in csv.DictReader(io.StringIO(raw)):
            text = (row.get("text") or "").strip()
            m = re.match(r"(\d{1,3})\.(\d{1,3})(?:\.+\d+)?\.?\s*", text)
            if not m:
                continue
            number = f"{m.group(1)}.{m.group(2)}"
            item = pairs[(_key(row["to"]), str(row["year"]).strip())].setdefault(number, CsvItem())
            body = text[m.end() :].strip()
            if body not in item.texts:
                item.texts.append(body)
            sender = (row.get("From") or row.get("from") or "").strip()
            # One State per row, but some rows read "Ecuador and Spain": split like a bracket.
            codes, _names, unknown, _text = recommending_states(f"x ({sender})")
            item.states.update(codes)
            item.unresolved.update(unknown)
    return pairs


def read_known_errors(path: Path) -> set[tuple[str, str, str]]:
    """Rows ``| file | number | field | evidence |`` of the Markdown table."""
    known: set[tuple[str, str, str]] = set()
    if not path.exists():
        return known
    for line in path.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 4 and cells[0].endswith(".txt"):
            known.add((cells[0], cells[1], cells[2]))
    return known


@dataclass
class Tally:
    files: int = 0
    csv: int = 0
    found: int = 0
    matched: int = 0
    states: int = 0
    text: int = 0
    excused_states: int = 0
    excused_text: int = 0
    seconds: float = 0.0


def parse_as_the_cli_does(path: Path) -> dict[str, dict[str, Any]]:
    """``rightstrack parse PATH --json`` (the command a user runs, with its own decoding
    and document-kind detection), its paragraphs by number. A refusal raises
    ``CommandError`` with the command's message."""
    out = io.StringIO()
    call_command("parse", str(path), "--json", stdout=out)
    return {p["number"]: p for p in json.loads(out.getvalue())["paragraphs"]}


@dataclass
class Measured:
    """What :func:`measure` found: tallies per year, files, refusals, disagreements."""

    tallies: dict[str, Tally]
    unpaired: list[str]
    refused: list[str]
    examples: dict[str, list[str]]
    files: int = 0
    excused_missing: int = 0

    @property
    def total(self) -> Tally:
        """The sum of every year's tally."""
        total = Tally()
        for t in self.tallies.values():
            for name in ("files", "csv", "found", "matched", "states", "text"):
                setattr(total, name, getattr(total, name) + getattr(t, name))
            total.excused_states += t.excused_states
            total.excused_text += t.excused_text
            total.seconds += t.seconds
        return total

    @property
    def disagreements(self) -> list[str]:
        """Every missing item, State or text disagreement not excused, one line each."""
        return [
            f"{kind} {line}"
            for kind in ("missing", "states", "text")
            for line in self.examples[kind]
        ]


def measure(shared: Path) -> Measured:
    """Parse every text of ``upr-wg-reports-terman/txts`` through ``rightstrack parse``
    and compare it with Terman's rows (see the module docstring). Needs Django set up."""
    csv_pairs = read_csv_rows(shared / "upr-info-terman" / "parsed-wg-reports-by-year")
    known = read_known_errors(KNOWN_ERRORS)
    tallies: dict[str, Tally] = defaultdict(Tally)
    unpaired: list[str] = []
    refused: list[str] = []
    examples: dict[str, list[str]] = defaultdict(list)
    files = 0
    excused_missing = 0
    for path in sorted((shared / "upr-wg-reports-terman" / "txts").glob("*.txt")):
        files += 1
        m = re.match(r"(.+?)(\d{4})$", path.stem)
        if not m:
            continue
        pair = csv_pairs.get((_key(m.group(1)), m.group(2)))
        try:
            started = time.perf_counter()
            mine = parse_as_the_cli_does(path)
            seconds = time.perf_counter() - started
        except CommandError as exc:
            refused.append(f"{path.name}: {exc}")
            continue
        if not pair:
            unpaired.append(f"{path.name} ({len(mine)} recommendations)")
            continue
        tally = tallies[m.group(2)]
        tally.seconds += seconds
        tally.files += 1
        tally.csv += len(pair)
        tally.found += len(mine)
        for number, theirs in pair.items():
            rec = mine.get(number)
            if rec is None:
                if (path.name, number, "missing") in known:
                    excused_missing += 1
                    continue
                examples["missing"].append(f"{path.name} {number}: {theirs.texts[0][:90]}")
                continue
            tally.matched += 1
            if set(rec["recommending_states"]) == theirs.states:
                tally.states += 1
            elif (path.name, number, "states") in known:
                tally.excused_states += 1
            else:
                examples["states"].append(
                    f"{path.name} {number}: ours {sorted(rec['recommending_states'])} "
                    f"csv {sorted(theirs.states)} {sorted(theirs.unresolved)}"
                )
            if _letters(rec["full_text"]) == _letters(" ".join(theirs.texts)):
                tally.text += 1
            elif (path.name, number, "text") in known:
                tally.excused_text += 1
            else:
                examples["text"].append(
                    f"{path.name} {number}:\n   ours {rec['full_text'][:160]}\n"
                    f"   csv  {' '.join(theirs.texts)[:160]}"
                )
        for number in sorted(set(mine) - set(pair)):
            examples["extra"].append(f"{path.name} {number}: {mine[number]['full_text'][:90]}")
    return Measured(tallies, unpaired, refused, examples, files, excused_missing)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--show", type=int, default=0, help="print N disagreements per kind")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rightstrack.settings")
    django.setup()
    if not (args.shared / "upr-wg-reports-terman").is_dir():
        print(f"skipped: {args.shared} has no upr-wg-reports-terman (pass --shared DIR)")
        return 0
    m = measure(args.shared)
    tallies, unpaired, refused, examples = m.tallies, m.unpaired, m.refused, m.examples

    header = (
        f"{'year':<6}{'files':>6}{'csv':>7}{'found':>7}{'matched':>8}{'recall':>8}"
        f"{'precis.':>8}{'states':>8}{'st.agree':>9}{'text':>7}{'tx.agree':>9}{'excused':>8}"
        f"{'sec':>6}"
    )
    print(header)
    total = Tally()
    for year in sorted(tallies):
        t = tallies[year]
        for name in ("files", "csv", "found", "matched", "states", "text"):
            setattr(total, name, getattr(total, name) + getattr(t, name))
        total.excused_states += t.excused_states
        total.excused_text += t.excused_text
        total.seconds += t.seconds
        _row(year, t)
    print("-" * len(header))
    _row("all", total)
    print(f"\ntext files without CSV rows, read ({len(unpaired)}): {', '.join(unpaired)}")
    print(f"refused by rightstrack parse: {len(refused)}")
    for line in refused:
        print("  ", line)
    print("agree = same / (matched - excused); excused = listed in bench/upr_wg_known_errors.md")
    for kind in ("missing", "extra", "states", "text"):
        print(f"{kind}: {len(examples[kind])}")
        for line in examples[kind][: args.show]:
            print("  ", line)
    return 0


def _row(label: str, t: Tally) -> None:
    def pct(part: int, whole: int) -> str:
        return f"{100 * part / whole:.1f}%" if whole else "-"

    print(
        f"{label:<6}{t.files:>6}{t.csv:>7}{t.found:>7}{t.matched:>8}"
        f"{pct(t.matched, t.csv):>8}{pct(t.matched, t.found):>8}"
        f"{t.states:>8}{pct(t.states, t.matched - t.excused_states):>9}"
        f"{t.text:>7}{pct(t.text, t.matched - t.excused_text):>9}"
        f"{t.excused_states + t.excused_text:>8}{t.seconds:>6.1f}"
    )


if __name__ == "__main__":
    sys.exit(main())
