"""``do_update_preferences``: the only way "My account" changes a user, with a history row."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from rightstrack.accounts.actions import do_update_preferences

pytestmark = pytest.mark.django_db


def test_it_saves_the_language_and_writes_a_history_row(viewer):
    before = viewer.history.count()

    do_update_preferences(viewer, language="ar")

    viewer.refresh_from_db()
    assert viewer.language == "ar"
    assert viewer.history.count() == before + 1
    assert viewer.history.first().history_change_reason == "preferences updated"


def test_it_refuses_fields_that_are_not_preferences(viewer):
    with pytest.raises(ValueError, match="role"):
        do_update_preferences(viewer, role="admin")
    viewer.refresh_from_db()
    assert viewer.role == "viewer"


def test_only_contributors_can_hide_their_name(viewer, contributor):
    with pytest.raises(PermissionDenied):
        do_update_preferences(viewer, hide_name_publicly=True)
    do_update_preferences(contributor, hide_name_publicly=False)
    contributor.refresh_from_db()
    assert contributor.hide_name_publicly is False
