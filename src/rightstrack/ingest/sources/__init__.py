"""One module per source format; each registers itself with ``registry.register``.

Every module in this package is imported by ``registry.all_sources()``: adding
a format is adding a module here (see ``docs/adding-a-source.md``).
"""
