"""The import pipeline, in one place: preflight → detect → parse and store → classify → record.

``import_file()`` is the only entry point used by the CLI, the admin and tests.
The steps:

1. **preflight**: the file exists, is not empty; SHA-256 checksum; a gzip file
   (``.csv.gz``) is unpacked to a temporary file first;
2. **detect** the format with :func:`~rightstrack.ingest.importers.detect` (or take ``format=``);
3. **parse and store** with the source's ``run()``, inside ONE
   ``transaction.atomic()`` block: a failure anywhere rolls back every change; a bulk
   load announced while storing ends there too
   (:data:`~rightstrack.ingest.signals.bulk_load_finished`);
4. **classify**: :data:`~rightstrack.catalog.signals.recommendations_stored` is sent in the same
   transaction, and the classify app suggests labels for the new recommendations
   (``suggest=False`` skips it);
5. **record** the :class:`~rightstrack.ingest.models.ImportRun`, written
   outside that block so that it survives the rollback of a failed import.
"""

from __future__ import annotations

import gzip
import hashlib
import logging
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from rightstrack.accounts.models import User
from rightstrack.catalog.models import Recommendation
from rightstrack.ingest import importers, signals, store, vocabulary
from rightstrack.ingest.errors import ImportFailure, Problem
from rightstrack.ingest.models import ColumnMapping, ImportRun
from rightstrack.ingest.parsers.mapped import MappingSpec

logger = logging.getLogger(__name__)

#: At most this many rejected-row messages are kept on an ImportRun.
MAX_STORED_PROBLEMS = 200
#: The format of a file read through a column mapping (``sources/mapped.py``).
MAPPED_FORMAT = "mapped-table"

_GZIP_MAGIC = b"\x1f\x8b"


def sha256_file(path: Path) -> str:
    """SHA-256 of the file's bytes, as 64 hex digits."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@contextmanager
def _unpacked(path: Path) -> Iterator[Path]:
    """Yield ``path``, or a temporary unpacked copy when it is gzip-compressed.

    The copy keeps the inner name (``1-5.csv.gz`` → ``1-5.csv``) so that
    detection and messages read naturally.

    Raises:
        ImportFailure: the gzip stream is corrupt or truncated.
    """
    with path.open("rb") as fh:
        magic = fh.read(2)
    if magic != _GZIP_MAGIC:
        yield path
        return
    inner = path.name[:-3] if path.name.endswith(".gz") else path.name
    with tempfile.TemporaryDirectory(prefix="rightstrack-import-") as tmp:
        target = Path(tmp) / inner
        try:
            with gzip.open(path, "rb") as src, target.open("wb") as dst:
                shutil.copyfileobj(src, dst)
        except (OSError, EOFError) as exc:
            raise ImportFailure(path, f"corrupt or truncated gzip file ({exc})") from exc
        yield target


def _preflight(path: Path, run: ImportRun) -> None:
    """Check the file exists and is not empty; fill size and checksum on ``run``.

    Raises:
        ImportFailure: missing, not a file, or empty.
    """
    if not path.exists():
        raise ImportFailure(path, f"file not found: {path}")
    if not path.is_file():
        raise ImportFailure(path, "not a regular file")
    run.size = path.stat().st_size
    if run.size == 0:
        raise ImportFailure(path, "the file is empty (0 bytes)")
    run.checksum = sha256_file(path)


def import_file(
    path: str | Path,
    *,
    user: User | None = None,
    format: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    visibility: str = "public",
    run: ImportRun | None = None,
    unknown_labels: str | None = None,
    symbol: str = "",
    suggest: bool = True,
    mapping: str | MappingSpec | None = None,
) -> ImportRun:
    """Import one file and return its :class:`ImportRun` (never raises for bad input).

    Args:
        path: the file; ``.gz`` files are unpacked first.
        user: who started the import (stored on the run), or ``None``.
        format: a source name to skip detection (``rightstrack import --format``).
        progress: ``progress(done, total)`` callback for long imports.
        visibility: ``"restricted"`` stores every document and record of the file as
            restricted (SPT visit reports, pending communications); ``"public"`` keeps
            the sources' own values.
        run: an ImportRun created beforehand (status ``pending``, e.g. by the web
            upload, which redirects to its page before the import starts) to fill
            instead of creating a new one.
        unknown_labels: the policy for theme, affected-persons and SDG values not in the
            reference lists: ``"refuse"``, ``"map"`` or ``"create"``
            (``ingest/vocabulary.py``); ``None`` takes the format's default
            (``vocabulary.default_policy``: create for UHRI and OHCHR thematic lists,
            refuse otherwise). The policy used is stored on the run.
        symbol: the UN symbol of a document whose text does not print it (86 of the
            220 Working Group report texts of ``upr-wg-reports-terman`` lost it in
            conversion), e.g. ``"A/HRC/17/18"``; ``""`` to read it from the document.
            A symbol that differs from the one printed refuses the file.
        suggest: run the classify step (suggested labels for the recommendations that have
            none); ``False`` for a batch of imports followed by one ``classify suggest``.
        mapping: the name of a saved column mapping (``ColumnMapping``), or a mapping not
            saved yet (the upload's mapping step): the file is then read as the
            ``mapped-table`` format through it, whatever ``format`` says.

    Returns:
        The saved run: ``status`` is ``succeeded`` with the counts, or ``failed``
        with ``errors[0]`` naming file and row/cell/page. On failure the
        catalogue is exactly as before the call.

    Raises:
        ValueError: ``unknown_labels`` is not one of ``vocabulary.POLICIES`` (a bug of
            the caller: the CLI and the upload form offer only those).
    """
    if unknown_labels is not None and unknown_labels not in vocabulary.POLICIES:
        raise ValueError(f"unknown_labels must be one of {vocabulary.POLICIES}")
    path = Path(path)
    if run is None:
        run = ImportRun(user=user if getattr(user, "pk", None) else None)
    run.file_name, run.path = path.name, str(path)
    run.status, run.started_at = ImportRun.Status.RUNNING, timezone.now()
    run.save()
    ctx = importers.ImportContext(
        path=path, user=run.user, progress=progress, visibility=visibility, symbol=symbol
    )
    try:
        _preflight(path, run)
        ctx.checksum = run.checksum
        with _unpacked(path) as real:
            ctx.path = real
            ctx.mapping = _mapping_spec(mapping, path)
            source = _source(format, real, ctx.mapping)
            run.format = ctx.format = source.name
            run.column_mapping = ctx.mapping.name if ctx.mapping else ""
            ctx.unknown_labels = unknown_labels or vocabulary.default_policy(source.name)
            run.unknown_labels = ctx.unknown_labels
            with transaction.atomic():
                counts = source.run(real, ctx)
                store.finish_bulk_load(ctx)
                if suggest:
                    signals.recommendations_stored.send(sender=Recommendation)
    except ImportFailure as exc:
        _finish_failed(run, exc.problem)
    except KeyError as exc:  # unknown --format
        _finish_failed(run, Problem(path.name, str(exc.args[0])))
    except Exception as exc:  # a bug: keep the run, log the traceback, name the file
        logger.exception("import of %s failed", path)
        _finish_failed(run, Problem(path.name, f"unexpected error ({type(exc).__name__}: {exc})"))
    else:
        run.status = ImportRun.Status.SUCCEEDED
        run.created, run.updated = counts.created, counts.updated
        run.unchanged, run.rejected = counts.unchanged, counts.rejected
        run.errors = [p.as_dict() for p in ctx.problems[:MAX_STORED_PROBLEMS]]
        run.finished_at = timezone.now()
        run.save()
    return run


class _RollBack(Exception):
    """Raised inside a rehearsal's transaction so that nothing it stored stays."""


@dataclass(frozen=True)
class Rehearsal:
    """What :func:`import_file` would do with a file, from a run rolled back.

    Attributes:
        created / updated / unchanged / rejected: the counts the import would give.
        warnings: rows kept with a remark (unknown labels mapped or created, States not
            recognised, numbering out of order...), each naming file, row or page.
        failure: why the import would be refused (naming file, row or page), or ``None``.
    """

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    warnings: tuple[Problem, ...] = ()
    failure: Problem | None = None


def rehearse(
    path: str | Path,
    *,
    user: User | None = None,
    format: str | None = None,
    visibility: str = "public",
    unknown_labels: str | None = None,
    symbol: str = "",
    mapping: str | MappingSpec | None = None,
) -> Rehearsal:
    """Run the import of ``path`` exactly as :func:`import_file` would, then roll it back.

    The upload preview shows what the import will say before anything is stored: unknown
    labels and what the chosen policy does with them, rows that would be rejected, the
    reason a file would be refused. It costs one import's time; nothing is stored, no
    :class:`ImportRun` is written. Arguments are those of :func:`import_file`.

    Returns:
        A :class:`Rehearsal`.

    Raises:
        ValueError: ``unknown_labels`` is not one of ``vocabulary.POLICIES``.
    """
    if unknown_labels is not None and unknown_labels not in vocabulary.POLICIES:
        raise ValueError(f"unknown_labels must be one of {vocabulary.POLICIES}")
    path = Path(path)
    ctx = importers.ImportContext(path=path, user=user, visibility=visibility, symbol=symbol)
    outcome: dict[str, Any] = {}
    try:
        with _unpacked(path) as real:
            ctx.path = real
            ctx.mapping = _mapping_spec(mapping, path)
            source = _source(format, real, ctx.mapping)
            ctx.format = source.name
            ctx.unknown_labels = unknown_labels or vocabulary.default_policy(source.name)
            with transaction.atomic():
                counts = source.run(real, ctx)
                store.finish_bulk_load(ctx)
                outcome["counts"] = counts
                raise _RollBack
    except _RollBack:
        counts = outcome["counts"]
        warnings = tuple(ctx.problems[:MAX_STORED_PROBLEMS])
        return Rehearsal(
            counts.created, counts.updated, counts.unchanged, counts.rejected, warnings
        )
    except ImportFailure as exc:
        return Rehearsal(failure=exc.problem)
    except KeyError as exc:  # unknown format name
        return Rehearsal(failure=Problem(path.name, str(exc.args[0])))


def _mapping_spec(mapping: str | MappingSpec | None, path: Path) -> MappingSpec | None:
    """The spec of ``mapping`` (a saved mapping's name, or a spec already).

    Raises:
        ImportFailure: no active saved mapping of that name (the message lists them).
    """
    if mapping is None or isinstance(mapping, MappingSpec):
        return mapping
    from rightstrack.ingest.actions import find_mapping

    found = find_mapping(mapping)
    if found is None:
        names = ", ".join(repr(m.name) for m in ColumnMapping.objects.active()) or "none yet"
        raise ImportFailure(path, f"no saved column mapping named {mapping!r} (saved: {names})")
    return found.spec()


def _source(format: str | None, path: Path, mapping: MappingSpec | None) -> importers.Source:
    if mapping is not None:
        return importers.get(MAPPED_FORMAT)
    return importers.get(format) if format else importers.detect(path)


def _finish_failed(run: ImportRun, problem: Problem) -> None:
    run.status = ImportRun.Status.FAILED
    run.created = run.updated = run.unchanged = run.rejected = 0
    run.errors = [problem.as_dict()]
    run.finished_at = timezone.now()
    run.save()
