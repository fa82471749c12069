"""Translation workflow for plain-language texts and summaries: PO files (polib).

Why PO: translators' tools (Poedit, Weblate, Lokalize, OmegaT) all read it,
it carries context (``msgctxt``), comments and the ``fuzzy`` flag with the
previous source text (``#| msgid``), which is exactly the "out of date"
signal we need; polib is a small pure-Python library for it.

Export (:func:`export_po`): for one document, every plain-language text in
the source language (default English) becomes an entry:

* ``msgctxt``: ``rec:<id>`` (recommendation) or ``summary:<field>``;
* ``msgid``: the source plain-language text;
* ``msgstr``: the existing translation, if any;
* flag ``fuzzy`` and ``previous_msgid`` when the translation exists but its
  source changed since it was made (out of date);
* a translator comment with the paragraph number.

Import (:func:`import_po`): each translated, non-fuzzy entry is saved through
the verbs in :mod:`rightstrack.reports.actions` with ``translated_from`` =
the source language and the hash of the ``msgid`` the translator saw, so a
source edited meanwhile makes the new translation read "out of date" at once.

Only public recommendations of public documents are exported (translators
are outside the workspace).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polib
from django.db import transaction
from django.utils import timezone

from rightstrack.accounts.types import Viewer
from rightstrack.catalog.models import Document, Recommendation
from rightstrack.reports.actions import do_save_plain_summary, do_save_plain_text
from rightstrack.reports.data import public_recommendations_of
from rightstrack.reports.models import PlainLanguageSummary, PlainLanguageText, text_hash

SUMMARY_PARTS = ("intro", "welcomed", "next_steps")


class TranslationFileError(ValueError):
    """A PO file that cannot be imported (the message names the file and entry)."""


@dataclass
class ImportResult:
    """Counts of an import: ``saved``, ``skipped_fuzzy``, ``skipped_empty``, ``unknown``."""

    saved: int = 0
    skipped_fuzzy: int = 0
    skipped_empty: int = 0
    unknown: list[str] = field(default_factory=list)


def export_po(document: Document, language: str, source_language: str = "en") -> polib.POFile:
    """A PO catalogue to translate ``document``'s plain-language texts into ``language``."""
    po = polib.POFile(wrapwidth=0)
    po.metadata = {
        "Project-Id-Version": f"RightsTrack plain-language {document.symbol}",
        "Language": language,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "POT-Creation-Date": timezone.now().strftime("%Y-%m-%d %H:%M%z"),
        "X-RightsTrack-Document": document.symbol or document.key,
        "X-RightsTrack-Source-Language": source_language,
    }
    recs = public_recommendations_of(document)
    texts = PlainLanguageText.objects.filter(recommendation__in=recs, is_archived=False)
    by_rec: dict[int, dict[str, PlainLanguageText]] = {}
    for t in texts:
        by_rec.setdefault(t.recommendation_id, {})[t.language] = t
    for rec in recs:
        source = by_rec.get(rec.pk, {}).get(source_language)
        if source is None:
            continue
        target = by_rec.get(rec.pk, {}).get(language)
        po.append(
            _entry(
                f"rec:{rec.pk}",
                source.text,
                target.text if target else "",
                stale=bool(target and target.source_hash != text_hash(source.text)),
                comment=f"{document.symbol} para. {rec.paragraph}",
            )
        )
    source_summary = PlainLanguageSummary.objects.filter(
        document=document, language=source_language, is_archived=False
    ).first()
    if source_summary is not None:
        target_summary = PlainLanguageSummary.objects.filter(
            document=document, language=language, is_archived=False
        ).first()
        stale = bool(
            target_summary and target_summary.source_hash != text_hash(source_summary.source_text())
        )
        for part in SUMMARY_PARTS:
            text = getattr(source_summary, part)
            if text.strip():
                po.append(
                    _entry(
                        f"summary:{part}",
                        text,
                        getattr(target_summary, part) if target_summary else "",
                        stale=stale,
                        comment=f"{document.symbol}: summary, {part.replace('_', ' ')}"
                        + (" (one item per line)" if part == "welcomed" else ""),
                    )
                )
    return po


def _entry(ctx: str, msgid: str, msgstr: str, *, stale: bool, comment: str) -> polib.POEntry:
    entry = polib.POEntry(msgctxt=ctx, msgid=msgid, msgstr=msgstr, comment=comment)
    if stale and msgstr:
        entry.flags.append("fuzzy")
        entry.comment += " — OUT OF DATE: the source text changed after this translation."
    return entry


@transaction.atomic
def import_po(content: str, user: Viewer | None, filename: str = "<po>") -> ImportResult:
    """Save the translations of a PO file made by :func:`export_po`; all or nothing.

    Raises:
        TranslationFileError: not a PO file, no ``Language`` or unknown document
            (nothing is saved).
    """
    try:
        po = polib.pofile(content)
    except (OSError, ValueError) as exc:
        raise TranslationFileError(f"{filename}: not a PO file ({exc})") from exc
    language = po.metadata.get("Language", "").strip()
    source_language = po.metadata.get("X-RightsTrack-Source-Language", "en").strip()
    key = po.metadata.get("X-RightsTrack-Document", "").strip()
    document = (
        Document.objects.filter(symbol=key).first() or Document.objects.filter(key=key).first()
    )
    if not language or document is None:
        raise TranslationFileError(
            f"{filename}: header must name Language and X-RightsTrack-Document (got "
            f"{language!r}, {key!r})"
        )
    result = ImportResult()
    summary_parts: dict[str, tuple[str, str]] = {}
    for entry in po:
        if entry.obsolete:
            continue
        if "fuzzy" in entry.flags:
            result.skipped_fuzzy += 1
            continue
        if not entry.msgstr.strip():
            result.skipped_empty += 1
            continue
        kind, _sep, ident = (entry.msgctxt or "").partition(":")
        if kind == "rec":
            rec = Recommendation.objects.filter(pk=ident, document=document).first()
            if rec is None:
                result.unknown.append(entry.msgctxt or "")
                continue
            # The hash of what the translator actually saw, not of today's source.
            do_save_plain_text(
                user, rec, language, entry.msgstr, source_language, text_hash(entry.msgid)
            )
            result.saved += 1
        elif kind == "summary" and ident in SUMMARY_PARTS:
            summary_parts[ident] = (entry.msgid, entry.msgstr)
        else:
            result.unknown.append(entry.msgctxt or "")
    if summary_parts:
        seen = "\n\n".join(summary_parts.get(p, ("", ""))[0] for p in SUMMARY_PARTS)
        do_save_plain_summary(
            user,
            document,
            language,
            translated_from=source_language,
            source_hash=text_hash(seen),
            **{part: msgstr for part, (_msgid, msgstr) in summary_parts.items()},
        )
        result.saved += len(summary_parts)
    return result
