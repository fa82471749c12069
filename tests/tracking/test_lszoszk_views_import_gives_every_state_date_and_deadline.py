"""`rightstrack import` on the 28 files of ``tb-views-lszoszk`` (14 Views, each as .txt and
.json) gives every communication its State party, its date and, where the Committee found
a violation, a reply deadline; the deadlines calendar and `rightstrack deadlines --country
ISO3 --json` list them.

The paragraph files print no heading block. What the text does not say comes from the
source's own metadata index, ``lszoszk/generalcomments`` ``docs/jur/documents-lite.json``
(commit 03ba6ca), read by hand and copied to
``ingest/parsers/documents/data/views_source_index.csv``: ``stateParty`` and
``jurisDecisionDate`` (OHCHR jurisprudence database) or, without one, ``adoptionDate``
(the document's front matter). Checks of those values against other sources:

- CCPR/C/134/D/2836/2016: the OHCHR-Juris record (``tb-juris-worldwidelaw/OHCHR-Juris/
  case_3500.json``) has ``country`` "Kyrgyzstan", ``date`` "2022-03-11", ``session`` "134",
  and the UN document's heading (``CCPR_C_134_D_2836_2016.repaired.txt``) "State party:
  Kyrgyzstan", "Date of adoption of Views: 11 March 2022".
- CRPD/C/34/D/95/2022: index 26 March 2026; the Views' own footnote "Adopted by the
  Committee at its thirty-fourth session (9–27 March 2026)".
- E/C.12/66/D/51/2018: the text's "Date of adoption of decision: 11 October 2019"; the
  index gives Spain (the text only "the State party"; the author is "a Spanish national").
- The texts name the author as a national of the same State (Alimov "a national of
  Kyrgyzstan", Rožalovskis "a national of Latvia", Alaoudh "a national of Saudi Arabia").

Reply periods as the Views print them (MANIFEST §9): CAT "within 90 days", CCPR and CRC
"within 180 days", CED, CEDAW, CRPD and CESCR "within six months"; CERD/C/97/D/58/2016
"within 90 days", dated by the UN document's heading ("Date of present decision: 13 December
2018"; the index has no date, OHCHR-Juris case 2714 neither);
CERD/C/91/D/53/2013 found no violation. Deadlines counted from the date of the Views
(transmittal dates are not known): basis ``adoption`` / calendar ``views_adoption``.
"""

from __future__ import annotations

import io
import json
from datetime import date

import pytest
from django.core.management import call_command
from django.urls import reverse

from rightstrack.catalog.models import Communication

pytestmark = pytest.mark.django_db

#: symbol: (State, date of the Views, period as printed, reply due)
EXPECTED = {
    "CAT/C/78/D/1047/2021": ("SWE", date(2023, 11, 22), "within 90 days", date(2024, 2, 20)),
    "CAT/C/82/D/980/2020": ("BDI", date(2025, 4, 22), "within 90 days", date(2025, 7, 21)),
    "CCPR/C/134/D/2836/2016": ("KGZ", date(2022, 3, 11), "within 180 days", date(2022, 9, 7)),
    "CCPR/C/135/D/2848/2016": ("BLR", date(2022, 7, 7), "within 180 days", date(2023, 1, 3)),
    "CED/C/24/D/4/2021": ("MEX", date(2023, 3, 24), "within six months", date(2023, 9, 24)),
    "CEDAW/C/90/D/162/2020": ("NLD", date(2025, 2, 17), "within six months", date(2025, 8, 17)),
    "CEDAW/C/92/D/187/2022": ("KHM", date(2026, 2, 20), "within six months", date(2026, 8, 20)),
    "CERD/C/91/D/53/2013": ("CHE", date(2016, 12, 5), "", None),
    "CERD/C/97/D/58/2016": ("DNK", date(2018, 12, 13), "within 90 days", date(2019, 3, 13)),
    "CRC/C/93/D/136/2021": ("PER", date(2023, 5, 15), "within 180 days", date(2023, 11, 11)),
    "CRC/C/95/D/165/2021": ("ESP", date(2024, 1, 26), "within 180 days", date(2024, 7, 24)),
    "CRPD/C/32/D/87/2021": ("SAU", date(2025, 3, 19), "within six months", date(2025, 9, 19)),
    "CRPD/C/34/D/95/2022": ("LVA", date(2026, 3, 26), "within six months", date(2026, 9, 26)),
    "E/C.12/66/D/51/2018": ("ESP", date(2019, 10, 11), "within six months", date(2020, 4, 11)),
}


@pytest.fixture
def imported(reference_data, shared_raw) -> str:
    folder = shared_raw / "tb-views-lszoszk"
    files = sorted(str(p) for p in folder.iterdir() if p.suffix in {".txt", ".json"})
    assert len(files) == 28
    out = io.StringIO()
    call_command("import", *files, stdout=out, stderr=io.StringIO())
    return " ".join(out.getvalue().split())


def _deadlines(*args: str) -> list[dict]:
    out = io.StringIO()
    call_command("deadlines", *args, stdout=out)
    return json.loads(out.getvalue())


def test_every_views_gets_its_state_date_and_deadline(imported):
    found = {
        c.symbol: (
            c.country.iso3 if c.country else None,
            c.views_adopted_on,
            c.reply_period_text,
            c.reply_due,
        )
        for c in Communication.objects.select_related("country")
    }
    assert found == EXPECTED
    bases = {c.symbol: c.reply_due_basis for c in Communication.objects.exclude(reply_due=None)}
    assert set(bases.values()) == {"adoption"}
    assert len(bases) == 13  # every Views that found a violation


def test_violations_and_remedies_come_from_the_texts(imported):
    latvia = Communication.objects.get(symbol="CRPD/C/34/D/95/2022")
    assert (latvia.status, latvia.outcome) == ("views_adopted", "violation")
    assert "27 (1) (a)" in latvia.articles_violated
    cambodia = Communication.objects.get(symbol="CEDAW/C/92/D/187/2022")
    assert {"2", "3", "5 (a)", "15 (1)"} <= set(cambodia.articles_violated)
    assert cambodia.remedies


def test_no_views_is_left_without_a_date(imported):
    assert ": warning:" not in imported


def test_the_deadlines_command_lists_them_per_country(imported):
    def replies(iso3: str) -> list[tuple[str, str, str, str]]:
        rows = _deadlines("--country", iso3, "--json", "--kind", "views_reply")
        return sorted((r["date"], r["symbol"], r["item"], r["basis"]) for r in rows)

    assert replies("ESP") == [
        ("2020-04-11", "E/C.12/66/D/51/2018", "51/2018", "views_adoption"),
        ("2024-07-24", "CRC/C/95/D/165/2021", "165/2021", "views_adoption"),
    ]
    assert replies("KGZ") == [
        ("2022-09-07", "CCPR/C/134/D/2836/2016", "2836/2016", "views_adoption")
    ]
    assert replies("LVA") == [("2026-09-26", "CRPD/C/34/D/95/2022", "95/2022", "views_adoption")]
    assert replies("CHE") == []  # no violation found
    # 13 December 2018 + 90 days (CERD/C/97/D/58/2016 para. 10)
    assert replies("DNK") == [("2019-03-13", "CERD/C/97/D/58/2016", "58/2016", "views_adoption")]
    every = _deadlines("--json", "--kind", "views_reply")
    assert len(every) == 13


def test_the_calendar_page_shows_the_reply_deadline(imported, client_for, anonymous):
    response = client_for(anonymous).get(reverse("tracking:deadlines"), {"country": "LVA"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "CRPD/C/34/D/95/2022" in html
    assert 'datetime="2026-09-26"' in html
    assert "counted from the adoption of the Views" in html
