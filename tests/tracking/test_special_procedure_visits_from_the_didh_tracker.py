"""Special-procedure recommendations arrive with the country visits they come from
(issue "Beyond periodic reviews": "the special-procedure recommendations to Morocco in
didh-morocco-fr-ar/, with the visits they come from").

Counted in ``didh-morocco-fr-ar/DERIVED_from_dev_db`` (MANIFEST §12): ``Recommendations.csv``
has 368 rows with an ``IdVisite``, over the 12 mandates of ``Visites.csv``; ``IdVisite 3``
is the "Rapporteur spécial sur la torture et autres peines ou traitements cruels,
inhumains ou dégradants" (Arabic "المقرر الخاص المعني بالتعذيب…", report "Rapport CDH FR
2012 RS sur la torture") with 54 rows; ``IdVisite 8``, the independent expert on human
rights and international solidarity, has 14.
"""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db.models import Count

from rightstrack.catalog.models import Document, Mechanism, Recommendation

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

DIDH = "didh-morocco-fr-ar/DERIVED_from_dev_db"


def test_each_mandates_recommendations_sit_in_the_document_of_its_visit(reference_data, shared_raw):
    call_command(
        "import", str(shared_raw / DIDH / "Recommendations.csv"), "--no-suggest", verbosity=0
    )
    special = Recommendation.objects.filter(mechanism__kind=Mechanism.Kind.SPECIAL_PROCEDURE)
    assert special.count() == 368
    visits = dict(
        Document.objects.filter(mechanism__kind=Mechanism.Kind.SPECIAL_PROCEDURE)
        .annotate(n=Count("recommendations"))
        .values_list("key", "n")
    )
    assert len(visits) == 12
    assert visits["didh-mar:visite-3"] == 54
    assert visits["didh-mar:visite-8"] == 14
    torture = Document.objects.get(key="didh-mar:visite-3")
    assert str(torture).startswith("Rapporteur spécial sur la torture")
    assert {r.country.iso3 for r in special.select_related("country")} == {"MAR"}
