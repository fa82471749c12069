"""Run a confirmed web upload: as a background task, so long files do not block.

The run row is created first (status ``pending``) and the browser is sent to its page,
which refreshes itself until the run has finished. The import itself is the task
:func:`rightstrack.ingest.tasks.import_upload` on the task queue (``django-tasks``,
database backend; see ``core/tasks.py``), enqueued once the request's transaction has
committed and run by ``rightstrack db-worker``, a separate process: a web process that
restarts (``rightstrack serve`` reloads on HUP) loses no import, and the task's status,
attempts and traceback are on the admin's *Task results* page. The import runs in one
transaction (``import_file``): a worker that stops mid-import leaves nothing
half-stored; see ``docs/ingest-upload.md``.

Setting ``INGEST_IMPORT_IN_BACKGROUND`` (Django setting, default ``True``): ``False``
runs the import in the request itself (tests).
"""

from __future__ import annotations

import dataclasses
import logging
from functools import partial
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from rightstrack.accounts.models import User
from rightstrack.accounts.types import Viewer
from rightstrack.ingest import staging
from rightstrack.ingest.models import ImportRun
from rightstrack.ingest.pipeline import import_file
from rightstrack.ingest.planner import after_bulk_import

logger = logging.getLogger(__name__)

#: Progress entries live this long in the cache (seconds).
PROGRESS_TTL = 6 * 3600


def progress_key(run_id: int) -> str:
    """The cache key of the ``(done, total)`` progress of the import run ``run_id``."""
    return f"rightstrack:ingest:progress:{run_id}"


def get_progress(run_id: int) -> tuple[int, int] | None:
    """``(done, total)`` records of a running import, or ``None`` when unknown.

    Kept in Django's cache by the worker that runs the import; every web process sees it
    with the Redis cache (``REDIS_URL``); with the local-memory cache only the process
    that ran the import does, so the page shows progress only "if available".
    """
    value = cache.get(progress_key(run_id))
    if not value:
        return None
    return int(value[0]), int(value[1])


def start_import(staged: staging.StagedFile, user: Viewer) -> ImportRun:
    """Create the run of ``staged`` (status ``pending``) and start its import.

    On the task queue (enqueued after the current transaction commits) unless
    ``settings.INGEST_IMPORT_IN_BACKGROUND`` is ``False``. Either way the staged file is
    deleted once the import has finished.

    Returns:
        The run; reload it to see the outcome.
    """
    from rightstrack.ingest.tasks import import_upload

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
        transaction.on_commit(
            partial(import_upload.enqueue, run.pk, dataclasses.asdict(staged)), robust=True
        )
    else:
        run_import(run.pk, dataclasses.asdict(staged))
        run.refresh_from_db()
    return run


def run_import(run_id: int, staged_fields: dict[str, Any]) -> str:
    """Import the staged upload into the run ``run_id``; return the run's status.

    The staged file is deleted once ``import_file`` has returned (success or failure
    recorded on the run); an exception before that (the run could not be read) leaves it
    for a retry of the task.

    Raises:
        ImportRun.DoesNotExist: no such run; ``django.db.OperationalError``: database away.
    """
    staged = staging.StagedFile(**staged_fields)

    def report(done: int, total: int) -> None:
        cache.set(progress_key(run_id), (done, total), PROGRESS_TTL)

    run = ImportRun.objects.get(pk=run_id)
    try:
        run = import_file(
            staged.path,
            user=run.user,
            format=staged.import_format or None,
            visibility=staged.visibility,
            unknown_labels=staged.unknown_labels or None,
            symbol=staged.symbol,
            mapping=staged.mapping or None,
            progress=report,
            run=run,
        )
    finally:
        staging.discard(staged)
        cache.delete(progress_key(run_id))
    # As the command line does after its imports (statistics, tidy tables).
    after_bulk_import(run.created + run.updated)
    return str(run.status)
