"""DOCX and XLSX files are XML inside a ZIP. A file whose XML declares entities must not
read the server's files (XXE) or expand exponentially ("billion laughs") when a user
uploads or imports it: the readers (python-docx over lxml with ``resolve_entities=False``;
openpyxl) are checked here through the commands a user runs.
"""

from __future__ import annotations

import contextlib
import io
import time
import zipfile
from pathlib import Path

import docx
import pytest
from django.core.management import CommandError, call_command

from rightstrack.ingest.parsers.documents.extract import extract_text

SECRET = "SECRET-MARKER-7f3a"

XXE_DOCTYPE = '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file://{path}">]>'
LAUGHS_DOCTYPE = (
    "<!DOCTYPE w:document ["
    '<!ENTITY a "lol">'
    + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9))
    + "]>"
)


def _docx_with(tmp_path: Path, doctype: str, entity: str) -> Path:
    """A real DOCX (made by python-docx) whose document.xml declares ``doctype`` and uses
    ``&entity;`` in a paragraph of concluding observations."""
    source = docx.Document()
    source.add_paragraph("Concluding observations on the fifth periodic report of Paraguay")
    source.add_paragraph("ENTITY-HERE")
    buffer = io.BytesIO()
    source.save(buffer)
    out = tmp_path / "entities.docx"
    with zipfile.ZipFile(buffer) as zin, zipfile.ZipFile(out, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                text = data.decode("utf-8")
                head, rest = text.split("?>", 1)
                text = head + "?>" + doctype + rest.replace("ENTITY-HERE", f"&{entity};")
                data = text.encode("utf-8")
            zout.writestr(item, data)
    return out


def _parse(path: Path) -> str:
    out = io.StringIO()
    try:
        call_command("parse", str(path), "--json", stdout=out)
    except CommandError as exc:
        return f"refused: {exc}"
    return out.getvalue()


def test_an_external_entity_never_reads_a_server_file(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET)
    path = _docx_with(tmp_path, XXE_DOCTYPE.format(path=secret), "xxe")
    assert SECRET not in _parse(path)
    # The part holding the entity is read (its other paragraph is in the text that the
    # parser and the upload preview get); only the entity is not expanded.
    text = extract_text(path).text
    assert "Concluding observations on the fifth periodic report of Paraguay" in text
    assert SECRET not in text


def test_nested_entities_do_not_expand(tmp_path):
    # Expanded, &j; would be 10^9 times "lol" (3 GB); the reader must not try.
    path = _docx_with(tmp_path, LAUGHS_DOCTYPE, "j")
    started = time.perf_counter()
    result = _parse(path)
    assert time.perf_counter() - started < 10
    assert "lollollollol" not in result


def _xlsx(tmp_path: Path, name: str, text: str, doctype: str = "") -> Path:
    """A generic-table XLSX (made by openpyxl) with one recommendation whose text cell is
    ``text``; ``doctype`` is put before the root element of the XML part holding it."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["symbol", "paragraph", "text", "mechanism", "country"])
    sheet.append(["CCPR/C/PRY/CO/4", "1", "ENTITY-HERE", "CCPR", "PRY"])
    buffer = io.BytesIO()
    book.save(buffer)
    path = tmp_path / name
    with zipfile.ZipFile(buffer) as zin, zipfile.ZipFile(path, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if b"ENTITY-HERE" in data:
                part = data.decode("utf-8").replace("ENTITY-HERE", text)
                if doctype and "?>" in part:
                    head, rest = part.split("?>", 1)
                    part = head + "?>" + doctype + rest
                elif doctype:
                    part = doctype + part
                data = part.encode("utf-8")
            zout.writestr(item, data)
    return path


@pytest.mark.django_db
def test_an_xlsx_with_an_external_entity_stores_nothing_of_the_file(tmp_path, reference_data):
    from rightstrack.catalog.models import Recommendation

    # The same workbook without an entity is imported: the path stores the cell's text.
    call_command(
        "import", str(_xlsx(tmp_path, "plain.xlsx", "Adopt a law on torture")), verbosity=0
    )
    assert Recommendation.objects.filter(text="Adopt a law on torture").exists()

    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET)
    doctype = f'<!DOCTYPE x [<!ENTITY xxe SYSTEM "file://{secret}">]>'
    # Refusing the file is fine; reading the secret is not.
    with contextlib.suppress(CommandError):
        call_command("import", str(_xlsx(tmp_path, "xxe.xlsx", "&xxe;", doctype)), verbosity=0)
    assert not Recommendation.objects.filter(text__contains=SECRET).exists()
