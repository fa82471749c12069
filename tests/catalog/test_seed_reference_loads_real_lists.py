"""seed_reference() loads the reference lists with the values printed in their sources."""

import pytest

from rightstrack.catalog.models import (
    ActionCategory,
    AffectedGroup,
    Country,
    Mechanism,
    SdgGoal,
    SdgTarget,
    Theme,
    UprIssue,
)

pytestmark = pytest.mark.django_db


def test_it_loads_17_goals_169_targets_and_5_action_categories(reference_data):
    assert SdgGoal.objects.count() == 17
    assert SdgTarget.objects.count() == 169
    assert ActionCategory.objects.count() == 5
    assert reference_data["sdgtarget"] == 169


def test_it_loads_the_56_current_upr_info_issues_and_the_legacy_one():
    from rightstrack.catalog.reference import seed_reference

    seed_reference()
    names = set(UprIssue.objects.values_list("name", flat=True))
    # UPR_issues_label.vocab: 56 labels (+ "nan"); "National plan of action" is item 34
    # of UPR Info's 2014 list and tags 658 rows of the 2008-2014 CSVs.
    assert len(names) == 57
    assert {"Torture and other CID treatment", "Women's rights", "Privacy"} <= names
    assert "National plan of action" in names
    assert "nan" not in names


def test_it_loads_the_ten_treaty_bodies_with_their_symbol_prefixes(reference_data):
    bodies = dict(
        Mechanism.objects.filter(kind=Mechanism.Kind.TREATY_BODY).values_list(
            "code", "symbol_prefix"
        )
    )
    # The ten treaty bodies and the symbol prefix of their documents.
    assert bodies == {
        "CCPR": "CCPR/C/",
        "CESCR": "E/C.12/",
        "CERD": "CERD/C/",
        "CEDAW": "CEDAW/C/",
        "CAT": "CAT/C/",
        "SPT": "CAT/OP/",
        "CRC": "CRC/C/",
        "CMW": "CMW/C/",
        "CRPD": "CRPD/C/",
        "CED": "CED/C/",
    }
    kinds = dict(Mechanism.objects.values_list("code", "kind"))
    assert kinds["UPR"] == Mechanism.Kind.UPR
    assert kinds["SP"] == Mechanism.Kind.SPECIAL_PROCEDURE
    assert {kinds[c] for c in ("IACHR", "ACHPR", "CPT", "ECSR")} == {Mechanism.Kind.REGIONAL}


def test_target_16_3_and_5_a_have_the_text_of_the_unsd_file(reference_data):
    # SDG_Target_Indicator_UNSD_2023.csv rows 16.3 and 5.a (same in the UNSD xlsx).
    t163 = SdgTarget.objects.get(code="16.3")
    assert t163.goal.number == 16
    assert t163.text == (
        "Promote the rule of law at the national and international levels "
        "and ensure equal access to justice for all"
    )
    t5a = SdgTarget.objects.get(code="5.a")
    assert t5a.text.startswith("Undertake reforms to give women equal rights to economic resources")
    assert list(SdgGoal.objects.get(number=5).targets.values_list("code", flat=True)) == [
        "5.1",
        "5.2",
        "5.3",
        "5.4",
        "5.5",
        "5.6",
        "5.a",
        "5.b",
        "5.c",
    ]


def test_goals_have_the_official_title_and_the_short_name(reference_data):
    goal = SdgGoal.objects.get(number=13)
    # The xlsx prints "...and its impacts" followed by footnote mark 3.
    assert goal.title == "Take urgent action to combat climate change and its impacts"
    assert goal.short_title == "Climate Action"
    assert SdgGoal.objects.get(number=16).short_title == "Peace, Justice, and Strong Institutions"


def test_slovenia_has_its_un_names_in_six_languages(reference_data):
    svn = Country.objects.get(iso3="SVN")
    # countries.xlsx row "Slovenia": "Slovénie (la)", "Eslovenia", "Словения", "斯洛文尼亚", "سلوفينيا".
    assert (svn.name_en, svn.name_fr, svn.name_es) == ("Slovenia", "Slovénie", "Eslovenia")
    assert (svn.name_ru, svn.name_zh, svn.name_ar) == ("Словения", "斯洛文尼亚", "سلوفينيا")
    assert (svn.iso2, svn.m49, svn.formal_name_en) == ("SI", "705", "Republic of Slovenia")
    assert svn.un_member is True
    assert Country.objects.get(iso3="VAT").un_member is False
    assert Country.objects.count() == 197


def test_action_categories_use_upr_info_wording(reference_data):
    three = ActionCategory.objects.get(number=3)
    # Database_Action_Category.pdf (UPR Info, October 2014), "Rank 3".
    assert three.description == (
        "Recommendation to consider change (Example of verbs: analyse, consider, envisage "
        "envision, examine, explore, reflect upon, revise, review, study)."
    )
    assert ActionCategory.objects.get(number=1).name == "Minimal action"
    assert ActionCategory.objects.get(number=5).name == "Specific action"


def test_themes_keep_the_printed_label_and_the_old_uhri_code(reference_data):
    equality = Theme.objects.get(slug="equality-and-non-discrimination")
    assert equality.name == "Equality & non-discrimination"  # as in the UHRI records
    assert equality.code == "B3"  # old UHRI level-2 code (as seeded in IMPACT OSS)
    assert "uhri" in equality.source.split(",")
    ratification = Theme.objects.get(
        name="Ratification of & accession to international instruments"
    )
    assert ratification.source == "thematic-cycle4"
    assert AffectedGroup.objects.get(slug="public-officials").name == "Public officials"
