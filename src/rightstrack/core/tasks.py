"""Background tasks with retries, on Django's task framework (the ``django-tasks`` backport).

The queue is the database backend of ``django-tasks-db`` (a table: no broker to run);
``rightstrack db-worker`` runs the tasks (one or more worker processes, on any machine
that reaches the database); staff see every task, its status, attempts and traceback in
the admin (*Task results*, read-only). Tests, and ``RIGHTSTRACK_TASKS_IMMEDIATE=1``, use
the immediate backend: a task runs as soon as it is enqueued, in the same process.

The framework itself does not retry (a result is ``FAILED`` once its function raised).
:func:`retrying_task` adds retries: a failed attempt enqueues the next one, after
``RIGHTSTRACK_TASK_RETRY_SECONDS`` × 2^(attempt−1) seconds (exponential backoff, when the
backend can defer), up to ``RIGHTSTRACK_TASK_MAX_ATTEMPTS`` attempts in all. Each attempt is
its own task result (the failed ones keep their traceback), and the attempt number is the
``attempt`` keyword argument the next one receives.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone
from django_tasks import task
from django_tasks.base import Task

logger = logging.getLogger(__name__)


def retry_delay(attempt: int) -> timedelta:
    """How long to wait before attempt ``attempt + 1`` after attempt ``attempt`` failed.

    ``RIGHTSTRACK_TASK_RETRY_SECONDS`` × 2^(attempt−1): 30 s, 60 s, 120 s... by default.
    """
    base = int(getattr(settings, "RIGHTSTRACK_TASK_RETRY_SECONDS", 30))
    return timedelta(seconds=base * 2 ** max(0, attempt - 1))


def max_attempts() -> int:
    """``RIGHTSTRACK_TASK_MAX_ATTEMPTS`` (at least 1)."""
    return max(1, int(getattr(settings, "RIGHTSTRACK_TASK_MAX_ATTEMPTS", 3)))


def retrying_task(
    func: Callable[..., Any] | None = None,
    *,
    retry_on: tuple[type[BaseException], ...] = (Exception,),
) -> Any:
    """Decorator: ``func`` as a :class:`django_tasks.Task` whose failures are retried.

    Args:
        func: a module-level function whose arguments are JSON values; it must not take
            an ``attempt`` argument of its own (the wrapper adds it).
        retry_on: exception classes worth another attempt (default: any ``Exception``).

    Returns:
        The task: ``.enqueue(*args, **kwargs)`` queues attempt 1.

    Raises (inside the task): the function's exception, after enqueuing the next attempt
    when attempts remain, so this attempt's result is ``FAILED`` with its traceback.
    """

    def decorate(fn: Callable[..., Any]) -> Task[Any, Any]:
        holder: dict[str, Task[Any, Any]] = {}

        @functools.wraps(fn)
        def run(*args: Any, attempt: int = 1, **kwargs: Any) -> Any:
            try:
                return fn(*args, **kwargs)
            except retry_on:
                if attempt >= max_attempts():
                    logger.exception("task %s failed after %s attempts", fn.__name__, attempt)
                    raise
                again = holder["task"]
                if again.get_backend().supports_defer:
                    again = again.using(run_after=timezone.now() + retry_delay(attempt))
                logger.warning("task %s failed (attempt %s); retrying", fn.__name__, attempt)
                again.enqueue(*args, attempt=attempt + 1, **kwargs)
                raise

        holder["task"] = task()(run)
        return holder["task"]

    return decorate
