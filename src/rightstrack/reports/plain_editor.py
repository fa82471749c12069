"""What the plain-language editor pages show: the official text beside the plain one,
its status, whether it is out of date, its readability, and the document's paragraphs.

Reads through ``reports.data`` (the permission-checked querysets) only; saving goes
through the verbs of ``reports.actions``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from rightstrack.catalog.models import Document, Recommendation
from rightstrack.reports.data import public_recommendations_of, shown_recommendations
from rightstrack.reports.models import PlainLanguageSummary, PlainLanguageText
from rightstrack.reports.plain_language import (
    Readability,
    is_out_of_date,
    readability,
    summary_out_of_date,
)
from rightstrack.tracking.picker import PickerRow, picker_search


def editor_language(requested: str | None) -> str:
    """``requested`` if it is one of the six UN languages of the site, else English."""
    known = {code for code, _name in settings.LANGUAGES}
    return requested if requested in known else "en"


@dataclass
class TextEditor:
    """One recommendation's editor page in one language."""

    recommendation: Recommendation
    language: str
    official: str
    official_language: str
    plain: PlainLanguageText | None
    out_of_date: bool
    readability: Readability | None

    @property
    def initial(self) -> dict[str, Any]:
        """Form values: the saved text and status, or an empty draft."""
        if self.plain is None:
            return {"status": "draft"}
        return {"text": self.plain.text, "status": self.plain.status}


def text_editor(rec: Recommendation, language: str) -> TextEditor:
    """The editor of ``rec``'s plain-language text in ``language`` (official text: the one in
    ``language`` if the catalogue has it, else the text as printed)."""
    texts = rec.texts_by_language()
    official_language = language if language in texts else rec.language
    plain_rows = {
        p.language: p
        for p in PlainLanguageText.objects.filter(recommendation=rec, is_archived=False)
    }
    plain = plain_rows.get(language)
    stale = bool(plain and is_out_of_date(plain, rec, {k: v.text for k, v in plain_rows.items()}))
    return TextEditor(
        recommendation=rec,
        language=language,
        official=texts[official_language],
        official_language=official_language,
        plain=plain,
        out_of_date=stale,
        readability=readability(plain.text, language) if plain else None,
    )


@dataclass(frozen=True)
class ParagraphRow:
    """A recommendation of the document in the summary editor's list."""

    pk: int
    paragraph: str
    first_words: str
    status: str
    out_of_date: bool


@dataclass
class SummaryEditor:
    """The summary editor page of one document in one language."""

    document: Document
    language: str
    summary: PlainLanguageSummary | None
    out_of_date: bool
    readability: Readability | None
    paragraphs: list[ParagraphRow]
    found: list[PickerRow]
    written: int

    @property
    def initial(self) -> dict[str, Any]:
        """Form values: the saved texts and status, or an empty draft."""
        s = self.summary
        if s is None:
            return {"status": "draft"}
        return {
            "intro": s.intro,
            "welcomed": s.welcomed,
            "next_steps": s.next_steps,
            "status": s.status,
        }


def summary_editor(user: Any, document: Document, language: str, query: str = "") -> SummaryEditor:
    """The summary editor of ``document`` in ``language``; ``query`` searches its paragraphs
    with the recommendation picker's search (paragraph number or words)."""
    summary = PlainLanguageSummary.objects.filter(
        document=document, language=language, is_archived=False
    ).first()
    recs = list(
        shown_recommendations(user)
        .filter(document=document, kind=Recommendation.Kind.RECOMMENDATION)
        .order_by("order", "id")
    )
    by_rec: dict[int, dict[str, str]] = {}
    plain: dict[int, PlainLanguageText] = {}
    for row in PlainLanguageText.objects.filter(
        recommendation__in=[r.pk for r in recs], is_archived=False
    ):
        by_rec.setdefault(row.recommendation_id, {})[row.language] = row.text
        if row.language == language:
            plain[row.recommendation_id] = row
    rows = []
    for rec in recs:
        p = plain.get(rec.pk)
        rows.append(
            ParagraphRow(
                pk=rec.pk,
                paragraph=rec.paragraph,
                first_words=" ".join(rec.text.split()[:14]),
                status=p.get_status_display() if p else _("Not written"),
                out_of_date=bool(p and is_out_of_date(p, rec, by_rec.get(rec.pk, {}))),
            )
        )
    parts = " ".join([summary.intro, summary.welcomed, summary.next_steps]) if summary else ""
    scope = shown_recommendations(user).filter(document=document)
    return SummaryEditor(
        document=document,
        language=language,
        summary=summary,
        out_of_date=bool(summary and summary_out_of_date(summary)),
        readability=readability(parts, language) if parts.strip() else None,
        paragraphs=rows,
        found=picker_search(scope, query),
        written=len(plain),
    )


def public_paragraph_count(document: Document) -> int:
    """Public recommendations of ``document`` (what a PO export may hold)."""
    return public_recommendations_of(document).count()
