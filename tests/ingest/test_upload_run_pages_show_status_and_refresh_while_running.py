"""Import-run pages: status, counts and errors; they reload themselves while a run is active,
and a confirmed upload imports on the background task queue."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from rightstrack.ingest import staging
from rightstrack.ingest.models import ImportRun
from rightstrack.ingest.upload_jobs import progress_key

from .conftest import CYCLE4
from .upload_helpers import staging_entries


def test_a_running_import_page_refreshes_and_shows_progress(coordinator, client_for):
    run = ImportRun.objects.create(
        file_name="1-5.csv", status=ImportRun.Status.RUNNING, started_at=timezone.now()
    )
    cache.set(progress_key(run.pk), (2500, 6094))
    try:
        response = client_for(coordinator).get(reverse("ingest:run_detail", args=[run.pk]))
    finally:
        cache.delete(progress_key(run.pk))

    html = response.content.decode()
    assert response.status_code == 200
    assert '<meta http-equiv="refresh" content="2">' in html
    assert '<progress id="import-progress" max="6094" value="2500">' in html
    assert "2,500 of 6,094 records handled" in html
    assert "running for" in html
    assert "Records</h2>" not in html  # counts come when the run has finished


def test_a_failed_run_page_shows_the_error_and_does_not_refresh(coordinator, client_for):
    run = ImportRun.objects.create(
        file_name="g0917123_CORRUPT.pdf",
        status=ImportRun.Status.FAILED,
        started_at=timezone.now(),
        finished_at=timezone.now(),
        errors=[{"file": "g0917123_CORRUPT.pdf", "message": "the PDF is damaged", "page": 1}],
    )

    html = client_for(coordinator).get(reverse("ingest:run_detail", args=[run.pk])).content
    text = html.decode()

    assert 'http-equiv="refresh"' not in text
    assert "Failed" in text
    assert "g0917123_CORRUPT.pdf, page 1</span>: the PDF is damaged" in text
    assert "Nothing of this file was stored." in text


def test_the_run_list_shows_each_run_with_its_counts(coordinator, client_for):
    ImportRun.objects.create(
        file_name="upr48-slovenia.docx",
        format="ohchr-thematic-list",
        status=ImportRun.Status.SUCCEEDED,
        created=254,
        started_at=timezone.now(),
    )

    response = client_for(coordinator).get(reverse("ingest:run_list"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "upr48-slovenia.docx" in html
    assert '<td class="num">254</td>' in html


def test_a_viewer_cannot_open_a_run(viewer, client_for):
    run = ImportRun.objects.create(file_name="secret-spt-report.pdf")

    response = client_for(viewer).get(reverse("ingest:run_detail", args=[run.pk]))

    assert response.status_code == 403
    assert b"secret-spt-report" not in response.content


@pytest.mark.django_db(transaction=True)
def test_a_confirmed_upload_runs_on_the_task_queue(
    coordinator, client_for, reference_data, upload_settings
):
    """The real cycle 4 Slovenia thematic list: 254 numbers (hand count). The request only
    enqueues the import; the worker (``rightstrack db-worker``) runs it."""
    upload_settings.INGEST_IMPORT_IN_BACKGROUND = True
    upload_settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    staged = staging.stage_upload(SimpleUploadedFile(CYCLE4.name, CYCLE4.read_bytes()), coordinator)

    response = client_for(coordinator).post(reverse("ingest:confirm"), {"staged": staged.id})

    run = ImportRun.objects.get()
    assert response.status_code == 302
    assert run.status == ImportRun.Status.PENDING
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "rightstrack.ingest.tasks.import_upload"
    assert queued.status == "READY"
    call_command("db_worker", "--batch", verbosity=0)
    run.refresh_from_db()
    queued.refresh_from_db()
    assert queued.status == "SUCCESSFUL"
    assert run.status == ImportRun.Status.SUCCEEDED, run.errors
    assert run.format == "ohchr-thematic-list"
    assert run.created + run.updated + run.unchanged == 254
    assert staging_entries(upload_settings) == []
