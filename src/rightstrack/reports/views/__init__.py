"""Views of the reports app (mounted at ``/reports/``), one module per kind of output.

Views are thin: they read parameters, call the module that builds the output
and wrap the result in a response.

* :mod:`.index`: ``/reports/``, the list of every report, feed and chart;
* :mod:`.exports`: ``/reports/export/<kind>.<csv|xlsx|json>``, streamed exports;
* :mod:`.charts`: ``/reports/charts/...``, SVG charts with their data tables;
* :mod:`.plain_language`: ``/reports/plain/<id>/``, plain-language summaries (HTML, PDF, DOCX);
* :mod:`.followup`: the follow-up report, UPR mid-term report and briefing pack forms
  (they return DOCX or PDF files);
* :mod:`.press`: the press kit, share images and the press-template editor.

The Atom feeds are view classes of :mod:`rightstrack.reports.feeds`.
"""
