"""State changes of the reports app (plain-language texts and summaries).

Verbs are atomic and write history (django-simple-history records every
save). Only coordinators and admins edit plain-language texts; nothing is
hard-deleted (archive instead).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from rightstrack.accounts.models import User
from rightstrack.accounts.permissions import can_see_restricted
from rightstrack.accounts.types import Viewer
from rightstrack.catalog.models import Document, Recommendation
from rightstrack.reports.models import (
    EditorialStatus,
    PlainLanguageSummary,
    PlainLanguageText,
    text_hash,
)

SUMMARY_FIELDS = ("intro", "welcomed", "welcomed_official", "next_steps")


def can_edit_plain_language(user: Viewer) -> bool:
    """Coordinators and admins write and import plain-language texts."""
    return can_see_restricted(user)


def _source_hash_for_text(rec: Recommendation, translated_from: str) -> str:
    if not translated_from:
        return text_hash(rec.text)
    source = PlainLanguageText.objects.filter(
        recommendation=rec, language=translated_from, is_archived=False
    ).first()
    if source is None:
        raise ValueError(f"no {translated_from!r} plain-language text to translate from")
    return text_hash(source.text)


@transaction.atomic
def do_save_plain_text(
    user: Viewer | None,
    rec: Recommendation,
    language: str,
    text: str,
    translated_from: str = "",
    source_hash: str | None = None,
    status: str | None = None,
) -> PlainLanguageText:
    """Create or replace the plain-language text of ``rec`` in ``language``.

    The source hash is taken now (official text, or the ``translated_from``
    plain text), so the row is up to date after this call; an imported
    translation passes ``source_hash`` = the hash of the source text the
    translator saw instead. ``status`` (``EditorialStatus``): ``None`` keeps the row's
    status (a new row is published, as before the web editor).

    Raises:
        PermissionDenied: not a coordinator or admin.
        ValueError: ``translated_from`` names a language with no plain text, or an
            unknown ``status``.
    """
    if user is not None and not can_edit_plain_language(user):
        raise PermissionDenied(_("Only coordinators can edit plain-language texts."))
    source_hash = source_hash or _source_hash_for_text(rec, translated_from)
    plain = PlainLanguageText.objects.filter(recommendation=rec, language=language).first()
    plain = plain or PlainLanguageText(recommendation=rec, language=language)
    if status is not None:
        if status not in EditorialStatus.values:
            raise ValueError(f"unknown status {status!r}")
        plain.status = status
    plain.text = text.strip()
    plain.translated_from = translated_from
    plain.source_hash = source_hash
    plain.is_archived = False
    plain.author = user if isinstance(user, User) else None
    plain.save()
    return plain


@transaction.atomic
def do_save_plain_summary(
    user: Viewer | None,
    document: Document,
    language: str,
    translated_from: str = "",
    source_hash: str | None = None,
    status: str | None = None,
    **fields: str,
) -> PlainLanguageSummary:
    """Create or update the document-level texts of a summary (``SUMMARY_FIELDS``).

    ``status`` as for :func:`do_save_plain_text`.

    Raises:
        PermissionDenied: not a coordinator or admin.
        ValueError: unknown field or status, or ``translated_from`` without a summary.
    """
    if user is not None and not can_edit_plain_language(user):
        raise PermissionDenied(_("Only coordinators can edit plain-language texts."))
    unknown = set(fields) - set(SUMMARY_FIELDS)
    if unknown:
        raise ValueError(f"unknown summary fields: {sorted(unknown)}")
    summary = PlainLanguageSummary.objects.filter(document=document, language=language).first()
    summary = summary or PlainLanguageSummary(document=document, language=language)
    if status is not None:
        if status not in EditorialStatus.values:
            raise ValueError(f"unknown status {status!r}")
        summary.status = status
    for name, value in fields.items():
        setattr(summary, name, value.strip())
    summary.translated_from = translated_from
    if source_hash:
        summary.source_hash = source_hash
    elif translated_from:
        source = PlainLanguageSummary.objects.filter(
            document=document, language=translated_from, is_archived=False
        ).first()
        if source is None:
            raise ValueError(f"no {translated_from!r} summary to translate from")
        summary.source_hash = text_hash(source.source_text())
    elif summary.welcomed_official:
        summary.source_hash = text_hash(summary.welcomed_official)
    summary.is_archived = False
    summary.author = user if isinstance(user, User) else None
    summary.save()
    return summary
