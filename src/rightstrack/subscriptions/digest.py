"""The digest of a subscription: the public recommendations and documents of its scope
created since the last digest, and ``send_digests`` (``rightstrack send-digests``).

Rules:

* only what anyone may see: records are read through
  ``accounts.permissions.visible_recommendations(None)`` and ``visible_documents(None)``
  (the anonymous visitor's view), so a restricted record never reaches a message;
* "new" means created (``created_at``) after the subscription's watermark ``since`` and
  up to the moment the run started; a re-import that updates a record does not repeat it;
* after a digest is mailed (or found empty) the watermark moves to that moment, one
  subscription at a time: running again sends nothing new, and a mail server failing
  half-way leaves the others' watermarks where they were, so their digest comes next run;
* one message per subscription, to its own address only.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import smtplib
from dataclasses import dataclass, field
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from django.core.mail import EmailMultiAlternatives, get_connection
from django.utils import timezone, translation
from django.utils.translation import ngettext

from rightstrack.accounts.permissions import visible_documents, visible_recommendations
from rightstrack.catalog.models import Document, Recommendation
from rightstrack.subscriptions import actions
from rightstrack.subscriptions.mail import build_message, link, scope_label
from rightstrack.subscriptions.models import Subscription

#: At most this many recommendations are listed in one message; the rest are a link to
#: the list (a country's first UPR Info import alone can bring hundreds).
MAX_LISTED = 200
#: Characters of a recommendation's text shown in a message.
TEXT_CHARS = 600


@dataclass
class Digest:
    """One subscription's digest, ready to send."""

    subscription: Subscription
    recommendations: list[Recommendation]
    documents: list[Document]
    message: EmailMultiAlternatives


@dataclass
class SendReport:
    """What :func:`send_digests` did, by subscription id (never by address)."""

    sent: list[int] = field(default_factory=list)
    empty: int = 0
    failed: dict[int, str] = field(default_factory=dict)
    expired: int = 0


def new_records(
    subscription: Subscription, until: dt.datetime
) -> tuple[list[Recommendation], list[Document]]:
    """The public recommendations and documents of ``subscription``'s scope created after
    its watermark and up to ``until``.

    Returns:
        ``(recommendations, documents)``: recommendations in document order; documents
        new in the period, with (for a theme subscription) only those holding a matching
        recommendation.
    """
    since = subscription.since or subscription.confirmed_at
    recs = visible_recommendations(None).filter(
        country=subscription.country, created_at__gt=since, created_at__lte=until
    )
    docs = visible_documents(None).filter(
        country=subscription.country, created_at__gt=since, created_at__lte=until
    )
    if subscription.mechanism_id is not None:
        recs = recs.filter(mechanism_id=subscription.mechanism_id)
        docs = docs.filter(mechanism_id=subscription.mechanism_id)
    if subscription.theme_id is not None:
        recs = recs.filter(themes=subscription.theme_id)
        docs = docs.filter(pk__in=recs.values("document_id"))
    recommendations = list(
        recs.select_related("document", "mechanism").order_by("document_id", "order", "pk")
    )
    return recommendations, list(docs.select_related("mechanism").order_by("pk"))


def _babel_locale(language: str) -> Locale:
    try:
        return Locale.parse(translation.to_locale(language or "en"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


def _sections(
    recs: list[Recommendation], docs: list[Document], base_url: str, locale: Locale
) -> list[dict[str, Any]]:
    """Recommendations grouped by document, new documents without recommendations too."""
    by_doc: dict[int, dict[str, Any]] = {}

    def section(doc: Document) -> dict[str, Any]:
        if doc.pk not in by_doc:
            by_doc[doc.pk] = {
                "symbol": doc.symbol or doc.key,
                "title": doc.title,
                "kind": doc.get_doc_type_display(),
                "mechanism": doc.mechanism.code,
                "date": format_date(doc.adopted_on, format="long", locale=locale)
                if doc.adopted_on
                else "",
                "url": link(base_url, "portal:document_detail", doc.pk),
                "recommendations": [],
            }
        return by_doc[doc.pk]

    for doc in docs:
        section(doc)
    for rec in recs[:MAX_LISTED]:
        text = rec.text if len(rec.text) <= TEXT_CHARS else rec.text[: TEXT_CHARS - 1] + "…"
        section(rec.document)["recommendations"].append(
            {
                "paragraph": rec.paragraph,
                "concern": rec.get_kind_display()
                if rec.kind == Recommendation.Kind.CONCERN
                else "",
                "text": text,
                "url": link(base_url, "portal:recommendation_detail", rec.pk),
            }
        )
    return list(by_doc.values())


def _list_url(subscription: Subscription, base_url: str) -> str:
    query = f"?country={subscription.country.iso3}"
    if subscription.mechanism is not None:
        query += f"&mechanism={subscription.mechanism.code}"
    if subscription.theme is not None:
        query += f"&theme={subscription.theme.slug}"
    return link(base_url, "portal:recommendation_list") + query


def build_digest(subscription: Subscription, until: dt.datetime, base_url: str) -> Digest | None:
    """The digest of ``subscription`` for the records created up to ``until``, in its
    language, or ``None`` when there is nothing new.

    Args:
        until: the end of the period (aware datetime; the run's start).
        base_url: scheme and host of the links ("https://rightstrack.example.org").
    """
    recs, docs = new_records(subscription, until)
    if not recs and not docs:
        return None
    locale = _babel_locale(subscription.language)
    with translation.override(subscription.language):
        scope = scope_label(subscription)
        if recs:
            subject = ngettext(
                "RightsTrack: %(count)d new recommendation for %(scope)s",
                "RightsTrack: %(count)d new recommendations for %(scope)s",
                len(recs),
            ) % {"count": len(recs), "scope": scope}
        else:
            subject = ngettext(
                "RightsTrack: %(count)d new document for %(scope)s",
                "RightsTrack: %(count)d new documents for %(scope)s",
                len(docs),
            ) % {"count": len(docs), "scope": scope}
        context = {
            "scope": scope,
            "count": len(recs),
            "more": max(0, len(recs) - MAX_LISTED),
            "sections": _sections(recs, docs, base_url, locale),
            "list_url": _list_url(subscription, base_url),
        }
        message = build_message(
            subscription, "subscriptions/email/digest", subject, context, base_url
        )
    return Digest(subscription, recs, docs, message)


def send_digests(
    *,
    base_url: str,
    now: dt.datetime | None = None,
    dry_run: bool = False,
    connection: Any = None,
) -> SendReport:
    """Mail every active subscription its digest of what is new, then move its watermark.

    Also archives (erasing the address) subscriptions never confirmed within the
    confirmation link's lifetime. Safe to run again at once: nothing new, nothing sent.

    Args:
        base_url: scheme and host of the links in the messages.
        now: the end of the period (default: the current time).
        dry_run: build the digests, send nothing, move no watermark.
        connection: a Django mail connection (default: ``get_connection()``).

    Returns:
        A :class:`SendReport`. A subscription whose message the server refused is listed
        in ``failed`` (with the error) and keeps its watermark, so it is tried next run.
    """
    now = now or timezone.now()
    base_url = base_url.rstrip("/")
    report = SendReport()
    if not dry_run:
        report.expired = actions.do_archive_unconfirmed(now=now)
    active = (
        Subscription.objects.filter(archived_at=None, confirmed_at__isnull=False)
        .exclude(email="")
        .select_related("country", "mechanism", "theme")
        .order_by("pk")
    )
    # A dry run opens no connection: it must work where no mail server is reachable.
    connection = connection or (None if dry_run else get_connection())
    with connection if connection is not None else contextlib.nullcontext():
        for subscription in active:
            digest = build_digest(subscription, now, base_url)
            if digest is None:
                report.empty += 1
                if not dry_run:
                    actions.do_record_digest_sent(subscription, until=now, sent=False)
                continue
            if dry_run:
                report.sent.append(subscription.pk)
                continue
            digest.message.connection = connection
            try:
                digest.message.send()
            except (OSError, smtplib.SMTPException) as error:
                report.failed[subscription.pk] = str(error) or error.__class__.__name__
                continue
            actions.do_record_digest_sent(subscription, until=now, sent=True)
            report.sent.append(subscription.pk)
    return report
