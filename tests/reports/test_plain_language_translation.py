"""Translation workflow: export plain-language texts as PO, import them back, flag what is stale."""

from __future__ import annotations

import io

import polib
import pytest
from django.core.management import call_command

from rightstrack.reports.actions import do_save_plain_summary, do_save_plain_text
from rightstrack.reports.models import PlainLanguageText
from rightstrack.reports.plain_language import build_summary
from rightstrack.reports.translation import TranslationFileError, export_po, import_po

pytestmark = pytest.mark.django_db
EN_13 = "Find out what happened to the victims of the dictatorship and punish those responsible."
ES_13 = "Averiguar qué pasó con las víctimas de la dictadura y castigar a los responsables."


@pytest.fixture
def english(pry_co_catalogue):
    do_save_plain_text(None, pry_co_catalogue.pry_recs[13], "en", EN_13)
    do_save_plain_summary(
        None, pry_co_catalogue.pry_co, "en", intro="A short version.", next_steps="Report by 2021."
    )
    return pry_co_catalogue


def test_the_po_export_holds_every_english_plain_text_with_context(english):
    po = export_po(english.pry_co, "es")
    assert po.metadata["Language"] == "es"
    assert po.metadata["X-RightsTrack-Document"] == "CCPR/C/PRY/CO/4"
    by_ctx = {e.msgctxt: e for e in po}
    assert by_ctx[f"rec:{english.pry_recs[13].pk}"].msgid == EN_13
    assert by_ctx[f"rec:{english.pry_recs[13].pk}"].msgstr == ""
    assert "CCPR/C/PRY/CO/4 para. 13" in by_ctx[f"rec:{english.pry_recs[13].pk}"].comment
    assert by_ctx["summary:intro"].msgid == "A short version."


def test_a_translated_po_file_imports_back_and_the_summary_shows_it(english, tmp_path):
    po = export_po(english.pry_co, "es")
    for entry in po:
        entry.msgstr = ES_13 if entry.msgctxt.startswith("rec:") else f"[es] {entry.msgid}"
    path = tmp_path / "pry-es.po"
    po.save(str(path))
    out = io.StringIO()
    call_command("plain_language", "import", str(path), stdout=out)
    assert "3 saved" in out.getvalue()
    es = PlainLanguageText.objects.get(recommendation=english.pry_recs[13], language="es")
    assert (es.text, es.translated_from) == (ES_13, "en")
    summary = build_summary(None, english.pry_co.pk, "es")
    assert summary.follow_ups[0].item.text == ES_13
    assert summary.intro == "[es] A short version."
    assert summary.out_of_date == []
    assert es.history.count() == 1


def test_an_edited_source_marks_the_translation_out_of_date_and_fuzzy(english):
    po = export_po(english.pry_co, "es")
    for entry in po:
        entry.msgstr = ES_13 if entry.msgctxt.startswith("rec:") else entry.msgid
    import_po(str(po), None)
    do_save_plain_text(None, english.pry_recs[13], "en", EN_13 + " Help their families.")
    summary = build_summary(None, english.pry_co.pk, "es")
    assert summary.follow_ups[0].item.out_of_date
    assert "Párrafo 13" in summary.out_of_date  # labels in the summary language
    again = {e.msgctxt: e for e in export_po(english.pry_co, "es")}
    entry = again[f"rec:{english.pry_recs[13].pk}"]
    assert "fuzzy" in entry.flags
    assert entry.msgstr == ES_13
    assert "OUT OF DATE" in entry.comment
    # A fuzzy entry sent back unchanged is not imported over the stale text.
    assert import_po(_po_with(entry), None).skipped_fuzzy == 1


def _po_with(entry: polib.POEntry) -> str:
    po = polib.POFile()
    po.metadata = {"Language": "es", "X-RightsTrack-Document": "CCPR/C/PRY/CO/4"}
    po.append(entry)
    return str(po)


def test_a_file_without_the_header_is_refused_and_nothing_is_saved(english):
    po = export_po(english.pry_co, "es")
    for entry in po:
        entry.msgstr = "x"
    del po.metadata["X-RightsTrack-Document"]
    with pytest.raises(TranslationFileError, match="X-RightsTrack-Document"):
        import_po(str(po), None)
    assert not PlainLanguageText.objects.filter(language="es").exists()
