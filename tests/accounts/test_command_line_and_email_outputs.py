"""Command-line exports, the deadlines command and reminder digests keep restricted
records out unless an operator explicitly asks (``--include-restricted``)."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.utils import timezone

from .conftest import MARKER

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_the_export_command_leaves_restricted_records_out_by_default(fmt, full_world, tmp_path):
    out = tmp_path / f"recs.{fmt}"
    call_command("export", "recommendations", "--format", fmt, "-o", str(out))
    text = out.read_text(encoding="utf-8-sig")

    assert "police violence" in text
    assert MARKER not in text

    call_command(
        "export", "recommendations", "--format", fmt, "-o", str(out), "--include-restricted"
    )
    assert MARKER in out.read_text(encoding="utf-8-sig")


def test_the_deadlines_command_leaves_restricted_items_out_by_default(full_world):
    stdout = io.StringIO()
    call_command("deadlines", "--country", "BRA", "--json", stdout=stdout)
    public = json.loads(stdout.getvalue())

    assert MARKER not in stdout.getvalue()

    stdout = io.StringIO()
    call_command("deadlines", "--country", "BRA", "--json", "--include-restricted", stdout=stdout)
    assert MARKER in stdout.getvalue()
    assert len(json.loads(stdout.getvalue())) > len(public)


def test_a_focal_point_digest_lists_public_work_but_no_restricted_item(full_world, cast):
    from rightstrack.tracking.reminders import build_digest

    today = timezone.localdate()
    for role in ("focal_point_a", "focal_point_b", "validator"):
        digest = build_digest(cast[role], today)
        if digest is not None:
            assert MARKER not in digest.text + digest.html + digest.subject, role


def test_a_coordinator_digest_includes_the_restricted_items(full_world, cast):
    from rightstrack.tracking.reminders import build_digest

    digest = build_digest(cast["coordinator"], timezone.localdate())

    assert digest is not None
    assert MARKER in digest.text


def _docx_text(content: bytes) -> str:
    import zipfile

    with zipfile.ZipFile(io.BytesIO(content)) as zf:
        return zf.read("word/document.xml").decode("utf-8")


@pytest.mark.parametrize("role", ["focal_point_a", "validator", "contributor"])
def test_the_briefing_pack_of_ministry_a_leaves_its_restricted_work_out(
    role, full_world, cast, client_for
):
    ministry_a = full_world.objects["organisation"][0]
    response = client_for(cast[role]).get(
        f"/reports/briefing/?organisation={ministry_a.pk}&language=en&fmt=docx"
    )

    assert response.status_code == 200
    text = _docx_text(response.content)
    assert "Train police officers" in text
    assert MARKER not in text
