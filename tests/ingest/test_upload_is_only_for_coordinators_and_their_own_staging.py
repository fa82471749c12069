"""Only coordinators and administrators upload; each confirms only their own staged file."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from rightstrack.ingest import staging

from .upload_helpers import (
    catalogue_state,
    staging_entries,
)

pytestmark = pytest.mark.usefixtures("upload_settings")

REFUSED = ["viewer", "contributor", "focal_point_a", "validator"]
CSV = (
    b"symbol,paragraph,country,mechanism,text\n"
    b"CERD/C/BRA/CO/18-20,17,BRA,CERD,Adopt a national plan against racial discrimination.\n"
)


def _stage(user):
    return staging.stage_upload(SimpleUploadedFile("matrix.csv", CSV), user)


@pytest.mark.parametrize("role", REFUSED)
def test_other_roles_get_403_on_every_page(role, cast, coordinator, client_for):
    client = client_for(cast[role])
    staged = _stage(coordinator)

    assert client.get(reverse("ingest:upload")).status_code == 403
    posted = client.post(reverse("ingest:upload"), {"file": SimpleUploadedFile("a.csv", CSV)})
    assert posted.status_code == 403
    assert client.post(reverse("ingest:confirm"), {"staged": staged.id}).status_code == 403
    assert client.post(reverse("ingest:cancel"), {"staged": staged.id}).status_code == 403
    assert client.get(reverse("ingest:run_list")).status_code == 403
    assert staged.path.is_file()
    assert catalogue_state()["runs"] == 0


def test_anonymous_visitors_are_sent_to_the_login_page(anonymous, coordinator, client_for):
    client = client_for(anonymous)
    staged = _stage(coordinator)

    page = client.get(reverse("ingest:upload"))
    confirm = client.post(reverse("ingest:confirm"), {"staged": staged.id})

    assert page.status_code == 302
    assert page["Location"].startswith("/accounts/login/?next=/ingest/upload/")
    assert confirm.status_code == 302
    assert "/accounts/login/" in confirm["Location"]
    assert staged.path.is_file()
    assert catalogue_state()["runs"] == 0


@pytest.mark.parametrize("who", ["coordinator", "admin"])
def test_coordinators_and_admins_see_the_form(who, cast, client_for):
    response = client_for(cast[who]).get(reverse("ingest:upload"))

    html = response.content.decode()
    assert response.status_code == 200
    assert 'enctype="multipart/form-data"' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert 'value="restricted"' in html


def test_another_coordinator_cannot_confirm_or_cancel_someone_elses_upload(
    coordinator, client_for, nmrf, upload_settings
):
    from rightstrack.accounts.models import User

    other = User.objects.create(username="coordinator2", role="coordinator", organisation=nmrf)
    staged = _stage(coordinator)
    client = client_for(other)

    assert client.post(reverse("ingest:confirm"), {"staged": staged.id}).status_code == 404
    assert client.post(reverse("ingest:cancel"), {"staged": staged.id}).status_code == 404
    assert staged.path.is_file()
    assert catalogue_state()["runs"] == 0


@pytest.mark.parametrize(
    "tampered",
    ["", "not-a-uuid", "../../../etc/passwd", "0" * 32, "A" * 32, "{uuid}-0", "{upper}"],
)
def test_a_tampered_staging_id_fails(tampered, coordinator, client_for, upload_settings):
    staged = _stage(coordinator)
    value = tampered.format(uuid=staged.id, upper=staged.id.upper())
    client = client_for(coordinator)

    response = client.post(reverse("ingest:confirm"), {"staged": value})

    assert response.status_code == 404
    assert staged.path.is_file()
    assert catalogue_state()["runs"] == 0


def test_confirm_and_cancel_refuse_get(coordinator, client_for):
    client = client_for(coordinator)

    assert client.get(reverse("ingest:confirm")).status_code == 405
    assert client.get(reverse("ingest:cancel")).status_code == 405


def test_cancel_deletes_the_staged_file_and_stores_nothing(
    coordinator, client_for, upload_settings
):
    staged = _stage(coordinator)
    before = catalogue_state()

    response = client_for(coordinator).post(
        reverse("ingest:cancel"), {"staged": staged.id}, follow=True
    )

    assert response.status_code == 200
    assert "Upload of matrix.csv cancelled; nothing was stored." in response.content.decode()
    assert not staged.path.exists()
    assert staging_entries(upload_settings) == []
    assert catalogue_state() == before


def test_confirm_requires_the_csrf_token(coordinator, client_for, upload_settings):
    client = client_for(coordinator)
    client.handler.enforce_csrf_checks = True
    staged = _stage(coordinator)

    response = client.post(reverse("ingest:confirm"), {"staged": staged.id})

    assert response.status_code == 403
    assert catalogue_state()["runs"] == 0


def test_confirming_twice_imports_once(coordinator, client_for, reference_data, upload_settings):
    from rightstrack.catalog.models import Recommendation
    from rightstrack.ingest.models import ImportRun

    staged = _stage(coordinator)
    client = client_for(coordinator)

    first = client.post(reverse("ingest:confirm"), {"staged": staged.id})
    second = client.post(reverse("ingest:confirm"), {"staged": staged.id})

    run = ImportRun.objects.get()
    assert first["Location"] == reverse("ingest:run_detail", args=[run.pk])
    assert run.status == ImportRun.Status.SUCCEEDED, run.errors
    assert run.created == 1
    assert Recommendation.objects.get().paragraph == "17"
    assert second.status_code == 404  # the staged file is claimed, then gone
    assert ImportRun.objects.count() == 1


def test_no_url_serves_a_staged_file(coordinator, client_for, upload_settings):
    staged = _stage(coordinator)
    relative = staged.path.relative_to(upload_settings.MEDIA_ROOT).as_posix()

    for client in (client_for(coordinator), client_for(None)):
        response = client.get(f"{upload_settings.MEDIA_URL}{relative}")
        assert response.status_code == 404
        assert b"Adopt a national plan" not in response.content
