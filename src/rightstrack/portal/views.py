"""Portal views (thin; logic lives in plain modules)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def home(request: HttpRequest) -> HttpResponse:
    """Home page."""
    return render(request, "portal/home.html", {})
