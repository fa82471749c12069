"""The reports app: every output made from the catalogue and tracking data.

Where to look (``docs/reports.md`` has the long version):

* ``data.py``: what a report may read (all queries, through the permission helpers);
* ``exports.py``: CSV/XLSX/JSON exports of filtered lists; ``feeds.py``: Atom feeds;
  ``charts.py``: SVG charts;
* ``plain_language*.py``, ``translation.py``, ``actions.py``, ``models.py``:
  plain-language summaries and their translations;
* ``followup_report.py``, ``midterm.py``, ``briefing.py``, ``press.py``,
  ``share_image.py``: generated reports; ``forms.py``: their forms;
  ``dates.py``: how they write dates;
* ``views/``: the views, one module per kind of output; ``urls.py``;
* ``writers/``: output writers (DOCX, PDF, XLSX, JSON, PNG). The CSV writer is
  ``rightstrack.core.csv_stream``.
"""
