"""Rebuild ``countries.csv`` from the shared raw reference files (maintainer tool).

Run from the repository root when the sources change::

    .venv/bin/python src/rightstrack/catalog/data/build_countries.py ../shared/data/raw

Inputs (see ``SOURCES.md``):

* ``cehdi-upr-maternal-health/countries.xlsx``: UN Terminology short and formal
  names in the six UN languages (200 rows: 193 Member States, 2 observer
  States marked ``*``, 2 members of specialized agencies marked ``**``);
* ``cehdi-upr-maternal-health/UNSD_Methodology.csv``: UN M49 code, ISO
  alpha-2/alpha-3 and region of each country or area;
* pycountry: extra English aliases (ISO short, official and common names).

The runtime never needs this script: it reads the CSV it writes.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

import openpyxl
import pycountry

HERE = Path(__file__).resolve().parent

COLUMNS = [
    "iso3",
    "iso2",
    "m49",
    "name_en",
    "name_fr",
    "name_es",
    "name_ru",
    "name_zh",
    "name_ar",
    "formal_name_en",
    "region",
    "un_member",
    "aliases",
]

# UN Terminology appends the article in brackets: "Gambia (the)", "Albanie (l')".
ARTICLE = re.compile(
    r"\s*\((?:the|The|l'|l’|la|le|les|Les|el|la|las|Las|los)\)\s*$",
)
MARKS = re.compile(r"\s*\*+\s*$")

# UNSD M49 spells a few names differently from UN Terminology.
UNSD_NAME = {
    "Côte d'Ivoire": "Côte d’Ivoire",
    "Netherlands (Kingdom of the)": "Netherlands (Kingdom of the)",
}

# Forms seen in real data (UPR Info CSV From/To, HURIDOCS options.json, OHCHR
# thematic lists and UPR Working Group reports, IMPACT OSS seeds) and common
# English, Spanish and French variants. Checked by tests/catalog/test_country_names_resolve.py.
EXTRA_ALIASES: dict[str, list[str]] = {
    "ATG": ["Antigua & Barbuda"],
    "BHS": ["The Bahamas", "Commonwealth of The Bahamas"],
    "BIH": ["Bosnia & Herzegovina"],
    "BOL": ["Bolivia", "Plurinational State of Bolivia"],
    "BRN": ["Brunei"],
    "CIV": ["Cote d'Ivoire", "Ivory Coast", "Côte d’Ivoire"],
    "COD": [
        "Democratic Republic of Congo",
        "Congo, Democratic Republic of the",
        "DR Congo",
        "DRC",
        "Congo-Kinshasa",
    ],
    "COG": [
        "Republic of Congo",
        "Republic of the Congo",
        "Congo-Brazzaville",
        "Congo, Republic of",
    ],
    "CPV": ["Cape Verde"],
    "CZE": ["Czech Republic"],
    "FSM": ["Micronesia", "Federated States of Micronesia"],
    "GBR": ["United Kingdom", "UK", "Great Britain", "Britain", "Reino Unido", "Royaume-Uni"],
    "GMB": ["The Gambia"],
    "GNB": ["Guinea Bissau"],
    "IRN": ["Iran", "Islamic Republic of Iran"],
    "KNA": ["St Kitts & Nevis", "St. Kitts and Nevis", "Saint Kitts & Nevis"],
    "KOR": ["South Korea", "Korea, Republic of", "Korea (Republic of)"],
    "LAO": ["Laos", "Lao PDR"],
    "LCA": ["St Lucia", "St. Lucia"],
    "MDA": ["Moldova", "Moldova, Republic of"],
    "MKD": [
        "Macedonia FYR",
        "the former Yugoslav Republic of Macedonia",
        "former Yugoslav Republic of Macedonia",
        "The Former Yugoslav Republic of Macedonia",
        "FYROM",
        "Macedonia",
        "Republic of North Macedonia",
    ],
    "MMR": ["Burma"],
    "NLD": ["Kingdom of the Netherlands", "Netherlands (Kingdom of the)", "Holland"],
    "PRK": ["DPR Korea", "North Korea", "Korea, Democratic People's Republic of", "DPRK"],
    "PSE": ["Palestine", "Occupied Palestinian Territory", "Palestine, State of"],
    "RUS": ["Russia", "Rusia", "Russie"],
    "STP": ["Sao Tome & Principe", "São Tomé and Príncipe", "Sao Tome and Principe"],
    "SWZ": ["Swaziland", "Kingdom of Swaziland"],
    "SYR": ["Syria", "Siria", "Syrie"],
    "TLS": ["East Timor"],
    # "Trinidad y Tobago": the common Spanish spelling (the UN's is "Trinidad y Tabago").
    "TTO": ["Trinidad & Tobago", "Trinidad y Tobago"],
    "TUR": ["Turkey", "Türkiye", "Republic of Turkey"],
    "TZA": ["Tanzania", "Tanzania, United Republic of", "Tanzanie"],
    "USA": ["United States", "United States of America", "Estados Unidos", "États-Unis"],
    "VAT": ["Vatican", "Vatican City", "Vatican City State"],
    "VCT": [
        "St Vincent & the Grenadines",
        "St. Vincent and the Grenadines",
        "Saint Vincent & the Grenadines",
    ],
    "VEN": [
        "Venezuela",
        "Bolivarian Republic of Venezuela",
        "Venezuela, Bolivarian Republic of",
    ],
    "VNM": ["Vietnam"],
}

NON_MEMBERS = {"VAT", "PSE", "COK", "NIU"}


def clean(value: object) -> str:
    """Drop the bracketed article and the ``*``/``**`` status marks of UN Terminology."""
    text = str(value or "").strip()
    text = MARKS.sub("", text)
    return ARTICLE.sub("", text).strip()


def strip_the(value: str) -> str:
    """Formal names start with "the"/"The": "the Republic of Slovenia" -> "Republic of Slovenia"."""
    return re.sub(r"^(?:the|The)\s+", "", value)


def build(raw: Path) -> list[dict[str, str]]:
    """Return the rows of ``countries.csv`` (one per State in countries.xlsx)."""
    base = raw / "cehdi-upr-maternal-health"
    with (base / "UNSD_Methodology.csv").open(encoding="utf-8-sig", newline="") as fh:
        unsd = {r["Country or Area"]: r for r in csv.DictReader(fh, delimiter=";")}
    wb = openpyxl.load_workbook(base / "countries.xlsx", read_only=True)
    sheet = wb.worksheets[0]
    out: list[dict[str, str]] = []
    for cells in list(sheet.iter_rows(values_only=True))[1:]:
        if not cells[0] or str(cells[0]).startswith("*"):
            continue  # blank line and the footnotes at the bottom
        short = [clean(c) for c in cells[:6]]
        formal = [strip_the(clean(c)) for c in cells[6:12]]
        name_en = short[0]
        m49 = unsd.get(UNSD_NAME.get(name_en, name_en))
        if m49 is None:
            raise SystemExit(f"{name_en!r} not found in UNSD_Methodology.csv")
        iso3 = m49["ISO-alpha3 Code"]
        candidates: list[str | None] = [m49["Country or Area"], formal[0]]
        pc = pycountry.countries.get(alpha_3=iso3)
        if pc is not None:
            candidates += [getattr(pc, a, None) for a in ("name", "official_name", "common_name")]
        candidates += EXTRA_ALIASES.get(iso3, [])
        # Formal names in the other five languages, so French or Spanish text resolves too.
        candidates += formal[1:]
        aliases: list[str] = []
        for name in candidates:
            if name and name not in aliases and name != name_en:
                aliases.append(name)
        out.append(
            {
                "iso3": iso3,
                "iso2": m49["ISO-alpha2 Code"],
                "m49": m49["M49 Code"],
                "name_en": name_en,
                "name_fr": short[1],
                "name_es": short[2],
                "name_ru": short[3],
                "name_zh": short[4],
                "name_ar": short[5],
                "formal_name_en": formal[0],
                "region": m49["Region Name"],
                "un_member": "0" if iso3 in NON_MEMBERS else "1",
                "aliases": "|".join(aliases),
            }
        )
    out.sort(key=lambda r: r["iso3"])
    return out


def main(argv: list[str]) -> None:
    """Write ``countries.csv`` next to this script from ``argv[1]`` (the shared raw folder)."""
    raw = Path(argv[1]) if len(argv) > 1 else HERE.parents[4] / "shared" / "data" / "raw"
    rows = build(raw)
    with (HERE / "countries.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    sys.stdout.write(f"wrote {len(rows)} countries\n")


if __name__ == "__main__":
    main(sys.argv)
