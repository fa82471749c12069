"""The plain-language editor: per recommendation and for a document's summary.

Coordinators and admins only (``reports.actions.can_edit_plain_language``); everyone
else is refused (403; visitors are sent to the login page).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from rightstrack.reports.actions import (
    can_edit_plain_language,
    do_save_plain_summary,
    do_save_plain_text,
)
from rightstrack.reports.data import shown_document, shown_recommendations
from rightstrack.reports.forms import PlainSummaryForm, PlainTextForm
from rightstrack.reports.plain_editor import editor_language, summary_editor, text_editor
from rightstrack.reports.plain_language import Readability, readability


def _saved_message(request: HttpRequest, score: Readability) -> None:
    if score.flesch is None:
        text = _("Saved. Readability: %(label)s (%(words)s words).")
    else:
        text = _("Saved. Readability: %(label)s (Flesch reading ease %(flesch)s, %(words)s words).")
    messages.success(
        request, text % {"label": score.label, "flesch": score.flesch, "words": score.words}
    )


@login_required
def plain_text_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """``/reports/plain/recommendations/<id>/edit/?language=es``: official text beside the
    plain-language text; status; readability when saved; out-of-date mark."""
    if not can_edit_plain_language(request.user):
        raise PermissionDenied
    rec = get_object_or_404(shown_recommendations(request.user).select_related("document"), pk=pk)
    language = editor_language(request.GET.get("language"))
    editor = text_editor(rec, language)
    form = PlainTextForm(request.POST or None, initial=editor.initial)
    if request.method == "POST" and form.is_valid():
        saved = do_save_plain_text(
            request.user,
            rec,
            language,
            form.cleaned_data["text"],
            status=form.cleaned_data["status"],
        )
        _saved_message(request, readability(saved.text, language))
        return redirect(f"{reverse('reports:plain_text_edit', args=[rec.pk])}?language={language}")
    return render(request, "reports/plain_text_edit.html", {"e": editor, "form": form})


@login_required
def plain_summary_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """``/reports/plain/<document id>/edit/?language=es``: the summary's own texts beside the
    official positive aspects, and every paragraph with its plain-language status."""
    if not can_edit_plain_language(request.user):
        raise PermissionDenied
    document = shown_document(request.user, pk)
    language = editor_language(request.GET.get("language"))
    editor = summary_editor(request.user, document, language, request.GET.get("q", "")[:100])
    form = PlainSummaryForm(request.POST or None, initial=editor.initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        status = data.pop("status")
        saved = do_save_plain_summary(request.user, document, language, status=status, **data)
        _saved_message(request, readability(saved.source_text(), language))
        url = reverse("reports:plain_summary_edit", args=[document.pk])
        return redirect(f"{url}?language={language}")
    ctx = {"e": editor, "form": form, "query": request.GET.get("q", "")[:100]}
    return render(request, "reports/plain_summary_edit.html", ctx)
