"""Every State name used by the real sources resolves to one ISO3 code."""

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from rightstrack.ingest.parsers.countries import (
    all_countries,
    country_names,
    find_states_in,
    normalise,
    to_iso3,
)

# Values of the UPR Info From/To columns and of options.json that are not States.
# "&#40;Unknown&#41;" is how the UPR Info export writes "(Unknown)" (9 rows).
NOT_STATES = {"&#40;Unknown&#41;"}


def _upr_info_names(raw: Path) -> set[str]:
    names: set[str] = set()
    for path in sorted((raw / "upr-info-terman" / "upr-info-db-2008-2014").glob("*.csv")):
        with path.open(encoding="mac_roman", newline="") as fh:
            for row in csv.DictReader(fh):
                names.update((row["From"], row["To"]))
    return names


def test_every_upr_info_from_and_to_value_resolves(shared_raw):
    names = _upr_info_names(shared_raw)
    assert len(names) == 196  # 195 States + "(Unknown)", counted by hand in the 6 files
    unresolved = {n for n in names if to_iso3(n) is None}
    assert unresolved == NOT_STATES


def test_every_huridocs_option_resolves_to_a_distinct_state(shared_raw):
    path = shared_raw / "huridocs-ml-benchmarks" / "upr_paragraph_countries" / "options.json"
    options = json.loads(path.read_text(encoding="utf-8"))
    assert len(options) == 196
    states = [n for n in options if n not in NOT_STATES]
    codes = [to_iso3(n) for n in states]
    assert None not in codes
    assert len(set(codes)) == len(states)


def test_every_impactoss_recommending_state_resolves(shared_raw):
    path = shared_raw / "impactoss-taxonomies" / "impactoss_seed_categories.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["taxonomy_var"] == "country"]
    assert len(rows) == 197
    for row in rows:
        # IMPACT OSS gives South Sudan the non-ISO code "SDS"; ISO 3166 says SSD.
        expected = "SSD" if row["short_title"] == "SDS" else row["short_title"]
        assert to_iso3(row["title"]) == expected, row["title"]


@pytest.mark.parametrize(
    ("name", "iso3"),
    [
        ("Iran (Islamic Republic of)", "IRN"),
        ("Islamic Republic of Iran", "IRN"),
        ("Bolivarian Republic of Venezuela", "VEN"),
        ("Venezuela (Bolivarian Republic of)", "VEN"),
        ("Bolivia (Plurinational State of)", "BOL"),
        ("Republic of Korea", "KOR"),
        ("Democratic People's Republic of Korea", "PRK"),
        ("Democratic People’s Republic of Korea", "PRK"),
        ("DPR Korea", "PRK"),
        ("United Kingdom of Great Britain and Northern Ireland", "GBR"),
        ("Türkiye", "TUR"),
        ("Turkey", "TUR"),
        ("Côte d'Ivoire", "CIV"),
        ("Côte d’Ivoire", "CIV"),
        ("Cote d'Ivoire", "CIV"),
        ("Holy See", "VAT"),
        ("State of Palestine", "PSE"),
        ("Palestine", "PSE"),
        ("Czechia", "CZE"),
        ("Czech Republic", "CZE"),
        ("Lao People's Democratic Republic", "LAO"),
        ("Laos", "LAO"),
        ("Micronesia (Federated States of)", "FSM"),
        ("Republic of Moldova", "MDA"),
        ("the former Yugoslav Republic of Macedonia", "MKD"),
        ("Macedonia FYR", "MKD"),
        ("North Macedonia", "MKD"),
        ("Swaziland", "SWZ"),
        ("Eswatini", "SWZ"),
        ("Cabo Verde", "CPV"),
        ("Cape Verde", "CPV"),
        ("Timor-Leste", "TLS"),
        ("Sao Tome and Principe", "STP"),
        ("Sao Tome & Principe", "STP"),
        ("Russian Federation", "RUS"),
        ("Syrian Arab Republic", "SYR"),
        ("United Republic of Tanzania", "TZA"),
        ("Bosnia and Herzegovina", "BIH"),
        ("Bosnia & Herzegovina", "BIH"),
        ("Kingdom of the Netherlands", "NLD"),
        ("St Vincent & the Grenadines", "VCT"),
        ("Guinea Bissau", "GNB"),
        ("Gambia (the)", "GMB"),
        ("  the   GAMBIA ", "GMB"),
        ("Democratic Republic of Congo", "COD"),
        ("Republic of Congo", "COG"),
        ("Congo", "COG"),
        ("Niger", "NER"),
        ("Nigeria", "NGA"),
        ("Dominica", "DMA"),
        ("Dominican Republic", "DOM"),
        ("unitedstatesofamerica", "USA"),
        ("SVN", "SVN"),
    ],
)
def test_it_resolves_the_forms_used_by_un_and_upr_info(name, iso3):
    assert to_iso3(name) == iso3


@pytest.mark.parametrize("name", ["European Union", "(Unknown)", "", "Korea", "us", "NA"])
def test_it_returns_none_for_non_states_and_ambiguous_names(name):
    assert to_iso3(name) is None


def test_it_resolves_names_in_the_six_un_languages():
    # countries.xlsx, row "Slovenia": FR "Slovénie (la)", ES "Eslovenia", RU "Словения",
    # ZH "斯洛文尼亚", AR "سلوفينيا".
    for name in [
        "Slovénie",
        "Eslovenia",
        "Словения",
        "斯洛文尼亚",
        "سلوفينيا",
        "République de Slovénie",
    ]:
        assert to_iso3(name) == "SVN", name


def test_country_names_gives_the_un_short_names_without_the_article():
    assert country_names("SVN") == {
        "en": "Slovenia",
        "fr": "Slovénie",
        "es": "Eslovenia",
        "ru": "Словения",
        "zh": "斯洛文尼亚",
        "ar": "سلوفينيا",
    }
    assert country_names("gmb")["en"] == "Gambia"


def test_the_table_holds_193_members_and_4_non_members():
    rows = all_countries()
    assert len(rows) == 197
    assert sorted(r.iso3 for r in rows if not r.un_member) == ["COK", "NIU", "PSE", "VAT"]
    assert len({r.iso3 for r in rows}) == 197
    svn = next(r for r in rows if r.iso3 == "SVN")
    assert (svn.iso2, svn.m49, svn.region, svn.formal_name_en) == (
        "SI",
        "705",
        "Europe",
        "Republic of Slovenia",
    )


def test_no_lookup_key_points_to_two_states():
    seen: dict[str, str] = {}
    for rec in all_countries():
        for name in (*rec.names.values(), rec.formal_name_en, *rec.aliases):
            key = normalise(name).replace(" ", "")
            assert seen.setdefault(key, rec.iso3) == rec.iso3, name


def test_find_states_in_takes_the_longest_name_and_keeps_order():
    text = (
        "Ratify the Convention (Maldives) (Portugal) (Democratic People's Republic of Korea) "
        "(Papua New Guinea) (Venezuela (Bolivarian Republic of)) (Maldives)"
    )
    assert find_states_in(text) == ["MDV", "PRT", "PRK", "PNG", "VEN"]


def test_the_parser_imports_without_django_configured():
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO")}
    code = (
        "import sys\n"
        "from rightstrack.ingest.parsers.countries import to_iso3\n"
        "assert to_iso3('Türkiye') == 'TUR'\n"
        "assert not any(m == 'django' or m.startswith('django.') for m in sys.modules), "
        "sorted(m for m in sys.modules if m.startswith('django'))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def test_spanish_and_french_short_forms_people_write_resolve():
    # CLADEM's Spanish UPR excerpt for Paraguay (cladem-jurisprudencia-es, 2012-01-07 post,
    # recommendation 102.81) ends "(Países Bajos);": the UN short name is
    # "Países Bajos (Reino de los)". "Trinidad y Tobago" is the common Spanish spelling of
    # the UN's "Trinidad y Tabago".
    for name, iso3 in [
        ("Países Bajos", "NLD"),
        ("Pays-Bas", "NLD"),
        ("Нидерланды", "NLD"),
        ("Trinidad y Tobago", "TTO"),
        ("Reino Unido", "GBR"),
        ("Estados Unidos", "USA"),
        ("Estados Unidos Mexicanos", "MEX"),
        ("Bolivie", "BOL"),
    ]:
        assert to_iso3(name) == iso3, name
    assert find_states_in("explotación de las mujeres y las niñas (Países Bajos);") == ["NLD"]


def test_every_bracketed_un_short_name_resolves_by_its_part_before_the_bracket():
    # countries.xlsx (UN Terminology) brackets the rest of a formal name after the name
    # people write: "Países Bajos (Reino de los)", "Bolivie (État plurinational de)".
    checked = 0
    for record in all_countries():
        for name in record.names.values():
            if name.endswith(")") and "(" in name:
                short = name[: name.rindex("(")].strip()
                assert to_iso3(short) == record.iso3, name
                checked += 1
    assert checked > 20
