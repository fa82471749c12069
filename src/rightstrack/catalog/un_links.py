"""Links from RightsTrack into the UN's own systems.

One helper per system, so every page, export and report links the same way.

* **Official Document System (ODS)**: ``undocs.org`` resolves a document symbol to the
  document in ODS, and ``undocs.org/<language>/<symbol>`` to one language version
  (the UN Library's research guides give the form ``https://undocs.org/`` followed by the
  symbol; e.g. Vanderbilt University Library, "UN Documents: Symbols").
"""

from __future__ import annotations

from urllib.parse import quote

#: The UN's six official languages as ODS names them (Chinese is ``zh``).
ODS_LANGUAGES = ("ar", "en", "es", "fr", "ru", "zh")


def ods_url(symbol: str, language: str | None = None) -> str:
    """The address of a document in the UN Official Document System, in ``language``.

    Args:
        symbol: a UN document symbol as printed, e.g. ``"CCPR/C/PRY/CO/4"`` or
            ``"A/HRC/59/15"``; spaces around it are ignored.
        language: a language code of the portal (``"es"``, ``"zh-hans"``, ``"fr-ca"``); a
            language the UN does not publish in, or ``None``, gives the English version.

    Returns:
        ``"https://undocs.org/es/CCPR/C/PRY/CO/4"``, or ``""`` when ``symbol`` is empty
        (documents without a UN symbol: national matrices, other trackers' rows).
    """
    symbol = symbol.strip()
    if not symbol:
        return ""
    code = (language or "en").lower().split("-")[0]
    if code not in ODS_LANGUAGES:
        code = "en"
    return f"https://undocs.org/{code}/{quote(symbol, safe='/().-')}"
