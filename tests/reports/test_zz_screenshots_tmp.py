"""Temporary: screenshots of Arabic and Chinese outputs (not committed)."""
import datetime as dt
import subprocess
from pathlib import Path

import pytest
from browser_support import chromium

from rightstrack.reports import plain_language_render
from rightstrack.reports.followup_report import build_followup_report, render_followup_docx
from rightstrack.reports.plain_language import build_summary
from rightstrack.reports.writers.pdf import docx_to_pdf

pytestmark = pytest.mark.django_db(transaction=True)
OUT = Path("/tmp/shots-outputs")


def test_shots(tracking, live_server):
    doc = tracking.catalogue.pry_co if hasattr(tracking, "catalogue") else None
    from rightstrack.catalog.models import Document
    doc = Document.objects.get(symbol="CCPR/C/PRY/CO/4")
    c = doc.country
    c.name_fr, c.name_ru, c.name_zh, c.name_ar = "Paraguay", "Парагвай", "巴拉圭", "باراغواي"
    c.save()
    for lang, tag in (("ar", "ar"), ("zh-hans", "zh")):
        s = build_summary(None, doc.pk, lang)
        (OUT / f"{tag}-plain.pdf").write_bytes(plain_language_render.summary_pdf(s))
        (OUT / f"{tag}-plain.docx").write_bytes(plain_language_render.summary_docx(s))
        r = build_followup_report(None, doc, period_end=dt.date(2021, 12, 1), language=lang)
        data = render_followup_docx(r)
        (OUT / f"{tag}-followup.docx").write_bytes(data)
        (OUT / f"{tag}-followup.pdf").write_bytes(docx_to_pdf(data))
    rec = doc.recommendations.filter(paragraph="29").first() or doc.recommendations.first()
    with chromium() as browser:
        for lang, tag in (("ar", "ar"), ("zh-hans", "zh")):
            ctx = browser.new_context(viewport={"width": 1100, "height": 1400})
            ctx.add_cookies([{"name": "django_language", "value": lang, "url": live_server.url}])
            page = ctx.new_page()
            page.goto(f"{live_server.url}/recommendations/{rec.pk}/")
            page.screenshot(path=str(OUT / f"{tag}-recommendation-page.png"), full_page=False)
            ctx.close()
