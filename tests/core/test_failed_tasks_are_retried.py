"""A background task that fails with a temporary error is tried again, up to the limit;
other errors fail at once (core/tasks.py)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import OperationalError
from django.utils import timezone

from rightstrack.core.tasks import retry_delay, retrying_task

CALLS: list[int] = []


@retrying_task(retry_on=(OperationalError,))
def flaky(failures: int) -> str:
    """Fails with OperationalError ``failures`` times, then succeeds."""
    CALLS.append(1)
    if len(CALLS) <= failures:
        raise OperationalError("the database went away")
    return "done"


@retrying_task(retry_on=(OperationalError,))
def broken() -> None:
    CALLS.append(1)
    raise ValueError("a bug, not worth retrying")


@pytest.fixture(autouse=True)
def _fresh_calls(settings):
    CALLS.clear()
    settings.RIGHTSTRACK_TASK_MAX_ATTEMPTS = 3
    settings.RIGHTSTRACK_TASK_RETRY_SECONDS = 30


def test_a_task_that_fails_twice_succeeds_on_its_third_attempt():
    first = flaky.enqueue(2)

    assert len(CALLS) == 3
    assert first.status == "FAILED"  # the first attempt keeps its own failure


def test_a_task_that_always_fails_stops_after_the_maximum_attempts():
    flaky.enqueue(99)

    assert len(CALLS) == 3


def test_an_error_not_listed_as_temporary_is_not_retried():
    result = broken.enqueue()

    assert result.status == "FAILED"
    assert len(CALLS) == 1


def test_the_delay_doubles_from_the_configured_seconds():
    assert [retry_delay(n).total_seconds() for n in (1, 2, 3)] == [30, 60, 120]


@pytest.mark.django_db
def test_on_the_database_queue_the_next_attempt_waits_for_its_delay(settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    before = timezone.now()
    with pytest.raises(OperationalError):
        flaky.call(1)  # attempt 1, run directly: it fails and enqueues attempt 2

    queued = DBTaskResult.objects.get()
    assert queued.args_kwargs == {"args": [1], "kwargs": {"attempt": 2}}
    assert queued.status == "READY"
    assert (
        before + timedelta(seconds=29) < queued.run_after < timezone.now() + timedelta(seconds=31)
    )
