"""Country names to ISO 3166-1 alpha-3 codes (pure Python, no Django).

The table is ``rightstrack/catalog/data/countries.csv`` (UN Terminology names in
the six UN languages, UNSD M49 codes, and the aliases that real sources use:
UPR Info "Macedonia FYR", OHCHR "Iran (Islamic Republic of)", "Türkiye" and
"Turkey"...). It is read once, on first use.

Matching ignores case, accents, punctuation, curly quotes, "&" versus "and",
"St"/"St." versus "Saint", and a leading "the" or trailing "(the)"::

    >>> to_iso3("the former Yugoslav Republic of Macedonia")
    'MKD'
    >>> to_iso3("Côte d’Ivoire") == to_iso3("COTE D'IVOIRE") == "CIV"
    True
"""

from __future__ import annotations

import csv
import html
import io
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

__all__ = [
    "CountryRecord",
    "all_countries",
    "country_names",
    "find_states_in",
    "normalise",
    "to_iso3",
]

LANGUAGES = ("en", "fr", "es", "ru", "zh", "ar")

_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'", "“": '"', "”": '"'})
_NON_WORD = re.compile(r"[^\w]+")
_ISO3 = re.compile(r"[A-Z]{3}")
# UN Terminology prints the article before a formal name ("the Republic of Slovenia",
# "la République de Slovénie") and after a short one ("Gambia (the)", "Slovénie (la)").
_ARTICLES = frozenset({"the", "l", "la", "le", "les", "el", "los", "las"})


@dataclass(frozen=True)
class CountryRecord:
    """One row of ``countries.csv``.

    ``names`` maps a UN language code (``en fr es ru zh ar``) to the UN short
    name; ``aliases`` holds other spellings (English variants and the formal
    names in the six languages).
    """

    iso3: str
    iso2: str
    m49: str
    names: dict[str, str]
    formal_name_en: str
    region: str
    un_member: bool
    aliases: tuple[str, ...]


def normalise(name: str) -> str:
    """Reduce a country name to a lookup key.

    Lower case, no accents (NFKD), curly quotes and punctuation folded to
    spaces, HTML entities decoded, "&" -> "and", "st" -> "saint", and a
    leading or trailing article dropped ("the Gambia", "Gambia (the)",
    "la République de Slovénie", "Slovénie (la)"). Non-Latin scripts (Arabic,
    Chinese, Cyrillic) keep their letters.

    >>> normalise("  The  Gambia ")
    'gambia'
    >>> normalise("St Vincent & the Grenadines")
    'saint vincent and the grenadines'
    """
    text = html.unescape(name).translate(_QUOTES)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = text.replace("&", " and ")
    words = _NON_WORD.sub(" ", text).split()
    words = ["saint" if w == "st" else w for w in words]
    if len(words) > 1 and words[0] in _ARTICLES:
        words = words[1:]
    if len(words) > 1 and words[-1] in _ARTICLES:
        words = words[:-1]
    return " ".join(words)


@cache
def all_countries() -> tuple[CountryRecord, ...]:
    """Every State in ``countries.csv`` (197 rows), sorted by ISO3."""
    source = resources.files("rightstrack.catalog").joinpath("data", "countries.csv")
    rows = list(csv.DictReader(io.StringIO(source.read_text(encoding="utf-8"))))
    return tuple(
        CountryRecord(
            iso3=row["iso3"],
            iso2=row["iso2"],
            m49=row["m49"],
            names={lang: row[f"name_{lang}"] for lang in LANGUAGES},
            formal_name_en=row["formal_name_en"],
            region=row["region"],
            un_member=row["un_member"] == "1",
            aliases=tuple(a for a in row["aliases"].split("|") if a),
        )
        for row in rows
    )


# "Países Bajos (Reino de los)", "Tanzanie (République-Unie de)": UN Terminology puts the
# rest of a formal name in brackets after the name people write.
_BRACKETED_TAIL = re.compile(r"^(?P<short>[^()]+?)\s*\([^()]+\)$")


@cache
def _index() -> dict[str, str]:
    """Lookup key -> ISO3. Raises ``ValueError`` if two States share a key.

    Besides every name and alias, the part of a UN short name before its bracketed tail
    ("Países Bajos" for "Países Bajos (Reino de los)", "Нидерланды" for
    "Нидерланды (Королевство)"), in every language, where that part names one State
    only and is not already a key ("Congo" stays COG, not COD).
    """
    index: dict[str, str] = {}
    for rec in all_countries():
        for name in (*rec.names.values(), rec.formal_name_en, *rec.aliases):
            key = normalise(name)
            if not key:
                continue
            other = index.setdefault(key, rec.iso3)
            if other != rec.iso3:
                raise ValueError(f"country key {key!r} is ambiguous: {other} and {rec.iso3}")
    short_forms: dict[str, set[str]] = {}
    for rec in all_countries():
        for name in rec.names.values():
            bracketed = _BRACKETED_TAIL.match(name.strip())
            if bracketed is not None:
                key = normalise(bracketed.group("short"))
                short_forms.setdefault(key, set()).add(rec.iso3)
    for key, states in short_forms.items():
        if key and key not in index and len(states) == 1:
            index[key] = next(iter(states))
    return index


@cache
def _compact_index() -> dict[str, str]:
    """Keys without spaces ("unitedstatesofamerica"), as some scraped data squash names."""
    compact: dict[str, str] = {}
    for key, iso3 in _index().items():
        compact.setdefault(key.replace(" ", ""), iso3)
    return compact


@cache
def _by_iso3() -> dict[str, CountryRecord]:
    return {rec.iso3: rec for rec in all_countries()}


def to_iso3(name: str | None) -> str | None:
    """Return the ISO 3166-1 alpha-3 code of a State name, or ``None`` if unknown.

    Accepts UN short and formal names in the six UN languages, the aliases in
    ``countries.csv`` and an upper-case ISO3 code itself (``"SVN"``).
    Non-State values ("European Union", "(Unknown)") return ``None``.
    """
    if not name:
        return None
    stripped = name.strip()
    if _ISO3.fullmatch(stripped) and stripped in _by_iso3():
        return stripped
    key = normalise(stripped)
    found = _index().get(key)
    if found is None and " " not in key:
        found = _compact_index().get(key)
    return found


def country_names(iso3: str) -> dict[str, str]:
    """UN short names of a State by language code (``{"en": "Slovenia", "fr": "Slovénie", ...}``).

    Raises ``KeyError`` for an unknown ISO3 code.
    """
    return dict(_by_iso3()[iso3.upper()].names)


@cache
def _max_words() -> int:
    return max(len(key.split()) for key in _index())


def find_states_in(text: str) -> list[str]:
    """ISO3 codes of the States named in ``text``, in order of first mention, without repeats.

    Scans word by word and takes the longest known name at each position, so
    "Democratic People's Republic of Korea" is PRK (not KOR) and "Papua New
    Guinea" is PNG (not GIN). Meant for short spans such as the bracketed
    recommending States of a UPR recommendation; in running prose, names
    that are also ordinary words ("Chad", "Jordan", "Turkey") will match.
    """
    words = normalise(text).split()
    index = _index()
    limit = _max_words()
    found: list[str] = []
    i = 0
    while i < len(words):
        for size in range(min(limit, len(words) - i), 0, -1):
            iso3 = index.get(" ".join(words[i : i + size]))
            if iso3 is not None:
                if iso3 not in found:
                    found.append(iso3)
                i += size
                break
        else:
            i += 1
    return found
