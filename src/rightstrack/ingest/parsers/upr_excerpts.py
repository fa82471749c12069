"""Excerpts of UPR Working Group reports in another language, as NGOs keep them: the
paragraphs they work on, in Markdown or text, with the report's symbol in a note.

The real case is CLADEM's Spanish excerpts (``cladem-jurisprudencia-es/_posts/
*Examen_Periódico_Universal_EPU*.md``, MANIFEST §13, CC BY-SA 4.0): Jekyll front
matter, then one ``##`` heading per report whose footnote gives its symbol
(``[^702]: A/HRC/17/18, 28 de marzo de 2011.``), the groups of recommendations
(``84. **Las recomendaciones que figuran a continuación … cuentan con el apoyo del
Paraguay:**``) and the items as printed (``84.11 **Hacer operacional el Plan … (Polonia.;**``,
over several indented lines), with ``(…)`` where paragraphs were left out. Plain Python;
no Django.

The items keep their text as printed, except for two marks of the site's conversion
(MANIFEST §13, "known defects"): the Markdown bold markers, and a full stop inside
the closing bracket of the recommending States (``(Polonia.;`` is ``(Polonia);`` in
the official text).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from rightstrack.ingest.errors import ImportFailure
from rightstrack.ingest.parsers.countries import to_iso3

__all__ = [
    "ExcerptItem",
    "ReportExcerpt",
    "closing_states",
    "looks_like_upr_excerpts",
    "parse_upr_excerpts",
]

#: A footnote: ``[^702]: A/HRC/17/18, 28 de marzo de 2011.``, ``[^59]: 13 de mayo de
#: 2008; A/HRC/8/34``; the symbol may be the draft's (``A/HRC/WG.6/9/L.8``).
_NOTE = re.compile(r"^\[\^([^\]]+)\]:(.*)$", re.M)
_SYMBOL = re.compile(r"A/HRC/(?:WG\.6/\d+/L\.\d+|\d+/\d+(?:/Add\.\d+)?)")
_HEADING = re.compile(r"^##\s+(?!#)(.+)$", re.M)
_ITEM = re.compile(r"^[ \t]*(\d{1,3}\.\d{1,3})\.?[ \t]+(?=\S)", re.M)
_GROUP = re.compile(r"^(\d{1,3})\.[ \t]+\*\*", re.M)
_LANGUAGE_WORDS = {
    "es": ("recomendaciones", "Conclusiones y/o recomendaciones", "Examen Periódico Universal"),
    "fr": ("recommandations", "Conclusions et/ou recommandations", "Examen périodique universel"),
}


@dataclass(frozen=True)
class ExcerptItem:
    """One recommendation of an excerpt: its number (``"84.11"``), text as printed, the
    recommending States of its closing bracket as ISO3 codes, and the names in that
    bracket that name no State (``unknown_states``)."""

    number: str
    text: str
    line: int
    states: tuple[str, ...] = ()
    unknown_states: tuple[str, ...] = ()


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
    """The excerpt of one Working Group report: its symbol, heading and items in order."""

    symbol: str
    heading: str
    line: int
    items: list[ExcerptItem] = field(default_factory=list)


def looks_like_upr_excerpts(head: str) -> bool:
    """True for Markdown/text that quotes a UPR Working Group report with numbered items
    and gives its symbol in a note (the CLADEM layout)."""
    return bool(
        re.search(r"Examen Peri[oó]dico Universal|Examen p[ée]riodique universel", head, re.I)
        and _HEADING.search(head)
        and (_ITEM.search(head) or "[^" in head)
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


def parse_upr_excerpts(path: str | Path) -> tuple[str, list[ReportExcerpt]]:
    """Read a file of UPR report excerpts.

    Args:
        path: a UTF-8 Markdown or text file.

    Returns:
        ``(language, excerpts)``: the language code of the texts (``"es"`` or ``"fr"``,
        from their headings) and one :class:`ReportExcerpt` per report heading that
        has items.

    Raises:
        ImportFailure: not UTF-8, a report heading whose note gives no ``A/HRC/…``
            symbol, or the same item number twice under one report (line named).
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
        if (found := _SYMBOL.search(m.group(2)))
    }
    body_end = min((m.start() for m in _NOTE.finditer(text)), default=len(text))
    headings = list(_HEADING.finditer(text[:body_end]))
    excerpts: list[ReportExcerpt] = []
    for i, heading in enumerate(headings):
        start = heading.end()
        end = headings[i + 1].start() if i + 1 < len(headings) else body_end
        line = text.count("\n", 0, heading.start()) + 1
        refs = re.findall(r"\[\^([^\]]+)\]", heading.group(1))
        symbols = [notes[r] for r in refs if r in notes]
        section = text[start:end]
        items = list(_ITEM.finditer(section))
        if not items:
            continue
        if not symbols:
            raise ImportFailure(
                path, "report heading without a note giving its A/HRC/… symbol", row=line
            )
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
    return _language(text), excerpts
