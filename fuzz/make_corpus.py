"""Write the seed corpus of ``fuzz/import_any_file.py`` from the real files in ``../shared``.

Each seed is one real file, or its first rows, with the suffix-selecting first byte of the
harness in front. Run from the repository root; it overwrites ``fuzz/corpus/``::

    .venv/bin/python fuzz/make_corpus.py ../shared/data/raw
"""

from __future__ import annotations

import csv
import hashlib
import io
import sys
from pathlib import Path

HERE = Path(__file__).parent
SUFFIXES = (".csv", ".txt", ".json", ".docx", ".xlsx", ".pdf", ".html", ".md", ".gz", ".xml")


def head_lines(path: Path, count: int) -> bytes:
    """The first ``count`` lines of ``path``, bytes as they are (any encoding, any line end)."""
    return b"".join(path.read_bytes().splitlines(keepends=True)[:count])


def generic_from_document(path: Path) -> bytes:
    """The recommendations of a real concluding observations text, as read by the project's
    parser, in the generic table's columns (docs/import-generic.md), first three rows."""
    from rightstrack.ingest.parsers.documents.json_output import to_json
    from rightstrack.ingest.parsers.documents.kinds import parse_document

    data = to_json(parse_document(path))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["symbol", "paragraph", "country", "mechanism", "text"])
    chosen = [p for p in data["paragraphs"] if p["kind"] == "recommendation"][:3]
    for paragraph in chosen:
        writer.writerow(
            [
                data["symbol"],
                paragraph["number"],
                data["country"],
                data["committee"],
                paragraph["text"],
            ]
        )
    return out.getvalue().encode("utf-8")


def seeds(raw: Path) -> list[tuple[str, bytes]]:
    """(suffix, content) of every seed; all are real files or their first rows."""
    upr_info = raw / "upr-info-terman" / "upr-info-db-2008-2014"
    ccpr = raw / "ccpr-co-rolandccpr"
    slovenia = raw / "upr-slovenia-tony33344"
    didh = raw / "didh-morocco-fr-ar" / "DERIVED_from_dev_db"
    cladem = sorted((raw / "cladem-jurisprudencia-es" / "_posts").glob("2012-01-07-*.md"))[0]
    return [
        (".csv", head_lines(upr_info / "1-5.csv", 6)),
        (".csv", head_lines(didh / "Recommendations.csv", 6)),
        (
            ".json",
            (
                raw / "uhri-sample-worldwidelaw" / "0a0c9531-85fa-4408-a9db-bc816c2e1261.json"
            ).read_bytes(),
        ),
        (".txt", (raw / "upr-wg-reports-terman" / "txts" / "ecuador2008.txt").read_bytes()),
        (".txt", (ccpr / "CCPR_C_DNK_CO_6.txt").read_bytes()),
        (".txt", head_lines(ccpr / "followup-assessments" / "CCPR_C_141_2.txt", 120)),
        (
            ".docx",
            (
                slovenia
                / "cycle3"
                / "original"
                / "UPR34_Slovenia_Thematic_list_of_Recommendations.docx"
            ).read_bytes(),
        ),
        (".md", head_lines(cladem, 40)),
        (".csv", generic_from_document(ccpr / "CCPR_C_DNK_CO_6.txt")),
    ]


def main(argv: list[str]) -> None:
    """Rewrite ``fuzz/corpus/`` from ``argv[1]`` (the shared raw folder)."""
    raw = Path(argv[1]) if len(argv) > 1 else HERE.parent.parent / "shared" / "data" / "raw"
    corpus = HERE / "corpus"
    corpus.mkdir(exist_ok=True)
    for old in corpus.iterdir():
        old.unlink()
    for suffix, content in seeds(raw):
        data = bytes([SUFFIXES.index(suffix)]) + content
        name = hashlib.sha1(data).hexdigest()  # noqa: S324 - a file name, as libFuzzer names them
        (corpus / name).write_bytes(data)
    sys.stdout.write(f"wrote {len(seeds(raw))} seeds to {corpus}\n")


if __name__ == "__main__":
    main(sys.argv)
