"""IACHR merits reports (publication, Article 47 of the Rules of Procedure): pure Python.

A published merits report of the Inter-American Commission on Human Rights ("REPORT No.
11/15 / CASE 12.833 / MERITS (PUBLICATION) / FELIX ROCHA DIAZ / UNITED STATES") ends with
a section "FINAL CONCLUSIONS AND RECOMMENDATIONS" (or "CONCLUSIONS AND FINAL
RECOMMENDATIONS") and then "PUBLICATION". In that section a lead-in ending with a colon
("THE INTER-AMERICAN COMMISSION ON HUMAN RIGHTS REITERATES ITS RECOMMENDATIONS THAT THE
UNITED STATES:"; Report No. 8/16 prints it in capitals without the colon: "THE
INTER-AMERICAN COMMISSION ON HUMAN RIGHTS REITERATES TO THE STATE OF CANADA") introduces
the recommendations, one per paragraph, numbered ``1.``,
``2.`` ... This module reads:

- the **report number** ("11/15"), the **case** ("12.833"), the victim as titled,
- the **State** (the line of the title block that names a State; the worldwidelaw record's
  ``country`` must agree),
- the **date** from "Done and signed in the city of Washington, D.C., on the 23rd day of
  the month of March, 2015" (the record's ``date`` field only holds the year),
- the **recommendations** of the final section: the number as printed, or, when the
  numbers were lost in the text (Report No. 7/16 prints none), their order from 1
  (``numbered`` is then ``False``).

A final section without a lead-in holds no recommendations: Report No. 80/15 (Mexico)
finds that "the State fully complied with the recommendations set forth in Merits Report
139/11"; that finding is kept in ``finding``.

The IDEHPUCP Spanish summaries ("Ficha de Resumen", Report No. 101/17) are read too: the
report number ("Informe No. 101/17"), the date ("Fecha / 5 de septiembre de 2017"), and the
list after "la CIDH recomendó al Estado de Colombia:" under "Recomendaciones de la CIDH al
Estado" up to "Análisis de cumplimiento" (``language`` ``"es"``; the summary says which
earlier report made them: ``recommended_in``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from rightstrack.ingest.parsers.documents.metadata import to_iso3

__all__ = ["IachrRecommendation", "IachrReport", "is_iachr_text", "parse_iachr_report"]


@dataclass
class IachrRecommendation:
    """One recommendation: ``number`` as printed ("1") or counted; ``text`` as printed."""

    number: str
    text: str


@dataclass
class IachrReport:
    """A parsed IACHR merits report.

    Attributes:
        report_number: "11/15".
        case_number: "12.833", or ``""``.
        title: the victim/case name as in the title block ("FELIX ROCHA DIAZ").
        state_name / country: the State as printed and its ISO3 (``None`` if unknown).
        adopted: the date the report was signed, or ``None``.
        language: ``"en"`` or ``"es"`` (Spanish summaries).
        numbered: the recommendations carry their printed numbers.
        lead_in: the sentence introducing the recommendations.
        finding: when there are no recommendations, the final section's first paragraph.
        recommended_in: the earlier report a summary says made them ("Informe No. 89/14").
        recommendations: in order.
    """

    report_number: str
    case_number: str = ""
    title: str = ""
    state_name: str = ""
    country: str | None = None
    adopted: date | None = None
    language: str = "en"
    numbered: bool = True
    lead_in: str = ""
    finding: str = ""
    recommended_in: str = ""
    recommendations: list[IachrRecommendation] = field(default_factory=list)


_REPORT = re.compile(r"\b(?:REPORT|Informe)\s+No\.?\s*(\d{1,3}/\d{2})\b", re.IGNORECASE)
_CASE = re.compile(r"\bCASE\s+(\d{1,2}\.\d{3})\b", re.IGNORECASE)
_FINAL = re.compile(
    r"^(?:[IVX]+\.\s*)?(?:FINAL CONCLUSIONS AND RECOMMENDATIONS|CONCLUSIONS AND FINAL "
    r"RECOMMENDATIONS)\s*$"
)
_PUBLICATION = re.compile(r"^(?:[IVX]+\.\s*)?PUBLICATION\s*$")
_ITEM = re.compile(r"^(\d{1,2})\.\s*(\S.*)$")
_MONTHS = {m: i for i, m in enumerate(
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"], start=1)}  # fmt: skip
_MESES = {m: i for i, m in enumerate(
    ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"], start=1)}  # fmt: skip
_SIGNED = re.compile(
    r"Done and signed in the city of [^,]+(?:, D\.C\.)?,? on the (\d{1,2})(?:st|nd|rd|th)? day "
    r"of the month of (\w+),? (\d{4})"
)


def is_iachr_text(text: str) -> bool:
    """Whether ``text`` (the first kilobytes) starts an IACHR merits report or its summary."""
    head = text[:4000]
    if re.search(r"MERITS \(PUBLICATION\)|REPORT ON MERITS", head) and _REPORT.search(head):
        return True
    return bool(re.search(r"Informe de Fondo", head) and re.search(r"\bCIDH\b", head))


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def _state(lines: list[str], record_country: str | None) -> tuple[str, str | None]:
    """The title block's line naming a State (between "REPORT No." and "OEA/Ser")."""
    for line in lines[1:40]:
        if line.startswith("OEA/Ser"):
            break
        if len(line) < 60 and (iso := to_iso3(line.title())):
            return line, iso
    if record_country:
        return record_country, to_iso3(record_country)
    return "", None


def _parse_english(lines: list[str], report: IachrReport) -> None:
    if m := _SIGNED.search("\n".join(lines[-60:])):
        month = _MONTHS.get(m.group(2).capitalize())
        if month:
            report.adopted = date(int(m.group(3)), month, int(m.group(1)))
    starts = [i for i, line in enumerate(lines) if _FINAL.match(line)]
    if not starts:
        raise ValueError("no 'FINAL CONCLUSIONS AND RECOMMENDATIONS' section")
    start = starts[-1] + 1
    end = next((i for i in range(start, len(lines)) if _PUBLICATION.match(lines[i])), len(lines))
    section = lines[start:end]
    lead = next(
        (i for i, line in enumerate(section)
         if (line.rstrip().endswith(":") and re.search(r"recommend|REITERATES", line, re.I))
         or (line.isupper() and line.startswith("THE INTER-AMERICAN COMMISSION"))),
        None,
    )  # fmt: skip
    if lead is None:
        report.finding = section[0] if section else ""
        return
    report.lead_in = section[lead]
    items = section[lead + 1 :]
    report.numbered = all(_ITEM.match(item) for item in items)
    for order, item in enumerate(items, start=1):
        m = _ITEM.match(item) if report.numbered else None
        if m:
            report.recommendations.append(IachrRecommendation(m.group(1), m.group(2).strip()))
        else:
            report.recommendations.append(IachrRecommendation(str(order), item))


def _parse_spanish(lines: list[str], report: IachrReport) -> None:
    report.language = "es"
    if "Fecha" in lines:
        raw = lines[lines.index("Fecha") + 1]
        if m := re.match(r"(\d{1,2}) de (\w+) de (\d{4})", raw):
            month = _MESES.get(m.group(2).lower())
            if month:
                report.adopted = date(int(m.group(3)), month, int(m.group(1)))
    try:
        start = lines.index("Recomendaciones de la CIDH al Estado") + 1
    except ValueError:
        return
    end = next(
        (i for i in range(start, len(lines)) if lines[i].startswith("Análisis de cumplimiento")),
        len(lines),
    )
    section = lines[start:end]
    if section and section[0].endswith(":"):
        report.lead_in = section[0]
        if m := _REPORT.search(section[0]):
            report.recommended_in = f"Informe No. {m.group(1)}"
        section = section[1:]
    report.numbered = False
    report.recommendations = [
        IachrRecommendation(str(i), item) for i, item in enumerate(section, start=1)
    ]


def parse_iachr_report(text: str, meta: dict[str, str] | None = None) -> IachrReport:
    """Read an IACHR merits report or its Spanish summary (see the module docstring).

    Args:
        text: the ``.txt`` file or the record's ``text`` field.
        meta: the worldwidelaw record's other fields (``report_number``, ``country``...).

    Returns:
        :class:`IachrReport`; ``recommendations`` is empty when the final section makes
        none (``finding`` says why).

    Raises:
        ValueError: no report number; an English report without the final section; the
            record's country or report number contradicting the text.
    """
    meta = meta or {}
    lines = _lines(text)
    head = "\n".join(lines[:60])
    m = _REPORT.search(head)
    if m is None:
        raise ValueError("no 'REPORT No. n/yy' in the title block")
    report = IachrReport(report_number=m.group(1))
    r = _REPORT.search(meta.get("report_number", ""))
    if r is not None and r.group(1) != report.report_number:
        raise ValueError(
            f"the record says {meta['report_number']}, the text Report No. {report.report_number}"
        )
    if c := _CASE.search(head):
        report.case_number = c.group(1)
    spanish = "Ficha de Resumen" in head or "Informe de Fondo" in head
    report.state_name, report.country = _state(lines, meta.get("country"))
    if spanish and report.country is None and meta.get("country"):
        report.state_name, report.country = meta["country"], to_iso3(meta["country"])
    record_iso = to_iso3(meta["country"]) if meta.get("country") else None
    if record_iso and report.country and record_iso != report.country:
        raise ValueError(f"the record says {meta['country']}, the text {report.state_name}")
    if spanish:
        if "Nombre del caso" in lines:
            report.title = lines[lines.index("Nombre del caso") + 1]
            named = report.title.rpartition(",")[2].strip()
            if report.country is None and (iso := to_iso3(named)):
                report.state_name, report.country = named, iso
        _parse_spanish(lines, report)
    else:
        title_at = next((i for i, ln in enumerate(lines[:40]) if "(PUBLICATION)" in ln and
                         not ln.startswith("REPORT")), None)  # fmt: skip
        if title_at is not None and title_at + 1 < len(lines):
            report.title = lines[title_at + 1]
        _parse_english(lines, report)
    return report
