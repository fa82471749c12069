"""The recommendation page lists the same text found in other documents."""

from __future__ import annotations

import pytest
from django.test import Client

from rightstrack.portal.same_text import normalise

pytestmark = pytest.mark.django_db


def test_normalise_ignores_case_punctuation_and_the_recommending_state():
    assert normalise(
        "Ensure respect for the principle of non-refoulement through individual assessment "
        "of each migratory situation (Peru);"
    ) == normalise(
        "Ensure respect for the principle of non-refoulement through individual assessment "
        "of each migratory situation"
    )
    assert normalise("Ratifier l’OPCAT (Pérou).") == "ratifier l opcat"


def test_the_upr_info_row_is_found_as_the_same_text(svn_upr_catalogue):
    response = Client().get(f"/recommendations/{svn_upr_catalogue.r121_52.pk}/")
    same = response.context["same_text"]
    assert [(s.recommendation.pk, s.identical) for s in same] == [
        (svn_upr_catalogue.r_upr_info.pk, True)
    ]
    assert "Identical" in response.content.decode()


def test_different_texts_are_not_matched(svn_upr_catalogue):
    response = Client().get(f"/recommendations/{svn_upr_catalogue.r122_153.pk}/")
    assert response.context["same_text"] == []
