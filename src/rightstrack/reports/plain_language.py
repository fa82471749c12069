"""Plain-language summary of a concluding observations document.

One to two pages, in this order:

1. what the document is (committee, State, symbol, adoption date);
2. **the follow-up items and their deadline**, first and boxed: the State must
   report on them by that date (``catalog.FollowUpRequest``);
3. what the Committee welcomed (positive aspects: the edited
   ``PlainLanguageSummary.welcomed`` lines, else the official items);
4. the main concerns grouped by theme (the CO's sub-headings, with the
   theme pictogram): each recommendation's plain-language text when one was
   written in that language, else the start of the official text, marked so;
5. what happens next (follow-up assessment, next periodic report).

The summary also carries the readability of its plain-language text
(``textstat`` Flesch reading ease, per language where textstat has a
formula) and what is out of date (a source text changed after the plain
text was written).

Works in any language in which a summary or plain texts exist: labels are
translated with gettext under ``translation.override(language)``, dates are
formatted by Babel, and missing texts fall back to the official text.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import textstat
from django.utils import translation
from django.utils.translation import gettext as _

from rightstrack.accounts.types import Viewer
from rightstrack.catalog.models import Document, FollowUpRequest, Recommendation
from rightstrack.reports.data import shown_document, shown_follow_ups, shown_recommendations
from rightstrack.reports.dates import list_separator, long_date
from rightstrack.reports.models import (
    EditorialStatus,
    PlainLanguageSummary,
    PlainLanguageText,
    text_hash,
)
from rightstrack.reports.pictograms import icon_data_uri

#: Characters of official text shown when no plain-language text exists.
SHORT_OFFICIAL = 170
#: textstat languages with a Flesch-type formula (textstat.set_lang).
TEXTSTAT_LANGS = {"en", "de", "es", "fr", "it", "nl", "pl", "ru"}


@dataclass
class PlainItem:
    """One recommendation in the summary."""

    rec_id: int
    paragraph: str
    official: str
    text: str
    is_plain: bool
    out_of_date: bool = False
    follow_up: bool = False
    #: Language of ``text``: the summary's for a plain-language text or an official
    #: text imported in that language, else the language of the official original
    #: (renderings mark it with ``lang`` when it differs from the summary's).
    lang: str = ""


@dataclass
class ConcernGroup:
    """Recommendations under one theme (the CO's sub-heading)."""

    title: str
    theme: Any
    items: list[PlainItem] = field(default_factory=list)
    #: Language of ``title`` (the document's own sub-heading: the original's language).
    lang: str = ""
    #: Separator of :attr:`paragraphs` in the summary's language (``dates.list_separator``).
    separator: str = ", "

    @property
    def has_plain(self) -> bool:
        """True when at least one recommendation of the group has a plain-language text."""
        return any(i.is_plain for i in self.items)

    @property
    def paragraphs(self) -> str:
        """ "13, 15" (the paragraph numbers of the group; "13، 15" in Arabic)."""
        return self.separator.join(i.paragraph for i in self.items)

    @property
    def has_follow_up(self) -> bool:
        """True when a follow-up item is in the group."""
        return any(i.follow_up for i in self.items)

    @property
    def icon_uri(self) -> str:
        """The theme pictogram as a data URI (PDF rendering)."""
        return icon_data_uri(self.theme)


@dataclass
class FollowUpItem:
    """A follow-up item: paragraph, its topic, due date and the text to show."""

    paragraph: str
    topic: str
    due_on: dt.date | None
    due_text: str
    item: PlainItem | None
    #: Language of ``topic`` (the document's own sub-heading).
    topic_lang: str = ""


@dataclass
class Readability:
    """textstat scores of the plain-language text (``None`` when not computed)."""

    flesch: float | None
    grade: float | None
    label: str
    words: int


@dataclass
class PlainSummary:
    """Everything a rendering (HTML, PDF, DOCX) needs, already in ``language``."""

    document: Document
    language: str
    title: str
    committee: str
    country: str
    symbol: str
    adopted: str
    intro: str
    follow_ups: list[FollowUpItem]
    follow_up_due: str
    welcomed: list[str]
    groups: list[ConcernGroup]
    next_steps: list[str]
    readability: Readability
    languages: list[str]
    out_of_date: list[str]
    plain_count: int
    official_count: int


# --------------------------------------------------------------------------- helpers


def _shorten(text: str, limit: int = SHORT_OFFICIAL) -> str:
    # "The State party should:\n(a) Ensure ..." reads "The State party should: ensure ...".
    text = re.sub(r"\n\(a\)\s*(\w)", lambda m: " " + m.group(1).lower(), text, count=1)
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[:limit].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def split_items(text: str) -> list[str]:
    """Lettered items ``(a) ...`` of an official paragraph (the chapeau dropped), or the text."""
    items = [m.strip() for m in re.split(r"(?:^|\n)\([a-z]\)\s*", text)[1:] if m.strip()]
    return items or [text.strip()]


def is_out_of_date(plain: PlainLanguageText, rec: Recommendation, by_lang: dict[str, str]) -> bool:
    """True when the source of ``plain`` changed after it was written.

    Source: the official text for an original; the plain-language text in
    ``translated_from`` for a translation (out of date if that one is gone).
    """
    if plain.translated_from:
        source = by_lang.get(plain.translated_from)
        return source is None or text_hash(source) != plain.source_hash
    return text_hash(rec.text) != plain.source_hash


def summary_out_of_date(summary: PlainLanguageSummary) -> bool:
    """Same rule for the document-level texts of a summary."""
    if not summary.source_hash:
        return False
    if summary.translated_from:
        source = PlainLanguageSummary.objects.filter(
            document=summary.document, language=summary.translated_from, is_archived=False
        ).first()
        return source is None or text_hash(source.source_text()) != summary.source_hash
    return text_hash(summary.welcomed_official) != summary.source_hash


def readability(text: str, language: str) -> Readability:
    """Flesch reading ease (0-100, higher is easier) and a grade, via textstat."""
    words = len(text.split())
    lang = language.split("-")[0]
    if not text.strip() or lang not in TEXTSTAT_LANGS:
        return Readability(None, None, _("not available for this language"), words)
    textstat.set_lang(lang)
    flesch = round(float(textstat.flesch_reading_ease(text)), 1)
    grade = round(float(textstat.flesch_kincaid_grade(text)), 1) if lang == "en" else None
    if flesch >= 70:
        label = _("easy")
    elif flesch >= 50:
        label = _("fairly difficult")
    else:
        label = _("difficult")
    return Readability(flesch, grade, label, words)


def positive_aspects_from_file(path: str | Path) -> str:
    """The official positive-aspects text of a CO file (via the document parser).

    Returns the ``positive_aspect`` paragraphs, one per line as printed
    (``(a) Decree No. 4367 of 2015...``), or "" when the file has none.

    Raises:
        The parser's typed errors (unreadable file, unknown kind).
    """
    from rightstrack.ingest.parsers.documents.kinds import parse_document

    parsed = parse_document(path)
    paragraphs = getattr(parsed.result, "paragraphs", [])
    return "\n".join(p.text for p in paragraphs if p.kind == "positive_aspect")


# --------------------------------------------------------------------------- builder


def available_languages(document: Document) -> list[str]:
    """Languages with a summary or a plain text for ``document``, plus the document's own."""
    langs = {document.language or "en"}
    langs |= set(
        PlainLanguageSummary.objects.filter(document=document, is_archived=False).values_list(
            "language", flat=True
        )
    )
    langs |= set(
        PlainLanguageText.objects.filter(
            recommendation__document=document, is_archived=False
        ).values_list("language", flat=True)
    )
    return sorted(langs)


def build_summary(user: Viewer | None, document_id: int, language: str) -> PlainSummary:
    """The plain-language summary of one CO document in ``language`` for ``user``.

    Raises:
        Http404: the document does not exist or ``user`` may not see it.
    """
    document = shown_document(user, document_id)
    with translation.override(language):
        return _build(user, document, language)


def _build(user: Viewer | None, document: Document, language: str) -> PlainSummary:
    recs = list(
        shown_recommendations(user)
        .filter(document=document)
        .prefetch_related("themes", "other_texts")
        .order_by("order", "id")
    )
    plain_by_rec: dict[int, dict[str, PlainLanguageText]] = {}
    for p in PlainLanguageText.objects.filter(
        recommendation__in=[r.pk for r in recs],
        is_archived=False,
        status=EditorialStatus.PUBLISHED,
    ):
        plain_by_rec.setdefault(p.recommendation_id, {})[p.language] = p
    requests = list(
        shown_follow_ups(user)
        .filter(document=document, kind=FollowUpRequest.Kind.FOLLOW_UP)
        .order_by("due_on", "id")
    )
    follow_up_recs = {fr.recommendation_id for fr in requests if fr.recommendation_id}
    out_of_date: list[str] = []

    def item_for(rec: Recommendation) -> PlainItem:
        texts = plain_by_rec.get(rec.pk, {})
        plain = texts.get(language)
        if plain is not None:
            stale = is_out_of_date(plain, rec, {k: v.text for k, v in texts.items()})
            if stale:
                out_of_date.append(_("Paragraph %(p)s") % {"p": rec.paragraph})
            return PlainItem(
                rec.pk, rec.paragraph, rec.text, plain.text, True, stale, lang=language
            )
        # The official text in the summary's language when that version was imported,
        # else the original (marked with its language by the renderings).
        official = rec.texts_by_language()
        lang = language if language in official else rec.language
        text = official.get(language, rec.text)
        return PlainItem(rec.pk, rec.paragraph, text, _shorten(text), False, lang=lang)

    groups: dict[str, ConcernGroup] = {}
    items: dict[int, PlainItem] = {}
    for rec in recs:
        if rec.kind != Recommendation.Kind.RECOMMENDATION:
            continue
        item = item_for(rec)
        item.follow_up = rec.pk in follow_up_recs
        items[rec.pk] = item
        title = rec.section or _("Other recommendations")
        themes = list(rec.themes.all())
        group = groups.setdefault(
            title,
            ConcernGroup(
                title,
                themes[0] if themes else title,
                lang=rec.language if rec.section else "",
                separator=list_separator(language),
            ),
        )
        group.items.append(item)

    recs_by_pk = {r.pk: r for r in recs}
    follow_ups = []
    for fr in requests:
        fu_rec = recs_by_pk.get(fr.recommendation_id) if fr.recommendation_id else None
        follow_ups.append(
            FollowUpItem(
                paragraph=fr.item,
                topic=fu_rec.section if fu_rec else "",
                due_on=fr.due_on,
                due_text=long_date(fr.due_on, language),
                item=items.get(fr.recommendation_id) if fr.recommendation_id else None,
                topic_lang=fu_rec.language if fu_rec else "",
            )
        )
    due_dates = sorted({fr.due_on for fr in requests if fr.due_on})
    follow_up_due = long_date(due_dates[0], language) if due_dates else ""

    summary = PlainLanguageSummary.objects.filter(
        document=document, language=language, is_archived=False, status=EditorialStatus.PUBLISHED
    ).first()
    if summary is not None and summary_out_of_date(summary):
        out_of_date.append(_("Summary texts"))
    committee = document.mechanism.display_name
    country = document.country.name if document.country else ""
    adopted = long_date(document.adopted_on, language)
    intro = (summary.intro if summary else "") or _(
        "On %(date)s the %(committee)s adopted its concluding observations on %(country)s "
        "(%(symbol)s). This is a short version in plain language. The official text is the "
        "one that counts."
    ) % {"date": adopted, "committee": committee, "country": country, "symbol": document.symbol}
    if summary and summary.welcomed.strip():
        welcomed = [line.strip() for line in summary.welcomed.splitlines() if line.strip()]
    elif summary and summary.welcomed_official.strip():
        welcomed = [_shorten(i, 110) for i in split_items(summary.welcomed_official)]
    else:
        welcomed = []
    next_steps = _next_steps(document, summary, follow_up_due, language)
    # Readability of what was written in plain language (not of official excerpts).
    edited_welcomed = welcomed if summary and summary.welcomed.strip() else []
    plain_text = " ".join(
        [intro, *edited_welcomed, *[i.text for i in items.values() if i.is_plain], *next_steps]
    )
    plain_count = sum(1 for i in items.values() if i.is_plain)
    return PlainSummary(
        document=document,
        language=language,
        title=_("The %(committee)s's recommendations to %(country)s in plain language")
        % {"committee": committee, "country": country},
        committee=committee,
        country=country,
        symbol=document.symbol,
        adopted=adopted,
        intro=intro,
        follow_ups=follow_ups,
        follow_up_due=follow_up_due,
        welcomed=welcomed,
        groups=list(groups.values()),
        next_steps=next_steps,
        readability=readability(plain_text, language),
        languages=available_languages(document),
        out_of_date=out_of_date,
        plain_count=plain_count,
        official_count=len(items) - plain_count,
    )


def _next_steps(
    document: Document, summary: PlainLanguageSummary | None, follow_up_due: str, language: str
) -> list[str]:
    if summary and summary.next_steps.strip():
        return [line.strip() for line in summary.next_steps.splitlines() if line.strip()]
    steps = []
    if follow_up_due:
        steps.append(
            _(
                "By %(date)s the State must tell the Committee what it has done on the "
                "follow-up items. The Committee then assesses the reply and gives each item a grade."
            )
            % {"date": follow_up_due}
        )
    if document.next_report_due:
        steps.append(
            _("The next report to the Committee (%(label)s) is due by %(date)s.")
            % {
                "label": document.next_report_label or _("next periodic report"),
                "date": long_date(document.next_report_due, language),
            }
        )
    elif document.next_report_year:
        steps.append(
            _("The next report to the Committee is due in %(year)s.")
            % {"year": document.next_report_year}
        )
    steps.append(
        _(
            "Civil society and the national human rights institution can send the Committee "
            "their own information on what has been done."
        )
    )
    return steps
