"""The moderation queue says who submitted each assessment, as the reviewer may see the
name: a coordinator sees a contributor's display name (even one hidden from the public,
which coordinators may see), never a login name."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.django_db

FINDING = (
    "Police killings in Rio de Janeiro rose in 2024; no independent oversight body was created."
)


def _queue_item(html: str) -> str:
    return re.search(r'<article class="queue-item".*?</article>', html, re.S).group(0)


@pytest.mark.parametrize("hidden", [True, False])
def test_the_coordinator_sees_the_contributors_name_not_the_login_name(
    contributor, coordinator, rec, client_for, hidden
):
    contributor.hide_name_publicly = hidden
    contributor.save()
    response = client_for(contributor).post(
        f"/tracking/recommendations/{rec.pk}/assess/",
        {
            "date": "2025-02-10",
            "level": "not_implemented",
            "text": FINDING,
            "visibility": "public",
            "submit": "1",
        },
    )
    assert response.status_code == 302
    item = _queue_item(client_for(coordinator).get("/tracking/moderation/").content.decode())
    assert FINDING in item
    assert "Ximena Zorrilla-Quintanar" in item
    assert contributor.username not in item
