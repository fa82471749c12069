"""The whole daily follow-up of CCPR/C/PRY/CO/4 by a coordinator, in one run of a real
Chromium, on the document imported with ``rightstrack import`` from
``shared/data/raw/ccpr-co-rolandccpr/CCPR_C_PRY_CO_4.txt``:

1. the coordinator adds the Senate human-rights committee ("Comisión de Derechos
   Humanos de la Cámara de Senadores") to the actors map and invites its focal point;
2. the focal point opens the emailed link, chooses a password and enrols two-factor
   (the test computes the TOTP code from the key shown on the page, RFC 6238, as an
   authenticator app would);
3. from the committee's page the coordinator records a hearing with that committee on
   paragraphs 13 and 29, with the commitment "The Ministry will present a bill by June";
4. the commitment becomes an action of the national plan in one click;
5. a selection of paragraphs 13, 29 (ticked on the document's list) and 35 (added from
   its page), and its briefing pack (DOCX) lists the meeting and the commitment.

Checked by hand in the document: paragraph 47 asks for information on paragraphs 13, 29
and 35 within two years; the texts are in ``tests/paraguay_engagement.py``.

Screenshots (1280 px wide) go to ``$RIGHTSTRACK_SCREENSHOTS`` when set, else to a
temporary folder; the ones kept are ``docs/screenshots/flow-*.png``.
"""

from __future__ import annotations

import io
import os
import re
from base64 import b32decode
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command
from django_otp.oath import totp

from browser_support import BROWSER_MARKS, chromium
from paraguay_engagement import COMMITMENT, SYMBOL, TEXT_13, TEXT_29, TEXT_35

pytestmark = [*BROWSER_MARKS, pytest.mark.slow]

COMMITTEE = "Comisión de Derechos Humanos de la Cámara de Senadores"
MEETING = "Audiencia de la Comisión de Derechos Humanos del Senado"
FOCAL_EMAIL = "focal.cddhh@senado.example"
PASSWORD = "palacio-legislativo-asuncion-24"
SELECTION = "Audiencia en el Senado, marzo de 2026"


def docx_text(data: bytes) -> str:
    """Every paragraph and table cell of a DOCX, whitespace collapsed."""
    import docx

    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts.extend(cell.text for row in table.rows for cell in row.cells)
    return " ".join(" ".join(parts).split())


@pytest.fixture
def paraguay_imported(reference_data, shared_raw, coordinator):
    """CCPR/C/PRY/CO/4 imported from the real file, the Senate, a ministry and a plan."""
    from rightstrack.accounts.actions import do_create_organisation
    from rightstrack.catalog.models import Country, Document
    from rightstrack.tracking.actions import do_create_plan

    call_command(
        "import",
        str(shared_raw / "ccpr-co-rolandccpr" / "CCPR_C_PRY_CO_4.txt"),
        stdout=io.StringIO(),
    )
    pry = Country.objects.get(iso3="PRY")
    do_create_organisation(
        coordinator, name="Cámara de Senadores", org_type="parliament", country=pry
    )
    do_create_organisation(
        coordinator, name="Ministerio de Justicia", acronym="MJ", org_type="ministry", country=pry
    )
    do_create_plan(
        coordinator, title="Plan Nacional de Derechos Humanos", kind="national", country=pry
    )
    return Document.objects.get(symbol=SYMBOL)


class Shots:
    """Screenshots of the viewport (1280 px wide) into one folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)

    def __call__(self, page, name: str, *, full: bool = False) -> None:
        page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=str(self.folder / f"flow-{name}.png"), full_page=full)


VIEWPORT = {"width": 1280, "height": 800}


def _add_committee_and_invite(page, base: str, shot: Shots) -> str:
    page.goto(base + "/tracking/actors/")
    page.get_by_role("link", name="Add an organisation").click()
    page.get_by_label("Name:", exact=True).fill(COMMITTEE)
    page.get_by_label("Acronym").fill("CDDHH")
    page.get_by_label("Kind of actor").select_option("parliament")
    page.get_by_label("Country").select_option(label="Paraguay")
    page.get_by_label("Part of").select_option(label="Cámara de Senadores")
    page.get_by_label("Mandate").fill(
        "Estudia y dictamina los proyectos de ley sobre derechos humanos."
    )
    # Prose fields are in the page's font, not the browser's monospace default.
    fonts = page.evaluate(
        "[getComputedStyle(document.body).fontFamily,"
        " getComputedStyle(document.querySelector('#id_mandate')).fontFamily]"
    )
    assert fonts[0] == fonts[1]
    shot(page, "01-add-actor")
    page.get_by_role("button", name="Save").click()
    assert page.locator("h1").inner_text() == f"{COMMITTEE} (CDDHH)"
    committee_url = page.url

    page.get_by_role("link", name="Invite a person").click()
    page.get_by_label("Email address").fill(FOCAL_EMAIL)
    page.get_by_label("Name (used to greet them)").fill("Lilian")
    page.get_by_label("Role").select_option("focal_point")
    page.get_by_label("Language of the invitation and of the account").select_option("es")
    shot(page, "02-invite")
    page.get_by_role("button", name="Send the invitation").click()
    assert f"Invitation sent to {FOCAL_EMAIL}." in page.content()
    return committee_url


def _accept_and_enrol(browser, link: str, base: str, shot: Shots) -> None:
    invitee = browser.new_context(viewport=VIEWPORT)
    page = invitee.new_page()
    page.goto(link)
    assert "Step 1 of 2" in page.content()
    page.get_by_label("First name").fill("Lilian")
    page.get_by_label("Last name").fill("Ortiz")
    page.get_by_label("Login name").fill("lortiz-cddhh")
    page.get_by_label("Password:", exact=True).fill(PASSWORD)
    page.get_by_label("Password again").fill(PASSWORD)
    shot(page, "03-accept-invitation")
    page.get_by_role("button", name="Continue to two-factor set-up").click()
    assert "/accounts/two-factor/setup/" in page.url
    shot(page, "04-two-factor")
    key = page.locator(".totp-key").inner_text().replace(" ", "")
    code = f"{totp(b32decode(key + '=' * (-len(key) % 8))):06d}"
    # From here the account is the invitee's own, in the language of the invitation.
    page.get_by_label("Código de seis dígitos de su aplicación de autenticación").fill(code)
    page.get_by_role("button", name="Confirmar").click()
    assert page.url == base + "/tracking/"
    assert "La autenticación de dos factores está activada para su cuenta." in page.content()
    invitee.close()


def _record_meeting(page, committee_url: str, doc, shot: Shots) -> None:
    page.goto(committee_url)
    assert "Lilian Ortiz" in page.locator("main").inner_text()  # its account, now active
    shot(page, "05-committee", full=True)
    page.get_by_role("link", name="Record an engagement with this organisation").click()
    page.get_by_role("link", name=SYMBOL).click()
    assert page.get_by_label(COMMITTEE).is_checked()
    page.select_option("#id_kind", "hearing")
    page.fill("#id_title", MEETING)
    page.fill("#id_date", "2026-03-10")
    page.fill("#id_place", "Asunción, Cámara de Senadores")
    page.get_by_label("People involved").fill("Lilian Ortiz, focal point of the committee")
    page.get_by_label(f"{SYMBOL}, para. 13:", exact=False).check()
    page.get_by_label(f"{SYMBOL}, para. 29:", exact=False).check()
    page.fill("#id_summary", "The committee heard the coalition on pretrial detention.")
    page.fill("#id_follow_up_on", "2026-04-15")
    page.select_option("#id_visibility", "public")
    page.fill("#id_c-0-text", COMMITMENT)
    page.select_option("#id_c-0-by_whom", label="Ministerio de Justicia")
    page.fill("#id_c-0-due_on", "2026-06-30")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/tracking/engagements/*/")
    assert "Engagement saved." in page.content()
    shot(page, "06-meeting", full=True)


def _make_selection(page, base: str, recs: dict, doc) -> None:
    # 25 results a page in printed order: paragraph 13 is on the first, 29 on the second.
    page.goto(f"{base}/recommendations/?document={doc.key}&sort=document")
    page.check(f"#pick-{recs['13'].pk}")
    page.fill("#add-to-selection-new", SELECTION)
    page.get_by_role("button", name="Add the ticked recommendations").click()
    page.wait_for_load_state("load")
    page.goto(f"{base}/recommendations/?document={doc.key}&sort=document&page=2")
    page.check(f"#pick-{recs['29'].pk}")
    page.get_by_role("button", name="Add the ticked recommendations").click()
    page.wait_for_load_state("load")
    page.goto(f"{base}/recommendations/{recs['35'].pk}/")
    page.get_by_role("button", name="Add to selection").click()
    page.wait_for_load_state("load")


@pytest.mark.django_db(transaction=True)
def test_a_coordinator_maps_invites_meets_plans_and_briefs_on_ccpr_c_pry_co_4(
    paraguay_imported, coordinator, client_for, live_server, tmp_path
):
    from django.conf import settings

    from rightstrack.accounts.models import Organisation, User
    from rightstrack.accounts.twofactor import has_confirmed_device
    from rightstrack.tracking.models import Commitment, Engagement, Selection

    doc = paraguay_imported
    recs = {r.paragraph: r for r in doc.recommendations.all()}
    shot = Shots(Path(os.environ.get("RIGHTSTRACK_SCREENSHOTS") or tmp_path))
    base = live_server.url
    session = client_for(coordinator).cookies[settings.SESSION_COOKIE_NAME].value
    with chromium() as browser:
        context = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
        context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": base}])
        page = context.new_page()

        committee_url = _add_committee_and_invite(page, base, shot)
        committee = Organisation.objects.get(name=COMMITTEE)
        assert (committee.parent.name, committee.country.iso3) == ("Cámara de Senadores", "PRY")
        (message,) = mail.outbox
        assert message.to == [FOCAL_EMAIL]
        link = re.search(r"(https?://\S+/accounts/invitation/\S+/)", message.body).group(1)
        assert link.startswith(base)
        _accept_and_enrol(browser, link, base, shot)
        focal = User.objects.get(username="lortiz-cddhh")
        assert (focal.role, focal.organisation, focal.language) == ("focal_point", committee, "es")
        assert has_confirmed_device(focal)

        _record_meeting(page, committee_url, doc, shot)
        meeting = Engagement.objects.get(title=MEETING)
        assert list(meeting.organisations.all()) == [committee]
        assert sorted(meeting.recommendations.values_list("paragraph", flat=True)) == ["13", "29"]
        page.get_by_role("button", name="Make it an action").click()
        page.wait_for_url("**/tracking/actions/*/")
        assert MEETING in page.content()
        shot(page, "07-action")
        action = Commitment.objects.get(engagement=meeting).action
        assert action is not None and action.plan.title == "Plan Nacional de Derechos Humanos"

        # The committee's page now lists the meeting.
        page.goto(committee_url)
        assert MEETING in page.content()

        _make_selection(page, base, recs, doc)
        selection = Selection.objects.get(name=SELECTION)
        assert sorted(r.paragraph for r in selection.recommendations.all()) == ["13", "29", "35"]
        page.goto(f"{base}/tracking/selections/{selection.pk}/")
        shot(page, "08-selection")
        with page.expect_download() as info:
            page.get_by_role("link", name="Briefing pack (DOCX)").click()
        data = Path(info.value.path()).read_bytes()
        context.close()
    text = docx_text(data)
    for words in (TEXT_13, TEXT_29, TEXT_35, "Last meetings and commitments", MEETING, COMMITMENT):
        assert words in text, words
    (shot.folder / "flow-briefing-selection.docx").write_bytes(data)
