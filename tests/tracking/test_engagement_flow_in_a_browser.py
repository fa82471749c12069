"""In Chromium, as a coordinator: the public page of CCPR/C/PRY/CO/4 (imported with
``rightstrack import``) with its follow-up paragraphs; a meeting with the Senate
human-rights committee on paragraphs 13 and 29 recorded with its commitment; the
commitment made an action of a plan in one click; a selection of 13, 29 (ticked on the
list) and 35 (added from its page); its briefing pack downloaded (DOCX), listing the
meeting and the commitment. Screenshots go to ``$RIGHTSTRACK_SCREENSHOTS`` (the ones kept
in ``docs/screenshots/`` were made so) or to a temporary folder.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from browser_support import BROWSER_MARKS, chromium
from paraguay_engagement import COMMITMENT, MEETING, TEXT_13, TEXT_35, paraguay
from rightstrack.tracking.models import Commitment, Engagement, Selection

pytestmark = [*BROWSER_MARKS, pytest.mark.slow]
__all__ = ["paraguay"]


def docx_text(data: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(data))
    return " ".join(" ".join(p.text for p in document.paragraphs).split())


def _cookie(client, base: str) -> dict[str, str]:
    from django.conf import settings

    name = settings.SESSION_COOKIE_NAME
    return {"name": name, "value": client.cookies[name].value, "url": base}


@pytest.mark.django_db(transaction=True)
def test_a_coordinator_records_a_meeting_makes_an_action_and_briefs_on_a_selection(
    paraguay, coordinator, client_for, live_server, tmp_path
):
    shots = Path(os.environ.get("RIGHTSTRACK_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    base, doc = live_server.url, paraguay.document
    with chromium() as browser:
        context = browser.new_context(
            viewport={"width": 1000, "height": 760}, accept_downloads=True
        )
        context.add_cookies([_cookie(client_for(coordinator), base)])
        page = context.new_page()

        page.goto(f"{base}/documents/{doc.pk}/")
        assert page.locator(".document-follow-up tbody tr").count() == 3
        page.locator(".document-follow-up").screenshot(
            path=str(shots / "engagement-1-document-follow-up.png")
        )

        page.goto(f"{base}/tracking/engagements/new/?document={doc.pk}")
        page.select_option("#id_kind", "hearing")
        page.fill("#id_title", MEETING)
        page.fill("#id_date", "2026-03-10")
        page.fill("#id_place", "Asunción, Senate")
        page.select_option("#id_country", str(doc.country_id))
        page.get_by_label("Senate Human Rights Committee").check()
        page.get_by_label("CCPR/C/PRY/CO/4, para. 13:", exact=False).check()
        page.get_by_label("CCPR/C/PRY/CO/4, para. 29:", exact=False).check()
        page.fill("#id_summary", "The committee heard the coalition on pretrial detention.")
        page.fill("#id_follow_up_on", "2026-04-15")
        page.select_option("#id_visibility", "public")
        page.fill("#id_c-0-text", COMMITMENT)
        page.select_option("#id_c-0-by_whom", label="Ministerio de Justicia")
        page.fill("#id_c-0-due_on", "2026-06-30")
        page.get_by_role("button", name="Save").click()
        page.wait_for_url("**/tracking/engagements/*/")
        assert COMMITMENT in page.content()
        page.screenshot(path=str(shots / "engagement-2-meeting.png"))

        page.get_by_role("button", name="Make it an action").click()
        page.wait_for_url("**/tracking/actions/*/")
        assert MEETING in page.content()
        page.screenshot(path=str(shots / "engagement-3-action.png"))
        engagement = Engagement.objects.get(title=MEETING)
        assert Commitment.objects.get(engagement=engagement).action is not None

        # 25 results a page in printed order: paragraph 13 is on the first, 29 on the second.
        page.goto(f"{base}/recommendations/?document={doc.key}&sort=document")
        page.check(f"#pick-{paraguay.recs['13'].pk}")
        page.fill("#add-to-selection-new", "Senate hearing, March 2026")
        page.get_by_role("button", name="Add the ticked recommendations").click()
        page.wait_for_load_state("load")
        page.goto(f"{base}/recommendations/?document={doc.key}&sort=document&page=2")
        page.check(f"#pick-{paraguay.recs['29'].pk}")
        page.get_by_role("button", name="Add the ticked recommendations").click()
        page.wait_for_load_state("load")
        page.goto(f"{base}/recommendations/{paraguay.recs['35'].pk}/")
        page.get_by_role("button", name="Add to selection").click()
        sel = Selection.objects.get(name="Senate hearing, March 2026")
        assert sorted(r.paragraph for r in sel.recommendations.all()) == ["13", "29", "35"]

        page.goto(f"{base}/tracking/selections/{sel.pk}/")
        page.screenshot(path=str(shots / "engagement-4-selection.png"))
        with page.expect_download() as info:
            page.get_by_role("link", name="Briefing pack (DOCX)").click()
        data = Path(info.value.path()).read_bytes()
        context.close()
    text = docx_text(data)
    for words in (TEXT_13, TEXT_35, MEETING, COMMITMENT, "Last meetings and commitments"):
        assert words in text
    (shots / "briefing-selection.docx").write_bytes(data)
