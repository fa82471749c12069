"""The source's own metadata for Views files that print no heading block (pure Python).

The lszoszk paragraph files (``shared/data/raw/tb-views-lszoszk``, GitHub
``lszoszk/generalcomments`` ``json_jurisprudence/<docId>.json``) start at paragraph 1: the
UN document's heading ("State party:", "Date of adoption of Views:") was left out. The
same repository keeps a metadata index of those files, ``docs/jur/documents-lite.json``,
one record per ``docId`` with ``stateParty`` and either ``jurisDecisionDate`` (copied
from the OHCHR jurisprudence database, juris.ohchr.org) or ``adoptionDate`` (read from
the document's own front matter).

``data/views_source_index.csv`` holds those facts, as the index prints them, for the
Views RightsTrack ships in its test data (one row per symbol): ``state_party``, ``adopted``
(ISO date, empty when the index has none), ``adopted_field`` (the index field it comes
from), ``juris_case_id`` and where it was read (``repository``, ``path``, ``commit``). It
holds facts, not code. One row comes from the UN document itself rather than the index,
which has no date for it: CERD/C/97/D/58/2016 (S.A. v. Denmark), whose heading in the
UN's Official Document System copy prints "Date of present decision: 13 December 2018"
(``source_url``; ``adopted_field`` names the heading line). The index's ``adoptionDate`` is *not* used for records that
have a ``jurisDecisionDate``: for older documents it is the distribution date (Ominayak v.
Canada: ``adoptionDate`` 10 May 1990, Views adopted 26 March 1990). See
``docs/communications.md`` ("The source's metadata index").
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

__all__ = ["INDEX_FILE", "IndexEntry", "lookup", "views_index"]

#: The CSV file: one row per Views symbol.
INDEX_FILE = Path(__file__).with_name("data") / "views_source_index.csv"


@dataclass(frozen=True)
class IndexEntry:
    """One row of the index.

    Attributes:
        symbol: the Views symbol (``CCPR/C/134/D/2836/2016``).
        state_party: the State party as the index prints it (``"Kingdom of the
            Netherlands"``).
        adopted: the date of the Views, or ``None`` when the index gives none.
        adopted_field: ``"jurisDecisionDate"`` or ``"adoptionDate"`` (``""`` with no date).
        juris_case_id: the OHCHR jurisprudence database case id (``"3500"``) or ``""``.
        repository, path, commit: where the row was read.
        source_url: the UN document a row was read from instead of the index (``""``).
    """

    symbol: str
    state_party: str
    adopted: date | None
    adopted_field: str
    juris_case_id: str
    repository: str
    path: str
    commit: str
    source_url: str = ""

    @property
    def source(self) -> str:
        """``"lszoszk/generalcomments docs/jur/documents-lite.json @ 03ba6ca"``, or the
        UN document's address for a row read from the document itself."""
        if self.source_url:
            return f"UN document {self.symbol} ({self.source_url})"
        return f"{self.repository} {self.path} @ {self.commit[:7]}"


@lru_cache(maxsize=1)
def views_index() -> dict[str, IndexEntry]:
    """Every row of :data:`INDEX_FILE`, keyed by upper-case symbol.

    Raises:
        OSError: the file cannot be read (it ships with the package).
        ValueError: a date is not ``YYYY-MM-DD``.
    """
    with INDEX_FILE.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return {
        row["symbol"].strip().upper(): IndexEntry(
            symbol=row["symbol"].strip(),
            state_party=row["state_party"].strip(),
            adopted=date.fromisoformat(row["adopted"]) if row["adopted"].strip() else None,
            adopted_field=row["adopted_field"].strip(),
            juris_case_id=row["juris_case_id"].strip(),
            repository=row["repository"].strip(),
            path=row["path"].strip(),
            commit=row["commit"].strip(),
            source_url=(row.get("source_url") or "").strip(),
        )
        for row in rows
    }


def lookup(symbol: str | None) -> IndexEntry | None:
    """The index row of the Views ``symbol`` (any case), or ``None``."""
    if not symbol:
        return None
    return views_index().get(symbol.strip().upper())
