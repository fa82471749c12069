"""ZIP-based inputs (DOCX, XLSX) pass one guard before any parser opens them (issue 9, row 5)."""

from __future__ import annotations

import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from rightstrack.ingest.parsers import archive
from rightstrack.ingest.parsers.archive import ArchiveRefused, check_archive, describe

REFUSAL = "the file expands to more than 100 MB"

#: The real DOCX/XLSX files of the shared data; all must pass (no false refusal).
REAL_ARCHIVES = [
    "upr-slovenia-tony33344/cycle4/original/upr48-slovenia-thematic-list-of-recommendatio.docx",
    "upr-slovenia-tony33344/cycle3/original/UPR34_Slovenia_Thematic_list_of_Recommendations.docx",
    "upr-slovenia-tony33344/cycle4/original/UPR-wg48-Advance-Questions-Slovenia.docx",
    "cerd-brazil-lrcarneiro/CERD-Conclusoes-Indice-Recomendacoes.docx",
    "cerd-brazil-lrcarneiro/Follow-up-2026-Resumo-Anotacoes.docx",
    "cerd-brazil-lrcarneiro/Quadro-Monitoramento-CERD-Brasil.xlsx",
    "cehdi-upr-maternal-health/countries.xlsx",
    "sdg-do-me/JRC_term_matrix.xlsx",
    "sdg-do-me/Global Indicator Framework after 2023 refinement.English.xlsx",
]


@pytest.fixture
def bomb(docx_bomb) -> Path:
    return docx_bomb


def test_the_bomb_is_a_valid_small_zip_that_declares_1_5_gib(bomb):
    assert bomb.stat().st_size < 1_700_000
    with zipfile.ZipFile(bomb) as zf:
        assert zf.getinfo("word/document.xml").file_size == 1536 * 1024 * 1024


@pytest.mark.parametrize("name", REAL_ARCHIVES)
def test_real_un_documents_pass(shared_raw, name):
    path = shared_raw / name
    # shared_raw is there (the fixture skips outside CI only when the whole folder is
    # absent): a listed file that went missing is an error, not a skip.
    assert path.is_file(), f"{name} not in the shared data"
    check_archive(path)  # does not raise


def test_a_bomb_is_refused_fast_and_without_unpacking_it(bomb):
    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(ArchiveRefused) as refused:
        check_archive(bomb, kind="DOCX")
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert refused.value.problem.file == "bomb.docx"
    assert REFUSAL in refused.value.problem.message
    assert elapsed < 1.0
    assert peak < 5 * 1024 * 1024


def test_a_member_that_lies_about_its_size_is_stopped_at_its_declared_size(
    tmp_path, make_docx_bomb
):
    # declares 1,000 bytes, holds 1.5 GiB: the declared checks pass, the read is bounded
    liar = make_docx_bomb(tmp_path / "liar.docx", declared_bytes=1000)
    tracemalloc.start()
    with pytest.raises(ArchiveRefused, match=r"damaged DOCX file \(Bad CRC-32"):
        check_archive(liar, kind="DOCX")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 5 * 1024 * 1024


def test_the_streamed_pass_counts_the_real_bytes_and_stops_at_the_limit(tmp_path, make_docx_bomb):
    # the declared sizes are not trusted: the second pass counts what inflates
    zipped = make_docx_bomb(tmp_path / "big.docx", expanded_mb=64)
    tracemalloc.start()
    with zipfile.ZipFile(zipped) as zf, pytest.raises(ArchiveRefused) as refused:
        archive._stream_members(zipped, zf, 32 * 1024 * 1024, 10_000)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert "the file expands to more than 32 MB" in refused.value.problem.message
    assert peak < 5 * 1024 * 1024


def test_a_member_expanding_too_many_times_is_refused(tmp_path):
    packed = tmp_path / "ratio.xlsx"
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("xl/workbook.xml", b"<workbook/>")
        zf.writestr("xl/sharedStrings.xml", b" " * (4 * 1024 * 1024))  # ~1000:1
    with pytest.raises(
        ArchiveRefused, match=r"the part 'xl/sharedStrings.xml' expands [\d,]+ times"
    ):
        check_archive(packed, kind="XLSX")


def test_too_many_members_are_refused_before_the_directory_is_read(tmp_path):
    many = tmp_path / "many.zip"
    with zipfile.ZipFile(many, "w") as zf:
        for i in range(12):
            zf.writestr(f"part{i}.xml", b"<x/>")
    with pytest.raises(ArchiveRefused, match="holds 12 files, more than the 10 allowed"):
        check_archive(many, max_members=10)


def test_a_file_that_is_not_a_zip_is_refused_as_damaged(tmp_path):
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    with pytest.raises(ArchiveRefused, match=r"^broken\.docx: damaged DOCX file \(.+\)"):
        check_archive(broken, kind="DOCX")


def test_an_exception_without_text_is_described_by_its_class():
    assert describe(MemoryError()) == "MemoryError"
    assert describe(KeyError()) == "KeyError"
    assert describe(ValueError("bad part")) == "bad part"
    assert describe(ValueError("bad part"), named=True) == "ValueError: bad part"
