"""The follow-up report form in the web UI: contributors and coordinators get the file;
viewers are refused, anonymous visitors are sent to the login page."""

from __future__ import annotations

import brazil_followup as bf
import pytest
from django.urls import reverse
from docx_text import docx_text, headings

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

cerd_brazil = bf.cerd_brazil  # fixtures
brazil_tracking = bf.brazil_tracking


def _params(brazil_tracking, fmt="docx"):
    return {
        "document": brazil_tracking.document.pk,
        "organisations": [brazil_tracking.ngo.pk],
        "period_end": "2024-06-30",
        "language": "en",
        "fmt": fmt,
    }


def test_a_coordinator_sees_the_form_with_the_document(brazil_tracking, client_for, coordinator):
    response = client_for(coordinator).get(reverse("reports:followup_report"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "CERD/C/BRA/CO/18-20" in body
    assert 'for="id_period_end"' in body


def test_a_contributor_downloads_the_docx(brazil_tracking, client_for, contributor):
    response = client_for(contributor).get(
        reverse("reports:followup_report"), _params(brazil_tracking)
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    data = response.content
    assert len(headings(data, 2)) == 7
    text = docx_text(data)
    assert "Submitted by: Coalition of Human Rights Defenders" in text
    assert bf.MARKER not in text


def test_a_period_that_ends_before_it_starts_is_refused(brazil_tracking, client_for, coordinator):
    params = _params(brazil_tracking) | {"period_start": "2024-07-01"}
    response = client_for(coordinator).get(reverse("reports:followup_report"), params)
    assert response.status_code == 400
    assert "The period starts after it ends." in response.content.decode()


def test_a_viewer_is_refused_and_anonymous_is_sent_to_login(brazil_tracking, client_for, viewer):
    url = reverse("reports:followup_report")
    assert client_for(viewer).get(url, _params(brazil_tracking)).status_code == 403
    anonymous = client_for(None).get(url, _params(brazil_tracking))
    assert anonymous.status_code == 302
    assert "login" in anonymous["Location"]
