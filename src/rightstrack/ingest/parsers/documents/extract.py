"""Text extraction from PDF, DOCX, HTML, JSON records and plain text (pure Python).

Public API (stable; reused by the UPR Working Group report parser)::

    extracted = extract_text(path)          # -> ExtractedText
    extracted.pages                         # list[Page], Page(number=1, text="...")
    extracted.text                          # all pages joined with "\\f"

Formats, detected from the first bytes and then the suffix:

- **PDF** (``%PDF-``): pypdf, page by page. A damaged file raises
  :class:`CorruptFileError`; a PDF whose pages hold no text raises
  :class:`NoTextLayerError` ("OCR is needed").
- **DOCX** (ZIP with ``word/document.xml``): python-docx; paragraphs and table
  cells in document order. Explicit page breaks split pages; otherwise one page.
- **HTML** (``.htm``/``.html`` or a leading ``<html``/``<!doctype html``): the
  standard library's :mod:`html.parser`; block elements end lines.
- **JSON** records of the sources we hold: a list of paragraphs
  ``[{"ID": "8.", "Section": ..., "Text": ...}]`` (lszoszk jurisprudence) or an
  object with a ``text`` field (worldwidelaw records). Other string fields of
  an object (``symbol``, ``date``, ``title``...) are kept in ``meta``.
- **Plain text**: see :func:`decode_bytes`. Form feeds (``\\f``) split pages.

Encoding decision (documented in ``docs``): text showing NUL characters or
U+FFFD replacement characters is **refused** with :class:`BrokenEncodingError`.
Such text (for example UTF-16 read as UTF-8 in ``OHCHR-Juris/case_*.json``) has
already lost its accented letters (``Rodríguez`` became ``Rodr\\ufffdguez``), and
the parties' names must not be stored wrongly; the only safe repair is to get
the file again. Nothing is repaired silently.

Caching: extracting a 20-page PDF with pypdf takes seconds, and one upload is read
several times (format detection, preview, import), often from a staged copy.
:func:`extract_text` and :func:`first_page_text` therefore keep the last
:data:`CACHE_SIZE` results in memory, keyed by the SHA-256 of the file's bytes and its
suffix (the suffix takes part in format detection): hashing is milliseconds, and a
changed file is read again. Errors are never cached. Callers get their own copy (with
their ``path``, their ``pages`` list and ``meta`` dict), so nothing they do changes the
cached result.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from rightstrack.ingest.errors import ImportFailure
from rightstrack.ingest.parsers.archive import ArchiveRefused, check_archive, describe, member_names
from rightstrack.ingest.parsers.documents.errors import (
    BrokenEncodingError,
    CorruptFileError,
    NoTextLayerError,
    UnsupportedFormatError,
)
from rightstrack.ingest.parsers.encoding import decode_text
from rightstrack.ingest.parsers.json_fields import check_record

__all__ = [
    "ExtractedText",
    "Page",
    "check_encoding",
    "decode_bytes",
    "detect_format",
    "extract_text",
    "first_page_text",
]

#: How many extraction results (whole files and first pages) are kept in memory.
CACHE_SIZE = 64


@dataclass(frozen=True)
class Page:
    """One page of extracted text. ``number`` counts from 1 as printed by a PDF viewer."""

    number: int
    text: str


@dataclass
class ExtractedText:
    """The text of one file, page by page.

    Attributes:
        path: the file read.
        format: ``"pdf"``, ``"docx"``, ``"html"``, ``"json"`` or ``"text"``.
        pages: pages in order (at least one).
        encoding: the character encoding used for text/HTML/JSON files, else ``None``.
        meta: string fields found beside the text in a JSON record (``symbol``,
            ``date``, ``title``...); empty for other formats.
    """

    path: Path
    format: str
    pages: list[Page]
    encoding: str | None = None
    meta: dict[str, str] = field(default_factory=dict)

    @property
    def text(self) -> str:
        """All pages joined with form feeds."""
        return "\f".join(p.text for p in self.pages)

    @property
    def name(self) -> str:
        """The file name (for messages)."""
        return self.path.name


def detect_format(path: Path, head: bytes) -> str:
    """Return the format of ``path`` from its first bytes, then its suffix.

    Raises:
        UnsupportedFormatError: a binary format we do not read (XLSX, legacy .doc, images...).
    """
    suffix = path.suffix.lower()
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        names = member_names(path)
        if names is None and suffix == ".docx":
            raise CorruptFileError(path, "damaged DOCX file (not a readable ZIP archive)")
        if names is not None and "word/document.xml" in names:
            return "docx"
        raise UnsupportedFormatError(
            path, "ZIP-based file that is not a Word document (DOCX); cannot read it"
        )
    if suffix == ".pdf":
        raise CorruptFileError(path, "file named .pdf does not start with a PDF header")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise UnsupportedFormatError(
            path, "legacy Word/Office binary file (.doc); save it as DOCX or PDF first"
        )
    if head[:8].startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*")):
        raise NoTextLayerError(path, "image file without a text layer; OCR is needed")
    lowered = head[:512].lstrip().lower()
    if suffix in {".htm", ".html"} or lowered.startswith((b"<!doctype html", b"<html")):
        return "html"
    if suffix == ".json" or lowered.startswith((b"{", b"[")):
        return "json"
    return "text"


def extract_text(path: str | Path) -> ExtractedText:
    """Extract the text of a PDF, DOCX, HTML, JSON record or plain-text file.

    Args:
        path: the file.

    Returns:
        :class:`ExtractedText` with 1-based pages.

    Raises:
        CorruptFileError: damaged PDF/DOCX, unreadable file, or a DOCX that expands
            too much ("the file expands to more than N MB": checked by
            :func:`~rightstrack.ingest.parsers.archive.check_archive` before python-docx
            opens it).
        NoTextLayerError: PDF (or image) without any text layer; OCR is needed.
        BrokenEncodingError: text with NUL or U+FFFD characters (wrongly decoded).
        UnsupportedFormatError: a format we do not read.
    """
    path = Path(path)
    cached = _extract_cached(path, _file_key(path))
    return dataclasses.replace(cached, path=path, pages=list(cached.pages), meta=dict(cached.meta))


def first_page_text(path: str | Path) -> str:
    """The text of page 1 of a PDF, for format detection; ``""`` when it cannot be read.

    Uses the whole-file result when :func:`extract_text` already read the file. Never raises
    (a damaged file is reported by the parser that is finally chosen).
    """
    path = Path(path)
    try:
        key = _file_key(path)
        whole = _cache_get(key)
        if whole is not None:
            return str(whole.pages[0].text)
        page = _cache_get(("page-1", *key))
        if page is None:
            page = _first_pdf_page(path)
            _cache_put(("page-1", *key), page)
        return str(page)
    except Exception:  # a damaged file: the parser will name the problem if it is chosen
        return ""


_FileKey = tuple[str, str]
_CACHE: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
_CACHE_LOCK = threading.Lock()


def _file_key(path: Path) -> _FileKey:
    """``(lower-case suffix, SHA-256 of the bytes)``: the same content read the same way."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
    except OSError as exc:
        raise CorruptFileError(path, f"cannot read the file ({exc.strerror})") from exc
    return (path.suffix.lower(), digest.hexdigest())


def clear_cache() -> None:
    """Forget every memoised extraction (benchmarks time the real work this way)."""
    with _CACHE_LOCK:
        _CACHE.clear()


def _cache_get(key: tuple[Any, ...]) -> Any:
    with _CACHE_LOCK:
        value = _CACHE.get(key)
        if value is not None:
            _CACHE.move_to_end(key)
        return value


def _cache_put(key: tuple[Any, ...], value: Any) -> None:
    with _CACHE_LOCK:
        _CACHE[key] = value
        while len(_CACHE) > CACHE_SIZE:
            _CACHE.popitem(last=False)


def _extract_cached(path: Path, key: _FileKey) -> ExtractedText:
    cached = _cache_get(key)
    if isinstance(cached, ExtractedText):
        return cached
    result = _extract_uncached(path)
    _cache_put(key, result)
    return result


def _first_pdf_page(path: Path) -> str:
    import pypdf

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    reader = pypdf.PdfReader(path, strict=False)
    return _normalise_chars(reader.pages[0].extract_text() or "") if reader.pages else ""


def _extract_uncached(path: Path) -> ExtractedText:
    try:
        with path.open("rb") as fh:
            head = fh.read(4096)
    except OSError as exc:
        raise CorruptFileError(path, f"cannot read the file ({exc.strerror})") from exc
    fmt = detect_format(path, head)
    if fmt == "pdf":
        return _extract_pdf(path)
    if fmt == "docx":
        return _extract_docx(path)
    data = path.read_bytes()
    text, encoding = decode_bytes(data, path)
    if fmt == "html":
        text = html_to_text(text)
        check_encoding(text, path)
        return ExtractedText(path, "html", _split_pages(text), encoding)
    if fmt == "json":
        return _extract_json(path, text, encoding)
    check_encoding(text, path)
    return ExtractedText(path, "text", _split_pages(text), encoding)


# --- PDF -------------------------------------------------------------------------------------


def _extract_pdf(path: Path) -> ExtractedText:
    import pypdf
    from pypdf.errors import PdfReadError

    # pypdf logs every repaired object of a damaged file; the error we raise says enough.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = pypdf.PdfReader(path, strict=False)
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception as exc:
                raise CorruptFileError(path, "encrypted PDF; remove the password first") from exc
        count = len(reader.pages)
    except CorruptFileError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise CorruptFileError(path, f"damaged PDF, cannot be opened: {exc}") from exc
    if count == 0:
        raise CorruptFileError(path, "PDF has no pages")
    pages: list[Page] = []
    for index in range(count):
        try:
            text = reader.pages[index].extract_text() or ""
        except Exception as exc:  # pypdf raises many types on damaged content streams
            raise CorruptFileError(
                path, f"damaged PDF content, cannot extract text: {exc}", page=index + 1
            ) from exc
        pages.append(Page(index + 1, _normalise_chars(text)))
    if not any(p.text.strip() for p in pages):
        raise NoTextLayerError(
            path,
            f"PDF has {count} page(s) but no text layer (scanned images?); OCR is needed",
            page=1,
        )
    for page in pages:
        check_encoding(page.text, path, page=page.number)
    return ExtractedText(path, "pdf", pages)


# --- DOCX ------------------------------------------------------------------------------------


def _extract_docx(path: Path) -> ExtractedText:
    import docx
    from docx.oxml.ns import qn

    try:
        check_archive(path, kind="DOCX")
    except ArchiveRefused as exc:
        raise CorruptFileError(path, exc.problem.message) from exc
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises KeyError, ValueError, BadZipFile, MemoryError...
        raise CorruptFileError(path, f"damaged DOCX file: {describe(exc, named=True)}") from exc
    body = document.element.body
    pages: list[list[str]] = [[]]
    for block in body.iterchildren():
        if block.tag == qn("w:p"):
            texts: list[str] = []
            for node in block.iter():
                if node.tag == qn("w:t") and node.text:
                    texts.append(node.text)
                elif node.tag == qn("w:tab"):
                    texts.append("\t")
                elif node.tag == qn("w:br") and node.get(qn("w:type")) == "page":
                    pages[-1].append("".join(texts))
                    texts = []
                    pages.append([])
            pages[-1].append("".join(texts))
        elif block.tag == qn("w:tbl"):
            for row in block.iter(qn("w:tr")):
                cells = []
                for cell in row.iter(qn("w:tc")):
                    cells.append(
                        " ".join(
                            "".join(t.text or "" for t in p.iter(qn("w:t")))
                            for p in cell.iter(qn("w:p"))
                        ).strip()
                    )
                pages[-1].append("\t".join(cells))
    result = [Page(i + 1, _normalise_chars("\n".join(lines))) for i, lines in enumerate(pages)]
    for page in result:
        check_encoding(page.text, path, page=page.number)
    return ExtractedText(path, "docx", result)


# --- HTML ------------------------------------------------------------------------------------

_BLOCK_TAGS = {
    "p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table",
    "section", "article", "header", "footer", "blockquote", "pre", "dt", "dd", "hr",
}  # fmt: skip


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"script", "style", "head"}:
            self._skip += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")
        elif tag in {"td", "th"}:
            self.parts.append("\t")

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style", "head"}:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(re.sub(r"[ \t\r\n]+", " ", data))


def html_to_text(markup: str) -> str:
    """Visible text of an HTML page, one block element per line (scripts and styles dropped)."""
    collector = _TextCollector()
    collector.feed(markup)
    collector.close()
    text = "".join(collector.parts)
    lines = [line.strip() for line in text.split("\n")]
    return _normalise_chars("\n".join(line for line in lines if line))


# --- JSON ------------------------------------------------------------------------------------

#: JSON types of the fields read from a list of paragraphs (lszoszk jurisprudence):
#: a number or a list where a text is expected refuses the file, naming the paragraph.
PARAGRAPH_JSON_TYPES: dict[str, tuple[str, ...]] = {
    "Text": ("a string", "null"),
    "text": ("a string", "null"),
    "ID": ("a string", "null"),
    "GeneratedID": ("a string", "null"),
    "Section": ("a string", "null"),
}


def _extract_json(path: Path, raw: str, encoding: str) -> ExtractedText:
    try:
        data: Any = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise CorruptFileError(path, f"invalid JSON at line {exc.lineno}: {exc.msg}") from exc
    meta: dict[str, str] = {}
    if isinstance(data, list) and data and all(isinstance(x, dict) for x in data):
        lines: list[str] = []
        section = ""
        for index, item in enumerate(data, start=1):
            number_id = item.get("ID") if isinstance(item.get("ID"), str) else None
            try:
                check_record(path, index, item, PARAGRAPH_JSON_TYPES, record_id=number_id)
            except ImportFailure as exc:
                raise CorruptFileError(path, exc.problem.message, row=index) from exc
            text = str(item.get("Text") or item.get("text") or "").strip()
            number = str(item.get("ID") or item.get("GeneratedID") or "").strip()
            new_section = str(item.get("Section") or "").strip()
            if new_section and new_section != section:
                lines.append(new_section)
                section = new_section
            lines.append(f"{number} {text}".strip())
        text = "\n".join(lines)
    elif isinstance(data, dict) and "text" in data:
        try:
            check_record(path, 1, data, {"text": ("a string",)})
        except ImportFailure as exc:
            raise CorruptFileError(path, exc.problem.message, row=1) from exc
        text = data["text"]
        meta = {k: str(v) for k, v in data.items() if k != "text" and isinstance(v, str | int)}
    else:
        raise UnsupportedFormatError(
            path,
            "JSON file is neither a list of paragraphs ({'ID', 'Text'}) nor a record with a 'text' field",
        )
    text = _normalise_chars(text.replace("\r\n", "\n").replace("\r", "\n"))
    check_encoding(text, path, where="field 'text'")
    return ExtractedText(path, "json", _split_pages(text), encoding, meta)


# --- plain text and encodings -----------------------------------------------------------------


def decode_bytes(data: bytes, path: str | Path = "<bytes>") -> tuple[str, str]:
    """Decode the bytes of a text file and normalise line endings to ``\\n``.

    The encoding is chosen from the content by
    :func:`rightstrack.ingest.parsers.encoding.decode_text` (byte-order marks, UTF-16,
    UTF-8, then Mac Roman or Windows-1252 by which one reads as typeset text, then
    charset-normalizer for other scripts). Line endings of any mix (CR, LF, CRLF,
    and the LF-CR pairs of some Mac exports) become ``\\n``.

    Returns:
        ``(text, encoding name)``.
    """
    text, encoding = decode_text(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _normalise_chars(text), encoding


def check_encoding(
    text: str, path: str | Path, *, page: int | None = None, where: str | None = None
) -> None:
    """Refuse text that was decoded with the wrong encoding.

    Raises:
        BrokenEncodingError: the text holds NUL characters (UTF-16 read as UTF-8)
            or U+FFFD replacement characters (bytes already lost). The message gives
            the counts and the line of the first one.
    """
    nuls = text.count("\x00")
    replaced = text.count("\ufffd")
    if not nuls and not replaced:
        return
    first = min(i for i in (text.find("\x00"), text.find("\ufffd")) if i >= 0)
    line = text.count("\n", 0, first) + 1
    what = []
    if nuls:
        what.append(f"{nuls:,} NUL characters (UTF-16 text read as UTF-8?)")
    if replaced:
        what.append(f"{replaced:,} U+FFFD replacement characters (characters already lost)")
    place = f"{where}, " if where else ""
    raise BrokenEncodingError(
        path,
        f"broken text encoding: {' and '.join(what)}, first at {place}line {line}; "
        "letters such as accents cannot be restored safely, so the text is refused - "
        "export the document again from its source",
        page=page,
    )


_CHAR_FIXES = str.maketrans(
    {
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\u00ad": None,  # soft hyphen
        "\ufb01": "fi",
        "\ufb02": "fl",
        "\ufb00": "ff",
        "\ufb03": "ffi",
        "\ufb04": "ffl",
    }
)


def _normalise_chars(text: str) -> str:
    return text.translate(_CHAR_FIXES)


def _split_pages(text: str) -> list[Page]:
    parts = text.split("\f")
    return [Page(i + 1, part) for i, part in enumerate(parts)] or [Page(1, "")]
