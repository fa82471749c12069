"""An SPT visit recorded as confidential, with its publication requested, shows in the
coordinator's dashboard and nowhere public; once marked published, its recommendations
appear in the portal (issue 15, "Done means"). Everything through the pages.

Facts, from the SPT's own documents (OHCHR document store; copies on atlas-of-torture.org):

* CAT/OP/PRY/2 (report on the follow-up visit, 30 May 2011), para. 2: the SPT's first
  regular visit to Paraguay "took place on 10–16 March 2009"; the report "was initially
  transmitted to the State party on a confidential basis on 24 August 2009"; "On 4 June
  2010, the State party announced its decision to make the report public."
* CAT/OP/PRY/1 is that report, dated 7 June 2010 (its cover page). Paragraph 28 (cut
  short here): the SPT "recommends the early adoption of the legislative measures
  necessary to align Paraguayan legislation with international treaties on torture,
  especially article 1 of the Convention against Torture".

The report's confidential symbol is not given in these documents, so none is entered.
"""

from __future__ import annotations

import datetime as dt

import pytest

from rightstrack.catalog.models import Country, Mechanism, Recommendation, Visit

pytestmark = pytest.mark.django_db

PARA_28 = (
    "The SPT regrets that the recent revision of the Criminal Code has not modified the "
    "definition of the offence of torture and recommends the early adoption of the "
    "legislative measures necessary to align Paraguayan legislation with international "
    "treaties on torture, especially article 1 of the Convention against Torture."
)
#: A word of paragraph 28 that no other record of the test has (searched for), and a
#: phrase of it (looked for in the answers: the search box echoes the word).
WORD = "Paraguayan"
PHRASE = "align Paraguayan legislation"
LOW = ["anonymous", "viewer", "contributor", "focal_point_a", "validator"]


def _public_outputs(iso3: str) -> list[str]:
    return [
        f"/recommendations/?country={iso3}",
        f"/recommendations/?q={WORD}",
        f"/recommendations.json?country={iso3}",
        f"/recommendations.csv?q={WORD}",
        f"/api/v1/recommendations?country={iso3}",
        f"/api/v1/recommendations?q={WORD}",
        f"/countries/{iso3}/",
        f"/tracking/countries/{iso3}/dashboard/",
    ]


def _text(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def test_the_spt_visit_to_paraguay_from_confidential_to_published(reference_data, cast, client_for):
    spt = Mechanism.objects.get(code="SPT")
    paraguay = Country.objects.get(iso3="PRY")
    coordinator = client_for(cast["coordinator"])

    # 1. The coordinator records the visit, confidential.
    response = coordinator.post(
        "/tracking/visits/new/",
        {
            "kind": "visit",
            "mechanism": spt.pk,
            "country": paraguay.pk,
            "title": "First regular visit of the SPT to Paraguay",
            "started_on": "2009-03-10",
            "ended_on": "2009-03-16",
            "transmitted_on": "2009-08-24",
        },
    )
    assert response.status_code == 302
    visit = Visit.objects.get()
    assert response["Location"] == f"/tracking/visits/{visit.pk}/"
    assert visit.status == Visit.Status.CONFIDENTIAL
    assert visit.legal_basis == "OP-CAT art. 16 (2)"
    assert visit.document.visibility == "restricted"
    manage = f"/tracking/visits/{visit.pk}/"

    # 2. It enters paragraph 28 of the report: restricted.
    response = coordinator.post(
        manage, {"form": "recommendation", "paragraph": "28", "text": PARA_28}
    )
    assert response.status_code == 302
    rec = Recommendation.objects.get(document=visit.document)
    assert (rec.paragraph, rec.year, rec.visibility, rec.is_public) == (
        "28",
        2009,
        "restricted",
        False,
    )

    html = coordinator.get(manage).content.decode()
    assert "First regular visit of the SPT to Paraguay" in html
    assert "OP-CAT art. 16 (2)" in html
    assert "align Paraguayan legislation" in html
    assert f'href="{manage}"' in coordinator.get("/tracking/visits/").content.decode()

    # 3. Paraguay asks for publication (4 June 2010): still confidential.
    visit.refresh_from_db()
    response = coordinator.post(
        manage, {"form": "request", "version": visit.version, "requested_on": "2010-06-04"}
    )
    assert response.status_code == 302
    visit.refresh_from_db()
    assert visit.status == Visit.Status.PUBLICATION_REQUESTED
    assert visit.publication_requested_on == dt.date(2010, 6, 4)

    # The coordinator's dashboards list it...
    for url in ("/tracking/countries/PRY/dashboard/", "/tracking/"):
        html = coordinator.get(url).content.decode()
        assert f'href="{manage}"' in html, url
        assert "Publication requested" in html, url
    # ... and nothing below coordinator shows it or its recommendation.
    for role in LOW:
        client = client_for(cast[role])
        for url in _public_outputs("PRY"):
            body = _text(client.get(url))
            assert PHRASE not in body, (role, url)
            assert manage not in body, (role, url)
        assert client.get(f"/recommendations/{rec.pk}/").status_code == 404, role
        assert client.get(f"/documents/{visit.document_id}/").status_code == 404, role
        assert client.get(f"/api/v1/recommendations/{rec.pk}").status_code == 404, role
        assert client.get(manage).status_code in (302, 403), role

    # 4. Marked published (CAT/OP/PRY/1, 7 June 2010): public everywhere.
    response = coordinator.post(
        manage,
        {
            "form": "published",
            "version": visit.version,
            "published_on": "2010-06-07",
            "symbol": "CAT/OP/PRY/1",
        },
    )
    assert response.status_code == 302
    visit.refresh_from_db()
    rec.refresh_from_db()
    assert (visit.status, visit.published_symbol) == (Visit.Status.PUBLISHED, "CAT/OP/PRY/1")
    assert (rec.natural_key, rec.is_public) == ("CAT/OP/PRY/1#28", True)
    anonymous = client_for(cast["anonymous"])
    for url in _public_outputs("PRY")[:6]:
        body = _text(anonymous.get(url))
        assert PHRASE in body, url
    assert "CAT/OP/PRY/1" in anonymous.get(f"/documents/{visit.document_id}/").content.decode()
    assert anonymous.get(f"/recommendations/{rec.pk}/").status_code == 200
    # The record itself stays a coordinator's page, and leaves the "to watch" panel.
    assert client_for(cast["viewer"]).get(manage).status_code == 403
    assert f'href="{manage}"' not in coordinator.get("/tracking/").content.decode()
    reasons = list(
        visit.history.order_by("history_id").values_list("history_change_reason", flat=True)
    )
    assert reasons == [
        "visit recorded",
        "report attached",
        "publication requested",
        "report published",
    ]
