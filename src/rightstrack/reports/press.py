"""Press kit: a press release and an article draft filled with facts from the data, offered
on the "six months since" anniversaries of the deadlines calendar.

Templates are Django templates rendered as plain text (no HTML escaping).
Coordinators edit them (``PressTemplate`` rows, one per kind and language,
with history); without a row, the default file
``templates/reports/press/<kind>.<language>.txt`` is used: every kind ships in
the six UN languages (ar, en, es, fr, ru, zh-hans), written the way the UN's own
documents in that language word them ("observaciones finales", "constatations",
"الملاحظات الختامية"...). A template is rendered with its language active, so
the filters of ``reports/templatetags/press_text.py`` (``number``, ``days``,
``months``, ``period``) write numbers and durations the CLDR way of that
language ("212 дней", "18 mois"). The templates only ever receive the plain values of
:func:`press_facts` (strings, numbers, booleans, lists of strings), never
model instances, so an edited template cannot reach other data.

"Show no progress" (the headline figure): a follow-up item whose latest
published, public assessment by a non-State source (civil society, NHRI, the
Committee) is *not started*, *not implemented* or *measures contrary*, or that
has no such assessment at all. The State's own assessment does not count as
progress evidence.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template import Context, Engine, TemplateSyntaxError
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from rightstrack.accounts.models import User
from rightstrack.accounts.permissions import public_author
from rightstrack.accounts.types import Viewer
from rightstrack.catalog.models import Communication, Document, FollowUpRequest
from rightstrack.reports.data import (
    report_assessments,
    report_communications,
    report_documents,
    report_follow_ups,
    report_views_follow_ups,
)
from rightstrack.reports.dates import list_separator, long_date
from rightstrack.reports.models import PressTemplate
from rightstrack.tracking import deadlines, followup
from rightstrack.tracking.models import Assessment, Level, ViewsFollowUp
from rightstrack.tracking.permissions import is_coordinator

DEFAULTS_DIR = Path(__file__).resolve().parent / "templates" / "reports" / "press"
NO_PROGRESS_LEVELS = (Level.NOT_STARTED, Level.NOT_IMPLEMENTED, Level.CONTRARY)

#: The languages every kind of press template ships in (the six UN languages).
LANGUAGES = ("ar", "en", "es", "fr", "ru", "zh-hans")

#: A standalone engine: no loaders (``{% include %}`` of files impossible), no autoescape;
#: Django's built-in filters plus the number/duration filters of ``press_text``.
_ENGINE = Engine(
    autoescape=False,
    debug=False,
    loaders=[],
    builtins=["rightstrack.reports.templatetags.press_text"],
)


def default_body(kind: str, language: str = "en") -> str:
    """The shipped default template of ``kind`` in ``language`` (English for a language
    outside :data:`LANGUAGES`).

    Raises:
        ValueError: unknown ``kind``.
    """
    if kind not in PressTemplate.Kind.values:
        raise ValueError(f"unknown press template kind {kind!r}")
    path = DEFAULTS_DIR / f"{kind}.{language}.txt"
    if not path.exists():
        path = DEFAULTS_DIR / f"{kind}.en.txt"
    return path.read_text(encoding="utf-8")


def template_body(kind: str, language: str = "en") -> str:
    """The template in use: the edited ``PressTemplate`` row, else the default file."""
    row = PressTemplate.objects.filter(kind=kind, language=language).first()
    return row.body if row is not None else default_body(kind, language)


def check_template(body: str) -> None:
    """Raise ``ValidationError`` (with the parser's message) if ``body`` does not compile."""
    try:
        _ENGINE.from_string(body)
    except TemplateSyntaxError as exc:
        raise ValidationError(_("The template has an error: %(error)s") % {"error": exc}) from exc


@transaction.atomic
def do_save_press_template(
    user: Viewer | None, kind: str, language: str, body: str
) -> PressTemplate:
    """Create or update the press template of ``kind`` and ``language`` (history kept).

    Raises:
        PermissionDenied: ``user`` is not a coordinator or admin.
        ValidationError: unknown kind, or a template that does not compile.
    """
    if not is_coordinator(user):
        raise PermissionDenied(_("Only coordinators can edit press templates."))
    if kind not in PressTemplate.Kind.values:
        raise ValidationError(_("Unknown kind of template."))
    check_template(body)
    row = PressTemplate.objects.select_for_update().filter(kind=kind, language=language).first()
    row = row or PressTemplate(kind=kind, language=language)
    row.body, row.updated_by = body, user if isinstance(user, User) else None
    row._change_reason = "press template edited"  # type: ignore[attr-defined]
    row.save()
    return row


@dataclass(frozen=True)
class ItemFact:
    """One follow-up item's facts (for templates and the share image)."""

    item: str
    section: str
    level: str
    level_label: str
    no_progress: bool


def _latest_non_state(
    user: Viewer | None, rec_id: int | None, on: dt.date | None
) -> Assessment | None:
    if rec_id is None:
        return None
    qs = report_assessments(user).filter(recommendation_id=rec_id)
    if on is not None:
        qs = qs.filter(date__lte=on)
    return qs.exclude(source=Assessment.Source.GOVERNMENT).order_by("-date", "-id").first()


def item_facts(
    user: Viewer | None, document: Document, on: dt.date | None = None
) -> list[ItemFact]:
    """Facts of each written follow-up item of ``document`` (public data only), from the
    assessments dated on or before ``on`` (all when ``None``)."""
    out = []
    requests = (
        report_follow_ups(user)
        .filter(document=document, kind=FollowUpRequest.Kind.FOLLOW_UP)
        .select_related("recommendation")
        .order_by("recommendation__order", "id")
    )
    for fr in requests:
        a = _latest_non_state(user, fr.recommendation_id, on)
        level = a.level if a is not None else ""
        out.append(
            ItemFact(
                item=fr.item,
                section=fr.recommendation.section if fr.recommendation else "",
                level=level,
                level_label=str(Level(level).label) if level else _("not assessed"),
                no_progress=a is None or level in NO_PROGRESS_LEVELS,
            )
        )
    return out


def _period_phrase(months: int) -> str:
    words = {6: _("Six months"), 12: _("One year"), 18: _("Eighteen months")}
    if months in words:
        return str(words[months])
    return _("%(n)d months") % {"n": months}


def _months_between(start: dt.date, end: dt.date) -> int:
    return max(0, (end.year - start.year) * 12 + end.month - start.month - (end.day < start.day))


def press_facts(
    user: Viewer | None,
    document: Document,
    *,
    today: dt.date | None = None,
    organisation: str = "",
    city: str = "",
    months: int | None = None,
    language: str = "en",
    base_url: str = "",
) -> dict[str, Any]:
    """The facts a press template may use, as plain values.

    Keys: committee, mechanism_code, country, symbol, adopted_on, today,
    city_and_date, period_phrase, months, total, no_progress, implemented,
    partial, contrary, items, item_lines, item_details (one dict per item: item,
    section, level, level_label), deadline, deadline_passed, days_overdue,
    reply_received, reply_received_on, reply_late, days_late, next_report,
    next_report_on (a date in words, or ""), next_report_year (0 when unknown),
    document_url, organisation, organisation_line.

    Dates are written by :func:`~rightstrack.reports.dates.long_date` in ``language``;
    the committee's name is ``Mechanism.display_name`` in ``language``.

    Args:
        user: requesting user (``None``: public data only).
        document: concluding observations with follow-up items.
        today: the date of the release (default today).
        organisation: name of the issuing organisation ("" for none).
        city: place line of the release ("" for none).
        months: the anniversary in months (default: months since adoption, or 6).
        language: language of the words and dates.
        base_url: scheme and host prefixed to ``document_url`` ("" for a relative URL).
    """
    day = today or timezone.localdate()
    with translation.override(language):
        facts = item_facts(user, document, day)
        requests = list(
            report_follow_ups(user).filter(document=document, kind=FollowUpRequest.Kind.FOLLOW_UP)
        )
        dues = sorted({r.due_on for r in requests if r.due_on})
        due = dues[0] if dues else None
        replies = sorted(r.reply_received_on for r in requests if r.reply_received_on)
        reply = replies[0] if replies else None
        adopted = document.adopted_on
        n_months = months or (_months_between(adopted, day) if adopted else 6) or 6
        next_report = (
            long_date(document.next_report_due, language)
            if document.next_report_due
            else (_("in %(year)d") % {"year": document.next_report_year})
            if document.next_report_year
            else _("on a date the Committee will set")
        )
        return {
            "committee": document.mechanism.display_name,
            "mechanism_code": document.mechanism.code,
            "country": document.country.name if document.country else "",
            "symbol": document.symbol,
            "adopted_on": long_date(adopted, language),
            "today": long_date(day, language),
            "city_and_date": ", ".join(x for x in (city, long_date(day, language)) if x),
            "period_phrase": _period_phrase(n_months),
            "months": n_months,
            "total": len(facts),
            "no_progress": sum(f.no_progress for f in facts),
            "implemented": sum(f.level == Level.IMPLEMENTED for f in facts),
            "partial": sum(f.level == Level.PARTIAL for f in facts),
            "contrary": sum(f.level == Level.CONTRARY for f in facts),
            "items": list_separator(language).join(f.item for f in facts),
            "item_lines": [
                f"{_('Paragraph')} {f.item}"
                + (f" ({f.section})" if f.section else "")
                + f": {f.level_label}"
                for f in facts
            ],
            "deadline": long_date(due, language),
            "deadline_passed": bool(due and day > due),
            "days_overdue": (day - due).days if due and day > due and not reply else 0,
            "reply_received": reply is not None and reply <= day,
            "reply_received_on": long_date(reply, language),
            "reply_late": bool(reply and due and reply > due),
            "days_late": followup.days_late(requests[0], day) if requests and reply else 0,
            "item_details": [
                {
                    "item": f.item,
                    "section": f.section,
                    "level": f.level,
                    "level_label": f.level_label,
                }
                for f in facts
            ],
            "next_report": next_report,
            "next_report_on": long_date(document.next_report_due, language),
            "next_report_year": document.next_report_year or 0,
            "document_url": base_url + reverse("portal:document_detail", args=[document.pk]),
            "organisation": organisation,
            "organisation_line": (
                _("Issued by %(org)s.") % {"org": organisation} if organisation else ""
            ),
        }


def render_press(kind: str, facts: dict[str, Any], language: str = "en") -> str:
    """Fill the template of ``kind`` (edited or default) in ``language`` with ``facts``;
    plain text. ``language`` is active while rendering (numbers and durations of the
    template's filters follow it); ``facts`` should come from :func:`press_facts` or
    :func:`views_press_facts` called with the same ``language``.

    Raises:
        ValidationError: the stored template does not compile.
    """
    body = template_body(kind, language)
    check_template(body)
    with translation.override(language):
        text = _ENGINE.from_string(body).render(Context(facts, autoescape=False))
    return "\n".join(line.rstrip() for line in text.strip().splitlines()) + "\n"


@dataclass(frozen=True)
class Anniversary:
    """A "six months since" event offered for a press kit."""

    date: dt.date
    document_id: int
    symbol: str
    title: str
    state: str


def anniversaries(
    user: Viewer | None, today: dt.date, *, window_days: int = 60
) -> list[Anniversary]:
    """ "Six months since" events of the deadlines calendar within ``window_days`` of ``today``
    (past or upcoming), for documents with written follow-up items, newest first."""
    calendar = deadlines.build_calendar(
        user, today, deadlines.Filters(kinds=frozenset({deadlines.SIX_MONTHS_SINCE}))
    )
    with_items = set(
        report_follow_ups(user)
        .filter(kind=FollowUpRequest.Kind.FOLLOW_UP)
        .values_list("document__symbol", flat=True)
    )
    docs = {
        d.symbol: d.pk
        for d in report_documents(user).filter(symbol__in=with_items).only("pk", "symbol")
    }
    out = [
        Anniversary(e.date, docs[e.symbol], e.symbol, e.title, e.state)
        for e in calendar
        if e.symbol in docs and abs((e.date - today).days) <= window_days
    ]
    return sorted(out, key=lambda a: a.date, reverse=True)


# --------------------------------------------------------------------------- Views


#: Committees whose treaty is a Covenant (the article says "of the Covenant").
COVENANT_COMMITTEES = frozenset({"CCPR", "CESCR"})


def _babel_locale(language: str) -> str:
    return {"en": "en_GB", "zh-hans": "zh_Hans", "zh": "zh_Hans"}.get(language, language)


def join_list(items: list[str], language: str) -> str:
    """``["6 (1)", "7", "2 (3)"]`` → "6 (1), 7 and 2 (3)" in ``language`` (CLDR list
    patterns through Babel: "6 (1), 7 y 2 (3)", "6 (1), 7 et 2 (3)")."""
    from babel.lists import format_list

    if not items:
        return ""
    try:
        return str(format_list(items, locale=_babel_locale(language)))
    except (ValueError, LookupError):
        return str(format_list(items, locale="en_GB"))


def views_press_facts(
    user: Viewer | None,
    communication: Communication,
    *,
    today: dt.date | None = None,
    organisation: str = "",
    language: str = "en",
    base_url: str = "",
) -> dict[str, Any]:
    """The facts the "six months since" article on Views may use, as plain values.

    Keys: committee (official name in ``language``), mechanism_code, treaty_is_covenant,
    country (short name in ``language``), reference, number, author (initials when
    anonymised), views_on, today, months, articles (joined the language's way),
    articles_count, remedies (codes of ``Communication.Remedy``), reply_days,
    reply_months, deadline, deadline_passed, days_overdue, reply_received,
    reply_received_on, reply_late, grade, assessment_on, dialogue (a
    ``ViewsFollowUp.Dialogue`` code), url, organisation.

    Only public data: ``communication`` must come from ``reports.data.report_communication``;
    follow-up steps from ``report_views_follow_ups``. The ISHR guide's article: "Six months
    after the Committee found that [State] violated …, the State has / has not …".
    """
    day = today or timezone.localdate()
    code = communication.mechanism.code
    with translation.override(language):
        steps = list(
            report_views_follow_ups(user).filter(communication=communication, date__lte=day)
        )
        replies = [s.date for s in steps if s.kind == ViewsFollowUp.Kind.STATE_REPLY]
        graded = [s for s in steps if s.kind == ViewsFollowUp.Kind.COMMITTEE_ASSESSMENT]
        reply = min(replies) if replies else None
        due = communication.reply_due
        views_on = communication.views_adopted_on
        return {
            # The committee's UN name in the article's language (catalog/mechanism_names.py).
            "committee": communication.mechanism.display_name,
            "mechanism_code": code,
            "treaty_is_covenant": code in COVENANT_COMMITTEES,
            "country": communication.country.name if communication.country else "",
            "reference": communication.reference,
            "number": communication.number,
            "author": public_author(communication, None),
            "views_on": long_date(views_on, language),
            "today": long_date(day, language),
            "months": _months_between(views_on, day) if views_on else 0,
            "articles": join_list(list(communication.articles_violated), language),
            "articles_count": len(communication.articles_violated),
            "remedies": list(communication.remedies),
            "reply_days": communication.reply_days or 0,
            "reply_months": communication.reply_months or 0,
            "deadline": long_date(due, language),
            "deadline_passed": bool(due and day > due),
            "days_overdue": (day - due).days if due and day > due and not reply else 0,
            "reply_received": reply is not None,
            "reply_received_on": long_date(reply, language),
            "reply_late": bool(reply and due and reply > due),
            "grade": graded[-1].grade_label if graded else "",
            "assessment_on": long_date(graded[-1].date, language) if graded else "",
            "dialogue": graded[-1].dialogue if graded else "",
            "url": base_url + reverse("portal:communication_detail", args=[communication.pk]),
            "organisation": organisation,
        }


@dataclass(frozen=True)
class ViewsAnniversary:
    """A "six months since" date of Views offered for the press kit."""

    date: dt.date
    communication_id: int
    reference: str
    title: str
    state: str


def views_anniversaries(
    user: Viewer | None, today: dt.date, *, window_days: int = 60
) -> list[ViewsAnniversary]:
    """The anniversaries of public Views (six months after them, and the reply deadline)
    within ``window_days`` of ``today``, from the deadlines calendar; newest first."""
    comms = {
        (c.mechanism.code, c.number): c
        for c in report_communications(user).select_related("mechanism")
    }
    calendar = deadlines.build_calendar(
        user, today, deadlines.Filters(kinds=frozenset({deadlines.SIX_MONTHS_SINCE}))
    )
    out = [
        ViewsAnniversary(e.date, comm.pk, comm.reference, e.title, e.state)
        for e in calendar
        if e.basis in ("adoption", "reply_deadline")
        and (comm := comms.get((e.mechanism, e.item))) is not None
        and abs((e.date - today).days) <= window_days
    ]
    return sorted(out, key=lambda a: a.date, reverse=True)
