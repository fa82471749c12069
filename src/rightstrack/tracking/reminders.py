"""The daily reminder digest: what is due within 30 days and what is overdue, by email.

Who gets one: every active focal point and coordinator with an email address.
What each sees:

* focal points: their institution's work (``deadlines.scope_for``: follow-up
  items of recommendations assigned to it, its actions and indicators);
* coordinators: everything in scope (their organisation's country when it has
  one), restricted records included, since they may see them;
* visibility always goes through the permission helpers, so nobody gets a
  restricted record they may not see.

A user with nothing due and nothing overdue gets no email. Each digest is
written in the user's language (``User.language``) with
``translation.override`` and dates formatted by Babel for that locale, as plain
text with an HTML alternative. ``rightstrack send-reminders`` runs it once a
day from cron (docs/operations.md).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives, get_connection
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from rightstrack.accounts.models import Role, User
from rightstrack.tracking.deadlines import Deadline, build_calendar, due_soon_and_overdue, scope_for

#: Days ahead that count as "due soon".
HORIZON_DAYS = 30


@dataclass
class Digest:
    """One user's digest, ready to send."""

    user: User
    subject: str
    text: str
    html: str
    due_soon: list[Deadline]
    overdue: list[Deadline]


@dataclass
class SendReport:
    """What :func:`send_reminders` did: addresses sent to, and users skipped with why."""

    sent: list[str] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)


def recipients() -> list[Any]:
    """Active focal points and coordinators that have an email address, by username."""
    return list(
        get_user_model()
        .objects.filter(is_active=True, role__in=[Role.FOCAL_POINT, Role.COORDINATOR], email__gt="")
        .select_related("organisation__country")
        .order_by("username")
    )


def _babel_locale(language: str) -> Locale:
    try:
        return Locale.parse(translation.to_locale(language or "en"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


def _rows(events: list[Deadline], locale: Locale, base_url: str) -> list[dict[str, str]]:
    return [
        {
            "date": format_date(e.date, format="long", locale=locale),
            "iso": e.date.isoformat(),
            "kind": e.kind_label,
            "title": e.title,
            "state": e.state_label,
            "url": f"{base_url}{e.url}",
        }
        for e in events
    ]


def build_digest(user: User, today: dt.date, *, base_url: str = "") -> Digest | None:
    """The digest of ``user`` on ``today``, or ``None`` when nothing is due or overdue.

    Args:
        user: an ``accounts.User`` (focal point or coordinator).
        today: the day of the digest (``datetime.date``).
        base_url: scheme and host put before links ("https://rightstrack.example.org").

    Returns:
        A :class:`Digest` whose texts are in ``user.language``.
    """
    language = user.language or settings.LANGUAGE_CODE
    locale = _babel_locale(language)
    with translation.override(language):
        events = build_calendar(user, today, scope_for(user))
        soon, late = due_soon_and_overdue(events, today, HORIZON_DAYS)
        if not soon and not late:
            return None
        context = {
            "user": user,
            "language": language,
            "today": format_date(today, format="long", locale=locale),
            "horizon": HORIZON_DAYS,
            "due_soon": _rows(soon, locale, base_url),
            "overdue": _rows(late, locale, base_url),
            "deadlines_url": f"{base_url}/tracking/deadlines/?mine=1",
        }
        subject = _("RightsTrack: %(soon)d due within %(days)d days, %(late)d overdue") % {
            "soon": len(soon),
            "days": HORIZON_DAYS,
            "late": len(late),
        }
        text = render_to_string("tracking/deadlines_reminder_email.txt", context)
        html = render_to_string("tracking/deadlines_reminder_email.html", context)
    return Digest(user, subject, text, html, soon, late)


def send_reminders(
    today: dt.date, *, base_url: str = "", dry_run: bool = False, connection: Any = None
) -> SendReport:
    """Build and send every recipient's digest for ``today`` over one SMTP connection.

    Returns:
        A :class:`SendReport`. With ``dry_run`` nothing is sent and ``sent``
        lists who would get a digest.
    """
    report = SendReport()
    messages = []
    for user in recipients():
        digest = build_digest(user, today, base_url=base_url)
        if digest is None:
            report.skipped[user.email] = "nothing due or overdue"
            continue
        message = EmailMultiAlternatives(
            subject=digest.subject,
            body=digest.text,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[user.email],
        )
        message.attach_alternative(digest.html, "text/html")
        messages.append(message)
        report.sent.append(user.email)
    if messages and not dry_run:
        connection = connection or get_connection()
        connection.send_messages(messages)
    return report
