"""The parallel report form in the web UI: the follow-up report's permissions (contributors
and above get the file; viewers are refused; anonymous visitors go to the login page), and
a coordinator's file holds no restricted record either."""

from __future__ import annotations

import paraguay_parallel as pp
import pytest
from django.urls import reverse
from docx_text import docx_text, headings

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

paraguay_parallel = pp.paraguay_parallel  # fixture


def _params(py, fmt="docx"):
    return {
        "document": py.document.pk,
        "organisations": [py.ngo.pk],
        "period_end": pp.JUDGEMENT,
        "language": "en",
        "fmt": fmt,
    }


def test_a_contributor_downloads_the_docx(paraguay_parallel, client_for, contributor):
    url = reverse("reports:parallel_report")
    form = client_for(contributor).get(url)
    assert form.status_code == 200
    assert pp.SYMBOL in form.content.decode()
    response = client_for(contributor).get(url, _params(paraguay_parallel))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    assert [h.split(":")[0] for h in headings(response.content, 2)] == [
        f"Paragraph {p}" for p in pp.ITEMS
    ]


def test_a_coordinators_file_has_no_restricted_record(
    paraguay_parallel, client_for, coordinator, hidden_contributor_markers
):
    response = client_for(coordinator).get(
        reverse("reports:parallel_report"), _params(paraguay_parallel)
    )
    text = docx_text(response.content)
    assert pp.MARKER not in text
    for name in hidden_contributor_markers:
        assert name not in text


def test_a_viewer_is_refused_and_anonymous_is_sent_to_login(paraguay_parallel, client_for, viewer):
    url = reverse("reports:parallel_report")
    assert client_for(viewer).get(url, _params(paraguay_parallel)).status_code == 403
    anonymous = client_for(None).get(url, _params(paraguay_parallel))
    assert anonymous.status_code == 302
    assert "login" in anonymous["Location"]
