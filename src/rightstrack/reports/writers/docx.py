"""DOCX writer: the python-docx building blocks of every DOCX the reports app writes.

Callers: the follow-up report, the UPR mid-term report, the briefing pack
(:data:`REPORT_LOOK`) and the plain-language summary (:data:`SUMMARY_LOOK`).

Documents are built from Word's *built-in* styles (Title, Heading 1-3, Quote,
List Bullet, List Number, Table Grid), so they stay editable, restyle in Word
and LibreOffice, and their headings feed the navigation pane, the table of
contents and LibreOffice's tagged-PDF export. Only the font, sizes and heading
colour of those styles are set, from a :class:`Look`. The document language is
set on the default run properties (``w:lang``: Latin, complex-script/right-to-left
and East Asian text) and in the core properties.

Right-to-left languages (Arabic): :func:`to_bytes` marks every paragraph ``w:bidi``
(right-to-left paragraph), every run ``w:rtl``, every table ``w:bidiVisual`` and every
section ``w:bidi``, as Word writes them for an Arabic document; the styles carry the
same marks so paragraphs a user adds later are right to left too. Arabic and Chinese text
get the Noto fonts (``w:cs`` "Noto Sans Arabic", ``w:eastAsia`` "Noto Sans CJK SC", from
Debian's fonts-noto-core and fonts-noto-cjk) whatever the look's Latin font.

Typical use::

    doc = new_document("Title", "en", large_print=False)
    add_title(doc, "Title")
    add_heading(doc, "Section", level=1)
    add_paragraph(doc, "Text", lead="Note:")
    add_list(doc, ["one", "two"])
    data = to_bytes(doc)

PDF: :func:`rightstrack.reports.writers.pdf.docx_to_pdf` converts these files.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext
from docx import Document as new_docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from rightstrack.core.xml_text import xml_safe

#: ``Content-Type`` of a DOCX file.
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

#: Styles whose font and size a :class:`Look` sets.
STYLES = ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3")


@dataclass(frozen=True)
class Look:
    """Font, sizes and colour of one family of documents.

    Attributes:
        font: font family of every styled text.
        sizes: point sizes by style name (every name of :data:`STYLES`).
        colour: heading colour, hex ``RRGGBB``.
        coloured: the styles drawn in ``colour``.
        a4: page size A4 (21 × 29.7 cm); ``False`` keeps the python-docx
            template's page (US Letter).
    """

    font: str
    sizes: Mapping[str, float]
    colour: str
    coloured: tuple[str, ...]
    a4: bool


#: Follow-up report, mid-term report, briefing pack: Liberation Sans (metric-compatible
#: with Arial; shipped with LibreOffice on Debian, so the PDF conversion keeps the layout).
REPORT_LOOK = Look(
    font="Liberation Sans",
    sizes={"Normal": 10.5, "Title": 24, "Heading 1": 16, "Heading 2": 13, "Heading 3": 11},
    colour="1F3A5F",
    coloured=("Title", "Heading 1", "Heading 2", "Heading 3"),
    a4=True,
)
#: Plain-language summary: DejaVu Sans (wide coverage of scripts), smaller headings.
SUMMARY_LOOK = Look(
    font="DejaVu Sans",
    sizes={"Normal": 10.5, "Title": 20, "Heading 1": 14, "Heading 2": 12, "Heading 3": 11},
    colour="0B3B70",
    coloured=("Heading 1", "Heading 2", "Heading 3"),
    a4=False,
)
#: Large print sizes (points), whatever the look: >= 18 pt body text, as recommended for
#: large-print documents by the UK Association for Accessible Formats.
LARGE_PRINT_SIZES: Mapping[str, float] = {
    "Normal": 18,
    "Title": 28,
    "Heading 1": 24,
    "Heading 2": 21,
    "Heading 3": 19,
}
#: Fill of a table's header row (hex ``RRGGBB``).
HEADER_FILL = "DCE6F0"
#: Languages written right to left (of the UN's six: Arabic).
RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur"})
#: Font of complex-script (Arabic) text and of East Asian (Chinese) text in every look.
COMPLEX_SCRIPT_FONT = "Noto Sans Arabic"
EAST_ASIAN_FONT = "Noto Sans CJK SC"

# Successors of each element in its parent's schema sequence (ECMA-376 Part 1, §17.3.1.26
# pPr, §17.3.2.28 rPr, §17.6.17 sectPr, §17.4.60 tblPr): Word rejects out-of-order children.
_AFTER_BIDI = (
    "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
    "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
    "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
    "w:pPrChange",
)  # fmt: skip
_AFTER_RTL = ("w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath")
_AFTER_BCS = (
    "w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike", "w:dstrike", "w:outline",
    "w:shadow", "w:emboss", "w:imprint", "w:noProof", "w:snapToGrid", "w:vanish",
    "w:webHidden", "w:color", "w:spacing", "w:w", "w:kern", "w:position", "w:sz", "w:szCs",
    "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign", *_AFTER_RTL,
    "w:rtl",
)  # fmt: skip
_AFTER_SZCS = (
    "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl",
    *_AFTER_RTL,
)  # fmt: skip
_AFTER_SECT_BIDI = ("w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange")
_AFTER_BIDI_VISUAL = (
    "w:tblStyleRowBandSize", "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing",
    "w:tblInd", "w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook",
    "w:tblCaption", "w:tblDescription",
)  # fmt: skip


def is_rtl(language: str) -> bool:
    """True when ``language`` (a BCP 47 tag: ``ar``, ``ar-EG``...) is written right to left."""
    return language.split("-")[0].lower() in RTL_LANGUAGES


def new_document(
    title: str,
    language: str = "en",
    *,
    large_print: bool = False,
    landscape: bool = False,
    look: Look = REPORT_LOOK,
) -> Any:
    """A new, empty DOCX with its metadata, language, page and styles set.

    Args:
        title: core property Title (shown by readers; the PDF title after conversion).
        language: BCP 47 tag (``en``, ``es``, ``ar``, ``zh-hans``...): core property
            Language and ``w:lang`` of Latin, complex-script (right-to-left) and
            East Asian text.
        large_print: :data:`LARGE_PRINT_SIZES` instead of the look's sizes.
        landscape: landscape pages (width and height swapped).
        look: font, sizes, colour and page size (:data:`REPORT_LOOK` or
            :data:`SUMMARY_LOOK`).

    Returns:
        A ``docx.document.Document``. Margins are 2 cm on every side.
    """
    doc = new_docx()
    doc.core_properties.title = xml_safe(title)
    doc.core_properties.language = language
    doc.core_properties.author = "RightsTrack"
    for section in doc.sections:
        if look.a4:
            section.page_width, section.page_height = Cm(21.0), Cm(29.7)
        if landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = section.page_height, section.page_width
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Cm(2))
    sizes = LARGE_PRINT_SIZES if large_print else look.sizes
    colour = RGBColor.from_string(look.colour)
    rtl = is_rtl(language)
    for name in STYLES:
        style = doc.styles[name]
        style.font.name = look.font
        style.font.size = Pt(sizes[name])
        if name in look.coloured:
            style.font.color.rgb = colour
        rpr = style.element.get_or_add_rPr()
        rpr.get_or_add_rFonts()
        # Complex-script text (Arabic) takes its size from w:szCs, not w:sz.
        _ensure(rpr, "w:szCs", _AFTER_SZCS).set(qn("w:val"), str(round(sizes[name] * 2)))
        if rtl:
            _ensure(style.element.get_or_add_pPr(), "w:bidi", _AFTER_BIDI)
            _ensure(rpr, "w:rtl", _AFTER_RTL)
    _script_fonts(doc, rtl)
    _set_language(doc.styles["Normal"], language)
    return doc


def _script_fonts(doc: Any, rtl: bool) -> None:
    """Name the Noto fonts for Arabic and Chinese text in every style of ``doc`` (the
    template's Title, Subtitle and headings name theme fonts, which win over named ones,
    and resolve to fonts without Arabic). In a right-to-left document, drop the styles'
    expanded letter spacing (Title, Subtitle), which pulls Arabic letters apart, and
    their complex-script italics (``w:iCs``; Arabic is not set in slanted type)."""
    for fonts in doc.styles.element.iter(qn("w:rFonts")):
        for theme in ("w:cstheme", "w:eastAsiaTheme"):
            fonts.attrib.pop(qn(theme), None)
        fonts.set(qn("w:cs"), COMPLEX_SCRIPT_FONT)
        fonts.set(qn("w:eastAsia"), EAST_ASIAN_FONT)
    if rtl:
        for rpr in list(doc.styles.element.iter(qn("w:rPr"))):
            for unwanted in (*rpr.findall(qn("w:spacing")), *rpr.findall(qn("w:iCs"))):
                rpr.remove(unwanted)


def _ensure(parent: Any, tag: str, successors: Sequence[str]) -> Any:
    """The ``tag`` child of ``parent``, inserted at its schema position when missing."""
    found = parent.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        parent.insert_element_before(found, *successors)
    return found


def _switch(element: Any, on: bool) -> None:
    """An on/off property (``w:bidi``, ``w:rtl``): no ``w:val`` is on, ``"0"`` is off."""
    if on:
        element.attrib.pop(qn("w:val"), None)
    else:
        element.set(qn("w:val"), "0")


def text_direction(text: str) -> str:
    """ "rtl" when ``text`` holds a right-to-left letter (Unicode bidirectional classes R
    and AL: Arabic, Hebrew...), "ltr" when it holds only left-to-right letters (class
    L), "" when it has no letter at all (digits, punctuation, symbols). A paragraph
    mixing both, such as "CERD/C/BRA/CO/18-20، الفقرة 19 (c)", is right to left."""
    kinds = {unicodedata.bidirectional(char) for char in text}
    if kinds & {"R", "AL"}:
        return "rtl"
    return "ltr" if "L" in kinds else ""


def make_right_to_left(doc: Any) -> None:
    """Mark every paragraph, run, table and section of ``doc`` right to left (Arabic).

    Paragraphs get ``w:bidi`` in their properties (right-aligned, right-to-left
    reading order), their runs ``w:rtl`` (and ``w:bCs`` beside ``w:b``, the bold of
    complex-script text), tables ``w:bidiVisual`` (first column on the right) and
    sections ``w:bidi``. A paragraph outside tables without any right-to-left letter
    (an official text quoted in English or French, as imported) stays a left-to-right
    paragraph: "(a) Ensure …" keeps its item letter on the left. Idempotent; :func:`to_bytes` calls it for
    right-to-left documents (:func:`is_rtl` of the core property Language).
    """
    body = doc.element.body
    in_tables = {p for tbl in body.iter(qn("w:tbl")) for p in tbl.iter(qn("w:p"))}
    for p in body.iter(qn("w:p")):
        text = "".join(t.text or "" for t in p.iter(qn("w:t")))
        # Explicit "0" on left-to-right paragraphs: the styles are right to left.
        rtl = p in in_tables or text_direction(text) != "ltr"
        _switch(_ensure(p.get_or_add_pPr(), "w:bidi", _AFTER_BIDI), rtl)
        for r in p.iter(qn("w:r")):
            rpr = r.get_or_add_rPr()
            _switch(_ensure(rpr, "w:rtl", _AFTER_RTL), rtl)
            if rtl and rpr.find(qn("w:b")) is not None:
                _ensure(rpr, "w:bCs", _AFTER_BCS)
    for tbl in body.iter(qn("w:tbl")):
        _ensure(tbl.tblPr, "w:bidiVisual", _AFTER_BIDI_VISUAL)
    for sect in body.iter(qn("w:sectPr")):
        _ensure(sect, "w:bidi", _AFTER_SECT_BIDI)


#: Word's language tags where a UI language code differs (Word and LibreOffice choose
#: the Simplified Chinese face of Noto Sans CJK for "zh-CN", not for "zh-hans").
_WORD_LANGUAGE = {"zh-hans": "zh-CN", "zh": "zh-CN"}


def _set_language(style: Any, language: str) -> None:
    lang = OxmlElement("w:lang")
    word = _WORD_LANGUAGE.get(language.lower(), language)
    for script in ("w:val", "w:bidi", "w:eastAsia"):
        lang.set(qn(script), word)
    if word == "zh-CN":
        # Latin-script text in a Chinese document is English quoted as imported: tagged
        # zh-CN, LibreOffice breaks it inside words ("1954-1 / 989"). Word does the same.
        lang.set(qn("w:val"), "en-GB")
    style.element.get_or_add_rPr().append(lang)


def add_title(doc: Any, text: str) -> Any:
    """The document title (style Title); returns the paragraph."""
    return doc.add_paragraph(xml_safe(text), style="Title")


def add_heading(doc: Any, text: str, level: int = 1) -> Any:
    """A heading of ``level`` 1-3 (built-in Heading styles); returns the paragraph."""
    return doc.add_heading(xml_safe(text), level=level)


def add_paragraph(
    doc: Any, text: str = "", *, style: str | None = None, bold: bool = False, lead: str = ""
) -> Any:
    """Append a paragraph and return it.

    Args:
        doc: the document.
        text: the text; each ``\\n`` starts a new line (a line break, same paragraph).
        style: a built-in paragraph style (``"Quote"``, ``"List Bullet"``...); ``None``
            for Normal.
        bold: the whole ``text`` in bold.
        lead: a lead-in printed in bold before ``text``; a plain space separates them
            unless ``lead`` ends with one.
    """
    para = doc.add_paragraph(style=style)
    text, lead = xml_safe(text), xml_safe(lead)
    if lead:
        para.add_run(lead).bold = True
        if text and not lead.endswith(" "):
            para.add_run(" ")
    if text or not lead:
        for i, line in enumerate(text.split("\n")):
            if i:
                para.add_run().add_break()
            run = para.add_run(line)
            if bold:
                run.bold = True
    return para


def add_label_value(doc: Any, label: str, value: str) -> Any:
    """A paragraph "**label:** value" with the colon of the active language (French puts
    a no-break space before it, Chinese a full-width colon); returns it."""
    lead = gettext("%(label)s:") % {"label": label}
    return add_paragraph(doc, value, lead=lead if lead.endswith("：") else f"{lead} ")


def add_quote(doc: Any, text: str, *, language: str | None = None) -> Any:
    """A text as printed (a recommendation), in the built-in "Quote" style; returns it.

    ``language``: the language the text is written in, when it may differ from the
    document's (an English paragraph quoted in a Spanish report): its runs are tagged with
    it (:func:`mark_language`) so that screen readers, spelling and hyphenation, and the
    tagged PDF, treat it as that language (WCAG 2.2 SC 3.1.2, language of parts).
    """
    para = add_paragraph(doc, text, style="Quote")
    if language:
        mark_language(para, language)
    return para


#: ``w:lang`` attribute that carries a language, by script (ECMA-376 Part 1, §17.3.2.20):
#: ``w:bidi`` for complex-script (Arabic) text, ``w:eastAsia`` for Chinese, ``w:val`` else.
_LANG_ATTRIBUTE = {
    "ar": "w:bidi",
    "fa": "w:bidi",
    "he": "w:bidi",
    "ur": "w:bidi",
    "zh": "w:eastAsia",
}
_AFTER_LANG = ("w:eastAsianLayout", "w:specVanish", "w:oMath")


def mark_language(container: Any, language: str) -> None:
    """Tag every run of ``container`` (a paragraph or a table cell) as written in
    ``language`` (BCP 47: ``en``, ``fr``, ``zh-hans``...): a ``w:lang`` in each run's
    properties, on the attribute of the language's script (``w:val`` for Latin and
    Cyrillic, ``w:bidi`` for Arabic, ``w:eastAsia`` for Chinese), so the document's own
    language still applies to text of the other scripts."""
    word = _WORD_LANGUAGE.get(language.lower(), language)
    attribute = _LANG_ATTRIBUTE.get(language.split("-")[0].lower(), "w:val")
    paragraphs = getattr(container, "paragraphs", None) or [container]
    for para in paragraphs:
        for run in para.runs:
            lang = _ensure(run._r.get_or_add_rPr(), "w:lang", _AFTER_LANG)
            lang.set(qn(attribute), word)


def add_list(doc: Any, items: Iterable[str], *, numbered: bool = False) -> list[Any]:
    """One paragraph per item in List Bullet (or List Number); returns the paragraphs."""
    style = "List Number" if numbered else "List Bullet"
    return [doc.add_paragraph(xml_safe(item), style=style) for item in items]


def box(paragraph: Any, *, fill: str = "EEF4FB", border: str = "0B5394") -> Any:
    """Shade ``paragraph`` and draw a border round it (a call-out box that stays text).

    ``fill`` and ``border`` are hex ``RRGGBB`` colours. Returns the paragraph.
    """
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    for side in ("top", "left", "bottom", "right"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), "single")
        el.set(qn("w:sz"), "18")
        el.set(qn("w:space"), "4")
        el.set(qn("w:color"), border)
        borders.append(el)
    ppr.append(borders)
    ppr.append(_shading(fill))
    return paragraph


def _shading(fill: str) -> Any:
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    return shd


def add_table(
    doc: Any,
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    widths_cm: Sequence[float] | None = None,
    header_fill: str | None = HEADER_FILL,
) -> Any:
    """A centred "Table Grid" table with a bold header row repeated on every page.

    Args:
        doc: the document.
        headers: the header cells.
        rows: the body rows, each as long as ``headers``; cells are ``str()``-ed
            (``None`` is an empty cell).
        widths_cm: column widths in centimetres (``None``: automatic).
        header_fill: hex ``RRGGBB`` fill of the header row; ``None`` for none.

    Returns:
        The ``docx.table.Table``.

    Raises:
        ValueError: a row whose length differs from ``headers``.
    """
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    header = table.rows[0]
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header._tr.get_or_add_trPr().append(repeat)
    for cell, text in zip(header.cells, headers, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(xml_safe(str(text))).bold = True
        if header_fill:
            cell._tc.get_or_add_tcPr().append(_shading(header_fill))
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = "" if value is None else xml_safe(str(value))
    if widths_cm:
        # LibreOffice reads the grid (gridCol), Word the cell widths: set both.
        table.autofit = False
        for column, width in zip(table.columns, widths_cm, strict=False):
            column.width = Cm(width)
        for table_row in table.rows:
            for cell, width in zip(table_row.cells, widths_cm, strict=False):
                cell.width = Cm(width)
    return table


def page_break(doc: Any) -> None:
    """Start a new page."""
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def to_bytes(doc: Any) -> bytes:
    """The document serialised as DOCX bytes (made right to left first when its language,
    the core property set by :func:`new_document`, is written right to left)."""
    if is_rtl(doc.core_properties.language or ""):
        make_right_to_left(doc)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
