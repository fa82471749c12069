"""A search with no positive term (only signs, only exclusions, invisible characters)
is an empty, valid result on the HTML page, the JSON, the CSV and the export command:
never a server error, and the page says why."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.management import call_command
from django.test import Client

pytestmark = pytest.mark.django_db

NO_POSITIVE_TERM = ["-", "-torture", "*", "^", '"', "';--", "\x00", "\u200b", "-\u200btorture"]


def test_the_parser_removes_control_and_zero_width_characters():
    from rightstrack.portal.search import normalise_query, parse_query

    assert normalise_query("tor\u200bture\x00 \x0cpri\ufeffson\u200d") == "torture prison"
    assert parse_query("tor\u200bture").include == [["torture"]]
    assert not parse_query("-torture")
    assert not parse_query("\u200b")


@pytest.mark.parametrize("q", NO_POSITIVE_TERM)
def test_the_html_list_is_empty_with_a_message(svn_upr_catalogue, q):
    response = Client().get("/recommendations/", {"q": q})
    assert response.status_code == 200
    assert response.context["list"].count == 0
    assert "Type at least one word to search" in response.content.decode()


@pytest.mark.parametrize("q", NO_POSITIVE_TERM)
def test_the_json_and_csv_are_empty(svn_upr_catalogue, q):
    client = Client()
    data = client.get("/recommendations.json", {"q": q})
    assert data.status_code == 200
    assert data.json()["count"] == 0
    assert data.json()["results"] == []
    response = client.get("/recommendations.csv", {"q": q})
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert list(csv.DictReader(io.StringIO(body))) == []


def test_a_blank_query_still_lists_everything(svn_upr_catalogue):
    data = Client().get("/recommendations.json", {"q": "  "}).json()
    assert data["count"] > 0


def test_the_export_command_writes_an_empty_csv(svn_upr_catalogue, tmp_path):
    out = tmp_path / "export.csv"
    call_command("export", "recommendations", "--format", "csv", "--q=-torture", "-o", str(out))
    rows = list(csv.DictReader(io.StringIO(out.read_bytes().decode("utf-8-sig"))))
    assert rows == []


def test_a_word_with_an_invisible_character_inside_still_matches(svn_upr_catalogue):
    plain = Client().get("/recommendations.json", {"q": "non-refoulement"}).json()["count"]
    hidden = Client().get("/recommendations.json", {"q": "non-refoule\u200bment\x00"}).json()
    assert plain > 0
    assert hidden["count"] == plain


@pytest.mark.parametrize(
    ("language", "start"),
    [
        ("es", "Escriba al menos una palabra para buscar"),
        ("fr", "Saisissez au moins un mot pour rechercher"),
        ("ru", "Введите хотя бы одно слово для поиска"),
        ("zh-hans", "请至少输入一个词进行搜索"),
        ("ar", "اكتب كلمة واحدة على الأقل للبحث"),
    ],
)
def test_the_message_speaks_the_visitors_language(svn_upr_catalogue, language, start):
    client = Client(headers={"accept-language": language})
    html = client.get("/recommendations/", {"q": "-torture"}).content.decode()
    assert start in html
    assert "Type at least one word" not in html
