"""A bulk import writes the public flag itself and replaces the catalogue's change token
once (SQLite's per-row token triggers are suspended meanwhile): afterwards the flag
follows the rule of docs/security.md, the token differs from the one before, the triggers
are all back, and the next ordinary write replaces the token again."""

from __future__ import annotations

import pytest
from django.db import connection

from rightstrack.catalog.derived import PREFIX, catalogue_token
from rightstrack.catalog.models import Recommendation
from rightstrack.ingest import signals, store
from rightstrack.ingest.pipeline import import_file

pytestmark = pytest.mark.django_db


def change_triggers() -> set[str]:
    with connection.cursor() as cur:
        if connection.vendor == "sqlite":
            cur.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        else:
            cur.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        return {name for (name,) in cur.fetchall() if name.startswith(f"{PREFIX}change_")}


def public_by_rule() -> dict[int, bool]:
    """docs/security.md: public, not archived, in a public document."""
    return {
        pk: vis == "public" and not archived and doc_vis == "public"
        for pk, vis, archived, doc_vis in Recommendation.objects.values_list(
            "pk", "visibility", "is_archived", "document__visibility"
        )
    }


@pytest.mark.parametrize("visibility", ["public", "restricted"])
def test_a_bulk_import_sets_the_flag_and_replaces_the_token(
    reference_data, cycle4, monkeypatch, visibility
):
    monkeypatch.setattr(store, "BULK_LOAD_THRESHOLD", 100)
    before_triggers = change_triggers()
    before_token = catalogue_token()
    during: list[set[str]] = []

    def look(sender, **kwargs):
        during.append(change_triggers())

    signals.bulk_load_started.connect(look, dispatch_uid="test_look_at_change_triggers")
    try:
        run = import_file(cycle4, visibility=visibility)
    finally:
        signals.bulk_load_started.disconnect(dispatch_uid="test_look_at_change_triggers")
    assert run.status == "succeeded" and run.created == 254
    flags = dict(Recommendation.objects.values_list("pk", "is_public"))
    assert flags == public_by_rule()
    # the thematic list of UPR 48 (Slovenia) is a public document: every row public
    assert set(flags.values()) == ({True} if visibility == "public" else {False})
    if connection.vendor == "sqlite":
        assert during == [set()]  # suspended while loading
    after_token = catalogue_token()
    assert after_token != before_token
    assert change_triggers() == before_triggers
    rec = Recommendation.objects.order_by("pk").first()
    rec.text = "Establish a Quillbarrow commission"
    rec.save()
    assert catalogue_token() != after_token  # the per-row triggers are back


def test_a_failed_bulk_import_restores_the_triggers_and_the_token(
    reference_data, cycle4, monkeypatch
):
    monkeypatch.setattr(store, "BULK_LOAD_THRESHOLD", 100)
    before_triggers = change_triggers()
    before_token = catalogue_token()

    def fail(sender, **kwargs):
        raise RuntimeError("disk full")

    signals.bulk_load_finished.connect(fail, dispatch_uid="test_fail_bulk_load")
    try:
        run = import_file(cycle4)
    finally:
        signals.bulk_load_finished.disconnect(dispatch_uid="test_fail_bulk_load")
    assert run.status == "failed"
    assert Recommendation.objects.count() == 0
    assert change_triggers() == before_triggers
    assert catalogue_token() == before_token
