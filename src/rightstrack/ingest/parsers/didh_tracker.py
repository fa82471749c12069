"""The tracking database of Morocco's Délégation interministérielle aux droits de l'homme
(DIDH), as exported to CSV: ``Recommendations.csv`` and the tables beside it.

Source: the DIDH web application (GitHub ``djm2x/didh``), whose tables were exported one
CSV per table (``../shared/data/raw/didh-morocco-fr-ar/DERIVED_from_dev_db``, MANIFEST
§12). Plain Python; no Django.

Tables read (header names as exported):

* ``Recommendations.csv``: ``Id, Nom`` (French text), ``NomAr`` (Arabic text; empty or
  the word ``null`` when missing), ``CodeRecommendation`` (``R21``, ``R18P5`` =
  paragraph 18 (5), ``R144.117`` = UPR recommendation 144.117), ``Mecanisme``
  (``Organes de traités`` in two spellings, ``Examen périodique universal``,
  ``Procédure spéciale``), ``IdOrgane`` (treaty body), ``IdVisite`` (special-procedure
  mandate), ``IdCycle`` (UPR cycle), ``IdAxe``/``IdSousAxe`` (theme, sub-theme),
  ``Etat`` (``Réalisé`` / ``En cours`` / ``Non réalisé``), ``EtatAvancementChiffre``
  (0 / 30 / 100), ``Observation``;
* ``Organes.csv`` (``Id, Label, LabelAr, Abv``: ``Abv`` is the committee's code, CERD),
  ``Visites.csv`` (``Id, Mandat, MandatAr``), ``Cycles.csv`` (``Id, Label, LabelAr``),
  ``Axes.csv`` and ``SousAxes.csv`` (``Id, Label, LabelAr``),
  ``Organismes.csv`` (``Id, Label, LabelAr, Abr, Type``: the 52 government bodies) and
  ``RecomOrgs.csv`` (``IdRecommendation, IdOrganisme, Date``: who is responsible).

The source files some recommendations twice, under two sub-themes (64 groups of rows
with the same text and code, 134 rows; two groups even disagree on the status). Each
row keeps its own id, status and sub-theme in the source, so each is read as its own
record; :func:`parse_didh_export` lists the groups in ``duplicates`` so the import can
report them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from rightstrack.ingest.errors import ImportFailure
from rightstrack.ingest.parsers.tabular import read_table

__all__ = [
    "RECOMMENDATIONS_HEADER",
    "DidhBody",
    "DidhExport",
    "DidhRecord",
    "looks_like_didh_recommendations",
    "paragraph_from_code",
    "parse_didh_export",
]

#: The first columns of ``Recommendations.csv`` (how the format is recognised).
RECOMMENDATIONS_HEADER = ("Id", "Nom", "NomAr", "CodeRecommendation", "CodeRecommendationAr")

#: ``Mecanisme`` as printed (lower-cased) -> RightsTrack mechanism kind.
MECHANISMS = {
    "organes de traités": "treaty_body",
    "examen périodique universal": "upr",
    "examen périodique universel": "upr",
    "procédure spéciale": "special_procedure",
}


@dataclass(frozen=True)
class DidhBody:
    """A government body (``Organismes.csv``): French and Arabic names, acronym, type
    (``PE`` executive, ``PJ`` judiciary, ``IN`` national institution, ``Autre``)."""

    id: int
    name_fr: str
    name_ar: str
    acronym: str
    kind: str


@dataclass(frozen=True)
class DidhRecord:
    """One row of ``Recommendations.csv``, with its tables' labels resolved.

    ``paragraph`` is the paragraph as the UN document prints it (``"18 (5)"``,
    ``"144.117"``); ``group_key``/``group_fr``/``group_ar`` name what the recommendation
    came from (a committee, a special-procedure mandate, a UPR cycle); ``committee`` is the
    treaty body's code for treaty-body rows. ``row`` is the CSV line number (header = 1).
    """

    row: int
    id: int
    text_fr: str
    text_ar: str
    code: str
    paragraph: str
    mechanism: str
    committee: str
    group_key: str
    group_fr: str
    group_ar: str
    theme_fr: str
    sub_theme_fr: str
    status: str
    progress: int | None
    observation: str
    bodies: tuple[int, ...]


@dataclass
class DidhExport:
    """What :func:`parse_didh_export` read.

    ``as_of`` is the latest date of ``RecomOrgs.csv`` (when the responsibilities, and the
    statuses beside them, were last recorded); ``duplicates`` lists groups of record ids
    holding the same text and code.
    """

    records: list[DidhRecord]
    bodies: dict[int, DidhBody]
    as_of: date | None
    duplicates: list[tuple[int, ...]] = field(default_factory=list)


def looks_like_didh_recommendations(head: str) -> bool:
    """True when ``head`` (the start of a CSV text) is the DIDH ``Recommendations`` table."""
    first = head.lstrip("\ufeff").split("\n", 1)[0]
    return tuple(c.strip().strip('"') for c in first.split(",")[:5]) == RECOMMENDATIONS_HEADER


_CODE = re.compile(r"^R\s*(\d+(?:\.\d+)?)((?:\s*P\s*\d+)*)\s*$", re.I)


def paragraph_from_code(code: str) -> str:
    """The paragraph as printed from a DIDH code: ``R21`` -> ``"21"``, ``R18P5`` ->
    ``"18 (5)"``, ``R21P2P3P4`` -> ``"21 (2), (3), (4)"`` (one record for several
    sub-paragraphs), ``R144.117`` -> ``"144.117"``; ``""`` for a code of another shape."""
    m = _CODE.match(code.strip())
    if not m:
        return ""
    subs = re.findall(r"\d+", m.group(2))
    return f"{m.group(1)} " + ", ".join(f"({s})" for s in subs) if subs else m.group(1)


def _clean(value: str) -> str:
    value = value.strip()
    return "" if value.lower() == "null" else value


def _table(path: Path) -> list[dict[str, str]]:
    """The rows of one exported table as dicts (header names as keys, ``__row__`` the
    line number), read by the one table reader of every import
    (:func:`~rightstrack.ingest.parsers.tabular.read_table`: RFC 4180, encoding and
    misread-text checks)."""
    if not path.is_file():
        raise ImportFailure(
            path,
            f"{path.name} is missing: the DIDH export is read from Recommendations.csv "
            "and the tables exported beside it (Organes, Visites, Cycles, Axes, SousAxes, "
            "Organismes, RecomOrgs)",
        )
    table = read_table(path)
    rows = []
    for number, cells in table.rows:
        if len(cells) != len(table.header):
            raise ImportFailure(
                path, f"{len(cells)} cells where the header has {len(table.header)}", row=number
            )
        rows.append({**dict(zip(table.header, cells, strict=True)), "__row__": str(number)})
    return rows


def _int(value: str, path: Path, row: int, cell: str) -> int | None:
    value = value.strip()
    if not value:
        return None
    if not value.isdigit():
        raise ImportFailure(path, f"not a number: {value!r}", row=row, cell=cell)
    return int(value)


def _labels(path: Path) -> dict[int, dict[str, str]]:
    return {int(r["Id"]): r for r in _table(path)}


def parse_didh_export(path: str | Path) -> DidhExport:
    """Read ``Recommendations.csv`` and the tables exported beside it.

    Args:
        path: the ``Recommendations.csv`` file.

    Returns:
        :class:`DidhExport` with every row of ``Recommendations.csv``.

    Raises:
        ImportFailure: a table is missing or malformed, a row has no French text, an
            unknown ``Mecanisme``, or an id that points to no row of its table; the
            message names the file, the row and the column.
    """
    path = Path(path)
    folder = path.parent
    organes = _labels(folder / "Organes.csv")
    visites = _labels(folder / "Visites.csv")
    cycles = _labels(folder / "Cycles.csv")
    axes = _labels(folder / "Axes.csv")
    sous_axes = _labels(folder / "SousAxes.csv")
    bodies = {
        int(r["Id"]): DidhBody(
            id=int(r["Id"]),
            name_fr=r["Label"].strip(),
            name_ar=_clean(r.get("LabelAr", "")),
            acronym=_clean(r.get("Abr", "")),
            kind=_clean(r.get("Type", "")),
        )
        for r in _table(folder / "Organismes.csv")
    }
    links: dict[int, list[int]] = defaultdict(list)
    as_of: date | None = None
    links_path = folder / "RecomOrgs.csv"
    for r in _table(links_path):
        row = int(r["__row__"])
        rec_id = _int(r["IdRecommendation"], links_path, row, "IdRecommendation")
        body_id = _int(r["IdOrganisme"], links_path, row, "IdOrganisme")
        if rec_id is None or body_id is None or body_id not in bodies:
            raise ImportFailure(
                links_path, "a link without a known recommendation or body", row=row
            )
        if body_id not in links[rec_id]:
            links[rec_id].append(body_id)
        stamp = r.get("Date", "").strip()[:10]
        if stamp:
            try:
                day = date.fromisoformat(stamp)
            except ValueError:
                raise ImportFailure(
                    links_path, f"not a date: {stamp!r}", row=row, cell="Date"
                ) from None
            as_of = max(as_of, day) if as_of else day

    records: list[DidhRecord] = []
    for r in _table(path):
        row = int(r["__row__"])
        rec_id = _int(r["Id"], path, row, "Id")
        text_fr = r["Nom"].strip()
        if rec_id is None or not text_fr:
            raise ImportFailure(path, "a recommendation without id or French text", row=row)
        mechanism = MECHANISMS.get(r["Mecanisme"].strip().lower())
        if mechanism is None:
            raise ImportFailure(
                path, f"unknown mechanism {r['Mecanisme']!r}", row=row, cell="Mecanisme"
            )
        committee = ""
        if mechanism == "treaty_body":
            group = _lookup(organes, r["IdOrgane"], path, row, "IdOrgane")
            committee = group["Abv"].strip().upper()
            key, label_fr, label_ar = f"organe-{group['Id']}", group["Label"], group["LabelAr"]
        elif mechanism == "special_procedure":
            group = _lookup(visites, r["IdVisite"], path, row, "IdVisite")
            key, label_fr, label_ar = f"visite-{group['Id']}", group["Mandat"], group["MandatAr"]
        else:
            group = _lookup(cycles, r["IdCycle"], path, row, "IdCycle")
            key, label_fr, label_ar = f"cycle-{group['Id']}", group["Label"], group["LabelAr"]
        axe = axes.get(_int(r["IdAxe"], path, row, "IdAxe") or -1, {})
        sous_axe = sous_axes.get(_int(r["IdSousAxe"], path, row, "IdSousAxe") or -1, {})
        records.append(
            DidhRecord(
                row=row,
                id=rec_id,
                text_fr=text_fr,
                text_ar=_clean(r["NomAr"]),
                code=r["CodeRecommendation"].strip(),
                paragraph=paragraph_from_code(r["CodeRecommendation"]),
                mechanism=mechanism,
                committee=committee,
                group_key=key,
                group_fr=label_fr.strip(),
                group_ar=_clean(label_ar),
                theme_fr=axe.get("Label", "").strip(),
                sub_theme_fr=sous_axe.get("Label", "").strip(),
                status=r["Etat"].strip(),
                progress=_int(r["EtatAvancementChiffre"], path, row, "EtatAvancementChiffre"),
                observation=_clean(r.get("Observation", "")),
                bodies=tuple(links.get(rec_id, ())),
            )
        )
    same: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for rec in records:
        same[(rec.text_fr, rec.code, rec.group_key)].append(rec.id)
    duplicates = [tuple(ids) for ids in same.values() if len(ids) > 1]
    return DidhExport(records=records, bodies=bodies, as_of=as_of, duplicates=duplicates)


def _lookup(
    table: dict[int, dict[str, str]], value: str, path: Path, row: int, cell: str
) -> dict[str, str]:
    number = _int(value, path, row, cell)
    if number is None or number not in table:
        raise ImportFailure(
            path, f"{cell} {value!r} points to no row of its table", row=row, cell=cell
        )
    return table[number]
