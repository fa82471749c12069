"""Small cross-cutting helpers that every app may use and that import no app.

Nothing here defines models or URLs. Modules marked "pure" import no Django either,
so the document parsers may use them.
"""
