"""Background tasks of the ingest app (run by ``rightstrack db-worker``)."""

from __future__ import annotations

from django.db import OperationalError

from rightstrack.core.tasks import retrying_task


@retrying_task(retry_on=(OperationalError,))  # type: ignore[untyped-decorator]
def import_upload(run_id: int, staged: dict[str, object]) -> str:
    """Import a confirmed web upload (see :mod:`rightstrack.ingest.upload_jobs`).

    Args:
        run_id: the pending :class:`~rightstrack.ingest.models.ImportRun`.
        staged: the :class:`~rightstrack.ingest.staging.StagedFile` as a dict (its
            ``meta.json`` fields).

    Returns:
        The run's final status (``succeeded``/``failed``).

    Retries: only on ``OperationalError`` outside the import (the database was briefly
    away when the run was read); the staged file is kept for the next attempt. A file
    that does not import fails its run once, with the reason on the run page, and is not
    retried (``import_file`` records every failure on the run; the import is
    all-or-nothing, so nothing is ever half-stored).
    """
    from rightstrack.ingest import upload_jobs

    return upload_jobs.run_import(run_id, staged)
