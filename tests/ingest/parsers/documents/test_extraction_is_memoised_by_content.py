"""Text extraction is memoised by content: a staged copy of an upload is not read twice."""

from __future__ import annotations

from collections import OrderedDict

import pytest

from rightstrack.ingest.parsers.documents import extract
from rightstrack.ingest.parsers.documents.errors import CorruptFileError


@pytest.fixture
def reads(monkeypatch):
    """Empty process cache; ``reads`` lists the files actually read."""
    monkeypatch.setattr(extract, "_CACHE", OrderedDict())
    seen: list[str] = []
    uncached = extract._extract_uncached

    def counting(path):
        seen.append(path.name)
        return uncached(path)

    monkeypatch.setattr(extract, "_extract_uncached", counting)
    return seen


def test_the_same_bytes_under_another_name_are_read_once(tmp_path, reads):
    first = tmp_path / "upload.txt"
    first.write_text("1. The Committee recommends\fPage two", encoding="utf-8")
    copy = tmp_path / "staged-copy.txt"
    copy.write_bytes(first.read_bytes())

    a = extract.extract_text(first)
    b = extract.extract_text(copy)

    assert reads == ["upload.txt"]
    assert [p.text for p in b.pages] == ["1. The Committee recommends", "Page two"]
    assert (a.path, b.path) == (first, copy)  # each caller sees its own file name


def test_a_changed_file_is_read_again(tmp_path, reads):
    path = tmp_path / "co.txt"
    path.write_text("first version", encoding="utf-8")
    assert extract.extract_text(path).text == "first version"
    path.write_text("second version", encoding="utf-8")
    assert extract.extract_text(path).text == "second version"
    assert reads == ["co.txt", "co.txt"]


def test_a_caller_changing_its_result_does_not_change_the_next_one(tmp_path, reads):
    path = tmp_path / "co.txt"
    path.write_text("one\ftwo", encoding="utf-8")
    first = extract.extract_text(path)
    first.pages.clear()
    first.meta["symbol"] = "CERD/C/BRA/CO/18-20"
    again = extract.extract_text(path)
    assert [p.text for p in again.pages] == ["one", "two"]
    assert again.meta == {}


def test_errors_are_not_memoised(tmp_path, reads):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"not a pdf")
    for _ in range(2):
        with pytest.raises(CorruptFileError, match="does not start with a PDF header"):
            extract.extract_text(path)
    assert reads == ["broken.pdf", "broken.pdf"]


def test_the_same_bytes_with_another_suffix_are_read_again(tmp_path, reads):
    # the suffix takes part in format detection (.html is parsed as HTML)
    markup = "<p>Paragraph 17</p><p>Paragraph 19</p>"
    (tmp_path / "page.txt").write_text(markup, encoding="utf-8")
    (tmp_path / "page.html").write_text(markup, encoding="utf-8")
    assert extract.extract_text(tmp_path / "page.txt").format == "text"
    assert extract.extract_text(tmp_path / "page.html").text == "Paragraph 17\nParagraph 19"
    assert reads == ["page.txt", "page.html"]
