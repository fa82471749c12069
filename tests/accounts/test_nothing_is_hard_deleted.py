"""Nothing is hard-deleted by users: no delete in the admin, no delete in views or verbs."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.contrib import admin
from django.test import RequestFactory

SRC = Path(__file__).resolve().parents[2] / "src" / "rightstrack"
#: Modules that serve users or change state on their behalf.
USER_FACING = ("views.py", "actions.py", "api.py", "forms.py")
APPS_WITH_RECORDS = {"catalog", "tracking", "accounts", "reports", "portal", "classify", "ingest"}


@pytest.fixture
def superuser_request(admin):
    request = RequestFactory().get("/admin/")
    request.user = admin
    return request


def _registered_admins():
    return [
        (model, model_admin)
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label in APPS_WITH_RECORDS
    ]


def test_the_admin_covers_catalogue_and_tracking_models():
    labels = {m._meta.label for m, _ in _registered_admins()}

    assert {"catalog.Recommendation", "catalog.Document", "accounts.User"} <= labels


@pytest.mark.django_db
def test_no_admin_page_offers_delete_even_to_a_superuser(superuser_request):
    can_delete = [
        model._meta.label
        for model, model_admin in _registered_admins()
        if model_admin.has_delete_permission(superuser_request)
        or "delete_selected" in model_admin.get_actions(superuser_request)
    ]

    assert can_delete == []


@pytest.mark.django_db
def test_archivable_models_get_an_archive_action_instead(superuser_request):
    archivable = [
        model_admin
        for model, model_admin in _registered_admins()
        if any(f.name == "is_archived" for f in model._meta.get_fields())
    ]

    assert archivable
    for model_admin in archivable:
        assert "archive_selected" in model_admin.get_actions(superuser_request), model_admin


@pytest.mark.django_db
def test_archiving_a_recommendation_from_the_admin_keeps_it_and_its_history(client_for, admin):
    from rightstrack.catalog.models import Document, Mechanism, Recommendation

    mech = Mechanism.objects.create(
        code="CAT", kind="treaty_body", name="Committee against Torture"
    )
    doc = Document.objects.create(
        key="CAT/C/X/CO/1", symbol="CAT/C/X/CO/1", doc_type="other", mechanism=mech
    )
    rec = Recommendation.objects.create(natural_key="k1", document=doc, mechanism=mech, text="t")

    response = client_for(admin).post(
        "/admin/catalog/recommendation/",
        {"action": "archive_selected", "_selected_action": [rec.pk]},
    )

    assert response.status_code == 302
    rec.refresh_from_db()
    assert rec.is_archived is True
    assert rec.history.first().is_archived is True
    assert (
        client_for(admin).get(f"/admin/catalog/recommendation/{rec.pk}/delete/").status_code == 403
    )


def _delete_calls(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        f"{path.relative_to(SRC)}:{node.lineno}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in {"delete", "_raw_delete"}
    ]


def test_no_view_verb_api_or_form_module_deletes_rows():
    found = [
        call
        for path in sorted(SRC.rglob("*.py"))
        if path.name in USER_FACING and "migrations" not in path.parts
        for call in _delete_calls(path)
    ]

    assert found == [], "archive instead of deleting (set is_archived and save through a verb)"
