"""Press kit: release and article from editable templates with facts from the data, offered
on the "six months since" anniversary (CERD/C/BRA/CO/18-20 adopted 1 December 2022 → 1 June
2023)."""

from __future__ import annotations

import datetime as dt

import brazil_followup as bf
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from rightstrack.reports import press
from rightstrack.reports.models import PressTemplate

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

cerd_brazil = bf.cerd_brazil  # fixtures
brazil_tracking = bf.brazil_tracking
ON = dt.date(2024, 6, 30)


def test_the_headline_counts_follow_up_items_without_progress(brazil_tracking, coordinator):
    """By hand: 17 (a) partially implemented (progress), 36 (d) measures contrary, five
    items with no public assessment → 6 of 7. The restricted "implemented" on 19 (c) and
    the pending one on 23 (a) must not count, even for a coordinator."""
    facts = press.press_facts(coordinator, brazil_tracking.document, today=ON)
    assert (facts["no_progress"], facts["total"]) == (6, 7)
    assert (facts["partial"], facts["contrary"], facts["implemented"]) == (1, 1, 0)
    text = press.render_press("press_release", facts)
    assert (
        "Committee on the Elimination of Racial Discrimination's review of Brazil, 6 of the 7 "
        "follow-up recommendations show no progress"
    ) in text
    assert "by 1 December 2023: paragraphs 17 (a), 19 (c), 23 (a), 36 (a), 36 (b)" in text
    assert text.startswith("PRESS RELEASE\n30 June 2024\n\nEighteen months after the")
    assert "212 days after the deadline" in text  # 1 Dec 2023 → 30 June 2024
    assert bf.MARKER not in text


def test_the_article_lists_each_item_and_the_next_report(brazil_tracking):
    facts = press.press_facts(None, brazil_tracking.document, today=dt.date(2023, 6, 1))
    text = press.render_press("article", facts)
    assert text.startswith("Six months on: what has Brazil done")
    assert "- Paragraph 36 (d) (Excessive use of force by law enforcement" in text
    # Assessments dated 2024 are not known on 1 June 2023: every item shows no progress.
    assert "7 show no progress" in text
    assert "next periodic report of Brazil is due in 2026" in text


def test_the_anniversary_is_offered_six_months_after_adoption(brazil_tracking):
    offered = press.anniversaries(None, dt.date(2023, 6, 10))
    assert [(a.date, a.symbol) for a in offered] == [(dt.date(2023, 6, 1), bf.SYMBOL)]
    assert press.anniversaries(None, dt.date(2024, 6, 1)) == []


def test_a_coordinator_edits_the_template_and_it_is_used(brazil_tracking, coordinator):
    press.do_save_press_template(
        coordinator, "press_release", "en", "{{ country }}: {{ no_progress }}/{{ total }}"
    )
    facts = press.press_facts(None, brazil_tracking.document, today=ON)
    assert press.render_press("press_release", facts) == "Brazil: 6/7\n"
    row = PressTemplate.objects.get(kind="press_release", language="en")
    assert row.history.count() == 1


def test_a_broken_template_or_a_non_coordinator_is_refused(
    brazil_tracking, coordinator, contributor
):
    with pytest.raises(ValidationError):
        press.do_save_press_template(coordinator, "article", "en", "{% if %}")
    with pytest.raises(PermissionDenied):
        press.do_save_press_template(contributor, "article", "en", "{{ country }}")
    assert not PressTemplate.objects.exists()


def test_the_press_pages_offer_the_kit_and_the_editor(
    brazil_tracking, client_for, coordinator, contributor
):
    doc = brazil_tracking.document
    page = client_for(None).get(reverse("reports:press_kit", args=[doc.pk]), {"on": "2024-06-30"})
    assert page.status_code == 200
    body = page.content.decode()
    assert "6 of the 7 follow-up recommendations show no progress" in body
    assert 'alt="CERD · Committee on the Elimination of Racial Discrimination. Brazil: 6 of' in body
    assert bf.MARKER not in body
    url = reverse("reports:press_template", args=["article"])
    assert client_for(contributor).get(url).status_code == 403
    editor = client_for(coordinator)
    seeded = editor.get(url).content.decode()  # the form starts from the default file
    assert "{{ period_phrase }} on: what has {{ country }} done" in seeded
    response = editor.post(url, {"body": "{{ symbol }} draft"})
    assert response.status_code == 302
    assert PressTemplate.objects.get(kind="article").body == "{{ symbol }} draft"


def test_the_press_index_lists_the_document_and_edit_links_only_for_coordinators(
    brazil_tracking, client_for, coordinator
):
    url = reverse("reports:press_index")
    public = client_for(None).get(url).content.decode()
    assert bf.SYMBOL in public
    assert "Edit the article template" not in public
    assert "Edit the article template" in client_for(coordinator).get(url).content.decode()
