"""The importers: one per file format, registered by name, and format detection.

An *importer* (a "source", following the :class:`Source` protocol) turns one
file format into catalogue rows (see ``docs/adding-a-source.md``); this module
holds the registry of importers, :func:`detect` that picks the importer of a
file, and what every importer receives (:class:`ImportContext`) and returns
(:class:`Counts`).

The importers of ``rightstrack/ingest/sources/`` register an instance with
:func:`register` when imported; every module of that package is imported on
first use, so adding a format there means adding one file. Importers that
belong to a higher app register from that app's ``AppConfig.ready()`` (the
tracking app registers the committee-grades importer that way).
"""

from __future__ import annotations

import contextlib
import importlib
import pkgutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from rightstrack.accounts.models import User
from rightstrack.ingest.errors import ImportFailure, Problem
from rightstrack.ingest.parsers.archive import ArchiveDamaged, check_archive
from rightstrack.ingest.parsers.mapped import MappingSpec

if TYPE_CHECKING:
    from collections.abc import Callable

#: Bytes read from the start of a file for :meth:`Source.score`.
HEAD_BYTES = 64 * 1024
#: Lowest score that counts as a match.
MIN_SCORE = 0.5


@dataclass
class Counts:
    """What an import did to the records of a file (recommendations, pledges...)."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.created + other.created,
            self.updated + other.updated,
            self.unchanged + other.unchanged,
            self.rejected + other.rejected,
        )

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged + self.rejected


@dataclass
class ImportContext:
    """What a source gets besides the path.

    Attributes:
        path: the file being imported.
        checksum: its SHA-256 (hex), to store on documents.
        user: the user who started the import, or ``None`` (command line).
        progress: ``progress(done, total)`` callback for long imports, or ``None``.
        problems: rejected rows and warnings; stored in ``ImportRun.errors``.
        rejected: how many records were rejected (see :meth:`reject`).
        in_bulk_load: set once the import has announced a bulk load
            (:data:`~rightstrack.ingest.signals.bulk_load_started`, sent by
            :func:`~rightstrack.ingest.store.upsert_records`).
        bulk_loaded_ids: ids of the recommendations written since then, sent with
            :data:`~rightstrack.ingest.signals.bulk_load_finished` at the end of the import.
        suspended_triggers: the change-token triggers dropped for the bulk load (SQLite:
            ``catalog.derived.suspend_change_triggers``), re-created at its end.
        visibility: ``"public"`` (default) or ``"restricted"``: with ``"restricted"``
            every document and record the file stores is restricted (SPT visit reports,
            pending communications); ``"public"`` leaves the sources' own values.
        symbol: the document's UN symbol given by the user (``rightstrack import
            --symbol``) for a document whose text does not print it; ``""`` otherwise.
            Document sources use it only when the text has none and refuse the file
            when the text prints another one.
        unknown_labels: what to do with a theme, affected-persons or SDG value that is
            not in the reference vocabularies: ``"refuse"`` (default), ``"map"`` or
            ``"create"`` (``ingest/vocabulary.py``; applied by ``store.Reference``).
        format: the name of the source importing the file (``"generic-table"``), set by
            the pipeline once detected; recorded on the labels an import creates.
        mapping: the saved column mapping a sheet of another layout is read through
            (``rightstrack import --mapping NAME``; ``sources/mapped.py``), or ``None``.
    """

    path: Path
    checksum: str = ""
    user: User | None = None
    progress: Callable[[int, int], None] | None = None
    problems: list[Problem] = field(default_factory=list)
    rejected: int = 0
    in_bulk_load: bool = False
    bulk_loaded_ids: set[int] = field(default_factory=set)
    suspended_triggers: list[str] = field(default_factory=list)
    visibility: str = "public"
    symbol: str = ""
    unknown_labels: str = "refuse"
    format: str = ""
    mapping: MappingSpec | None = None

    @property
    def file_name(self) -> str:
        return self.path.name

    def report(self, done: int, total: int) -> None:
        """Tell the progress bar ``done`` of ``total`` records are handled."""
        if self.progress is not None:
            self.progress(done, total)

    def reject(self, message: str, *, row: int | None = None, cell: str | None = None) -> None:
        """Record one rejected record (the import goes on without it)."""
        self.rejected += 1
        self.problems.append(Problem(self.file_name, message, row=row, cell=cell))

    def warn(self, message: str, *, row: int | None = None, cell: str | None = None) -> None:
        """Record a problem that does not stop the record (e.g. an unknown tag dropped)."""
        self.problems.append(Problem(self.file_name, f"warning: {message}", row=row, cell=cell))

    def fail(
        self,
        message: str,
        *,
        row: int | None = None,
        cell: str | None = None,
        page: int | None = None,
    ) -> ImportFailure:
        """Build an :class:`ImportFailure` for this file (``raise ctx.fail(...)``)."""
        return ImportFailure(self.path, message, row=row, cell=cell, page=page)


class Source(Protocol):
    """One file format.

    ``name`` is the stable identifier stored in ``ImportRun.format`` and
    accepted by ``rightstrack import --format``. ``score`` returns 0.0 (not
    this format) to 1.0 (certainly this format) from the path and the first
    :data:`HEAD_BYTES` bytes; it must be cheap and never raise. ``run`` parses
    and stores the file inside the pipeline's transaction and returns the
    counts; it raises :class:`ImportFailure` for a file it cannot import.
    """

    name: str
    label: str

    def score(self, path: Path, head: bytes) -> float: ...

    def run(self, path: Path, ctx: ImportContext) -> Counts: ...


_SOURCES: dict[str, Source] = {}
_discovered = False


def register(source: Source) -> Source:
    """Add ``source`` to the registry (usable as ``register(MySource())``).

    Raises:
        ValueError: another source already uses that name.
    """
    existing = _SOURCES.get(source.name)
    if existing is not None and type(existing) is not type(source):
        raise ValueError(f"source name {source.name!r} is already registered")
    _SOURCES[source.name] = source
    return source


def _discover() -> None:
    """Import every module of ``rightstrack.ingest.sources`` once (they register)."""
    global _discovered
    if _discovered:
        return
    from rightstrack.ingest import sources

    for info in pkgutil.walk_packages(sources.__path__, prefix=f"{sources.__name__}."):
        importlib.import_module(info.name)
    _discovered = True


def all_sources() -> list[Source]:
    """Every registered source, by name."""
    _discover()
    return [_SOURCES[name] for name in sorted(_SOURCES)]


def get(name: str) -> Source:
    """The source called ``name``.

    Raises:
        KeyError: no such source (the message lists the known names).
    """
    _discover()
    try:
        return _SOURCES[name]
    except KeyError:
        known = ", ".join(sorted(_SOURCES))
        raise KeyError(f"unknown format {name!r}; known formats: {known}") from None


def read_head(path: Path) -> bytes:
    """The first :data:`HEAD_BYTES` bytes of ``path``."""
    with path.open("rb") as fh:
        return fh.read(HEAD_BYTES)


def detect(path: Path, head: bytes | None = None) -> Source:
    """The source with the highest score for ``path``.

    A ZIP-based file (DOCX, XLSX) first passes
    :func:`~rightstrack.ingest.parsers.archive.check_archive`, so no score function
    ever opens a zip bomb and the person reads why the file is refused.

    Raises:
        ImportFailure: no source scores at least :data:`MIN_SCORE`; a ZIP-based file
            that expands too much or holds too many members.
    """
    if head is None:
        head = read_head(path)
    if head.startswith(b"PK\x03\x04"):
        # a damaged archive: the parser the file is meant for names the damage in its words
        with contextlib.suppress(ArchiveDamaged):
            check_archive(path, kind=path.suffix.lstrip(".").upper() or "ZIP")
    scored = sorted(
        ((src.score(path, head), src.name, src) for src in all_sources()),
        key=lambda t: (t[0], t[1]),
        reverse=True,
    )
    if not scored or scored[0][0] < MIN_SCORE:
        known = ", ".join(src.label for src in all_sources())
        raise ImportFailure(
            path,
            f"unknown format: this file matches none of the supported formats ({known}); "
            "see docs/import-generic.md for the columns of a hand-made CSV/XLSX",
        )
    return scored[0][2]
