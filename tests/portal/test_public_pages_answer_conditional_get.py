"""Public pages carry an ETag that survives the per-response CSRF mask, and an unchanged
page is answered 304 Not Modified (core/conditional.py)."""

from __future__ import annotations

import pytest

from rightstrack.core.conditional import page_etag

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path", ["/", "/recommendations/", "/recommendations.json", "/countries/SVN/"]
)
def test_an_unchanged_public_page_is_answered_304(client, svn_upr_catalogue, path):
    first = client.get(path)
    assert first.status_code == 200
    etag = first["ETag"]

    again = client.get(path, HTTP_IF_NONE_MATCH=etag)

    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag


def test_the_gzipped_page_has_a_weak_etag_that_still_revalidates(client, svn_upr_catalogue):
    first = client.get("/recommendations/", HTTP_ACCEPT_ENCODING="gzip")
    assert first["ETag"].startswith('W/"')

    again = client.get(
        "/recommendations/", HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=first["ETag"]
    )

    assert again.status_code == 304


def test_a_changed_page_gets_a_new_etag_and_a_full_answer(client, svn_upr_catalogue):
    path = f"/recommendations/{svn_upr_catalogue.r121_52.pk}/"
    etag = client.get(path)["ETag"]
    svn_upr_catalogue.r121_52.text += " (corrected)"
    svn_upr_catalogue.r121_52.save()

    again = client.get(path, HTTP_IF_NONE_MATCH=etag)

    assert again.status_code == 200
    assert again["ETag"] != etag
    assert b"(corrected)" in again.content


def test_the_etag_ignores_the_csrf_mask_but_not_the_csrf_secret():
    page = b'<form><input type="hidden" name="csrfmiddlewaretoken" value="%s"></form>'
    one = page % (b"a" * 64)
    two = page % (b"B" * 64)

    assert page_etag(one, "secret1") == page_etag(two, "secret1")
    assert page_etag(one, "secret1") != page_etag(one, "secret2")
    assert page_etag(one, "secret1") != page_etag(b"<p>other</p>", "secret1")
