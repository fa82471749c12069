"""The fonts a PDF in a given language needs, and a loud failure when they are missing.

WeasyPrint (plain-language summaries) and LibreOffice (follow-up report, mid-term
report, briefing pack) both find fonts through fontconfig. When no font covers a
script they do not fail: they fall back to whatever font they find and print
empty boxes ("tofu") for Chinese, or unshaped, disconnected Arabic letters. So
before writing a PDF in Chinese or Arabic we ask fontconfig (``fc-list``) whether
the font the stylesheets and DOCX styles name is installed, and raise
:class:`MissingFontError` naming the Debian package that provides it otherwise
(``.ci/run`` installs both packages).

The fonts: Noto Sans CJK SC (Debian ``fonts-noto-cjk``; Simplified Chinese, the
UN's Chinese) and Noto Sans Arabic (Debian ``fonts-noto-core``; full Arabic
shaping tables, so HarfBuzz joins the letters).
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass


class MissingFontError(RuntimeError):
    """The font a PDF's language needs is not installed (the message names the package)."""


@dataclass(frozen=True)
class FontNeed:
    """What a language's PDF needs: a font family, the package shipping it, and words
    for the error message."""

    language_name: str
    family: str
    package: str
    what: str


#: Languages whose script the default fonts (DejaVu, Liberation) do not render properly.
NEEDS: dict[str, FontNeed] = {
    "zh": FontNeed("Chinese", "Noto Sans CJK SC", "fonts-noto-cjk", "a CJK font"),
    "ar": FontNeed("Arabic", "Noto Sans Arabic", "fonts-noto-core", "an Arabic font"),
}


def font_need(language: str) -> FontNeed | None:
    """The :class:`FontNeed` of ``language`` (``zh-hans`` → Chinese), or ``None``."""
    return NEEDS.get(language.split("-")[0].split("_")[0].lower())


def installed_families() -> set[str]:
    """Every font family fontconfig knows (``fc-list : family``; a font with several
    names counts under each).

    Raises:
        MissingFontError: ``fc-list`` (Debian ``fontconfig``) is not installed.
    """
    binary = shutil.which("fc-list")
    if binary is None:
        raise MissingFontError("fc-list not found: apt-get install fontconfig")
    done = subprocess.run(
        [binary, ":", "family"], capture_output=True, text=True, timeout=60, check=False
    )
    families: set[str] = set()
    for line in done.stdout.splitlines():
        families.update(name.strip() for name in line.split(",") if name.strip())
    return families


def require_fonts(language: str) -> None:
    """Raise unless the font a PDF in ``language`` needs is installed.

    Raises:
        MissingFontError: e.g. "Chinese PDF needs a CJK font (Noto Sans CJK SC):
            apt-get install fonts-noto-cjk". Languages in Latin or Cyrillic script
            need nothing beyond the default fonts and never raise.
    """
    need = font_need(language)
    if need is None or need.family in installed_families():
        return
    raise MissingFontError(
        f"{need.language_name} PDF needs {need.what} ({need.family}): "
        f"apt-get install {need.package}"
    )
