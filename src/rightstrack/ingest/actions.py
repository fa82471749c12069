"""State changes of the ingest app: saved column mappings (``docs/import-generic.md``).

Every change is atomic and leaves a history row (django-simple-history) naming who made
it; a mapping is archived, never deleted (runs and records refer to its key).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from django.db import transaction
from django.utils.text import slugify

from rightstrack.accounts.models import Organisation, User
from rightstrack.ingest.models import ColumnMapping
from rightstrack.ingest.parsers.mapped import MappingSpec


class MappingInvalid(ValueError):
    """The mapping cannot be used; the message says why (safe to show)."""


def _clean_columns(columns: Mapping[str, Sequence[str]]) -> dict[str, list[str]]:
    return {f: [h for h in cols if h] for f, cols in columns.items() if any(cols)}


def _free_key(name: str) -> str:
    base = (slugify(name) or "mapping")[:56]
    key, n = base, 1
    while ColumnMapping.objects.filter(key=key).exists():
        n += 1
        key = f"{base}-{n}"
    return key


@transaction.atomic
def do_save_column_mapping(
    name: str,
    *,
    columns: Mapping[str, Sequence[str]],
    constants: Mapping[str, str] | None = None,
    value_maps: Mapping[str, Mapping[str, str]] | None = None,
    date_format: str = "",
    list_separator: str = "",
    language: str = "en",
    headers: Sequence[str] = (),
    organisation: Organisation | None = None,
    user: User | None = None,
) -> ColumnMapping:
    """Create the mapping called ``name``, or update it (same name) keeping its key.

    Args:
        name: the name people choose it by (unique).
        columns / constants / value_maps / date_format / list_separator / language: see
            :class:`~rightstrack.ingest.parsers.mapped.MappingSpec`.
        headers: the columns of the file it was made for (to propose it for the next one).
        organisation: the owner organisation, or ``None`` (everyone's).
        user: who saves it (recorded on the history row).

    Returns:
        The saved mapping (an archived one of that name is brought back).

    Raises:
        MappingInvalid: an empty name, or a mapping that cannot import anything
            (``MappingSpec.problems``: no text, State or mechanism, no identity...).
    """
    name = name.strip()
    if not name:
        raise MappingInvalid("a mapping needs a name")
    mapping = ColumnMapping.objects.select_for_update().filter(name=name).first()
    if mapping is None:
        mapping = ColumnMapping(name=name, key=_free_key(name), created_by=user)
    mapping.columns = _clean_columns(columns)
    mapping.constants = {f: v.strip() for f, v in (constants or {}).items() if v.strip()}
    mapping.value_maps = {f: dict(m) for f, m in (value_maps or {}).items() if m}
    mapping.date_format = date_format.strip()
    mapping.list_separator = list_separator
    mapping.language = language.strip() or "en"
    mapping.headers = [h for h in headers if h] or mapping.headers
    mapping.organisation = organisation
    mapping.is_archived = False
    problems = mapping.spec().problems()
    if problems:
        raise MappingInvalid("; ".join(problems))
    mapping._history_user = user  # type: ignore[attr-defined]
    mapping.save()
    return mapping


@transaction.atomic
def do_archive_column_mapping(mapping: ColumnMapping, user: User | None = None) -> None:
    """Archive ``mapping``: no longer offered or usable by name; its history stays."""
    mapping.is_archived = True
    mapping._history_user = user  # type: ignore[attr-defined]
    mapping.save()


def find_mapping(name: str) -> ColumnMapping | None:
    """The active mapping called ``name`` (exact, then ignoring case), or ``None``."""
    active = ColumnMapping.objects.active()
    return active.filter(name=name).first() or active.filter(name__iexact=name).first()


def proposed_mappings(headers: Sequence[str]) -> list[ColumnMapping]:
    """Active mappings whose every column is in ``headers``: those made for exactly these
    headers first, then by name."""
    from rightstrack.ingest.parsers.tabular import column_key

    keys = {column_key(h) for h in headers if h}
    fits: list[tuple[int, str, ColumnMapping]] = []
    for mapping in ColumnMapping.objects.active():
        spec: MappingSpec = mapping.spec()
        needed = spec.mapped_headers()
        if needed and needed <= keys:
            same = {column_key(h) for h in mapping.headers} == keys
            fits.append((0 if same else 1, mapping.name, mapping))
    return [m for _same, _name, m in sorted(fits, key=lambda t: (t[0], t[1]))]
