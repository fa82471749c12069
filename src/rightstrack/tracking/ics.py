"""iCalendar (RFC 5545) feeds of the deadlines calendar, and the secret per-user feed token.

Feeds are built with the ``icalendar`` package: one all-day ``VEVENT`` per
:class:`~rightstrack.tracking.deadlines.Deadline` (``DTSTART;VALUE=DATE``,
``DTEND`` the next day), with a stable ``UID`` so calendar apps update events
in place when a state changes.

Calendar subscriptions are fetched by calendar servers outside RightsTrack
(and often stored there), so every feed, the per-user one included, is built
with the *public* view of the data: restricted records never appear in a
feed, whatever the owner's role.

Per-user token: ``<user id>-<HMAC>`` where the HMAC (Django's ``salted_hmac``
with ``SECRET_KEY``) covers the user id, username and join date. It cannot be
guessed; rotating ``SECRET_KEY`` revokes every feed URL.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import icalendar
from django.contrib.auth import get_user_model
from django.utils.crypto import constant_time_compare, salted_hmac

from rightstrack.accounts.models import User
from rightstrack.tracking.deadlines import Deadline

_SALT = "rightstrack.tracking.ics.user-feed"
PRODID = "-//RightsTrack//Deadlines calendar//EN"


def user_feed_token(user: User) -> str:
    """The secret token of ``user``'s ICS feed (``"<id>-<32 hex>"``)."""
    joined = user.date_joined.isoformat() if user.date_joined else ""
    digest = salted_hmac(_SALT, f"{user.pk}:{user.get_username()}:{joined}").hexdigest()
    return f"{user.pk}-{digest[:32]}"


def user_for_token(token: str) -> Any:
    """The active user whose feed token is ``token``, or ``None`` (wrong, forged or stale)."""
    pk, _, _digest = token.partition("-")
    if not pk.isdigit():
        return None
    user = get_user_model().objects.filter(pk=int(pk), is_active=True).first()
    if user is None or not constant_time_compare(user_feed_token(user), token):
        return None
    return user


def build_ics(
    events: Iterable[Deadline],
    *,
    name: str,
    stamp: dt.datetime,
    base_url: str = "",
) -> bytes:
    """Serialise ``events`` as an iCalendar document.

    Args:
        events: deadlines to include.
        name: calendar name (``X-WR-CALNAME``), e.g. "RightsTrack deadlines: Brazil".
        stamp: ``DTSTAMP`` of every event (an aware ``datetime``; the caller passes
            the current time, logic never reads the clock).
        base_url: scheme and host prefixed to each event's path for ``URL``.

    Returns:
        UTF-8 bytes of a ``VCALENDAR`` with one ``VEVENT`` per deadline.
    """
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    for e in events:
        event = icalendar.Event()
        event.add("uid", e.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", e.date)
        event.add("dtend", e.date + dt.timedelta(days=1))
        prefix = f"[{e.state_label}] " if e.overdue else ""
        event.add("summary", f"{prefix}{e.title}")
        lines = [e.kind_label, f"{e.state_label} ({e.basis_label})" if e.basis else e.state_label]
        if e.symbol:
            lines.append(f"{e.symbol} {e.item}".strip())
        url = f"{base_url}{e.url}"
        lines.append(url)
        event.add("description", "\n".join(lines))
        event.add("url", url)
        event.add("categories", [e.kind])
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    return bytes(cal.to_ical())
