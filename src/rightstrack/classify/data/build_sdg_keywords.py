"""Rebuild ``sdg_target_keywords.csv`` from the EC-JRC keyword lists.

Source: ``sdg-do-me/SDG_Target_Indicator_UNSD_2023.csv`` in the shared real-data
collection (GitHub ``do-me/SDG``, commit ``2a3803236e62c42dbf053ab0cbbccd451f3e245c``,
MIT), column ``JRCKeywords``: the European Commission Joint Research Centre's SDG
keyword lists (SDG Mapper), one list per indicator. The keywords of a target are the
union of those of its indicators, lower-cased, stripped, duplicates dropped, in order.

Run: ``python src/rightstrack/classify/data/build_sdg_keywords.py [path to the CSV]``.
"""

from __future__ import annotations

import ast
import csv
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT = HERE.parents[3].parent / "shared/data/raw/sdg-do-me/SDG_Target_Indicator_UNSD_2023.csv"


def build(source: Path) -> dict[str, list[str]]:
    """Keywords per target code ("1.1", "5.a"), in the order first seen."""
    out: dict[str, list[str]] = {}
    with source.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter=";"):
            code = row["TargetsNumber"].strip()
            words = out.setdefault(code, [])
            raw = (row.get("JRCKeywords") or "").strip()
            if not raw:
                continue
            for word in ast.literal_eval(raw):
                word = " ".join(str(word).lower().split())
                if len(word) >= 3 and word not in words:
                    words.append(word)
    return out


def main() -> None:
    """Write ``sdg_target_keywords.csv`` beside this script."""
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    rows = build(source)
    with (HERE / "sdg_target_keywords.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["code", "keywords"])
        for code, words in rows.items():
            writer.writerow([code, "|".join(words)])


if __name__ == "__main__":
    main()
