"""From the page of the Senate human-rights committee, "Record an engagement with this
organisation" opens the engagement form with the committee ticked and Paraguay's
documents offered as scopes; choosing CCPR/C/PRY/CO/4 keeps the committee ticked. Only
people who may record engagements see the link."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from paraguay_engagement import SYMBOL, paraguay

pytestmark = [pytest.mark.django_db]
__all__ = ["paraguay"]

LINK = "Record an engagement with this organisation"


def _ticked_organisations(html: str) -> list[str]:
    return re.findall(
        r'<input type="checkbox" name="organisations" value="(\d+)"[^>]*checked', html
    )


def test_the_committees_page_opens_the_form_with_the_committee_ticked(
    paraguay, coordinator, client_for
):
    client = client_for(coordinator)
    senate, doc = paraguay.senate, paraguay.document
    page = client.get(reverse("tracking:actor_detail", args=[senate.pk])).content.decode()
    href = re.search(rf'<a href="([^"]+)">{LINK}</a>', page).group(1).replace("&amp;", "&")
    assert href == (
        reverse("tracking:engagement_create")
        + f"?organisation={senate.pk}&country_id={senate.country_id}"
    )

    form = client.get(href).content.decode()
    assert _ticked_organisations(form) == [str(senate.pk)]
    scope = re.search(rf'<a href="([^"]+)"[^>]*>{re.escape(SYMBOL)}</a>', form).group(1)
    assert scope.replace("&amp;", "&") == (
        f"?document={doc.pk}&country_id={senate.country_id}&organisation={senate.pk}"
    )

    scoped = client.get(reverse("tracking:engagement_create") + scope.replace("&amp;", "&"))
    html = scoped.content.decode()
    assert _ticked_organisations(html) == [str(senate.pk)]
    assert html.count('name="recommendations"') == 42


@pytest.mark.parametrize("role", ["viewer", "anonymous"])
def test_people_who_cannot_record_do_not_see_the_link(paraguay, cast, client_for, role):
    page = client_for(cast[role]).get(reverse("tracking:actor_detail", args=[paraguay.senate.pk]))
    assert page.status_code == 200
    assert LINK not in page.content.decode()
