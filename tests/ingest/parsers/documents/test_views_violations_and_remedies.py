"""Views: the articles found violated (operative paragraph) and the remedies asked for (the
"effective remedy" paragraph to the reply paragraph), read in the real texts of
``tb-views-lszoszk`` and worldwidelaw TreatyBodyJuris.

Expected values were read in the documents (paragraph numbers as printed):

- CCPR/C/134/D/2836/2016, para. 8: "a violation ... of the rights of Mr. Amanbaev under
  articles 6 (1) and 7, read alone and in conjunction with article 2 (3), of the Covenant";
  para. 9: "conduct a prompt, effective ... investigation", "provide adequate
  compensation", "prevent similar violations from occurring in the future"; para. 10:
  "publish the present Views".
- CCPR/C/135/D/2848/2016, para. 9: violation of article 19 (2); para. 10 asks to "revise
  its normative framework, in particular its Law on the Mass Media".
- CAT/C/82/D/980/2020, para. 10: "articles 2 (1) and 11 to 14, read in conjunction with
  article 1".
- CERD/C/97/D/58/2016: "articles 5 (d) (iii) and 6"; "review the amount of compensation".
- CRPD/C/34/D/95/2022: "articles 5 and 27(1)(a)".
- CRC/C/95/D/165/2021: "articles 28, 2, read in conjunction with article 28, and 3, ...
  and of article 6 of the Optional Protocol" (interim measures).
- CAT/C/51/D/441/2010 (Evloev v. Kazakhstan): "article 1 in conjunction with article 2,
  paragraph 1, and of articles 12, 13, 14 and 15".
- CAT/C/78/D/1047/2021: "invites the State party to review the complainant's asylum
  application".
"""

from __future__ import annotations

import pytest

from rightstrack.ingest.parsers.documents.un_views import remedy_kinds, violated_articles

ARTICLES = [
    ("CCPR_C_134_D_2836_2016", ["6 (1)", "7", "2 (3)"]),
    ("CCPR_C_135_D_2848_2016", ["19 (2)"]),
    ("CAT_C_82_D_980_2020", ["2 (1)", "11", "12", "13", "14", "1"]),
    ("CERD_C_97_D_58_2016", ["5 (d) (iii)", "6"]),
    ("CRPD_C_34_D_95_2022", ["5", "27 (1) (a)"]),
    ("CEDAW_C_90_D_162_2020", ["16 (1) (g)"]),
    ("CEDAW_C_92_D_187_2022", ["2", "3", "5 (a)", "15 (1)", "1"]),
    ("CRC_C_95_D_165_2021", ["28", "2", "3", "OP 6"]),
    ("CERD_C_91_D_53_2013", []),
]


@pytest.mark.parametrize(("stem", "expected"), ARTICLES)
def test_the_articles_found_violated_are_read_from_the_operative_paragraph(
    parse, views_dir, stem, expected
):
    views = parse(views_dir / f"{stem}.txt").result
    assert views.articles_violated == expected


def test_the_article_the_committee_acts_under_is_not_a_violation():
    text = (
        "The Committee, acting under article 5 (4) of the Optional Protocol, is of the view "
        "that the facts before it disclose a violation by the State party of article 19 (2) "
        "of the Covenant."
    )
    assert violated_articles(text) == ["19 (2)"]


def test_paragraph_numbers_written_out_become_brackets(parse, juris_dir):
    views = parse(juris_dir / "TreatyBodyJuris" / "CAT_C_51_D_441_2010.txt").result
    assert views.articles_violated == ["1", "2 (1)", "12", "13", "14", "15"]


REMEDIES = [
    ("CCPR_C_134_D_2836_2016", {"investigation", "compensation", "non_repetition", "publication"}),
    ("CCPR_C_135_D_2848_2016", {"compensation", "legislative_change", "non_repetition"}),
    ("CAT_C_78_D_1047_2021", {"review"}),
    ("CERD_C_97_D_58_2016", {"compensation", "review", "publication"}),
]


@pytest.mark.parametrize(("stem", "expected"), REMEDIES)
def test_the_remedies_asked_for_are_read_from_the_remedy_paragraph(
    parse, views_dir, stem, expected
):
    views = parse(views_dir / f"{stem}.txt").result
    assert expected <= set(views.remedies)


def test_the_ccpr_remedy_text_quotes_the_obligation_to_provide_an_effective_remedy(
    parse, views_dir
):
    views = parse(views_dir / "CCPR_C_134_D_2836_2016.txt").result
    assert views.remedy_paragraph == "9"
    assert views.remedy_text.startswith(
        "Pursuant to article 2 (3) (a) of the Covenant, the State party is under an obligation "
        "to provide the author with an effective remedy."
    )
    assert "provide adequate compensation to the legal heirs of Mr. Amanbaev" in views.remedy_text


def test_a_remedy_paragraph_naming_no_known_remedy_is_other():
    assert remedy_kinds("The State party should take appropriate action.") == ["other"]
    assert remedy_kinds("") == []


def test_a_decision_to_discontinue_is_its_own_outcome(parse, views_dir):
    from rightstrack.ingest.parsers.documents.un_views import _outcome

    assert _outcome("The Committee therefore decides to discontinue the consideration of "
                    "communication No. 3113/2018.") == "discontinued"  # fmt: skip
