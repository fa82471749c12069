"""Output writers of the reports app: they turn content that is already built into files.

* :mod:`.docx`: DOCX building blocks (python-docx): documents, paragraphs, tables;
* :mod:`.pdf`: HTML → tagged PDF (WeasyPrint), DOCX → PDF (LibreOffice), tagged-PDF check;
* :mod:`.xlsx`: XLSX workbooks of a table (openpyxl, write-only);
* :mod:`.json_stream`: streamed JSON of a table;
* :mod:`.png`: the 1200×630 share card (Pillow).

CSV has one writer for the whole project: :mod:`rightstrack.core.csv_stream`.
Writers read no database: what goes into a file is decided by the report modules
(with :mod:`rightstrack.reports.data`).
"""
