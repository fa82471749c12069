"""Parsers of UN documents: concluding observations, Views, UPR Working Group reports.

Layers (pure Python, no Django; each returns dataclasses):

- :mod:`.extract` - text of PDF/DOCX/HTML/JSON/plain-text files, page by page;
- :mod:`.clean` - page headers/footers dropped, footnotes kept apart;
- :mod:`.symbols` - UN document symbols parsed into a structured value;
- :mod:`.metadata` - committee, country, session, dates, document type from the title;
- :mod:`.concluding_observations`, :mod:`.views` (and ``upr_report``) - the document parsers;
- :mod:`.registry` - ``parse_document(path)`` dispatching by detected kind, ``to_json``.
"""
