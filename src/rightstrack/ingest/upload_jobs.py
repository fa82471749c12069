"""Run a confirmed web upload: in a background thread, so long files do not block.

Why a thread and not a task queue: the import is one call
(:func:`~rightstrack.ingest.pipeline.import_file`), records its own
:class:`~rightstrack.ingest.models.ImportRun` and runs in one transaction, so a
thread in the web process is enough and needs no broker, worker or extra
dependency (the ``django-tasks`` backport would add a worker process to run and
monitor). The run row is created first (status ``pending``) and the browser is
sent to its page, which refreshes itself until the run has finished. If the web
process stops mid-import, the transaction is rolled back (nothing half-stored)
and the run stays ``running``; see ``docs/ingest-upload.md``.

Setting ``INGEST_IMPORT_IN_BACKGROUND`` (Django setting, default ``True``): ``False``
runs the import in the request itself (tests).
"""

from __future__ import annotations

import logging
import threading

from django.conf import settings
from django.core.cache import cache
from django.db import close_old_connections, connection, transaction

from rightstrack.accounts.models import User
from rightstrack.accounts.types import Viewer
from rightstrack.ingest import staging
from rightstrack.ingest.models import ImportRun
from rightstrack.ingest.pipeline import import_file

logger = logging.getLogger(__name__)

#: Progress entries live this long in the cache (seconds).
PROGRESS_TTL = 6 * 3600


def progress_key(run_id: int) -> str:
    """The cache key of the ``(done, total)`` progress of the import run ``run_id``."""
    return f"rightstrack:ingest:progress:{run_id}"


def get_progress(run_id: int) -> tuple[int, int] | None:
    """``(done, total)`` records of a running import, or ``None`` when unknown.

    Kept in Django's cache by the thread that runs the import; with a per-process
    cache another web worker may not see it, so the page shows progress only "if
    available".
    """
    value = cache.get(progress_key(run_id))
    if not value:
        return None
    return int(value[0]), int(value[1])


def start_import(staged: staging.StagedFile, user: Viewer) -> ImportRun:
    """Create the run of ``staged`` (status ``pending``) and start its import.

    In the background (a daemon thread started after the current transaction
    commits) unless ``settings.INGEST_IMPORT_IN_BACKGROUND`` is ``False``. Either
    way the staged file is deleted once the import has finished.

    Returns:
        The run; reload it to see the outcome.
    """
    run = ImportRun.objects.create(
        file_name=staged.file_name,
        path=str(staged.path),
        checksum=staged.checksum,
        size=staged.size,
        format=staged.import_format,
        status=ImportRun.Status.PENDING,
        user=user if isinstance(user, User) else None,
    )
    if getattr(settings, "INGEST_IMPORT_IN_BACKGROUND", True):
        thread = threading.Thread(
            target=_run_in_thread, args=(run.pk, staged), name=f"import-{run.pk}", daemon=True
        )
        transaction.on_commit(thread.start)
    else:
        _run(run.pk, staged)
        run.refresh_from_db()
    return run


def _run(run_id: int, staged: staging.StagedFile) -> None:
    def report(done: int, total: int) -> None:
        cache.set(progress_key(run_id), (done, total), PROGRESS_TTL)

    try:
        run = ImportRun.objects.get(pk=run_id)
        import_file(
            staged.path,
            user=run.user,
            format=staged.import_format or None,
            visibility=staged.visibility,
            unknown_labels=staged.unknown_labels or None,
            symbol=staged.symbol,
            progress=report,
            run=run,
        )
    finally:
        staging.discard(staged)
        cache.delete(progress_key(run_id))


def _run_in_thread(run_id: int, staged: staging.StagedFile) -> None:
    close_old_connections()
    try:
        _run(run_id, staged)
    except Exception:  # import_file never raises for bad input; this is a bug or a lost DB
        logger.exception("background import %s failed", run_id)
    finally:
        connection.close()
