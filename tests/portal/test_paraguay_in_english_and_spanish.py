"""Paraguay's UPR report A/HRC/17/18 in English and Spanish, and a Spanish search under the
Spanish address (issue "Every language, all the way through", Done means).

Checked in the files (MANIFEST §13): ``paraguay2011.txt`` is A/HRC/17/18 (its first page,
with the symbol, is lost: ``--symbol``), whose item 84.11 reads "Make the National Plan
for the Prevention and Eradication of Commercial Sexual Exploitation of Children
operational by ensuring public funding (Poland);". CLADEM's Paraguay UPR file quotes it
as "84.11 **Hacer operacional el Plan de Prevención y Erradicación de la Explotación
Sexual de niños/as y adolescentes mediante la asignación de fondos públicos (Polonia.;**".
Its CEDAW file quotes CEDAW/C/PRY/CO/7 (note [^692], 22 November 2017) paragraph 45 (a):
"… limitando el uso de la prisión preventiva, aplicando medidas alternativas a la
detención …".
"""

from __future__ import annotations

import pytest
from django.core.management import call_command

from rightstrack.catalog.models import Recommendation, RecommendationText

POSTS = "cladem-jurisprudencia-es/_posts/"
UPR_ES = (
    POSTS
    + "2012-01-07-Examen_Periódico_Universal_EPU_Observaciones_referidas_a_las_mujeres_y_las_niñas.md"
)
CEDAW_ES = (
    POSTS + "2012-01-05-Comité_para_la_Eliminación_de_la_Discriminación_contra_la_Mujer_"
    "Observaciones_referidas_a_las_mujeres_y_las_niñas.md"
)

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_84_11_has_both_texts_and_a_spanish_search_finds_pretrial_detention(
    shared_raw, reference_data, client
):
    english = shared_raw / "upr-wg-reports-terman/txts/paraguay2011.txt"
    call_command("import", str(english), "--symbol", "A/HRC/17/18", "--no-suggest", verbosity=0)
    call_command("import", str(shared_raw / UPR_ES), "--no-suggest", verbosity=0)
    items = Recommendation.objects.filter(document__symbol="A/HRC/17/18", paragraph="84.11")
    assert items.count() == 1  # one recommendation, two texts
    rec = items.get()
    assert rec.text == (
        "Make the National Plan for the Prevention and Eradication of Commercial Sexual "
        "Exploitation of Children operational by ensuring public funding (Poland);"
    )
    spanish = RecommendationText.objects.get(recommendation=rec, language="es")
    assert spanish.text.startswith("Hacer operacional el Plan de Prevención y Erradicación")
    assert rec.recommending_states.get().iso3 == "POL"

    call_command("import", str(shared_raw / CEDAW_ES), "--no-suggest", verbosity=0)
    page = client.get("/es/recommendations/", {"q": "prisión preventiva", "country": "PRY"})
    assert page.status_code == 200
    html = page.content.decode()
    assert '<html lang="es"' in html
    assert "CEDAW/C/PRY/CO/7" in html
    assert "limitando el uso de la prisión preventiva" in html
