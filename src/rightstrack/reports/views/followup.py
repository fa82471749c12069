"""Forms that return a generated report as a DOCX or PDF file: the follow-up report to a
committee, the UPR mid-term report and the briefing pack of an institution.

Each form is a GET form; when it is submitted and valid, the response is the file.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.text import slugify
from django.utils.translation import gettext as _

from rightstrack.accounts.decorators import role_required
from rightstrack.accounts.models import Role
from rightstrack.reports import briefing, followup_report, forms, midterm
from rightstrack.reports.writers.docx import CONTENT_TYPE as DOCX_CONTENT_TYPE
from rightstrack.reports.writers.pdf import ConversionError

MIME = {"docx": DOCX_CONTENT_TYPE, "pdf": "application/pdf"}


def _file(data: bytes, fmt: str, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=MIME[fmt])
    response["Content-Disposition"] = f'attachment; filename="{slugify(name)}.{fmt}"'
    return response


def _generate(request: HttpRequest, form: Any, template: str, make: Any) -> HttpResponse:
    """Render ``form``; when submitted and valid, return the file ``make(data)`` builds.

    ``make(cleaned_data)`` returns ``(bytes, fmt, name)``. A PDF that LibreOffice
    cannot make is reported on the form (status 400), not raised.
    """
    if form.is_bound and form.is_valid():
        try:
            data, fmt, name = make(form.cleaned_data)
            return _file(data, fmt, name)
        except ConversionError:
            form.add_error(None, _("PDF output is unavailable on this server; choose DOCX."))
    return render(request, template, {"form": form}, status=400 if form.is_bound else 200)


@role_required(Role.CONTRIBUTOR)
def followup_report_view(request: HttpRequest) -> HttpResponse:
    """Form → follow-up report to a committee (contributors, coordinators and above)."""
    bound = request.GET if "document" in request.GET else None
    form = forms.FollowUpReportForm(bound, user=request.user)

    def make(d: dict[str, Any]) -> tuple[bytes, str, str]:
        report = followup_report.build_followup_report(
            request.user,
            d["document"],
            organisations=list(d["organisations"]),
            period_start=d["period_start"],
            period_end=d["period_end"],
            language=d["language"],
        )
        name = f"follow-up-report-{d['document'].symbol}"
        return followup_report.followup_report_bytes(report, d["fmt"]), d["fmt"], name

    return _generate(request, form, "reports/followup_report_form.html", make)


@role_required(Role.CONTRIBUTOR)
def midterm_view(request: HttpRequest) -> HttpResponse:
    """Form → UPR mid-term report of one State and cycle."""
    form = forms.MidTermForm(request.GET if "country" in request.GET else None)

    def make(d: dict[str, Any]) -> tuple[bytes, str, str]:
        report = midterm.build_midterm_report(
            request.user, d["country"], d["cycle"], language=d["language"]
        )
        name = f"upr-mid-term-{d['country'].iso3}-cycle-{d['cycle']}"
        return midterm.midterm_bytes(report, d["fmt"]), d["fmt"], name

    return _generate(request, form, "reports/midterm_form.html", make)


@role_required(Role.CONTRIBUTOR)
def briefing_view(request: HttpRequest) -> HttpResponse:
    """Form → briefing pack of one institution."""
    form = forms.BriefingForm(request.GET if "organisation" in request.GET else None)

    def make(d: dict[str, Any]) -> tuple[bytes, str, str]:
        pack = briefing.build_briefing_pack(
            request.user, d["organisation"], on=d["on"], language=d["language"]
        )
        name = f"briefing-{d['organisation'].acronym or d['organisation'].name}"
        return briefing.briefing_bytes(pack, d["fmt"]), d["fmt"], name

    return _generate(request, form, "reports/briefing_form.html", make)
