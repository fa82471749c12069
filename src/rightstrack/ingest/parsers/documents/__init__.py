"""Parsers of UN documents: concluding observations, Views, follow-up replies, UPR WG reports.

Layers (pure Python, no Django; each returns dataclasses):

- :mod:`.extract` - text of PDF/DOCX/HTML/JSON/plain-text files, page by page;
- :mod:`.clean` - page headers/footers dropped, footnotes kept apart;
- :mod:`.symbols` - UN document symbols parsed into a structured value;
- :mod:`.metadata` - committee, country, session, dates, document type from the title;
- :mod:`.concluding_observations`, :mod:`.un_views` (UN Views and decisions on individual
  communications), :mod:`.follow_up_reply` (and ``upr_report``) - the document parsers;
- :mod:`.kinds` - the registry of document kinds, their detection, and
  ``parse_document(path)`` dispatching by detected kind;
- :mod:`.json_output` - ``to_json(parsed)``, a parse result as the JSON other tools read.
"""
