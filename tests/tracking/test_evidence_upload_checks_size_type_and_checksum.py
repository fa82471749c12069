"""Evidence files: size limit, allowed types by extension AND content, SHA-256 checksum."""

from __future__ import annotations

import hashlib
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from rightstrack.tracking import actions
from rightstrack.tracking.evidence import check_upload
from rightstrack.tracking.models import Evidence

# A valid 1x1 PNG (signature, IHDR, IDAT, IEND).
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _docx_bytes() -> bytes:
    import docx

    buf = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("Follow-up report of the NHRI")
    document.save(buf)
    return buf.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "mime"),
    [
        ("photo.png", PNG, "image/png"),
        ("reply.pdf", PDF, "application/pdf"),
        ("notes.txt", "Données reçues le 8 janvier 2026\n".encode(), "text/plain"),
        ("figures.csv", b"year,officers\n2024,120\n", "text/csv"),
    ],
)
def test_allowed_files_pass_with_their_checksum(name, data, mime):
    checked = check_upload(name, io.BytesIO(data), len(data))
    assert checked.content_type == mime
    assert checked.size == len(data)
    assert checked.sha256 == hashlib.sha256(data).hexdigest()


def test_a_real_docx_passes():
    data = _docx_bytes()
    assert check_upload("report.docx", io.BytesIO(data)).extension == "docx"


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("tool.exe", b"MZ\x90\x00" + b"\x00" * 60, "type"),
        ("page.html", b"<html></html>", "type"),
        ("fake.pdf", b"<html><script>alert(1)</script></html>", "content"),
        ("fake.png", PDF, "content"),
        ("fake.docx", PNG, "content"),
        ("binary.txt", b"abc\x00def", "content"),
        ("latin1.csv", "année".encode("latin-1"), "content"),
        ("empty.pdf", b"", "empty"),
    ],
)
def test_wrong_types_and_mismatched_content_are_refused(name, data, code):
    with pytest.raises(ValidationError) as err:
        check_upload(name, io.BytesIO(data), len(data))
    assert err.value.code == code


def test_files_over_the_limit_are_refused_even_if_the_declared_size_lies(settings):
    settings.RIGHTSTRACK_EVIDENCE_MAX_BYTES = 100
    big = PDF + b"%" * 200
    with pytest.raises(ValidationError) as err:
        check_upload("big.pdf", io.BytesIO(big), len(big))
    assert err.value.code == "size"
    with pytest.raises(ValidationError):
        check_upload("big.pdf", io.BytesIO(big), size=10)


def test_upload_through_the_form_stores_the_file_and_its_checksum(
    coordinator, action_a, client_for, settings, tmp_path
):
    upload = SimpleUploadedFile("training-photo.png", PNG, content_type="image/png")
    response = client_for(coordinator).post(
        f"/tracking/action/{action_a.pk}/evidence/new/",
        {"title": "Training session", "file": upload},
    )
    assert response.status_code == 302
    ev = Evidence.objects.get()
    assert ev.sha256 == hashlib.sha256(PNG).hexdigest()
    assert (ev.size, ev.original_name, ev.content_type) == (
        len(PNG),
        "training-photo.png",
        "image/png",
    )
    assert ev.file.name.startswith("evidence/")
    assert (tmp_path / ev.file.name).read_bytes() == PNG
    download = client_for(coordinator).get(f"/tracking/evidence/{ev.pk}/")
    assert b"".join(download.streaming_content) == PNG


def test_a_refused_upload_shows_the_reason_and_stores_nothing(
    coordinator, action_a, client_for, settings
):
    settings.RIGHTSTRACK_EVIDENCE_MAX_BYTES = 50
    upload = SimpleUploadedFile("reply.pdf", PDF, content_type="application/pdf")
    response = client_for(coordinator).post(
        f"/tracking/action/{action_a.pk}/evidence/new/", {"file": upload}
    )
    assert response.status_code == 400
    assert "larger than the limit" in response.content.decode()
    assert not Evidence.objects.exists()


def test_evidence_of_a_pending_assessment_cannot_be_downloaded_by_the_public(
    contributor, rec, client_for, anonymous, viewer
):
    import datetime as dt

    a = actions.do_submit_assessment(
        contributor, rec, date=dt.date(2025, 2, 10), level="partial", text="x"
    )
    ev = actions.do_add_evidence(
        contributor, assessment=a, upload=SimpleUploadedFile("p.png", PNG), title="photo"
    )
    assert client_for(contributor).get(f"/tracking/evidence/{ev.pk}/").status_code == 200
    for user in (anonymous, viewer):
        assert client_for(user).get(f"/tracking/evidence/{ev.pk}/").status_code == 404


def test_focal_point_b_cannot_attach_evidence_to_ministry_a_action(
    focal_point_b, action_a, client_for
):
    response = client_for(focal_point_b).post(
        f"/tracking/action/{action_a.pk}/evidence/new/", {"url": "https://example.org/report"}
    )
    assert response.status_code == 403
    assert not Evidence.objects.exists()
