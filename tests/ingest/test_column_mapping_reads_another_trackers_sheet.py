"""Another tracker's own sheet, read through a saved column mapping: the recommendations
table of Morocco's DIDH tracking database (``didh-morocco-fr-ar/DERIVED_from_dev_db/
Recommendations.csv``, MANIFEST §12). Values checked in the file: 1,124 rows (UPR 260,
treaty bodies 496, special procedures 368); the row of Id 1 (sheet row 2) is CERD's
(IdOrgane 1, ``Organes.csv``), code R21, "Envisager de ratifier les traités
internationaux…"; Id 526 is a special-procedure recommendation, code R97P4, "En ce qui
concerne les provinces marocaines du Sud…"; IdOrgane 7 (CRC) is on 93 rows."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from rightstrack.catalog.models import Recommendation
from rightstrack.ingest.actions import do_save_column_mapping
from rightstrack.ingest.models import ImportRun
from rightstrack.ingest.pipeline import import_file

pytestmark = pytest.mark.usefixtures("reference_data")

ORGANES = {"1": "CERD", "2": "CAT", "3": "CCPR", "4": "CESCR", "5": "CMW", "6": "CEDAW"}
ORGANES |= {"7": "CRC", "8": "CRPD", "9": "SPT"}


@pytest.fixture
def didh_sheet(shared_raw):
    return shared_raw / "didh-morocco-fr-ar" / "DERIVED_from_dev_db" / "Recommendations.csv"


def save_didh_mapping(mechanism_map):
    return do_save_column_mapping(
        "DIDH Maroc",
        columns={
            "source_id": ["Id"],
            "text": ["Nom"],
            "paragraph": ["CodeRecommendation"],
            "mechanism": ["IdOrgane", "Mecanisme"],
        },
        constants={"country": "MAR"},
        value_maps={"mechanism": mechanism_map},
        language="fr",
    )


def test_the_sheet_imports_through_its_mapping(didh_sheet):
    save_didh_mapping(ORGANES | {"Examen périodique universal": "UPR", "Procédure spéciale": "SP"})

    call_command("import", str(didh_sheet), "--mapping", "DIDH Maroc", "--no-suggest")

    mapped = Recommendation.objects.filter(natural_key__startswith="mapped:didh-maroc:")
    assert mapped.count() == 1124
    assert mapped.filter(mechanism__code="UPR").count() == 260
    assert mapped.filter(mechanism__code="SP").count() == 368
    assert mapped.exclude(mechanism__code__in=["UPR", "SP"]).count() == 496
    assert mapped.filter(mechanism__code="CRC").count() == 93
    first = mapped.get(natural_key="mapped:didh-maroc:1")
    assert (first.mechanism.code, first.paragraph, first.country.iso3) == ("CERD", "R21", "MAR")
    assert first.text.startswith("Envisager de ratifier les traités internationaux")
    assert (first.language, first.source_row) == ("fr", "1")
    special = mapped.get(natural_key="mapped:didh-maroc:526")
    assert (special.mechanism.code, special.paragraph) == ("SP", "R97P4")
    assert special.text.startswith("En ce qui concerne les provinces marocaines du Sud")

    again = import_file(didh_sheet, mapping="DIDH Maroc", suggest=False)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1124)


def test_an_unmapped_value_refuses_the_file_naming_row_and_column(didh_sheet):
    save_didh_mapping({"Examen périodique universal": "UPR", "Procédure spéciale": "SP"})

    run = import_file(didh_sheet, mapping="DIDH Maroc", suggest=False)

    assert run.status == ImportRun.Status.FAILED
    error = run.errors[0]
    # sheet row 2 = Id 1, IdOrgane 1: no value map entry, so "1" is no mechanism code
    assert (error["row"], error["cell"]) == (2, "IdOrgane")
    assert error["message"] == "unknown mechanism '1'"
    assert Recommendation.objects.count() == 0


def test_an_unknown_mapping_name_is_refused(didh_sheet):
    with pytest.raises(CommandError):
        call_command("import", str(didh_sheet), "--mapping", "nobody saved this")
    run = ImportRun.objects.latest("id")
    assert "no saved column mapping named 'nobody saved this'" in run.errors[0]["message"]
