"""Shareable image: a 1200×630 PNG per document or recommendation, with alt text."""

from __future__ import annotations

import datetime as dt
import io

import brazil_followup as bf
import pytest
from django.urls import reverse
from PIL import Image

from rightstrack.reports.share_image import document_share_image, recommendation_share_image

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

cerd_brazil = bf.cerd_brazil  # fixtures
brazil_tracking = bf.brazil_tracking


def _size(png: bytes) -> tuple[str, tuple[int, int]]:
    image = Image.open(io.BytesIO(png))
    return image.format, image.size


def test_the_document_card_is_1200_by_630_with_the_figure_in_its_alt_text(brazil_tracking):
    card = document_share_image(None, brazil_tracking.document, today=dt.date(2024, 6, 30))
    assert _size(card.png) == ("PNG", (1200, 630))
    assert "CERD · Committee on the Elimination of Racial Discrimination" in card.alt
    assert "Brazil: 6 of the 7 follow-up recommendations show no progress" in card.alt
    assert "Follow-up deadline: 1 December 2023" in card.alt
    assert "Pictogram:" in card.alt


def test_the_recommendation_card_shows_its_own_sub_paragraph(brazil_tracking):
    card = recommendation_share_image(None, brazil_tracking.recs["36 (d)"])
    assert _size(card.png) == ("PNG", (1200, 630))
    assert "(d) " + bf.TEXT_36D in card.alt
    assert "CERD/C/BRA/CO/18-20, para. 36 (d)" in card.alt


def test_the_card_urls_serve_public_records_and_hide_restricted_ones(brazil_tracking, client_for):
    client = client_for(None)
    doc_png = client.get(
        reverse("reports:share_image_document", args=[brazil_tracking.document.pk])
    )
    assert doc_png.status_code == 200
    assert doc_png["Content-Type"] == "image/png"
    assert _size(doc_png.content)[1] == (1200, 630)
    rec_url = reverse(
        "reports:share_image_recommendation", args=[brazil_tracking.recs["17 (a)"].pk]
    )
    assert client.get(rec_url).status_code == 200
    hidden = reverse("reports:share_image_recommendation", args=[brazil_tracking.restricted_rec.pk])
    assert client.get(hidden).status_code == 404


def test_a_coordinator_gets_no_card_of_a_restricted_recommendation(
    brazil_tracking, client_for, coordinator
):
    hidden = reverse("reports:share_image_recommendation", args=[brazil_tracking.restricted_rec.pk])
    assert client_for(coordinator).get(hidden).status_code == 404
