"""The State party, the date of the Views and the reply deadline are read from what the
Views text says in so many words, and what it does not say is named with the reason.

Values read in the files of ``shared/data/raw/tb-views-lszoszk`` (the lszoszk paragraph
files start at paragraph 1: the heading block with "State party:" and "Date of adoption"
is not in them, except in the CESCR decision):

- CERD/C/97/D/58/2016 (S.A. v. Denmark), para. 3.1: "The petitioner claims to be the victim
  of a violation by Denmark of articles 2 (1) (c), 5 and 6"; para. 10: "within 90 days".
  No date of adoption anywhere in the file.
- CAT/C/78/D/1047/2021 (N.R. v. Sweden), para. 1.1: removal "would amount to a violation by
  Sweden of article 3"; the complainant is "a national of Afghanistan" (the country of
  return, not the State party); para. 10: "Pursuant to rule 118 (5) of its rules of
  procedure ... within 90 days of the date of transmittal".
- CEDAW/C/90/D/162/2020 (S.V. v. Netherlands), para. 1: "a victim of a violation by the
  Kingdom of the Netherlands of her rights under article 16 (1) (g)"; para. 10: "In
  accordance with article 7 (4) of the Optional Protocol ... within six months".
- E/C.12/66/D/51/2018 (S.S.R. v. Spain): heading "Date of adoption of decision: 11 October
  2019"; para. 11: "within six months": 11 April 2020 counted from adoption. The text calls
  Spain only "the State party" (the author is "a Spanish national"): no State is taken.
- CRPD/C/34/D/95/2022 (Rožalovskis v. Latvia): the adoption footnote, run into para. 1.2,
  gives only "the thirty-fourth session (9–27 March 2026)".
- CCPR/C/134/D/2836/2016 (Alimov v. Kyrgyzstan): "a national of Kyrgyzstan", never "by
  Kyrgyzstan": no State; para. 10 "within 180 days", without a rule cited.

What the text does not say, the source's own metadata index supplies (``views_index``,
checked in ``test_views_source_index.py``); the text-only reading is tested on a copy of
the file under a symbol the index does not hold (communication number changed).
"""

from __future__ import annotations

from datetime import date

import pytest

from rightstrack.ingest.parsers.documents.kinds import parse_document
from rightstrack.ingest.parsers.documents.un_views import ViewsDecision

LSZOSZK = "tb-views-lszoszk"


def _views(shared_raw, name: str) -> ViewsDecision:
    result = parse_document(shared_raw / LSZOSZK / name).result
    assert isinstance(result, ViewsDecision)
    return result


def _outside_the_index(shared_raw, tmp_path, name: str, number: str, other: str) -> ViewsDecision:
    """The real file, renamed (and its symbol, where the text prints it, changed the same
    way: communication ``other`` instead of ``number``) so that the source's index does not
    hold it: only the text is read."""
    path = tmp_path / name.replace(number, other)
    text = (shared_raw / LSZOSZK / name).read_text(encoding="utf-8")
    path.write_text(text.replace(f"D{number}", f"D{other}"), encoding="utf-8")
    result = parse_document(path).result
    assert isinstance(result, ViewsDecision)
    assert result.index_source is None
    return result


def test_the_cerd_opinion_names_denmark_as_the_state_in_breach(shared_raw, tmp_path):
    # The text alone (the table dates the real symbol from the UN document's heading).
    views = _outside_the_index(shared_raw, tmp_path, "CERD_C_97_D_58_2016.txt", "_58_", "_958_")
    assert (views.metadata.committee, views.communication) == ("CERD", "958/2016")
    assert (views.country, views.state_party_basis) == ("DNK", "text")
    assert views.state_party_evidence == "violation by Denmark of articles"
    assert views.metadata.adopted is None
    assert (views.reply_period, views.reply_days, views.reply_due) == ("within 90 days", 90, None)
    assert views.gaps["adopted"].startswith("no date of the Views")
    assert views.gaps["reply_due"] == (
        "no reply deadline: the period (within 90 days) has no date to count from"
    )
    assert "state_party" not in views.gaps


def test_the_cat_decision_takes_sweden_not_the_country_of_return(shared_raw):
    views = _views(shared_raw, "CAT_C_78_D_1047_2021.txt")
    assert (views.metadata.committee, views.communication) == ("CAT", "1047/2021")
    assert views.country == "SWE"
    assert (views.reply_period, views.period_basis, views.period_source) == (
        "within 90 days",
        "stated",
        "rule 118 (5) of its rules of procedure",
    )


def test_the_cedaw_views_name_the_kingdom_of_the_netherlands(shared_raw):
    views = _views(shared_raw, "CEDAW_C_90_D_162_2020.txt")
    assert (views.metadata.committee, views.communication) == ("CEDAW", "162/2020")
    assert (views.state_party, views.country) == ("Kingdom of the Netherlands", "NLD")
    assert (views.reply_months, views.period_source) == (
        6,
        "article 7 (4) of the Optional Protocol",
    )


def test_the_cescr_decision_has_its_date_and_deadline_and_its_state_only_from_the_index(
    shared_raw,
):
    views = _views(shared_raw, "E_C.12_66_D_51_2018.txt")
    assert (views.metadata.committee, views.communication) == ("CESCR", "51/2018")
    assert views.metadata.adopted == date(2019, 10, 11)
    assert (views.reply_period, views.reply_due, views.due_basis) == (
        "within six months",
        date(2020, 4, 11),
        "computed",
    )
    assert views.period_source == (
        "article 9 (2) of the Optional Protocol and rule 18 (1) of the provisional rules "
        "of procedure under the Optional Protocol"
    )
    assert views.adopted_basis == "text"
    # The text never names Spain as the State party: the State comes from the index only.
    assert (views.country, views.state_party_basis, views.state_party_evidence) == (
        "ESP",
        "source_index",
        None,
    )
    assert views.gaps == {}


def test_without_the_index_the_cescr_decision_names_no_state(shared_raw, tmp_path):
    views = _outside_the_index(shared_raw, tmp_path, "E_C.12_66_D_51_2018.txt", "_51_", "_951_")
    assert views.country is None
    assert views.metadata.adopted == date(2019, 10, 11)
    assert views.gaps == {
        "state_party": 'no State party: no "State party:" line, and the text never says which '
        'State it is (only "the State party")'
    }


def test_a_views_that_gives_only_the_session_says_so(shared_raw, tmp_path):
    views = _outside_the_index(shared_raw, tmp_path, "CRPD_C_34_D_95_2022.txt", "_95_", "_995_")
    assert views.metadata.adopted is None
    assert (views.reply_period, views.reply_due) == ("within six months", None)
    assert views.adoption_session == "thirty-fourth session (9–27 March 2026)"
    assert views.gaps["adopted"] == (
        "no date of the Views: the text gives only the session, "
        "thirty-fourth session (9–27 March 2026)"
    )


def test_a_nationality_is_never_taken_for_the_state_party(shared_raw, tmp_path):
    views = _outside_the_index(
        shared_raw, tmp_path, "CCPR_C_134_D_2836_2016.txt", "_2836_", "_9836_"
    )
    assert (views.communication, views.country, views.state_party_basis) == (
        "9836/2016",
        None,
        None,
    )
    assert (views.reply_period, views.period_source) == ("within 180 days", None)
    assert set(views.gaps) == {"state_party", "adopted", "reply_due"}


def test_the_json_and_text_files_of_the_same_views_read_the_same(shared_raw):
    text = _views(shared_raw, "CEDAW_C_90_D_162_2020.txt")
    data = _views(shared_raw, "cedaw-c-90-d-162-2020.json")
    assert (data.communication, data.country, data.reply_period) == (
        text.communication,
        text.country,
        text.reply_period,
    )


def test_views_without_a_period_get_the_committees_with_its_rule(shared_raw, tmp_path):
    # The real CCPR Views with its reply paragraph (para. 10) taken out.
    lines = (shared_raw / LSZOSZK / "CCPR_C_134_D_2836_2016.txt").read_text().splitlines()
    kept = [line for line in lines if not line.startswith("10. ")]
    assert len(kept) == len(lines) - 1
    path = tmp_path / "CCPR_C_134_D_2836_2016.txt"
    path.write_text("\n".join(kept))
    views = parse_document(path).result
    assert isinstance(views, ViewsDecision)
    assert (views.reply_period, views.reply_days, views.period_basis) == (
        "within 180 days",
        180,
        "committee_rule",
    )
    assert "CCPR/C/3/Rev.12" in (views.period_source or "")


@pytest.mark.parametrize(
    ("sentence", "country"),
    [
        ("The author claims to be a victim of a violation by Latvia of article 5.", "LVA"),
        ("The Optional Protocol entered into force for Latvia on 30 September 2010.", "LVA"),
        (
            "The author claims a violation by Latvia of article 5. The Optional Protocol "
            "entered into force for Estonia on 21 January 2012.",
            None,
        ),
        ("The author claims a violation by the State party of article 5.", None),
    ],
)
def test_only_one_state_named_as_party_is_taken(sentence, country):
    from rightstrack.ingest.parsers.documents.un_views import _state_named_in_text

    assert _state_named_in_text(sentence)[1] == country
