"""Excerpts of UN documents in another language, as NGOs keep them: the paragraphs
they work on, in Markdown or text, with each document's symbol in a note.

The real case is CLADEM's Spanish excerpts (``cladem-jurisprudencia-es/_posts/*.md``,
MANIFEST §13, CC BY-SA 4.0): Jekyll front matter naming the State, then one ``##``
heading per document whose footnote gives its symbol (``[^702]: A/HRC/17/18, 28 de
marzo de 2011.``, ``[^665]: CCPR/C/PRY/CO/3, 29 de abril de 2013``), with ``(…)`` where
paragraphs were left out. Plain Python; no Django. Two kinds of documents:

* **UPR Working Group reports** (``A/HRC/…``): the items as printed
  (``84.11 **Hacer operacional el Plan … (Polonia.;**``, over several indented lines);
* **treaty-body concluding observations** (``CCPR/C/…``, ``E/C.12/…``…): the numbered
  paragraphs after the first ``###`` heading about recommendations ("Principales motivos
  de preocupación y recomendaciones", "Sugerencias y recomendaciones"); CLADEM prints
  the recommendations in bold, so a paragraph with bold text is a recommendation and
  one without is a concern.

Texts keep their wording as printed, except for marks of the site's conversion
(MANIFEST §13, "known defects"): the Markdown bold markers, footnote references, and
a full stop inside the closing bracket of UPR recommending States (``(Polonia.;`` is
``(Polonia);`` in the official text).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from rightstrack.ingest.errors import ImportFailure
from rightstrack.ingest.parsers.countries import to_iso3
from rightstrack.ingest.parsers.documents.symbols import parse_symbol

__all__ = [
    "ExcerptItem",
    "Excerpts",
    "ReportExcerpt",
    "closing_states",
    "looks_like_excerpts",
    "parse_excerpts",
]

#: A footnote: ``[^702]: A/HRC/17/18, 28 de marzo de 2011.``, ``[^59]: 13 de mayo de
#: 2008; A/HRC/8/34``; the symbol may be the draft's (``A/HRC/WG.6/9/L.8``).
_NOTE = re.compile(r"^\[\^([^\]]+)\]:(.*)$", re.M)
_SYMBOL = re.compile(
    r"A/HRC/(?:WG\.6/\d+/L\.\d+|\d+/\d+(?:/Add\.\d+)?)"
    r"|(?:CCPR/C|E/C\.12|CERD/C|CEDAW/C|CAT/C|CRC/C|CRPD/C|CMW/C|CED/C)/[\w./-]*\w"
)
#: A treaty-body paragraph at the start of a line: ``26. El Comité insta …``.
_PARAGRAPH = re.compile(r"^(\d{1,3})\.[ \t]+(?=\S)", re.M)
#: The heading after which a concluding observation's paragraphs are recommendations.
_RECOMMENDATIONS_HEADING = re.compile(
    r"^###.*(?:recomendaci|recommandation|recommendation|preocupaci|pr[ée]occupation)", re.M | re.I
)
_HEADING = re.compile(r"^##\s+(?!#)(.+)$", re.M)
_ITEM = re.compile(r"^[ \t]*(\d{1,3}\.\d{1,3})\.?[ \t]+(?=\S)", re.M)
_GROUP = re.compile(r"^(\d{1,3})\.[ \t]+\*\*", re.M)
_LANGUAGE_WORDS = {
    "es": ("recomendaciones", "Conclusiones y/o recomendaciones", "Examen Periódico Universal"),
    "fr": ("recommandations", "Conclusions et/ou recommandations", "Examen périodique universel"),
}


@dataclass(frozen=True)
class ExcerptItem:
    """One recommendation of an excerpt: its number (``"84.11"``, ``"26"``), text as
    printed, the UPR recommending States of its closing bracket as ISO3 codes and the
    names in that bracket that name no State (``unknown_states``), and whether it is a
    recommendation or a concern (``is_recommendation``; always true for UPR items)."""

    number: str
    text: str
    line: int
    states: tuple[str, ...] = ()
    unknown_states: tuple[str, ...] = ()
    is_recommendation: bool = True


def closing_states(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The States in the closing bracket of an item, in any of the six UN languages
    (``"… (República de Moldova);"`` -> ``("MDA",)``): ``(iso3 codes, unknown names)``.
    Names are separated by commas, semicolons or the word for "and" (y, et, and)."""
    m = re.search(r"\(([^()]+)\)[;.,]?\s*$", text)
    if not m:
        return (), ()
    codes: list[str] = []
    unknown: list[str] = []
    for piece in re.split(r"\s*[,;]\s*", m.group(1)):
        piece = piece.strip(" .")
        if not piece:
            continue
        # "Trinidad y Tabago", "Bosnia y Herzegovina" are one State: the whole piece
        # first, then its parts around the word for "and".
        code = to_iso3(piece)
        if code:
            codes.append(code)
            continue
        parts = [p.strip(" .") for p in re.split(r"\s+(?:y|e|et|and)\s+", piece)]
        if len(parts) > 1 and all(to_iso3(p) for p in parts):
            codes.extend(c for p in parts if (c := to_iso3(p)))
        else:
            unknown.append(piece)
    return tuple(codes), tuple(unknown)


@dataclass
class ReportExcerpt:
    """The excerpt of one document: its symbol, kind (``"upr"`` or ``"treaty_body"``),
    heading and items in order."""

    symbol: str
    heading: str
    line: int
    kind: str = "upr"
    items: list[ExcerptItem] = field(default_factory=list)


def looks_like_excerpts(head: str) -> bool:
    """True for Markdown/text that quotes UN documents under ``##`` headings with
    footnotes (the CLADEM layout): UPR reports or concluding observations."""
    return bool(
        re.search(
            r"Examen Peri[oó]dico Universal|Examen p[ée]riodique universel"
            r"|Observaciones finales|Observations finales",
            head,
            re.I,
        )
        and _HEADING.search(head)
        and "[^" in head
    )


def _language(text: str) -> str:
    scores = {
        lang: sum(text.count(word) for word in words) for lang, words in _LANGUAGE_WORDS.items()
    }
    return max(scores, key=lambda lang: scores[lang])


def _clean_item(text: str) -> str:
    text = re.sub(r"\[\^[^\]]+\]", "", text)  # footnote references
    text = text.replace("**", "")
    text = re.sub(r"\s+", " ", text).strip()
    # "(Polonia.;" -> "(Polonia);", "(Suiza.." -> "(Suiza)." (the conversion's defect)
    text = re.sub(
        r"\(([^()]+?)\.\s*([;.])?\s*$", lambda m: f"({m.group(1)}){m.group(2) or ''}", text
    )
    return text


@dataclass
class Excerpts:
    """A file of excerpts: the language of its texts (``"es"`` or ``"fr"``, from their
    headings), one :class:`ReportExcerpt` per document heading with items, and the
    headings left out as ``(line, reason)`` (no symbol in their note, or a document that
    is not concluding observations or a UPR report, such as a list of issues or a
    regional body's report)."""

    language: str
    documents: list[ReportExcerpt]
    skipped: list[tuple[int, str]]


def _tidy_note(note: str) -> str:
    """``CCPR/C/79 Add. 18``, ``E/C.12/1/ Add.6`` -> ``CCPR/C/79/Add.18``, ``E/C.12/1/Add.6``."""
    return re.sub(r"\s*/?\s*\b(?:Add|ADD)\.\s*(\d+)", r"/Add.\1", note)


def _is_concluding_observations(symbol: str) -> bool:
    """``…/CO/…`` and CEDAW's older ``…/CC/…``, or the older ``…/Add.n`` style
    (``CCPR/C/79/Add.109``, ``E/C.12/1/Add.93``, ``CRC/C/15/Add.13``)."""
    parsed = parse_symbol(symbol)
    if parsed is None or parsed.body is None:
        return False
    return parsed.kind in ("CO", "CC") or (parsed.kind is None and parsed.add is not None)


def parse_excerpts(path: str | Path) -> Excerpts:
    """Read a file of excerpts of UPR reports and concluding observations.

    Args:
        path: a UTF-8 Markdown or text file.

    Returns:
        :class:`Excerpts`.

    Raises:
        ImportFailure: not UTF-8, or the same item number twice under one report
            (line named).
    """
    path = Path(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFailure(path, f"not UTF-8 text (byte {exc.start})") from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    notes = {
        m.group(1): found.group(0)
        for m in _NOTE.finditer(text)
        if (found := _SYMBOL.search(_tidy_note(m.group(2))))
    }
    body_end = min((m.start() for m in _NOTE.finditer(text)), default=len(text))
    headings = list(_HEADING.finditer(text[:body_end]))
    excerpts: list[ReportExcerpt] = []
    skipped: list[tuple[int, str]] = []
    for i, heading in enumerate(headings):
        start = heading.end()
        end = headings[i + 1].start() if i + 1 < len(headings) else body_end
        line = text.count("\n", 0, heading.start()) + 1
        refs = re.findall(r"\[\^([^\]]+)\]", heading.group(1))
        symbols = [notes[r] for r in refs if r in notes]
        section = text[start:end]
        if symbols and not symbols[0].startswith("A/HRC/"):
            if not _is_concluding_observations(symbols[0]):
                skipped.append((line, f"{symbols[0]} is not concluding observations"))
                continue
            excerpt = _treaty_body_excerpt(section, symbols[0], heading.group(1), line)
            if excerpt.items:
                excerpts.append(excerpt)
            continue
        items = list(_ITEM.finditer(section))
        if not items and not _PARAGRAPH.search(section):
            continue
        if not symbols:
            skipped.append((line, "no note gives the symbol of a UN document"))
            continue
        if not items:
            continue
        excerpt = ReportExcerpt(
            symbol=symbols[0],
            heading=re.sub(r"\[\^[^\]]+\]", "", heading.group(1)).strip(),
            line=line,
        )
        seen: set[str] = set()
        for j, item in enumerate(items):
            stop = items[j + 1].start() if j + 1 < len(items) else len(section)
            chunk = section[item.end() : stop]
            # An item ends at a blank line followed by something that is not its own
            # continuation ("(…)", the next group paragraph, a heading).
            chunk = re.split(r"\n[ \t]*\n(?=[ \t]*(?:\(…\)|\d{1,3}\.[ \t]|#))", chunk)[0]
            item_line = line + section.count("\n", 0, item.start()) + 1
            if item.group(1) in seen:
                raise ImportFailure(
                    path, f"item {item.group(1)} printed twice under one report", row=item_line
                )
            seen.add(item.group(1))
            cleaned = _clean_item(chunk)
            states, unknown = closing_states(cleaned)
            excerpt.items.append(ExcerptItem(item.group(1), cleaned, item_line, states, unknown))
        excerpts.append(excerpt)
    return Excerpts(_language(text), excerpts, skipped)


def _treaty_body_excerpt(section: str, symbol: str, heading: str, line: int) -> ReportExcerpt:
    """The recommendation paragraphs of a concluding observation's excerpt."""
    excerpt = ReportExcerpt(
        symbol=symbol,
        heading=re.sub(r"\[\^[^\]]+\]", "", heading).strip(),
        line=line,
        kind="treaty_body",
    )
    start = _RECOMMENDATIONS_HEADING.search(section)
    if start is None:
        return excerpt
    body = section[start.end() :]
    offset = start.end()
    paragraphs = list(_PARAGRAPH.finditer(body))
    for j, para in enumerate(paragraphs):
        stop = paragraphs[j + 1].start() if j + 1 < len(paragraphs) else len(body)
        chunk = re.split(r"\n[ \t]*\(…\)|\n#", body[para.end() : stop])[0]
        excerpt.items.append(
            ExcerptItem(
                number=para.group(1),
                text=_clean_item(chunk),
                line=line + section.count("\n", 0, offset + para.start()) + 1,
                is_recommendation="**" in chunk,
            )
        )
    return excerpt
