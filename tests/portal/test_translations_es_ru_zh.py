"""The list page speaks Spanish, Russian and Chinese (Simplified), with the UN's own terms.

The expected strings are the translations in the portal and project catalogues
(``locale/<lang>/LC_MESSAGES/django.po``), chosen to follow UN terminology: the UPR
positions are "apoyada / de la que se toma nota" (es), "поддержана / принята к сведению"
(ru) and "支持 / 注意到" (zh), as in the UPR reports' addenda in those languages.
The hand-typed catalogue (tests/portal/conftest.py) has 7 public recommendations, of which
5 UPR ones are supported and 1 is noted; the 2 restricted records are never counted.
"""

from __future__ import annotations

import re

import pytest
from django.test import Client

CASES = {
    # language code: (heading, search button, count "7 recommendations", supported, noted)
    "es": ("Recomendaciones", "Buscar", "7 recomendaciones", "Apoyada", "De la que se toma nota"),
    "ru": ("Рекомендации", "Найти", "7 рекомендаций", "Поддержана", "Принята к сведению"),
    "zh-hans": ("建议", "搜索", "7项建议", "支持", "注意到"),
}


def _text(html: str) -> str:
    """The page with tags and runs of white space collapsed, to match wrapped templates."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.parametrize("language", sorted(CASES))
def test_the_list_page_is_translated_with_accept_language(svn_upr_catalogue, language):
    heading, search, count, supported, noted = CASES[language]
    html = Client(headers={"accept-language": language}).get("/recommendations/").content.decode()

    assert f'<html lang="{language}" dir="ltr">' in html
    assert f"<h1>{heading}</h1>" in html
    assert re.search(rf"<button[^>]*>\s*{search}\s*</button>", html)
    text = _text(html)
    assert count in text
    assert supported in text
    assert noted in text
    assert "Search recommendations" not in text  # the English label is gone


@pytest.mark.parametrize("language", sorted(CASES))
def test_the_language_cookie_selects_the_language(svn_upr_catalogue, language):
    client = Client()
    client.cookies["django_language"] = language
    html = client.get("/recommendations/").content.decode()

    assert f'<html lang="{language}"' in html
    assert f"<h1>{CASES[language][0]}</h1>" in html


def test_the_shared_header_and_footer_are_translated(svn_upr_catalogue):
    text = _text(
        Client(headers={"accept-language": "ru"}).get("/recommendations/").content.decode()
    )

    assert "Перейти к основному содержанию" in text  # "Skip to main content", base.html
    assert "Сменить язык" in text  # the language form's button
    assert "универсальный периодический обзор" in text  # the footer's data sources
