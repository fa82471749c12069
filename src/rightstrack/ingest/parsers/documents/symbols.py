"""UN document symbols parsed into a structured value (pure Python).

Stable API (reused by the UPR Working Group report parser)::

    parse_symbol("CERD/C/BRA/CO/18-20")   # -> Symbol(body="CERD", country="BRA", kind="CO",
                                          #            report=(18, 20), ...)
    find_symbols(text)                    # every symbol-looking string, in order
    find_document_symbol(first_page_text) # the document's own symbol, or None

Patterns, as seen in real UN documents:

- treaty-body country documents ``{PREFIX}{ISO3}/…``: state report ``…/BRA/18-20``,
  ``…/CO/n`` concluding observations, ``…/FCO/n`` follow-up reply (new form),
  ``…/Q/n`` and ``…/QPR/n`` lists of issues; report numbers may be ranges
  (``3-4``, ``18-20``, also with an en dash); ``CRC/C/OPAC/USA/CO/1`` carries the
  optional protocol;
- session-based documents: Views/decisions ``CCPR/C/134/D/2836/2016`` (session 134,
  communication ``2836/2016``), pre-2006 CERD ``CERD/C/65/CO/3``, follow-up progress
  reports ``CCPR/C/128/3``, summary records ``CCPR/C/SR.3267``;
- UPR: ``A/HRC/WG.6/22/USA/1`` (national report; /2 UN compilation, /3 stakeholders),
  ``A/HRC/WG.6/22/L.10`` (draft WG report), ``A/HRC/59/15`` (Working Group report,
  Human Rights Council session 59), ``A/HRC/DEC/59/112`` (decision);
- suffixes ``/Add.N``, ``/Rev.N``, ``/Corr.N`` in any order.

The kind read from the symbol is a hint only: ``/Add.1`` is usually a follow-up
reply but ``CCPR/C/BLZ/CO/1/Add.1`` is a full CO. Read the title (see ``metadata``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["BODIES", "Symbol", "find_document_symbol", "find_symbols", "parse_symbol"]

#: Symbol prefix -> body code, longest prefixes first (``CAT/OP`` is the SPT).
BODIES: tuple[tuple[str, str], ...] = (
    ("A/HRC/WG.6", "UPR"),
    ("A/HRC", "HRC"),
    ("E/C.12", "CESCR"),
    ("CAT/OP", "SPT"),
    ("CCPR/C", "CCPR"),
    ("CERD/C", "CERD"),
    ("CEDAW/C", "CEDAW"),
    ("CAT/C", "CAT"),
    ("CRC/C", "CRC"),
    ("CMW/C", "CMW"),
    ("CRPD/C", "CRPD"),
    ("CED/C", "CED"),
    ("HRI", "HRI"),
)

_OPTIONAL_PROTOCOLS = {"OPAC", "OPSC", "OPIC"}
_SUFFIX = re.compile(r"^(Add|Rev|Corr)\.(\d+)$", re.IGNORECASE)
_NUMBERS = re.compile(r"^(\d+)(?:-(\d+))?$")
_ISO3 = re.compile(r"^[A-Z]{3}$")
# Candidate symbols in running text; trailing punctuation is trimmed afterwards.
_CANDIDATE = re.compile(
    r"(?<![\w/])(?:A/HRC|A/\d{2}|CCPR/C|CERD/C|CEDAW/C|CAT/C|CAT/OP|CRC/C|CMW/C|CRPD/C|CED/C|E/C\.12|HRI)"
    r"(?:/[A-Za-z0-9.\-–]+)+"
)


@dataclass(frozen=True)
class Symbol:
    """A parsed UN document symbol.

    Attributes:
        raw: the symbol as normalised (dashes ``-``, no spaces, no trailing ``*``).
        prefix: ``"CERD/C"``, ``"E/C.12"``, ``"A/HRC/WG.6"``...
        body: ``"CCPR"``, ``"CESCR"``, ``"CERD"``, ``"CEDAW"``, ``"CAT"``, ``"SPT"``,
            ``"CRC"``, ``"CMW"``, ``"CRPD"``, ``"CED"``, ``"HRC"``, ``"UPR"``, ``"HRI"``
            or ``None`` (GA documents such as ``A/80/18``).
        country: ISO 3166 alpha-3 code when the symbol carries one.
        kind: ``"CO"``, ``"FCO"``, ``"Q"``, ``"QPR"``, ``"D"`` (Views/decision),
            ``"report"`` (State report), ``"SR"`` (summary record), ``"L"`` (draft),
            ``"DEC"``, ``"RES"``, ``"upr_national_report"``, ``"upr_compilation"``,
            ``"upr_stakeholders"``, ``"session_document"`` or ``None``.
        report: report numbers as an inclusive range, ``(18, 20)``; ``(6, 6)`` for one.
        session: committee/Council/WG session when the symbol is session-based.
        number: serial number of session documents (``A/HRC/59/15`` -> 15).
        communication: ``"2836/2016"`` for Views and decisions.
        optional_protocol: ``"OPAC"``, ``"OPSC"`` or ``"OPIC"`` for CRC protocol documents.
        add, rev, corr: the ``Add.N`` / ``Rev.N`` / ``Corr.N`` numbers.
    """

    raw: str
    prefix: str
    body: str | None
    country: str | None = None
    kind: str | None = None
    report: tuple[int, int] | None = None
    session: int | None = None
    number: int | None = None
    communication: str | None = None
    optional_protocol: str | None = None
    add: int | None = None
    rev: int | None = None
    corr: int | None = None

    def __str__(self) -> str:
        return self.raw

    @property
    def base(self) -> str:
        """The symbol without ``Add``/``Rev``/``Corr`` suffixes."""
        return re.sub(r"(/(Add|Rev|Corr)\.\d+)+$", "", self.raw, flags=re.IGNORECASE)

    @property
    def report_label(self) -> str | None:
        """``"18-20"`` or ``"6"``."""
        if self.report is None:
            return None
        first, last = self.report
        return str(first) if first == last else f"{first}-{last}"


def normalise_symbol(text: str) -> str:
    """Uniform spelling: en/em dashes to ``-``, no spaces, no trailing ``*``/punctuation."""
    value = text.strip().replace("\u2013", "-").replace("\u2014", "-").replace("\u2011", "-")
    value = re.sub(r"\s*/\s*", "/", value)
    value = re.sub(r"(Add|Rev|Corr)\.\s+(\d)", r"\1.\2", value, flags=re.IGNORECASE)
    value = value.rstrip("*").rstrip(".,;:)")
    return value


def parse_symbol(text: str) -> Symbol | None:
    """Parse a UN document symbol; ``None`` if ``text`` is not one we recognise.

    >>> parse_symbol("CCPR/C/134/D/2836/2016").communication
    '2836/2016'
    >>> parse_symbol("CERD/C/BRA/CO/18-20").report
    (18, 20)
    """
    raw = normalise_symbol(text)
    prefix = body = None
    for candidate, code in BODIES:
        if raw == candidate or raw.startswith(candidate + "/"):
            prefix, body = candidate, code
            break
    if prefix is None:
        match = re.match(r"^A/(\d{2})/(\d+)", raw)
        if not match:
            return None
        return Symbol(raw=raw, prefix="A", body=None, kind="session_document",
                      session=int(match.group(1)), number=int(match.group(2)))  # fmt: skip
    parts = [p for p in raw[len(prefix) :].split("/") if p]
    suffixes: dict[str, int] = {}
    while parts and (m := _SUFFIX.match(parts[-1])):
        suffixes[m.group(1).lower()] = int(m.group(2))
        parts.pop()
    fields: dict[str, object] = {}
    if body == "UPR":
        fields = _parse_upr(parts)
    elif body == "HRC":
        fields = _parse_hrc(parts)
    else:
        fields = _parse_treaty_body(parts)
    if fields is None:
        return None
    return Symbol(
        raw=raw,
        prefix=prefix,
        body=body,
        add=suffixes.get("add"),
        rev=suffixes.get("rev"),
        corr=suffixes.get("corr"),
        **fields,  # type: ignore[arg-type]
    )


def _range(value: str) -> tuple[int, int] | None:
    m = _NUMBERS.match(value)
    if not m:
        return None
    first = int(m.group(1))
    last = int(m.group(2)) if m.group(2) else first
    return (first, last)


def _parse_treaty_body(parts: list[str]) -> dict[str, object]:
    fields: dict[str, object] = {}
    if parts and parts[0] in _OPTIONAL_PROTOCOLS:
        fields["optional_protocol"] = parts.pop(0)
    if not parts:
        return fields
    head = parts[0]
    if head.upper().startswith("SR."):
        fields["kind"] = "SR"
        fields["number"] = int(head[3:]) if head[3:].isdigit() else None
        return fields
    if _ISO3.match(head):
        fields["country"] = head
        rest = parts[1:]
        if len(rest) == 1 and (rng := _range(rest[0])):
            fields.update(kind="report", report=rng)
        elif len(rest) == 2 and rest[0].upper() in {"CO", "FCO", "Q", "QPR"}:
            fields["kind"] = rest[0].upper()
            fields["report"] = _range(rest[1])
        elif rest:
            fields["kind"] = rest[0].upper()
        return fields
    if head.isdigit():
        fields["session"] = int(head)
        rest = parts[1:]
        if len(rest) >= 3 and rest[0] == "D":
            fields.update(kind="D", communication=f"{rest[1]}/{rest[2]}")
        elif len(rest) == 2 and rest[0] == "CO":
            fields.update(kind="CO", number=int(rest[1]) if rest[1].isdigit() else None)
        elif len(rest) == 1 and rest[0].isdigit():
            fields.update(kind="session_document", number=int(rest[0]))
        return fields
    fields["kind"] = head
    return fields


def _parse_upr(parts: list[str]) -> dict[str, object]:
    # A/HRC/WG.6/{session}/{ISO3}/{1|2|3}  or  A/HRC/WG.6/{session}/L.{n}
    fields: dict[str, object] = {}
    if not parts or not parts[0].isdigit():
        return fields
    fields["session"] = int(parts[0])
    rest = parts[1:]
    if rest and rest[0].startswith("L."):
        fields.update(kind="L", number=int(rest[0][2:]) if rest[0][2:].isdigit() else None)
    elif len(rest) >= 2 and _ISO3.match(rest[0]) and rest[1].isdigit():
        kinds = {1: "upr_national_report", 2: "upr_compilation", 3: "upr_stakeholders"}
        fields.update(country=rest[0], number=int(rest[1]), kind=kinds.get(int(rest[1])))
    return fields


def _parse_hrc(parts: list[str]) -> dict[str, object]:
    # A/HRC/{session}/{n}, A/HRC/DEC/{session}/{n}, A/HRC/RES/{session}/{n}
    fields: dict[str, object] = {}
    if parts and parts[0] in {"DEC", "RES"}:
        fields["kind"] = parts.pop(0)
    if len(parts) >= 2 and parts[0].isdigit():
        fields["session"] = int(parts[0])
        if parts[1].isdigit():
            fields["number"] = int(parts[1])
        elif parts[1].startswith("L.") and parts[1][2:].isdigit():
            fields.update(kind="L", number=int(parts[1][2:]))
        fields.setdefault("kind", "session_document")
    return fields


def find_symbols(text: str) -> list[Symbol]:
    """Every recognised symbol in ``text``, in order of appearance (duplicates kept)."""
    found = []
    for match in _CANDIDATE.finditer(text):
        symbol = parse_symbol(match.group(0))
        if symbol is not None:
            found.append(symbol)
    return found


def find_document_symbol(
    first_page: str, other_pages: tuple[str, ...] = (), *, loose: bool = True
) -> Symbol | None:
    """The document's own symbol, read from its first page.

    The masthead puts it alone on a line or after "United Nations"; page headers
    repeat it alone on a line. Symbols in footnotes and running text (the State
    report, summary records) are only used when no masthead symbol is found, and
    then the one repeated most often on the other pages' header lines wins.

    Args:
        first_page: text of page 1.
        other_pages: texts of the next pages (header lines break ties).
        loose: when no masthead or header symbol is found, return the first symbol
            mentioned anywhere on page 1 (``False``: return ``None`` instead).
    """
    header_hits: list[Symbol] = []
    for line in first_page.splitlines():
        stripped = re.sub(r"\s*/\s*", "/", line.strip())
        stripped = re.sub(r"^United Nations\s+", "", stripped)
        stripped = re.sub(r"\s+(Distr\.|Advance unedited).*$", "", stripped)
        if not stripped or " " in stripped.rstrip("* "):
            continue
        symbol = parse_symbol(stripped)
        if symbol is not None and _CANDIDATE.fullmatch(normalise_symbol(stripped)):
            header_hits.append(symbol)
    if header_hits:
        return header_hits[0]
    counts: dict[str, int] = {}
    for page in other_pages[:3]:
        for line in page.splitlines()[:4] + page.splitlines()[-4:]:
            stripped = normalise_symbol(line)
            if _CANDIDATE.fullmatch(stripped):
                counts[stripped] = counts.get(stripped, 0) + 1
    if counts:
        return parse_symbol(max(counts, key=lambda k: counts[k]))
    if not loose:
        return None
    hits = find_symbols(first_page)
    return hits[0] if hits else None
