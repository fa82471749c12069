"""One module per source format; each registers itself with ``importers.register``.

Every module in this package is imported by ``importers.all_sources()``: adding
a format is adding a module here (see ``docs/adding-a-source.md``).
"""
