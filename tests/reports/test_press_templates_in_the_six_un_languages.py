"""The press release and the article draft exist in the six UN languages: a Spanish,
French, Russian, Chinese or Arabic release of CCPR/C/PRY/CO/4 holds no English template
phrase, names the Human Rights Committee as the UN does in that language, and writes its
dates and durations the CLDR way of that language (before: "88 meses after the Human Rights
Committee's review of Paraguay…" from the only, English, template).

Facts checked by hand in CCPR/C/PRY/CO/4: adopted 22 July 2019 (126th session), follow-up
items 13, 29 and 35 due by 26 July 2021 (para. 47). On 1 December 2021 that is 28 months
after adoption and 128 days after the deadline (26 July → 26 November = 123 days, + 5).
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from rightstrack.reports import press

pytestmark = pytest.mark.django_db

ON = dt.date(2021, 12, 1)

#: Phrases of the English templates that must not survive in another language.
ENGLISH = (
    "PRESS RELEASE",
    "Press release",
    "show no progress",
    "follow-up recommendations",
    "follow-up information",
    "concluding observations",
    "Concluding observations",
    "Notes to editors",
    "after the deadline",
    "The Committee",
    "the State",
    "paragraphs",
    "Paragraph",
    "months",
    "days",
    "Issued by",
    "review of",
    "What happens next",
    "Where things stand",
    "Add quotes",
    "next periodic report",
)

#: language → (committee as the UN names it, country, the adoption date, the deadline,
#: 28 months, 128 days), each in that language.
EXPECTED = {
    "es": (
        "Comité de Derechos Humanos",
        "Paraguay",
        "22 de julio de 2019",
        "26 de julio de 2021",
        "28 meses",
        "128 días",
    ),
    "fr": (
        "Comité des droits de l'homme",
        "Paraguay",
        "22 juillet 2019",
        "26 juillet 2021",
        "28 mois",
        "128 jours",
    ),
    "ru": (
        "Комитет по правам человека",
        "Парагвай",
        "22 июля 2019 г.",
        "26 июля 2021 г.",
        "28 месяцев",
        "128 дней",
    ),
    "zh-hans": ("人权事务委员会", "巴拉圭", "2019年7月22日", "2021年7月26日", "28个月", "128天"),
    "ar": (
        "اللجنة المعنية بحقوق الإنسان",
        "باراغواي",
        "22 يوليو 2019",
        "26 يوليو 2021",
        "28 شهرًا",
        "128 يومًا",
    ),
}


@pytest.fixture
def paraguay(pry_co_catalogue):
    """CCPR/C/PRY/CO/4 with Paraguay's UN short names (UNTERM) in every language."""
    country = pry_co_catalogue.pry_co.country
    country.name_fr, country.name_ru = "Paraguay", "Парагвай"
    country.name_zh, country.name_ar = "巴拉圭", "باراغواي"
    country.save()
    return pry_co_catalogue.pry_co


def _plain(text: str) -> str:
    """Typographic apostrophes and (narrow) no-break spaces made plain, for comparing:
    Babel writes "28\u00a0mois" and "2019\u202fг." as French and Russian typography wants."""
    return text.replace("\u2019", "'").replace("\u00a0", " ").replace("\u202f", " ")


@pytest.mark.parametrize("language", sorted(EXPECTED))
def test_the_press_release_is_written_in_the_language_asked(paraguay, language):
    facts = press.press_facts(None, paraguay, today=ON, language=language, city="Asunción")
    text = _plain(press.render_press("press_release", facts, language))
    committee, country, adopted, deadline, period, overdue = EXPECTED[language]
    for expected in (committee, country, adopted, deadline, period, overdue, "CCPR/C/PRY/CO/4"):
        assert expected in text, (language, expected, text)
    assert [phrase for phrase in ENGLISH if phrase in text] == []
    # Paragraphs enumerated with the language's comma (Arabic comma, Chinese 顿号).
    assert {"ar": "13، 29، 35", "zh-hans": "13、29、35"}.get(language, "13, 29, 35") in text
    assert ".." not in text


@pytest.mark.parametrize("language", sorted(EXPECTED))
def test_the_article_is_written_in_the_language_asked(paraguay, language):
    facts = press.press_facts(None, paraguay, today=ON, language=language)
    text = _plain(press.render_press("article", facts, language))
    committee, country, adopted, deadline, period, overdue = EXPECTED[language]
    for expected in (committee, country, adopted, deadline, period, overdue):
        assert expected in text, (language, expected, text)
    # The item lines carry the document's own section headings (English in this fixture);
    # every other line must be free of English template phrases.
    lines = [line for line in text.splitlines() if not line.startswith("- ")]
    assert [p for p in ENGLISH if any(p in line for line in lines)] == []


def test_every_kind_ships_a_default_template_in_each_un_language():
    for kind in ("press_release", "article", "views_article"):
        english = press.default_body(kind, "en")
        for language in press.LANGUAGES:
            body = press.default_body(kind, language)
            press.check_template(body)
            assert (body == english) == (language == "en"), (kind, language)


def test_a_template_stays_editable_in_each_language(paraguay, coordinator):
    press.do_save_press_template(coordinator, "press_release", "ru", "{{ committee }}: {{ total }}")
    facts = press.press_facts(None, paraguay, today=ON, language="ru")
    assert press.render_press("press_release", facts, "ru") == "Комитет по правам человека: 3\n"
    # The other languages keep their shipped templates.
    facts_es = press.press_facts(None, paraguay, today=ON, language="es")
    assert press.render_press("press_release", facts_es, "es").startswith("COMUNICADO DE PRENSA")


def test_the_editor_starts_from_the_default_of_the_visitors_language(client_for, coordinator):
    editor = client_for(coordinator)
    editor.cookies["django_language"] = "ar"
    page = editor.get(reverse("reports:press_template", args=["press_release"])).content.decode()
    assert "بيان صحفي" in page  # "Press release", the first line of the Arabic default
    assert 'dir="auto"' in page  # the Arabic template is edited right to left
