"""``/reports/charts/...``: server-side SVG charts, each with its text alternative and data table."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from rightstrack.reports.charts import (
    CHARTS,
    Chart,
    Scope,
    chart_stylesheet,
    standalone_svg,
    stylesheet_hash,
)


def _scope_and_query(request: HttpRequest) -> tuple[Scope, str]:
    scope = Scope.from_params(request.GET)
    query = urlencode(
        [(k, v) for k, v in (("country", scope.country), ("mechanism", scope.mechanism)) if v]
    )
    return scope, query


@require_safe
def chart_index(request: HttpRequest) -> HttpResponse:
    """``/reports/charts/?country=ISO3&mechanism=CODE``: every chart with its data table."""
    scope, query = _scope_and_query(request)
    charts = [build(request.user, scope) for _title, build in CHARTS.values()]
    return render(
        request, "reports/charts.html", {"charts": charts, "scope": scope, "query": query}
    )


def _chart(request: HttpRequest, slug: str) -> tuple[Chart, Scope, str]:
    """The chart ``slug`` for the request's scope, the scope and its query string.

    Raises:
        Http404: unknown chart.
    """
    if slug not in CHARTS:
        raise Http404("No such chart")
    scope, query = _scope_and_query(request)
    return CHARTS[slug][1](request.user, scope), scope, query


@require_safe
def chart_page(request: HttpRequest, slug: str) -> HttpResponse:
    """``/reports/charts/<slug>/``: one chart, its text alternative and data table.

    Raises:
        Http404: unknown chart.
    """
    chart, scope, query = _chart(request, slug)
    return render(request, "reports/chart.html", {"chart": chart, "scope": scope, "query": query})


@require_safe
def chart_svg(request: HttpRequest, slug: str) -> HttpResponse:
    """``/reports/charts/<slug>.svg``: the chart alone (``image/svg+xml``).

    Raises:
        Http404: unknown chart.
    """
    chart, _scope, _query = _chart(request, slug)
    response = HttpResponse(standalone_svg(chart), content_type="image/svg+xml; charset=utf-8")
    if chart.svg:
        # The file embeds the chart stylesheet as its one <style>; the policy allows exactly
        # that text by its hash (django-csp merges this attribute, as its @csp_update
        # decorator does; a decorator cannot be used: the hash is computed at run time).
        response._csp_update = {"style-src": [stylesheet_hash()]}  # type: ignore[attr-defined]
    return response


@require_safe
@cache_control(public=True, max_age=3600)
def chart_css(request: HttpRequest) -> HttpResponse:
    """``/reports/charts/charts.css``: the stylesheet of every inline chart (``text/css``).

    The charts inlined in pages carry no ``<style>`` (the Content Security Policy
    refuses inline styles); pages with charts link this instead.
    """
    return HttpResponse(chart_stylesheet(), content_type="text/css; charset=utf-8")
