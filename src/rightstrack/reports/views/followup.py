"""Forms that return a generated report as a DOCX or PDF file: the follow-up report to a
committee, the parallel follow-up report of civil society, the UPR mid-term report and the
briefing pack of an institution.

Each form is a GET form; when it is submitted and valid, the response is the file.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.text import slugify
from django.utils.translation import gettext as _

from rightstrack.accounts.decorators import role_required
from rightstrack.accounts.models import Role
from rightstrack.accounts.types import Viewer
from rightstrack.reports import briefing, followup_report, forms, midterm, parallel_report
from rightstrack.reports.writers.docx import CONTENT_TYPE as DOCX_CONTENT_TYPE
from rightstrack.reports.writers.pdf import ConversionError

MIME = {"docx": DOCX_CONTENT_TYPE, "pdf": "application/pdf"}


def _file(data: bytes, fmt: str, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=MIME[fmt])
    response["Content-Disposition"] = f'attachment; filename="{slugify(name)}.{fmt}"'
    return response


def _generate(
    request: HttpRequest,
    form: Any,
    template: str,
    make: Callable[[Any, dict[str, Any]], tuple[bytes, str]],
) -> HttpResponse:
    """Render ``form``; when submitted and valid, return the file ``make`` builds.

    ``make(user, cleaned_data)`` returns the file's bytes (in ``cleaned_data["fmt"]``,
    DOCX or PDF) and its name before slugification. A PDF that LibreOffice cannot
    make is reported on the form (status 400), not raised.
    """
    if form.is_bound and form.is_valid():
        try:
            data, name = make(request.user, form.cleaned_data)
            return _file(data, form.cleaned_data["fmt"], name)
        except ConversionError:
            form.add_error(None, _("PDF output is unavailable on this server; choose DOCX."))
    return render(request, template, {"form": form}, status=400 if form.is_bound else 200)


def _bound(request: HttpRequest, key: str) -> Any:
    """``request.GET`` when the form was submitted (``key`` is in it), else ``None``."""
    return request.GET if key in request.GET else None


def _followup_report_file(user: Viewer, d: dict[str, Any]) -> tuple[bytes, str]:
    report = followup_report.build_followup_report(
        user,
        d["document"],
        organisations=list(d["organisations"]),
        period_start=d["period_start"],
        period_end=d["period_end"],
        language=d["language"],
    )
    data = followup_report.followup_report_bytes(report, d["fmt"])
    return data, f"follow-up-report-{d['document'].symbol}"


def _parallel_report_file(user: Viewer, d: dict[str, Any]) -> tuple[bytes, str]:
    report = parallel_report.build_parallel_report(
        user,
        d["document"],
        organisations=list(d["organisations"]),
        period_start=d["period_start"],
        period_end=d["period_end"],
        language=d["language"],
    )
    data = parallel_report.parallel_report_bytes(report, d["fmt"])
    return data, f"parallel-report-{d['document'].symbol}"


def _midterm_file(user: Viewer, d: dict[str, Any]) -> tuple[bytes, str]:
    report = midterm.build_midterm_report(user, d["country"], d["cycle"], language=d["language"])
    data = midterm.midterm_bytes(report, d["fmt"])
    return data, f"upr-mid-term-{d['country'].iso3}-cycle-{d['cycle']}"


def _briefing_file(user: Viewer, d: dict[str, Any]) -> tuple[bytes, str]:
    org, sel = d["organisation"], d["selection"]
    pack = briefing.build_briefing_pack(
        user, org, selection=None if org else sel, on=d["on"], language=d["language"]
    )
    data = briefing.briefing_bytes(pack, d["fmt"])
    return data, f"briefing-{(org.acronym or org.name) if org else sel.name}"


@role_required(Role.CONTRIBUTOR)
def followup_report_view(request: HttpRequest) -> HttpResponse:
    """Form → follow-up report to a committee (contributors, coordinators and above)."""
    form = forms.FollowUpReportForm(_bound(request, "document"), user=request.user)
    return _generate(request, form, "reports/followup_report_form.html", _followup_report_file)


@role_required(Role.CONTRIBUTOR)
def parallel_report_view(request: HttpRequest) -> HttpResponse:
    """Form → parallel (shadow) follow-up report of civil society to a committee; the same
    form, roles and public-only content as the follow-up report."""
    form = forms.FollowUpReportForm(_bound(request, "document"), user=request.user)
    return _generate(request, form, "reports/parallel_report_form.html", _parallel_report_file)


@role_required(Role.CONTRIBUTOR)
def midterm_view(request: HttpRequest) -> HttpResponse:
    """Form → UPR mid-term report of one State and cycle."""
    form = forms.MidTermForm(_bound(request, "country"))
    return _generate(request, form, "reports/midterm_form.html", _midterm_file)


@role_required(Role.CONTRIBUTOR)
def briefing_view(request: HttpRequest) -> HttpResponse:
    """Form → briefing pack of one institution or of one selection."""
    bound = _bound(request, "organisation") or _bound(request, "selection")
    form = forms.BriefingForm(bound, user=request.user)
    return _generate(request, form, "reports/briefing_form.html", _briefing_file)
