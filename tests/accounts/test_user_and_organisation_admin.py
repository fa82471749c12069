"""Admins and coordinators manage users and organisations in the admin; others cannot."""

from __future__ import annotations

import pytest

from rightstrack.accounts.models import Organisation, User

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ["admin", "coordinator"])
def test_managers_see_the_user_list(role, cast, client_for):
    response = client_for(cast[role]).get("/admin/accounts/user/")

    assert response.status_code == 200
    assert "focal_a" in response.content.decode()


@pytest.mark.parametrize(
    "role", ["validator", "focal_point_a", "focal_point_b", "contributor", "viewer", "anonymous"]
)
def test_everyone_else_is_kept_out_of_the_admin(role, cast, client_for):
    response = client_for(cast[role]).get("/admin/accounts/user/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_a_coordinator_creates_an_organisation_with_history(client_for, coordinator):
    response = client_for(coordinator).post(
        "/admin/accounts/organisation/add/",
        {"name": "Ministry of Education", "acronym": "MEDU", "org_type": "ministry"},
    )

    assert response.status_code == 302
    org = Organisation.objects.get(name="Ministry of Education")
    assert org.history.get().history_user == coordinator


def test_a_coordinator_cannot_edit_an_admin_account(client_for, coordinator, admin):
    response = client_for(coordinator).get(f"/admin/accounts/user/{admin.pk}/change/")

    # View-only: the form has no save button.
    assert response.status_code == 200
    assert 'name="_save"' not in response.content.decode()


def test_a_coordinator_cannot_grant_the_admin_role(client_for, coordinator, viewer):
    page = client_for(coordinator).get(f"/admin/accounts/user/{viewer.pk}/change/")

    html = page.content.decode()
    assert 'value="coordinator"' in html
    assert 'value="admin"' not in html


def test_users_are_deactivated_not_deleted(client_for, admin, viewer):
    response = client_for(admin).post(
        "/admin/accounts/user/", {"action": "deactivate_users", "_selected_action": [viewer.pk]}
    )

    assert response.status_code == 302
    viewer.refresh_from_db()
    assert viewer.is_active is False
    assert User.objects.filter(pk=viewer.pk).exists()
