"""Views/decisions: outcome and reply period for the 14 Views/decisions of 8 committees in
``tb-views-lszoszk`` (checked in the texts: the operative paragraph and the paragraph asking
for the State's reply), plus
worldwidelaw TreatyBodyJuris records with a full header."""

from __future__ import annotations

from datetime import date

import pytest

from rightstrack.ingest.parsers.documents.json_output import to_json

# stem, outcome, reply paragraph, days, months
CASES = [
    (
        "CAT_C_78_D_1047_2021",
        "violation",
        "10",
        90,
        None,
    ),  # 'would be inconsistent with ... article 3'
    ("CAT_C_82_D_980_2020", "violation", "12", 90, None),
    ("CCPR_C_134_D_2836_2016", "violation", "10", 180, None),
    ("CCPR_C_135_D_2848_2016", "violation", "10", 180, None),
    ("CED_C_24_D_4_2021", "violation", "11", None, 6),
    ("CEDAW_C_92_D_187_2022", "violation", "8", None, 6),
    ("CEDAW_C_90_D_162_2020", "violation", "10", None, 6),
    ("CERD_C_97_D_58_2016", "violation", "10", 90, None),
    ("CERD_C_91_D_53_2013", "no_violation", None, None, None),
    ("CRC_C_93_D_136_2021", "violation", "10", 180, None),
    ("CRC_C_95_D_165_2021", "violation", "10", 180, None),
    ("CRPD_C_32_D_87_2021", "violation", "11", None, 6),
    ("CRPD_C_34_D_95_2022", "violation", "10", None, 6),
    ("E_C.12_66_D_51_2018", "inadmissible", "11", None, 6),
]


@pytest.mark.parametrize(("stem", "outcome", "reply_paragraph", "days", "months"), CASES)
def test_each_view_gives_its_outcome_and_reply_period(
    parse, views_dir, stem, outcome, reply_paragraph, days, months
):
    doc = parse(views_dir / f"{stem}.txt")
    views = doc.result
    assert doc.kind == "views"
    assert doc.metadata.symbol.raw == stem.replace("_", "/")
    assert views.communication == "/".join(stem.split("_")[-2:])
    assert views.outcome == outcome
    assert views.reply_paragraph == reply_paragraph
    assert (views.reply_days, views.reply_months) == (days, months)


@pytest.mark.parametrize("stem", [c[0] for c in CASES])
def test_the_json_export_of_the_same_view_gives_the_same_result(parse, views_dir, stem):
    json_name = stem.lower().replace("_", "-").replace(".", "-") + ".json"
    from_text = parse(views_dir / f"{stem}.txt").result
    from_json = parse(views_dir / json_name).result
    assert (from_json.outcome, from_json.reply_paragraph, from_json.reply_period) == (
        from_text.outcome,
        from_text.reply_paragraph,
        from_text.reply_period,
    )


def test_the_no_violation_view_gives_no_deadline(parse, views_dir):
    doc = parse(views_dir / "CERD_C_91_D_53_2013.txt")
    assert doc.result.outcome == "no_violation"
    assert doc.result.reply_period is None and doc.result.reply_due is None
    assert to_json(doc)["follow_up"] is None


def test_a_decision_with_its_adoption_date_gets_a_computed_reply_date(parse, views_dir):
    # 'Date of adoption of decision: 11 October 2019'; 'within six months'
    doc = parse(views_dir / "E_C.12_66_D_51_2018.txt")
    assert doc.metadata.adopted == date(2019, 10, 11)
    assert (
        doc.result.optional_protocol_violation is True
    )  # para 9: violated article 5 of the Optional Protocol
    assert (doc.result.reply_due, doc.result.due_basis) == (date(2020, 4, 11), "computed")
    data = to_json(doc)
    assert data["type"] == "decision"
    assert data["follow_up"] == {
        "items": ["10"],
        "due": "2020-04-11",
        "due_basis": "computed",
        "paragraph": "11",
        "period": "within six months",
    }


def test_without_adoption_date_no_due_date_is_invented(parse, views_dir, tmp_path):
    # A copy under a symbol the source's metadata index does not hold: only the text counts.
    path = tmp_path / "CCPR_C_134_D_9836_2016.txt"
    path.write_bytes((views_dir / "CCPR_C_134_D_2836_2016.txt").read_bytes())
    views = parse(path).result
    assert views.index_source is None
    assert views.reply_period == "within 180 days"
    assert (views.reply_due, views.due_basis) == (None, None)
    assert views.author == "Shkurillo Alimov"
    assert (
        views.remedy_paragraph == "9"
    )  # 'the State party is under an obligation to provide ... an effective remedy'


def test_a_full_cat_decision_gives_parties_and_a_90_day_reply_date(parse, juris_dir):
    doc = parse(
        juris_dir / "TreatyBodyJuris" / "record_0003.json"
    )  # CAT/C/51/D/441/2010, Evloev v. Kazakhstan
    views = doc.result
    assert doc.metadata.symbol.raw == "CAT/C/51/D/441/2010"
    assert (views.author, views.state_party, views.country) == ("Oleg Evloev", "Kazakhstan", "KAZ")
    assert views.outcome == "violation"
    assert doc.metadata.adopted == date(2013, 11, 5)  # 'Meeting on 5 November 2013'
    assert (views.reply_days, views.reply_due) == (90, date(2014, 2, 3))


def test_an_inadmissibility_decision_is_read_as_such(parse, juris_dir):
    views = parse(juris_dir / "TreatyBodyJuris" / "record_0011.json").result  # CAT/C/50/D/479/2011
    assert views.outcome == "inadmissible"
    assert views.reply_period is None
