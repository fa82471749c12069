"""The same concluding observations as DOCX and as HTML parse like the plain-text original."""

from __future__ import annotations

import html
from pathlib import Path

import docx

from rightstrack.ingest.parsers.documents.json_output import to_json
from rightstrack.ingest.parsers.documents.kinds import parse_document


def _lines(sample_dir: Path) -> list[str]:
    return (sample_dir / "cat_co_sample.txt").read_text(encoding="utf-8").splitlines()


def test_a_docx_copy_parses_like_the_text(tmp_path, sample_dir):
    document = docx.Document()
    for line in _lines(sample_dir):
        document.add_paragraph(line)
    path = tmp_path / "cat_co_sample.docx"
    document.save(str(path))
    from_docx = to_json(parse_document(path))
    from_text = to_json(parse_document(sample_dir / "cat_co_sample.txt"))
    assert from_docx == from_text
    assert from_docx["follow_up"]["items"] == ["8", "10 (a)", "10 (b)", "12"]


def test_an_html_copy_parses_like_the_text(tmp_path, sample_dir):
    body = "".join(f"<p>{html.escape(line)}</p>\n" for line in _lines(sample_dir))
    path = tmp_path / "cat_co_sample.html"
    path.write_text(
        f"<!DOCTYPE html><html><head><title>CO</title><style>p{{}}</style></head><body>{body}</body></html>"
    )
    from_html = to_json(parse_document(path))
    from_text = to_json(parse_document(sample_dir / "cat_co_sample.txt"))
    assert from_html == from_text
    assert from_html["symbol"] == "CAT/C/KAZ/CO/4"
