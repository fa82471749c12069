"""Views of the generated reports: forms that return DOCX/PDF files, the press kit page,
share images and the press-template editor. Logic lives in the report modules."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from rightstrack.accounts.decorators import role_required
from rightstrack.accounts.models import Role
from rightstrack.accounts.permissions import get_recommendation_for_user
from rightstrack.catalog.models import Document, Recommendation
from rightstrack.reports import (
    briefing,
    followup_report,
    midterm,
    office,
    press,
    report_forms,
    share_image,
)
from rightstrack.reports.models import PressTemplate
from rightstrack.reports.report_data import report_documents
from rightstrack.tracking.permissions import is_coordinator

MIME = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def _file(data: bytes, fmt: str, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=MIME[fmt])
    response["Content-Disposition"] = f'attachment; filename="{slugify(name)}.{fmt}"'
    return response


def _generate(request: HttpRequest, form: Any, template: str, make: Any) -> HttpResponse:
    """Render ``form``; when submitted and valid, return the file ``make(data)`` builds."""
    if form.is_bound and form.is_valid():
        try:
            data, fmt, name = make(form.cleaned_data)
            return _file(data, fmt, name)
        except office.ConversionError:
            form.add_error(None, _("PDF output is unavailable on this server; choose DOCX."))
    return render(request, template, {"form": form}, status=400 if form.is_bound else 200)


@role_required(Role.CONTRIBUTOR)
def followup_report_view(request: HttpRequest) -> HttpResponse:
    """Form → follow-up report to a committee (contributors, coordinators and above)."""
    bound = request.GET if "document" in request.GET else None
    form = report_forms.FollowUpReportForm(bound, user=request.user)

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
    form = report_forms.MidTermForm(request.GET if "country" in request.GET else None)

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
    form = report_forms.BriefingForm(request.GET if "organisation" in request.GET else None)

    def make(d: dict[str, Any]) -> tuple[bytes, str, str]:
        pack = briefing.build_briefing_pack(
            request.user, d["organisation"], on=d["on"], language=d["language"]
        )
        name = f"briefing-{d['organisation'].acronym or d['organisation'].name}"
        return briefing.briefing_bytes(pack, d["fmt"]), d["fmt"], name

    return _generate(request, form, "reports/briefing_form.html", make)


def _public_document(request: HttpRequest, pk: int) -> Document:
    doc = report_documents(request.user).filter(pk=pk).select_related("mechanism").first()
    if doc is None:
        raise Http404("No such document")
    return doc


def press_kit_index(request: HttpRequest) -> HttpResponse:
    """Anniversaries ("six months since") near today, and every document with follow-up items."""
    today = timezone.localdate()
    context = {
        "anniversaries": press.anniversaries(request.user, today),
        "documents": followup_report.documents_with_follow_up(request.user),
        "today": today,
        "can_edit_templates": is_coordinator(request.user),
    }
    return render(request, "reports/press_index.html", context)


def press_kit(request: HttpRequest, pk: int) -> HttpResponse:
    """Press release, article draft and share image of one document (public data)."""
    doc = _public_document(request, pk)
    on = _day(request.GET.get("on"))
    facts = press.press_facts(
        request.user,
        doc,
        today=on,
        organisation=request.GET.get("org", "")[:200],
        language=request.LANGUAGE_CODE,
        base_url=request.build_absolute_uri("/")[:-1],
    )
    card = share_image.document_share_image(request.user, doc, today=on)
    context = {
        "document": doc,
        "facts": facts,
        "release": press.render_press("press_release", facts, request.LANGUAGE_CODE),
        "article": press.render_press("article", facts, request.LANGUAGE_CODE),
        "alt": card.alt,
        "on": on,
    }
    return render(request, "reports/press_kit.html", context)


def _day(value: str | None) -> dt.date:
    try:
        return dt.date.fromisoformat(value) if value else timezone.localdate()
    except ValueError:
        return timezone.localdate()


def _png(data: bytes, alt: str) -> HttpResponse:
    response = HttpResponse(data, content_type="image/png")
    response["Cache-Control"] = "public, max-age=3600"
    response["X-Alt-Text"] = alt.encode("ascii", "ignore").decode()[:500]
    return response


def share_image_document(request: HttpRequest, pk: int) -> HttpResponse:
    """The 1200×630 card of a document (``?on=YYYY-MM-DD`` for the figures' date)."""
    doc = _public_document(request, pk)
    card = share_image.document_share_image(request.user, doc, today=_day(request.GET.get("on")))
    return _png(card.png, card.alt)


def share_image_recommendation(request: HttpRequest, pk: int) -> HttpResponse:
    """The 1200×630 card of one public recommendation."""
    rec: Recommendation = get_recommendation_for_user(request.user, pk)
    if rec.visibility != "public" or rec.document.visibility != "public":
        raise Http404("No such recommendation")
    card = share_image.recommendation_share_image(request.user, rec)
    return _png(card.png, card.alt)


@role_required(Role.COORDINATOR)
@require_http_methods(["GET", "POST"])
def press_template_edit(request: HttpRequest, kind: str) -> HttpResponse:
    """Coordinators edit the press template of ``kind`` in the current language."""
    if kind not in PressTemplate.Kind.values:
        raise Http404("No such template")
    lang = request.LANGUAGE_CODE
    form = report_forms.PressTemplateForm(
        request.POST or None, initial={"body": press.template_body(kind, lang)}
    )
    if request.method == "POST" and form.is_valid():
        try:
            press.do_save_press_template(request.user, kind, lang, form.cleaned_data["body"])
            return redirect("reports:press_index")
        except ValidationError as exc:
            form.add_error("body", exc)
    label = PressTemplate.Kind(kind).label
    return render(request, "reports/press_template_form.html", {"form": form, "label": label})
