"""The press kit (press release and article draft of a document), the 1200×630 share
images of documents and recommendations, and the coordinators' press-template editor."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from rightstrack.accounts.decorators import role_required
from rightstrack.accounts.models import Role
from rightstrack.catalog.models import Document
from rightstrack.reports import followup_report, forms, press, share_image
from rightstrack.reports.data import (
    report_communication,
    report_documents,
    report_recommendation,
)
from rightstrack.reports.models import PressTemplate
from rightstrack.tracking.permissions import is_coordinator


def _public_document(request: HttpRequest, pk: int) -> Document:
    """The public document ``pk`` the user may see (``Http404`` otherwise)."""
    doc = report_documents(request.user).filter(pk=pk).select_related("mechanism").first()
    if doc is None:
        raise Http404("No such document")
    return doc


def press_kit_index(request: HttpRequest) -> HttpResponse:
    """Anniversaries ("six months since") near today, and every document with follow-up items."""
    today = timezone.localdate()
    context = {
        "anniversaries": press.anniversaries(request.user, today),
        "views_anniversaries": press.views_anniversaries(request.user, today),
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


def press_communication(request: HttpRequest, pk: int) -> HttpResponse:
    """The "six months since" article on public Views (``?on=YYYY-MM-DD`` for its date)."""
    comm = report_communication(request.user, pk)
    on = _day(request.GET.get("on"))
    facts = press.views_press_facts(
        request.user,
        comm,
        today=on,
        organisation=request.GET.get("org", "")[:200],
        language=request.LANGUAGE_CODE,
        base_url=request.build_absolute_uri("/")[:-1],
    )
    article = press.render_press("views_article", facts, request.LANGUAGE_CODE)
    context = {"comm": comm, "facts": facts, "article": article, "on": on}
    return render(request, "reports/press_communication.html", context)


def _day(value: str | None) -> dt.date:
    """``value`` (YYYY-MM-DD) as a date; today when it is missing or malformed."""
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
    """The 1200×630 card of one public recommendation.

    Raises:
        Http404: the recommendation or its document is not public, or the user may not see it.
    """
    rec = report_recommendation(request.user, pk)
    card = share_image.recommendation_share_image(request.user, rec)
    return _png(card.png, card.alt)


@role_required(Role.COORDINATOR)
@require_http_methods(["GET", "POST"])
def press_template_edit(request: HttpRequest, kind: str) -> HttpResponse:
    """Coordinators edit the press template of ``kind`` in the current language.

    Raises:
        Http404: unknown template kind.
    """
    if kind not in PressTemplate.Kind.values:
        raise Http404("No such template")
    lang = request.LANGUAGE_CODE
    form = forms.PressTemplateForm(
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
