"""The Arabic plain-language summary is printed right to left, with its dates as Babel
writes them in Arabic, and the official text still only in English marked as English and
left to right (before: no ``dir`` at all, so "26 يوليو 2021" was laid out as
"26 2021 يوليو" and the English excerpts were announced as Arabic).

CCPR/C/PRY/CO/4, para. 47: follow-up items 13, 29 and 35 due by 26 July 2021; adopted
22 July 2019.
"""

from __future__ import annotations

import re

import pytest

from rightstrack.reports.plain_language import build_summary
from rightstrack.reports.plain_language_render import print_css, print_html

pytestmark = pytest.mark.django_db


def test_the_arabic_print_html_is_right_to_left_with_arabic_dates(pry_co_catalogue):
    summary = build_summary(None, pry_co_catalogue.pry_co.pk, "ar")
    html = print_html(summary)
    assert '<html lang="ar" dir="rtl">' in html
    assert "26 يوليو 2021" in html and "22 يوليو 2019" in html
    assert "July" not in html
    # Para. 29 exists only in English here: its excerpt is marked English, left to right.
    excerpt = re.search(r'<span lang="en" dir="ltr">(The State party should[^<]*)</span>', html)
    assert excerpt is not None
    assert '"Noto Sans Arabic"' in print_css(summary)
    # Paragraphs 27, 29 and 31 share a heading ("Persons deprived of their liberty…"):
    # enumerated with the Arabic comma, which keeps their order right to left.
    assert "27، 29، 31" in html


@pytest.mark.parametrize("language", ["en", "es", "zh-hans"])
def test_other_languages_are_left_to_right(pry_co_catalogue, language):
    summary = build_summary(None, pry_co_catalogue.pry_co.pk, language)
    html = print_html(summary)
    assert f'<html lang="{language}" dir="ltr">' in html
    if language == "en":
        assert '<span lang="en"' not in html  # nothing to mark in an English summary
    if language == "zh-hans":
        assert "2021年7月26日" in html
        assert '"Noto Sans CJK SC"' in print_css(summary)
