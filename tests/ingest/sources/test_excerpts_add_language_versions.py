"""A Spanish version of UPR Working Group reports (CLADEM's excerpts, MANIFEST §13)
imported after the English report adds texts to the same recommendations.

Checked in the files: ``argentina2012.txt`` is A/HRC/22/4, whose item 99.6 reads
"Conclude the process leading to the adoption of the bill which seeks to incorporate
femicide in the Criminal Code (Peru);". CLADEM's Argentina file quotes A/HRC/22/4
(note [^60]) with "99.6 **Concluir el proceso para la aprobación del proyecto de ley de
incorporación del delito de femicidio en el Código Penal (Perú);**", and A/HRC/37/5
(note [^63], not in ``upr-wg-reports-terman``) with 56 items.
"""

from __future__ import annotations

import pytest
from django.core.management import call_command

from rightstrack.catalog.models import Recommendation, RecommendationText

ARGENTINA_ES = (
    "cladem-jurisprudencia-es/_posts/"
    "2001-01-08-Examen_Periódico_Universal_EPU_Observaciones_referidas_a_las_mujeres_y_las_niñas.md"
)
ARGENTINA_EN = "upr-wg-reports-terman/txts/argentina2012.txt"

pytestmark = pytest.mark.django_db


def test_the_spanish_excerpt_adds_texts_to_the_english_recommendations(
    shared_raw, reference_data, client
):
    call_command("import", str(shared_raw / ARGENTINA_EN), verbosity=0)
    english = Recommendation.objects.filter(document__key="A/HRC/22/4")
    count = english.count()
    call_command("import", str(shared_raw / ARGENTINA_ES), verbosity=0)
    # No new recommendation for the report already there: its items got Spanish texts.
    assert english.count() == count
    rec = english.get(paragraph="99.6")
    assert rec.language == "en"
    assert rec.text.startswith("Conclude the process leading to the adoption of the bill")
    spanish = RecommendationText.objects.get(recommendation=rec, language="es")
    assert spanish.text == (
        "Concluir el proceso para la aprobación del proyecto de ley de incorporación del "
        "delito de femicidio en el Código Penal (Perú);"
    )
    # A search in Spanish finds the recommendation (its English text has none of these).
    found = client.get("/recommendations.json", {"q": "delito de femicidio"}).json()
    assert rec.pk in [r["id"] for r in found["results"]]

    # The third-cycle report, absent in English, is created in Spanish with its States.
    third = Recommendation.objects.filter(document__key="A/HRC/37/5")
    assert third.count() == 56
    assert set(third.values_list("language", flat=True)) == {"es"}
    assert set(third.values_list("country__iso3", flat=True)) == {"ARG"}

    # Importing the file again changes nothing.
    texts = RecommendationText.objects.count()
    call_command("import", str(shared_raw / ARGENTINA_ES), verbosity=0)
    assert RecommendationText.objects.count() == texts
    assert third.count() == 56


PARAGUAY_CCPR_ES = (
    "cladem-jurisprudencia-es/_posts/"
    "2012-01-02-Comite_de_Derechos_Humanos_Observaciones_referidas_a_las_mujeres_y_las_niñas.md"
)


def test_concluding_observations_in_spanish_only_are_created_in_spanish(shared_raw, reference_data):
    # CLADEM's CCPR file for Paraguay quotes CCPR/C/PRY/CO/3 (note [^665]); its paragraph
    # 9 begins "El Comité lamenta que el Estado parte todavía no haya adoptado el proyecto
    # de ley contra toda forma de discriminación" and its recommendation, in bold, "El
    # Estado parte debe adoptar una legislación amplia de lucha contra la discriminación".
    call_command("import", str(shared_raw / PARAGUAY_CCPR_ES), verbosity=0)
    co3 = Recommendation.objects.filter(document__key="CCPR/C/PRY/CO/3")
    para9 = co3.get(paragraph="9")
    assert (para9.language, para9.mechanism.code, para9.country.iso3) == ("es", "CCPR", "PRY")
    assert para9.document.doc_type == "concluding_observations"
    assert para9.text.startswith("El Comité lamenta que el Estado parte todavía no haya")
    assert "El Estado parte debe adoptar una legislación amplia de lucha contra" in para9.text
    assert para9.kind == "recommendation"
    # Paragraph 1 (the Committee's introduction) is before the recommendations heading.
    assert not co3.filter(paragraph="1").exists()
