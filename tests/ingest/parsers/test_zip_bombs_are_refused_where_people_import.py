"""A zip bomb is refused through ``rightstrack parse``, ``rightstrack import`` and the
upload, with "the file expands to more than 100 MB" (issue 9, row 5)."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from rightstrack.ingest.models import ImportRun
from rightstrack.ingest.parsers.documents import extract
from rightstrack.ingest.parsers.documents.errors import CorruptFileError

REFUSAL = "the file expands to more than 100 MB"


def test_parse_command_refuses_the_bomb(docx_bomb):
    with pytest.raises(CommandError) as refused:
        call_command("parse", str(docx_bomb), stdout=io.StringIO())
    assert str(refused.value).startswith("bomb.docx: ")
    assert REFUSAL in str(refused.value)


@pytest.mark.django_db
def test_import_command_refuses_the_bomb_and_records_why(reference_data, docx_bomb):
    with pytest.raises(CommandError, match=REFUSAL):
        call_command("import", str(docx_bomb), stdout=io.StringIO())
    run = ImportRun.objects.get()
    assert run.status == "failed"
    assert REFUSAL in run.errors[0]["message"]
    assert run.errors[0]["file"] == "bomb.docx"


@pytest.mark.django_db
def test_import_command_refuses_an_xlsx_bomb(reference_data, tmp_path, make_docx_bomb):
    bomb = make_docx_bomb(tmp_path / "export.xlsx", member="xl/sharedStrings.xml")
    with pytest.raises(CommandError, match=REFUSAL):
        call_command("import", str(bomb), stdout=io.StringIO())


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fmt", "name", "member"),
    [
        ("ohchr-thematic-list", "list.docx", "word/document.xml"),
        ("treaty-body-document", "co.docx", "word/document.xml"),
        ("uhri-xlsx", "uhri.xlsx", "xl/sharedStrings.xml"),
        ("generic-table", "mine.xlsx", "xl/worksheets/sheet1.xml"),
        ("upr-wg-report", "wg.docx", "word/document.xml"),
    ],
)
def test_a_chosen_format_refuses_the_bomb_too(
    reference_data, tmp_path, make_docx_bomb, fmt, name, member
):
    # --format skips detection: each parser checks the archive itself
    bomb = make_docx_bomb(tmp_path / name, member=member)
    with pytest.raises(CommandError, match=REFUSAL):
        call_command("import", str(bomb), "--format", fmt, stdout=io.StringIO())


@pytest.mark.usefixtures("upload_settings", "reference_data")
def test_upload_refuses_the_bomb_with_the_reason(coordinator, client_for, docx_bomb):
    upload = SimpleUploadedFile("bomb.docx", docx_bomb.read_bytes())
    response = client_for(coordinator).post(
        reverse("ingest:upload"), {"file": upload, "visibility": "public", "format": ""}
    )
    html = response.content.decode()
    assert response.status_code == 422
    assert '<span class="problem-where">bomb.docx</span>' in html
    assert REFUSAL in html
    assert ImportRun.objects.count() == 0


def test_a_docx_error_without_text_still_says_what_went_wrong(shared_raw, monkeypatch):
    # under a memory limit python-docx raises MemoryError(), whose text is empty
    import docx

    def out_of_memory(_path):
        raise MemoryError

    monkeypatch.setattr(docx, "Document", out_of_memory)
    extract.clear_cache()
    path = shared_raw / "cerd-brazil-lrcarneiro/CERD-Conclusoes-Indice-Recomendacoes.docx"
    with pytest.raises(CorruptFileError) as refused:
        extract.extract_text(path)
    assert refused.value.problem.message == "damaged DOCX file: MemoryError"
