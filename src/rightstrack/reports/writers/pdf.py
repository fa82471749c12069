"""PDF writers: HTML → tagged PDF (WeasyPrint), DOCX → PDF (LibreOffice), and a check
of tagged PDFs.

HTML → PDF, :func:`html_to_pdf` (plain-language summaries). Why WeasyPrint: it
renders the same Django templates as the web pages (one source for HTML and
PDF), needs only Debian's Pango (already there for Chromium), and its
``pdf/ua-1`` variant writes a *tagged* PDF: a structure tree built from the HTML
elements (H1-H3, P, L/LI, Table...) in document order, ``/MarkInfo /Marked
true``, the document language from ``<html lang>`` and the title from
``<title>`` with ``DisplayDocTitle``. The alternative, LibreOffice exporting a
DOCX with "tagged PDF", needs a 1 GB office suite at run time and a headless
process per file. Typical use::

    html = render_to_string("reports/x_print.html", context)
    data = html_to_pdf(html)

DOCX → PDF, :func:`docx_to_pdf` and :func:`docx_or_pdf` (follow-up report, UPR
mid-term report, briefing pack). Those reports are written as DOCX first
(:mod:`rightstrack.reports.writers.docx`), because the DOCX is what users edit
further and what OHCHR accepts as a submission; LibreOffice headless
(``soffice --headless --convert-to pdf``) converts that same file in a
temporary directory with its own throw-away user profile (two conversions at
once do not share a lock) and a timeout. Why not WeasyPrint there: the PDF
would come from a second, HTML rendering of the report and could drift from
the DOCX users edit and send. LibreOffice is needed at run time for PDF only;
DOCX works without it.

Fonts: both writers call :func:`rightstrack.reports.writers.fonts.require_fonts` with
the document's language (``<html lang>``, or the DOCX core property Language) first,
so a Chinese or Arabic PDF fails with the name of the missing font package instead of
printing boxes.

Check, :func:`check_tagged_pdf`: the PDF/UA-style checks (veraPDF is not
packaged for PyPI, Debian or npm).
"""

from __future__ import annotations

import io
import itertools
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rightstrack.reports.writers.fonts import require_fonts

#: Seconds LibreOffice may take to convert one document before we give up.
CONVERT_TIMEOUT = 120


class ConversionError(RuntimeError):
    """LibreOffice is missing, timed out, or produced no PDF (message says which)."""


def html_to_pdf(
    html: str,
    base_url: str | None = None,
    variant: str = "pdf/ua-1",
    stylesheets: Sequence[str] = (),
) -> bytes:
    """Render ``html`` (a complete document with ``lang`` and ``<title>``) to PDF bytes.

    Args:
        html: the HTML document; ``<html lang>`` becomes the PDF ``/Lang``,
            ``<title>`` its Title.
        base_url: where relative URLs (images, CSS) resolve; ``None`` for
            self-contained HTML (data URIs).
        variant: WeasyPrint ``pdf_variant``; ``"pdf/ua-1"`` (tagged, accessible)
            by default.
        stylesheets: CSS texts applied after the document's own styles (templates
            keep their CSS out of the HTML: no inline ``<style>`` anywhere).

    Raises:
        MissingFontError: the language of ``<html lang>`` needs a font that is not
            installed (Chinese, Arabic; the message names the package).
    """
    from weasyprint import CSS, HTML

    lang = re.search(r"<html[^>]*\slang=\"([^\"]+)\"", html[:2000])
    require_fonts(lang.group(1) if lang else "")

    document: Any = HTML(string=html, base_url=base_url)
    data = document.write_pdf(
        pdf_variant=variant, stylesheets=[CSS(string=css) for css in stylesheets]
    )
    assert data is not None  # noqa: S101 - write_pdf() without target returns bytes
    return bytes(data)


def soffice_path() -> str | None:
    """Path of the LibreOffice binary (``soffice`` or ``libreoffice``), or ``None``."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(data: bytes, *, timeout: int = CONVERT_TIMEOUT) -> bytes:
    """Convert DOCX bytes to PDF bytes with LibreOffice headless.

    Runs ``soffice --headless --convert-to pdf`` in a fresh temporary directory
    with its own user profile (``-env:UserInstallation``), killed after
    ``timeout`` seconds.

    Raises:
        ConversionError: LibreOffice not installed, timed out, failed, or wrote no PDF.
        MissingFontError: the document's language (core property Language) needs a
            font that is not installed (Chinese, Arabic; the message names the package).
    """
    require_fonts(docx_language(data))
    binary = soffice_path()
    if binary is None:
        raise ConversionError("LibreOffice (soffice) is not installed: PDF output is unavailable")
    with tempfile.TemporaryDirectory(prefix="rightstrack-pdf-") as tmp:
        work = Path(tmp)
        source = work / "report.docx"
        source.write_bytes(data)
        cmd = [
            binary,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work),
            str(source),
        ]
        try:
            done = subprocess.run(cmd, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            raise ConversionError(f"LibreOffice took more than {timeout} s to convert") from None
        target = work / "report.pdf"
        if done.returncode != 0 or not target.exists():
            err = done.stderr.decode("utf-8", "replace").strip()[:300]
            raise ConversionError(f"LibreOffice failed (exit {done.returncode}): {err}")
        return target.read_bytes()


def docx_language(data: bytes) -> str:
    """The core property Language (``dc:language``) of DOCX bytes; "" when absent."""
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            core = z.read("docProps/core.xml").decode("utf-8", "replace")
    except (KeyError, zipfile.BadZipFile):
        return ""
    found = re.search(r"<dc:language>([^<]*)</dc:language>", core)
    return found.group(1).strip() if found else ""


def docx_or_pdf(fmt: str, render_docx: Callable[[], bytes]) -> bytes:
    """``render_docx()`` as "docx" bytes, or converted by :func:`docx_to_pdf` for "pdf".

    The format is checked before anything is rendered.

    Raises:
        ValueError: ``fmt`` is neither "docx" nor "pdf". ConversionError: PDF conversion failed.
    """
    if fmt not in ("docx", "pdf"):
        raise ValueError(f"unknown format {fmt!r}: use docx or pdf")
    data = render_docx()
    return docx_to_pdf(data) if fmt == "pdf" else data


# --------------------------------------------------------------------------- PDF/UA-style check

#: Operators that paint text (PDF 32000-1, Table 109).
_TEXT_OPS = {b"Tj", b"TJ", b"'", b'"'}


@dataclass
class TaggedPdfReport:
    """Result of :func:`check_tagged_pdf`: ``problems`` is empty when every check passed.

    ``structure`` lists the structure element types in tree (reading) order,
    e.g. ``["Document", "Art", "H1", "P", "Sect", "H2", ...]``.
    """

    problems: list[str] = field(default_factory=list)
    structure: list[str] = field(default_factory=list)
    text: str = ""
    lang: str = ""
    title: str = ""

    @property
    def ok(self) -> bool:
        return not self.problems

    def headings(self) -> list[str]:
        """``["H1", "H2", "H3", ...]`` in reading order."""
        return [s for s in self.structure if len(s) == 2 and s[0] == "H" and s[1].isdigit()]


def check_tagged_pdf(data: bytes) -> TaggedPdfReport:
    """A PDF/UA-1-style check of tags and reading order, with pypdf.

    veraPDF (the reference PDF/UA validator) is a Java program that no
    package registry reachable here ships (PyPI, Debian, npm were checked), so
    this is the documented equivalent of its machine-checkable core
    (ISO 14289-1 §7.1-7.4, §7.18 and the Matterhorn Protocol checkpoints 01,
    06, 07, 09, 11, 14):

    1. ``/MarkInfo /Marked true`` and a ``/StructTreeRoot`` with a ``/ParentTree``;
    2. a document language (``/Lang``);
    3. a title in the metadata and ``/ViewerPreferences /DisplayDocTitle true``;
    4. every page has ``/StructParents`` and tab order ``/Tabs /S``;
    5. every text-painting operator of every page sits inside a marked-content
       sequence (tagged content, or an ``/Artifact``): no untagged text;
    6. headings start at H1 and never skip a level (H1 -> H3);
    7. reading order: on each page, the marked-content ids met in a depth-first
       walk of the structure tree increase, i.e. the logical order is the
       order in which the content is painted (list labels ``Lbl`` excepted:
       WeasyPrint paints list markers after the item text). ``report.text``
       is the document text read in structure order, for checking that
       headings and paragraphs come in the order of the source.

    Returns:
        A :class:`TaggedPdfReport`; ``report.problems`` says what failed.
    """
    from pypdf import PdfReader
    from pypdf.generic import ArrayObject, ContentStream, DictionaryObject, NumberObject

    report = TaggedPdfReport()
    reader = PdfReader(io.BytesIO(data))
    root: Any = reader.trailer["/Root"]
    mark_info = root.get("/MarkInfo")
    if not (mark_info and mark_info.get("/Marked")):
        report.problems.append("MarkInfo /Marked is not true")
    tree = root.get("/StructTreeRoot")
    if tree is None:
        report.problems.append("no StructTreeRoot")
        return report
    tree = tree.get_object()
    if "/ParentTree" not in tree:
        report.problems.append("StructTreeRoot has no ParentTree")
    report.lang = str(root.get("/Lang") or "")
    if not report.lang:
        report.problems.append("no document /Lang")
    metadata: Any = reader.metadata or {}
    report.title = str(metadata.get("/Title") or "")
    if not report.title:
        report.problems.append("no Title in the document metadata")
    prefs = root.get("/ViewerPreferences")
    if not (prefs and prefs.get_object().get("/DisplayDocTitle")):
        report.problems.append("ViewerPreferences /DisplayDocTitle is not true")

    pages: Any = reader.pages
    page_index = {page.indirect_reference.idnum: i for i, page in enumerate(pages)}
    # (page, mcid, inside a list label) in structure-tree order.
    visits: list[tuple[int, int, bool]] = []

    def walk(node: Any, page: int, label: bool) -> None:
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, ArrayObject):
            for kid in node:
                walk(kid, page, label)
        elif isinstance(node, NumberObject):
            visits.append((page, int(node), label))
        elif isinstance(node, DictionaryObject):
            if "/Pg" in node:
                page = page_index.get(node.raw_get("/Pg").idnum, page)
            if "/S" in node:
                kind = str(node["/S"]).lstrip("/")
                report.structure.append(kind)
                label = label or kind == "Lbl"
            if node.get("/Type") == "/MCR" and "/MCID" in node:
                visits.append((page, int(node["/MCID"]), label))  # type: ignore[call-overload]
            if "/K" in node:
                walk(node["/K"], page, label)

    walk(tree.get("/K"), -1, False)
    texts = _text_by_mcid(reader)
    report.text = "".join(texts.get((page, mcid), "") for page, mcid, _l in visits)

    for i, page in enumerate(reader.pages):
        if "/StructParents" not in page:
            report.problems.append(f"page {i + 1}: no /StructParents (content not marked)")
        if page.get("/Tabs") != "/S":
            report.problems.append(f"page {i + 1}: tab order is not /S (structure)")
        depth = 0
        untagged = 0
        for _operands, op in ContentStream(page.get_contents(), reader).operations:
            if op in (b"BDC", b"BMC"):
                depth += 1
            elif op == b"EMC":
                depth -= 1
            elif op in _TEXT_OPS and depth <= 0:
                untagged += 1
        if untagged:
            report.problems.append(
                f"page {i + 1}: {untagged} text operators outside marked content"
            )
        order = [mcid for page_no, mcid, label in visits if page_no == i and not label]
        if order != sorted(order):
            report.problems.append(f"page {i + 1}: structure order differs from content order")

    levels = [int(h[1]) for h in report.headings()]
    if not levels or levels[0] != 1:
        report.problems.append("the first heading is not H1")
    for before, after in itertools.pairwise(levels):
        if after > before + 1:
            report.problems.append(f"heading level skipped: H{before} -> H{after}")
    return report


def _text_by_mcid(reader: Any) -> dict[tuple[int, int], str]:
    """``{(page index, MCID): text}``, decoded by pypdf's text extraction."""
    texts: dict[tuple[int, int], str] = {}
    for i, page in enumerate(reader.pages):
        stack: list[int | None] = []

        def before(op: bytes, args: Any, cm: Any, tm: Any, stack: list[int | None] = stack) -> None:
            if op == b"BDC":
                props = args[1] if len(args) > 1 else None
                mcid = props.get("/MCID") if props is not None and hasattr(props, "get") else None
                stack.append(int(mcid) if mcid is not None else None)
            elif op == b"BMC":
                stack.append(None)
            elif op == b"EMC" and stack:
                stack.pop()

        def on_text(
            text: str, cm: Any, tm: Any, font: Any, size: Any, i: int = i, stack: list[Any] = stack
        ) -> None:
            current = next((m for m in reversed(stack) if m is not None), None)
            if current is not None and text:
                texts[(i, current)] = texts.get((i, current), "") + text

        page.extract_text(visitor_operand_before=before, visitor_text=on_text)
    return texts
