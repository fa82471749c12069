"""Web upload of files to import: upload → preview (nothing stored) → confirm → run page.

Coordinators and administrators only (``role_required``: anonymous visitors go to the
login page, other roles get 403; publishing roles must have passed two-factor).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rightstrack.accounts.decorators import role_required
from rightstrack.accounts.models import Role
from rightstrack.catalog.models import Document
from rightstrack.ingest import mapping_step, staging, vocabulary
from rightstrack.ingest.errors import ImportFailure
from rightstrack.ingest.forms import UploadForm
from rightstrack.ingest.models import ImportRun
from rightstrack.ingest.pipeline import MAPPED_FORMAT, rehearse
from rightstrack.ingest.preview import preview_file
from rightstrack.ingest.upload_jobs import get_progress, start_import

importer_required = role_required(Role.COORDINATOR)
#: Seconds between reloads of a run page while the import runs.
REFRESH_SECONDS = 2


@importer_required
def upload(request: HttpRequest) -> HttpResponse:
    """GET: the form. POST: stage the file, parse it without storing, show the preview."""
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method != "POST" or not form.is_valid():
        return render(request, "ingest/upload.html", {"form": form})
    data = form.cleaned_data
    staged = staging.stage_upload(
        data["file"],
        request.user,
        format=data["format"],
        visibility=data["visibility"],
        unknown_labels=data["unknown_labels"],
        symbol=data["symbol"].strip(),
    )
    if staged.format == MAPPED_FORMAT:
        return redirect("ingest:map_columns", staged=staged.id)
    try:
        preview = preview_file(staged.path, format=staged.format or None)
    except ImportFailure as exc:
        if not staged.format and mapping_step.can_map(staged.path, exc):
            return redirect("ingest:map_columns", staged=staged.id)
        staging.discard(staged)
        context = {"form": UploadForm(), "failure": exc.problem}
        return render(request, "ingest/upload.html", context, status=422)
    staged = staging.remember_format(staged, preview.format)
    policy = staged.unknown_labels or vocabulary.default_policy(preview.format)
    context = {
        "staged": staged,
        "preview": preview,
        "rehearsal": rehearse(
            staged.path,
            format=preview.format,
            visibility=staged.visibility,
            unknown_labels=policy,
            symbol=staged.symbol,
        ),
        "unknown_labels": ImportRun.UnknownLabels(policy).label,
        "unknown_labels_is_default": not staged.unknown_labels,
    }
    return render(request, "ingest/preview.html", context)


@importer_required
def map_columns(request: HttpRequest, staged: str) -> HttpResponse:
    """The mapping step of a sheet in no known layout: its columns and first rows, a form
    mapping them to RightsTrack fields (prefilled from a saved mapping that fits), then
    the rehearsal of the import ("preview") or saving the mapping and the rehearsal with
    the confirm button ("save"). Nothing is stored but the mapping."""
    try:
        upload = staging.get_staged(staged, request.user)
    except staging.StagingNotFound:
        raise Http404("No such upload") from None
    context = mapping_step.handle(request, upload)
    status = 422 if context.get("failure") else 200
    return render(request, "ingest/map_columns.html", context, status=status)


def _own_staged(request: HttpRequest) -> staging.StagedFile:
    try:
        return staging.get_staged(request.POST.get("staged", ""), request.user)
    except staging.StagingNotFound:
        raise Http404("No such upload") from None


@require_POST
@importer_required
def confirm(request: HttpRequest) -> HttpResponse:
    """Import the user's own staged file and go to its run page."""
    staged = _own_staged(request)
    try:
        staging.claim(staged)
    except staging.StagingNotFound:  # confirmed twice: the first request imports it
        messages.info(request, _("This file is already being imported."))
        return redirect("ingest:run_list")
    run = start_import(staged, request.user)
    return redirect("ingest:run_detail", pk=run.pk)


@require_POST
@importer_required
def cancel(request: HttpRequest) -> HttpResponse:
    """Delete the user's own staged file; nothing was stored."""
    staged = _own_staged(request)
    staging.discard(staged)
    messages.info(
        request, _("Upload of %(name)s cancelled; nothing was stored.") % {"name": staged.file_name}
    )
    return redirect("ingest:upload")


@importer_required
def run_list(request: HttpRequest) -> HttpResponse:
    """Every import run, newest first, 50 a page."""
    runs = ImportRun.objects.select_related("user").order_by("-id")
    page = Paginator(runs, 50).get_page(request.GET.get("page"))
    return render(request, "ingest/run_list.html", {"page": page})


@importer_required
def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One run: status, counts, errors, duration, the documents it stored."""
    run = get_object_or_404(ImportRun.objects.select_related("user"), pk=pk)
    active = run.status in (ImportRun.Status.PENDING, ImportRun.Status.RUNNING)
    documents = []
    if run.status == ImportRun.Status.SUCCEEDED and run.checksum:
        documents = list(Document.objects.filter(checksum=run.checksum).order_by("symbol")[:21])
    context = {
        "run": run,
        "active": active,
        "refresh": REFRESH_SECONDS if active else None,
        "progress": get_progress(run.pk) if active else None,
        "elapsed": (timezone.now() - run.started_at).total_seconds()
        if active and run.started_at
        else None,
        "documents": documents[:20],
        "more_documents": len(documents) > 20,
    }
    return render(request, "ingest/run_detail.html", context)
