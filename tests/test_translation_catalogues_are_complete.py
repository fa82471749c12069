"""Every message of every catalogue is translated, not fuzzy, in the five languages
besides English (ar, es, fr, ru, zh-hans), and the compiled ``.mo`` files say what the
``.po`` files say (Django reads only the ``.mo``).

Read with Babel's ``read_po`` (Babel is a dependency for dates and numbers); gettext's
``msgfmt`` is not needed. ``make messages`` refreshes the catalogues from the code.
"""

from __future__ import annotations

import gettext
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

SRC = Path(__file__).resolve().parent.parent / "src" / "rightstrack"
LANGUAGES = ("ar", "es", "fr", "ru", "zh_Hans")
CATALOGUES = sorted(SRC.glob("**/locale/*/LC_MESSAGES/django.po"))


def test_every_app_catalogue_exists_in_every_language():
    apps = {p.parts[-5] if p.parts[-5] != "rightstrack" else "" for p in CATALOGUES}
    for app in apps:
        base = SRC / app / "locale" if app else SRC / "locale"
        for lang in LANGUAGES:
            assert (base / lang / "LC_MESSAGES" / "django.po").is_file(), (app, lang)


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(SRC)))
def test_no_message_is_untranslated_or_fuzzy(path):
    with path.open("rb") as fh:
        catalog = read_po(fh, abort_invalid=True)
    problems = []
    for message in catalog:
        if not message.id:
            continue  # the header
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy:
            problems.append(f"fuzzy: {message.id!r}")
        elif not all(strings):
            problems.append(f"untranslated: {message.id!r}")
    assert not problems, f"{path.relative_to(SRC)}: " + "; ".join(problems[:20])


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(SRC)))
def test_the_compiled_catalogue_matches_its_source(path):
    with path.open("rb") as fh:
        catalog = read_po(fh)
    with path.with_suffix(".mo").open("rb") as fh:
        compiled = gettext.GNUTranslations(fh)
    stale = []
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        if isinstance(message.id, tuple):
            for n in (0, 1, 2, 5, 11, 100):
                form = message.string[compiled.plural(n)]  # type: ignore[attr-defined]
                if compiled.ngettext(message.id[0], message.id[1], n) != form:
                    stale.append(message.id[0])
                    break
        elif message.context is None and compiled.gettext(message.id) != message.string:
            stale.append(message.id)
    assert not stale, (
        f"{path.with_suffix('.mo').relative_to(SRC)} is older than its .po: {stale[:10]}"
    )


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(SRC)))
def test_the_header_is_not_fuzzy_and_its_plural_rule_is_compiled(path):
    # A new catalogue from makemessages starts with a fuzzy header; msgfmt then leaves the
    # header out of the .mo and Arabic or Russian plurals fall back to English's two forms
    # ("2 توصية" instead of "توصيتان").
    text = path.read_text(encoding="utf-8")
    header = text[: text.index('msgid ""')]
    assert "#, fuzzy" not in header, path.relative_to(SRC)
    with path.with_suffix(".mo").open("rb") as fh:
        compiled = gettext.GNUTranslations(fh)
    with path.open("rb") as fh:
        catalog = read_po(fh)
    assert compiled.info().get("plural-forms") == catalog.plural_forms, path.relative_to(SRC)
