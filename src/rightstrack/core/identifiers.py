"""Identifiers this installation publishes: Atom entry ids and calendar (ICS) UIDs.

Feed readers and calendar apps keep an item by its id. Two rules follow:

* **unique across installations**: every id carries the installation's own domain
  (``RIGHTSTRACK_INSTANCE_DOMAIN``, else the first allowed host), so the Atom feeds of two
  coalitions' portals never share an id. Atom ids are tag URIs (RFC 4151,
  ``tag:DOMAIN,2026:KIND/KEY``); ICS UIDs are ``KIND-KEY@DOMAIN`` (RFC 5545, 3.8.4.7
  recommends a domain on the right-hand side);
* **stable across re-imports**: the key is the record's natural key (a recommendation's
  ``natural_key``, a document's ``key`` and the paragraph cited), never a database id, so
  rebuilding a database from the same files gives the same ids. Records that exist only in
  this installation (actions, assessments) use their primary key.
"""

from __future__ import annotations

from urllib.parse import quote

from django.conf import settings

#: RFC 4151 needs a date at which the domain was held; one fixed date for every id keeps
#: ids stable (changing it would renew every id).
TAG_DATE = "2026"


def instance_domain() -> str:
    """The domain in every published id: ``RIGHTSTRACK_INSTANCE_DOMAIN``, else the first
    name of ``ALLOWED_HOSTS`` that is a plain host name (no wildcard), else ``localhost``."""
    configured = str(getattr(settings, "RIGHTSTRACK_INSTANCE_DOMAIN", "") or "").strip()
    if configured:
        return configured.lower()
    for host in settings.ALLOWED_HOSTS:
        if host and not host.startswith((".", "*")):
            return str(host).lower()
    return "localhost"


def _key(parts: tuple[object, ...]) -> str:
    return "/".join(quote(str(part), safe="-._~") for part in parts)


def atom_id(kind: str, *key: object) -> str:
    """A tag URI for an Atom entry: ``atom_id("recommendation", "upr-info:SVN:...")``
    gives ``tag:rights.example.org,2026:recommendation/upr-info%3ASVN%3A...``.

    Args:
        kind: what the entry is about (``recommendation``, ``followup-overdue``...).
        key: the parts of the record's stable key, percent-encoded and joined by ``/``.
    """
    return f"tag:{instance_domain()},{TAG_DATE}:{kind}/{_key(key)}"


def ics_uid(kind: str, *key: object) -> str:
    """A calendar UID: ``ics_uid("followup", "CCPR/C/PRY/CO/4", "13")`` gives
    ``followup-CCPR%2FC%2FPRY%2FCO%2F4/13@rights.example.org``.

    Args:
        kind: the deadline kind (``followup``, ``report``, ``midterm``, ``action``...).
        key: the parts of the record's stable key, percent-encoded and joined by ``/``.
    """
    return f"{kind}-{_key(key)}@{instance_domain()}"
