"""The URL configuration of addresses without a language prefix (``core/locale.py``):
the same pages as ``rightstrack.urls``, resolved whatever the visitor's language, and
linked to without a prefix, as before addresses carried a language."""

from rightstrack.urls import BASE, PAGES

urlpatterns = BASE + PAGES
