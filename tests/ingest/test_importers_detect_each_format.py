"""Format detection: each real sample file goes to its source."""

import gzip

from rightstrack.ingest import importers


def test_each_real_file_is_detected_as_its_format(tmp_path, sample):
    csv = tmp_path / "1-5.csv"
    csv.write_bytes(gzip.decompress((sample / "upr-info" / "1-5.csv.gz").read_bytes()))
    thematic = sample / "thematic-lists" / "upr48-slovenia-thematic-list-of-recommendatio.docx"
    uhri = sample / "uhri" / "0a0c9531-85fa-4408-a9db-bc816c2e1261.json"
    assert importers.detect(csv).name == "upr-info-csv"
    assert importers.detect(thematic).name == "ohchr-thematic-list"
    assert importers.detect(uhri).name == "uhri-json"


def test_every_source_has_a_unique_name_and_a_label():
    sources = importers.all_sources()
    names = [s.name for s in sources]
    assert len(names) == len(set(names))
    assert {
        "upr-info-csv",
        "ohchr-thematic-list",
        "uhri-json",
        "uhri-xlsx",
        "generic-table",
    } <= set(names)
    assert all(s.label for s in sources)
