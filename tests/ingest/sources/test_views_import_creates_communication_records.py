"""`rightstrack import` on real Views creates communication records: number, committee,
State, date of the Views, articles violated, remedies, reply period and deadline.

Values read in the documents:

- CCPR/C/134/D/2836/2016 (lszoszk paragraph file; Alimov v. Kyrgyzstan): para. 8 "articles
  6 (1) and 7, read alone and in conjunction with article 2 (3)"; para. 9 investigation,
  compensation, prevention of similar violations; para. 10 "within 180 days" and
  "publish the present Views". The paragraph file prints neither the State nor the date,
  so there is no deadline until a coordinator enters them.
- CAT/C/51/D/441/2010 (TreatyBodyJuris record_0003.json; Evloev v. Kazakhstan): adopted
  5 November 2013; "violations of article 1 in conjunction with article 2, paragraph 1, and
  of articles 12, 13, 14 and 15"; para. 16 "within 90 days from the date of the transmittal
  of this decision": 5 Nov 2013 + 90 days = 3 February 2014 (counted from adoption).
- CERD/C/91/D/53/2013: no violation, no reply period.
- CAT/C/50/D/479/2011 (record with "the communication is inadmissible"): inadmissible.
"""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.management import CommandError, call_command

from rightstrack.catalog.models import Communication

pytestmark = pytest.mark.django_db


def _import(*paths, fmt: str = "") -> str:
    out = io.StringIO()
    extra = ["--format", fmt] if fmt else []
    call_command("import", *[str(p) for p in paths], *extra, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_the_ccpr_views_become_a_communication_with_articles_remedies_and_period(
    reference_data, shared_raw
):
    _import(shared_raw / "tb-views-lszoszk" / "CCPR_C_134_D_2836_2016.txt")
    comm = Communication.objects.get(mechanism__code="CCPR", number="2836/2016")
    assert comm.symbol == "CCPR/C/134/D/2836/2016"
    assert (comm.status, comm.outcome) == ("views_adopted", "violation")
    assert comm.articles_violated == ["6 (1)", "7", "2 (3)"]
    assert {"investigation", "compensation", "non_repetition", "publication"} <= set(comm.remedies)
    assert (comm.reply_period_text, comm.reply_days) == ("within 180 days", 180)
    assert comm.author == "Shkurillo Alimov"
    assert comm.visibility == "public"
    # Neither the State nor the date is in the paragraph file; the source's metadata index
    # (lszoszk/generalcomments docs/jur/documents-lite.json) gives Kyrgyzstan and
    # 11 March 2022 (its jurisDecisionDate, OHCHR-Juris case 3500): 180 days later.
    assert (comm.country.iso3, comm.views_adopted_on) == ("KGZ", date(2022, 3, 11))
    assert (comm.reply_due, comm.reply_due_basis) == (date(2022, 9, 7), "adoption")


def test_the_kazakhstan_decision_has_its_deadline_counted_from_adoption(reference_data, shared_raw):
    _import(shared_raw / "tb-juris-worldwidelaw" / "TreatyBodyJuris" / "record_0003.json")
    comm = Communication.objects.get(mechanism__code="CAT", number="441/2010")
    assert (comm.country.iso3, comm.views_adopted_on) == ("KAZ", date(2013, 11, 5))
    assert comm.articles_violated == ["1", "2 (1)", "12", "13", "14", "15"]
    assert {"investigation", "compensation", "rehabilitation"} <= set(comm.remedies)
    assert (comm.reply_period_text, comm.reply_due, comm.reply_due_basis) == (
        "within 90 days",
        date(2014, 2, 3),
        "adoption",
    )


def test_decisions_without_violation_and_inadmissible_ones_get_their_status(
    reference_data, shared_raw
):
    _import(
        shared_raw / "tb-views-lszoszk" / "CERD_C_91_D_53_2013.txt",
        shared_raw / "tb-juris-worldwidelaw" / "TreatyBodyJuris" / "CAT_C_50_D_479_2011.txt",
    )
    no_violation = Communication.objects.get(mechanism__code="CERD", number="53/2013")
    assert (no_violation.status, no_violation.outcome) == ("views_adopted", "no_violation")
    assert (no_violation.articles_violated, no_violation.reply_due) == ([], None)
    inadmissible = Communication.objects.get(mechanism__code="CAT", number="479/2011")
    assert inadmissible.status == "inadmissible"


def test_every_views_file_of_the_lszoszk_folder_gives_one_record(reference_data, shared_raw):
    files = sorted((shared_raw / "tb-views-lszoszk").glob("*.txt"))
    _import(*files)
    assert Communication.objects.count() == 14
    with_violation = Communication.objects.filter(outcome="violation")
    assert with_violation.count() == 12
    assert all(c.articles_violated and c.reply_period_text for c in with_violation)


def test_a_reimport_keeps_the_transmittal_date_a_coordinator_entered(
    reference_data, shared_raw, coordinator
):
    from rightstrack.tracking.communication_actions import do_update_communication

    path = shared_raw / "tb-juris-worldwidelaw" / "TreatyBodyJuris" / "record_0003.json"
    _import(path)
    comm = Communication.objects.get(mechanism__code="CAT", number="441/2010")
    do_update_communication(coordinator, comm, transmitted_on=date(2013, 12, 2))
    _import(path)
    comm.refresh_from_db()
    assert (comm.transmitted_on, comm.reply_due, comm.reply_due_basis) == (
        date(2013, 12, 2),
        date(2014, 3, 2),
        "transmittal",
    )


def test_a_broken_file_stores_no_communication_and_is_named(reference_data, shared_raw):
    broken = shared_raw / "tb-juris-worldwidelaw" / "OHCHR-Juris" / "case_1.json"
    with pytest.raises(CommandError, match=r"case_1\.json: .*broken text encoding"):
        _import(broken, fmt="treaty-body-document")
    assert not Communication.objects.exists()
