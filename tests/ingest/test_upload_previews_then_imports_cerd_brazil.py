"""A coordinator uploads the real CERD Brazil concluding observations (CERD/C/BRA/CO/18-20).

Values checked by hand in the PDF: 70 numbered paragraphs; paragraph 68 asks for
information on 17 (a), 19 (c), 23 (a) and 36 (a)-(d) "within one year of the adoption"
and the adoption (para. 1 / the last page) is on 1 December 2022, so the deadline is
1 December 2023, computed; paragraph 70: the combined 20th to 22nd reports, by 2026.
"""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from django.urls import reverse

from .upload_helpers import (
    CERD_BRAZIL,
    catalogue_state,
    staging_entries,
)

pytestmark = pytest.mark.usefixtures("upload_settings", "reference_data")

ITEMS = ["17 (a)", "19 (c)", "23 (a)", "36 (a)", "36 (b)", "36 (c)", "36 (d)"]


def _upload(client, path, **extra):
    with path.open("rb") as fh:
        return client.post(
            reverse("ingest:upload"), {"file": fh, "visibility": "public", "format": "", **extra}
        )


def _staged_id(html: str) -> str:
    match = re.search(r'name="staged" value="([0-9a-f]{32})"', html)
    assert match, "the preview has no confirm form"
    return match.group(1)


def test_the_preview_lists_paragraphs_and_follow_up_and_stores_nothing(
    shared_raw, coordinator, client_for, upload_settings
):
    client = client_for(coordinator)
    before = catalogue_state()

    response = _upload(client, shared_raw / CERD_BRAZIL)

    assert response.status_code == 200
    html = response.content.decode()
    assert "CERD/C/BRA/CO/18-20" in html
    assert '<strong id="paragraph-count">70</strong>' in html
    items = re.search(r'<ul class="item-list" id="follow-up-items">(.*?)</ul>', html, re.S)
    assert items is not None
    assert re.findall(r"<li>(.*?)</li>", items.group(1)) == ITEMS
    assert '<time datetime="2023-12-01">1 December 2023</time>' in html
    assert "computed from the adoption date" in html
    assert '<time datetime="2022-12-01">1 December 2022</time>' in html
    assert "Paragraphs of particular importance" in html
    assert "combined twentieth to twenty-second periodic reports" in html
    assert "due 2026" in html
    # paragraph 17 row: number, its letters, kind and first words
    assert '17<span class="letters"> (a, b, c, d, e, f)</span>' in html
    assert "The Committee recommends that the State party take all necessary measures" in html
    # nothing stored: no document, recommendation, follow-up request or import run
    assert catalogue_state() == before
    (folder,) = staging_entries(upload_settings)
    # the import will use the format shown in the preview, not a second detection
    assert json.loads((folder / "meta.json").read_text())["detected"] == "treaty-body-document"


def test_confirming_stores_the_document_with_its_follow_up_requests(
    shared_raw, coordinator, client_for, upload_settings
):
    from rightstrack.catalog.models import Document, FollowUpRequest
    from rightstrack.ingest.models import ImportRun

    client = client_for(coordinator)
    staged = _staged_id(_upload(client, shared_raw / CERD_BRAZIL).content.decode())
    assert not Document.objects.filter(symbol="CERD/C/BRA/CO/18-20").exists()

    response = client.post(reverse("ingest:confirm"), {"staged": staged})

    run = ImportRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("ingest:run_detail", args=[run.pk])
    assert run.status == ImportRun.Status.SUCCEEDED
    assert run.user == coordinator
    assert run.file_name == "CERD-Observacoes-Brasil-2022.pdf"
    doc = Document.objects.get(symbol="CERD/C/BRA/CO/18-20")
    assert doc.visibility == "public"
    assert doc.adopted_on == dt.date(2022, 12, 1)
    follow_up = FollowUpRequest.objects.filter(document=doc, kind="follow_up").order_by("id")
    assert sorted(r.item for r in follow_up) == ITEMS
    assert {(r.due_on, r.due_basis) for r in follow_up} == {(dt.date(2023, 12, 1), "computed")}
    # the staged copy is gone once imported
    assert staging_entries(upload_settings) == []

    page = client.get(response["Location"])
    html = page.content.decode()
    assert page.status_code == 200
    assert "Succeeded" in html
    assert f'<td class="num" id="count-created">{run.created}</td>' in html
    assert reverse("portal:document_detail", args=[doc.pk]) in html
    assert 'http-equiv="refresh"' not in html


def test_a_restricted_upload_stores_a_restricted_document(
    shared_raw, coordinator, client_for, upload_settings
):
    from rightstrack.catalog.models import Document

    client = client_for(coordinator)
    staged = _staged_id(
        _upload(client, shared_raw / CERD_BRAZIL, visibility="restricted").content.decode()
    )

    client.post(reverse("ingest:confirm"), {"staged": staged})

    doc = Document.objects.get(symbol="CERD/C/BRA/CO/18-20")
    assert doc.visibility == "restricted"
    assert not Document.objects.public().filter(pk=doc.pk).exists()
    # paragraph 68 of the PDF: the seven follow-up items are stored, all restricted
    cited = doc.recommendations.filter(paragraph__in=ITEMS)
    assert sorted(cited.values_list("paragraph", flat=True)) == ITEMS
    assert not doc.recommendations.filter(visibility="public").exists()
