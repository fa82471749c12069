"""Actors map: filter by type, detail with assigned recommendations, CSV "mapping of actors"."""

from __future__ import annotations

import csv
import io

from rightstrack.tracking import actions


def test_the_map_filters_by_type_and_counts_assignments(
    coordinator, rec, ministry_a, ministry_b, ngo, client_for, anonymous
):
    ministry_a.mandate = "Justice, police oversight and prisons."
    ministry_a.contact_name = "Directorate of Human Rights"
    ministry_a.save()
    actions.do_assign_recommendation(coordinator, rec, ministry_a, "lead")
    actions.do_assign_recommendation(coordinator, rec, ministry_b, "supporting")
    html = client_for(anonymous).get("/tracking/actors/?org_type=ministry").content.decode()
    assert "Ministry of Justice (A)" in html and "Ministry of Health (B)" in html
    assert "Coalition of Human Rights Defenders" not in html
    assert "Directorate of Human Rights" in html


def test_the_csv_export_lists_recommendations_without_restricted_ones_for_the_public(
    coordinator, rec, restricted_rec, ministry_a, client_for, anonymous
):
    actions.do_assign_recommendation(coordinator, rec, ministry_a, "lead")
    actions.do_assign_recommendation(coordinator, restricted_rec, ministry_a, "lead")
    ministry_a.mandate = '=HYPERLINK("http://evil")'
    ministry_a.save()

    def rows(user):
        response = client_for(user).get("/tracking/actors/?format=csv&q=Justice")
        assert response["Content-Type"].startswith("text/csv")
        assert response.content.startswith(b"\xef\xbb\xbf")  # core.csv_stream: UTF-8 with BOM
        return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"), newline="")))

    header, row = rows(anonymous)
    assert header[0] == "name" and row[0] == "Ministry of Justice (A)"
    assert row[header.index("lead_recommendations")] == "CERD/C/BRA/CO/18-20 para. 17"
    assert row[header.index("mandate")].startswith("'=")  # no formula injection
    _, coord_row = rows(coordinator)
    assert (
        coord_row[header.index("lead_recommendations")]
        == "CERD/C/BRA/CO/18-20 para. 3; CERD/C/BRA/CO/18-20 para. 17"
    )


def test_the_detail_page_shows_only_visible_assigned_recommendations(
    coordinator, rec, restricted_rec, ministry_a, client_for, focal_point_a
):
    actions.do_assign_recommendation(coordinator, rec, ministry_a, "lead", "Police reform")
    actions.do_assign_recommendation(coordinator, restricted_rec, ministry_a, "lead")
    html = client_for(focal_point_a).get(f"/tracking/actors/{ministry_a.pk}/").content.decode()
    assert "CERD/C/BRA/CO/18-20 para. 17" in html and "Police reform" in html
    assert "Q-77" not in html and "para. 3" not in html
    assert (
        "Q-77" in client_for(coordinator).get(f"/tracking/actors/{ministry_a.pk}/").content.decode()
    )
