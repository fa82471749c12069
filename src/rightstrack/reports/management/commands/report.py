"""``rightstrack report followup|parallel|midterm|briefing|press|share-image ...``: generated
reports.

Examples::

    rightstrack report followup CERD/C/BRA/CO/18-20 --org "Coalizão Negra" --format docx -o r.docx
    rightstrack report parallel CCPR/C/PRY/CO/4 --org CODEHUPY --language es --format pdf -o p.pdf
    rightstrack report midterm BRA 4 --format pdf -o midterm.pdf
    rightstrack report briefing "Ministry of Racial Equality" --format docx -o pack.docx
    rightstrack report press CERD/C/BRA/CO/18-20 --kind article -o article.txt
    rightstrack report share-image CERD/C/BRA/CO/18-20 -o card.png

The command line sees public data only (it runs as an anonymous user), which
is what every outward report may contain anyway.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.management.base import BaseCommand, CommandError, CommandParser

from rightstrack.accounts.models import Organisation
from rightstrack.accounts.types import Viewer
from rightstrack.catalog.models import Country, Document
from rightstrack.reports import (
    briefing,
    followup_report,
    midterm,
    parallel_report,
    press,
    share_image,
)
from rightstrack.reports.data import find_document
from rightstrack.reports.writers.pdf import ConversionError


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"not a date (YYYY-MM-DD): {value!r}") from None


def _org(name: str) -> Organisation:
    org = (
        Organisation.objects.filter(name__iexact=name).first()
        or Organisation.objects.filter(acronym__iexact=name).first()
    )
    if org is None:
        raise CommandError(f"no organisation named {name!r}")
    return org


class Command(BaseCommand):
    help = (
        "Generate a follow-up report, parallel follow-up report, UPR mid-term report, "
        "briefing pack or press kit."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="report", required=True)
        fu = sub.add_parser("followup", help="follow-up report to a committee (DOCX/PDF)")
        fu.add_argument("symbol", help="symbol of the concluding observations")
        fu.add_argument("--org", action="append", default=[], help="submitting organisation")
        fu.add_argument("--from", dest="start", type=_date, help="period start (YYYY-MM-DD)")
        fu.add_argument("--to", dest="end", type=_date, help="period end and judgement date")
        pa = sub.add_parser("parallel", help="parallel (shadow) follow-up report (DOCX/PDF)")
        pa.add_argument("symbol", help="symbol of the concluding observations")
        pa.add_argument("--org", action="append", default=[], help="submitting organisation")
        pa.add_argument("--from", dest="start", type=_date, help="period start (YYYY-MM-DD)")
        pa.add_argument("--to", dest="end", type=_date, help="period end and judgement date")
        mt = sub.add_parser("midterm", help="UPR mid-term report (DOCX/PDF)")
        mt.add_argument("country", help="ISO 3166 alpha-3 code")
        mt.add_argument("cycle", type=int, help="UPR cycle (1-4)")
        br = sub.add_parser("briefing", help="briefing pack for one institution (DOCX/PDF)")
        br.add_argument("organisation", help="organisation name or acronym")
        br.add_argument("--on", type=_date, help="briefing date (YYYY-MM-DD)")
        pr = sub.add_parser("press", help="press release or article draft (text)")
        pr.add_argument("symbol")
        pr.add_argument("--kind", choices=["press_release", "article"], default="press_release")
        pr.add_argument("--org", default="", help="issuing organisation")
        pr.add_argument("--on", type=_date, help="date of the release (YYYY-MM-DD)")
        si = sub.add_parser("share-image", help="1200x630 PNG card of a document")
        si.add_argument("symbol")
        si.add_argument("--paragraph", default="", help="a recommendation's paragraph instead")
        for p in (fu, pa, mt, br, pr, si):
            p.add_argument("-o", "--output", required=True, help="file to write")
            p.add_argument("--language", default="en")
        for p in (fu, pa, mt, br):
            p.add_argument("--format", dest="fmt", choices=["docx", "pdf"], default="docx")

    def handle(self, *args: Any, **opts: Any) -> None:
        user = AnonymousUser()
        kind, lang, out = opts["report"], opts["language"], Path(opts["output"])
        try:
            if kind == "followup":
                doc = self._doc(user, opts["symbol"])
                report = followup_report.build_followup_report(
                    user,
                    doc,
                    organisations=[_org(n) for n in opts["org"]],
                    period_start=opts["start"],
                    period_end=opts["end"],
                    language=lang,
                )
                data = followup_report.followup_report_bytes(report, opts["fmt"])
            elif kind == "parallel":
                doc = self._doc(user, opts["symbol"])
                shadow = parallel_report.build_parallel_report(
                    user,
                    doc,
                    organisations=[_org(n) for n in opts["org"]],
                    period_start=opts["start"],
                    period_end=opts["end"],
                    language=lang,
                )
                data = parallel_report.parallel_report_bytes(shadow, opts["fmt"])
            elif kind == "midterm":
                country = Country.objects.filter(iso3=opts["country"].upper()).first()
                if country is None:
                    raise CommandError(f"no country {opts['country']!r}")
                mid = midterm.build_midterm_report(user, country, opts["cycle"], language=lang)
                data = midterm.midterm_bytes(mid, opts["fmt"])
            elif kind == "briefing":
                pack = briefing.build_briefing_pack(
                    user, _org(opts["organisation"]), on=opts["on"], language=lang
                )
                data = briefing.briefing_bytes(pack, opts["fmt"])
            elif kind == "press":
                doc = self._doc(user, opts["symbol"])
                facts = press.press_facts(
                    user, doc, today=opts["on"], organisation=opts["org"], language=lang
                )
                data = press.render_press(opts["kind"], facts, lang).encode("utf-8")
            else:
                doc = self._doc(user, opts["symbol"])
                if opts["paragraph"]:
                    rec = doc.recommendations.public().filter(paragraph=opts["paragraph"]).first()
                    if rec is None:
                        raise CommandError(f"no public paragraph {opts['paragraph']!r} in {doc}")
                    card = share_image.recommendation_share_image(user, rec, language=lang)
                else:
                    card = share_image.document_share_image(user, doc, language=lang)
                data = card.png
                self.stdout.write(f"alt: {card.alt}")
        except ConversionError as exc:
            raise CommandError(str(exc)) from exc
        out.write_bytes(data)
        self.stdout.write(f"wrote {out} ({len(data):,} bytes)")

    def _doc(self, user: Viewer, symbol: str) -> Document:
        try:
            return find_document(user, symbol)
        except Document.DoesNotExist as exc:
            raise CommandError(str(exc)) from exc
