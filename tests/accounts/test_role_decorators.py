"""``role_required`` / ``publish_required``: login redirect, 403 below the rank, TOTP needed."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import RequestFactory

from rightstrack.accounts.decorators import publish_required, role_required

pytestmark = pytest.mark.django_db


@publish_required
def publish_view(request):
    return HttpResponse("published")


@role_required("coordinator")
def coordinator_view(request):
    return HttpResponse("coordinated")


def _request(user, verified=True):
    request = RequestFactory().get("/tracking/x/")
    request.user = user
    if getattr(user, "is_authenticated", False):
        user.is_verified = lambda: verified
    return request


def test_anonymous_visitors_are_sent_to_login(anonymous):
    response = publish_view(_request(anonymous))

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/tracking/x/"


@pytest.mark.parametrize("role", ["focal_point_a", "validator", "coordinator", "admin"])
def test_publishing_roles_that_passed_totp_may_publish(role, cast):
    assert publish_view(_request(cast[role])).content == b"published"


@pytest.mark.parametrize("role", ["focal_point_a", "coordinator"])
def test_publishing_roles_that_skipped_totp_are_refused(role, cast):
    with pytest.raises(PermissionDenied):
        publish_view(_request(cast[role], verified=False))


@pytest.mark.parametrize("role", ["viewer", "contributor"])
def test_roles_that_cannot_publish_are_refused(role, cast):
    with pytest.raises(PermissionDenied):
        publish_view(_request(cast[role]))


@pytest.mark.parametrize("role", ["validator", "focal_point_b", "viewer"])
def test_coordinator_pages_refuse_lower_ranks(role, cast):
    with pytest.raises(PermissionDenied):
        coordinator_view(_request(cast[role]))
    assert coordinator_view(_request(cast["coordinator"])).content == b"coordinated"
