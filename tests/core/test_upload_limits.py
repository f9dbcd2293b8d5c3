"""Upload bounds, checked while reading: XLSX archives and their XML, CSV text (decision 50).

Each refusal names its bound and code; the bombs are refused having read about as much as
the bound, so the memory a refusal takes stays small (traced, not timed)."""

from __future__ import annotations

import csv
import io
import tracemalloc
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from app.core.csv_upload import csv_rows
from app.core.upload_limits import IMPORT_LIMITS, UploadLimits, UploadRefused
from app.core.xlsx_guard import check_xlsx
from tests.support import bombs

MiB = 1024 * 1024
SMALL = replace(IMPORT_LIMITS, rows=10, columns=5, cell_chars=20, line_chars=200)


def refusal(read: Callable[[], object]) -> tuple[UploadRefused, int]:
    """The refusal `read` ends in, and the peak of memory traced while it ran."""
    tracemalloc.start()
    try:
        with pytest.raises(UploadRefused) as refused:
            read()
        return refused.value, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.fixture(scope="module")
def cell_bomb() -> bytes:
    return bombs.xlsx_with_huge_cell(300 * MiB)  # about 300 KB on the wire


@pytest.fixture(scope="module")
def rows_bomb() -> bytes:
    return bombs.xlsx_with_rows(1_000_000)  # about 80 KB on the wire


def test_a_huge_cell_is_refused_before_it_is_unpacked(cell_bomb: bytes) -> None:
    assert len(cell_bomb) < 1 * MiB
    error, peak = refusal(lambda: check_xlsx(cell_bomb, IMPORT_LIMITS))
    assert (error.code, error.message) == (
        "cell_too_long",
        "A cell of the file is longer than 32,767 characters.",
    )
    assert peak < 4 * MiB


def test_millions_of_rows_are_refused_at_the_bound(rows_bomb: bytes) -> None:
    error, peak = refusal(lambda: check_xlsx(rows_bomb, IMPORT_LIMITS))
    assert (error.code, error.message) == ("too_many_rows", "The file has more than 200,000 rows.")
    assert peak < 4 * MiB


def test_a_sheet_within_the_bounds_passes() -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["姓名", "身份证号"])
    for i in range(10):
        sheet.append([f"员工{i}", "A" * 20])
    buffer = io.BytesIO()
    workbook.save(buffer)
    # Other parts hold texts longer than SMALL's 20 characters (the theme's, the properties').
    check_xlsx(buffer.getvalue(), replace(SMALL, cell_chars=IMPORT_LIMITS.cell_chars))


@pytest.mark.parametrize(
    ("sheet_xml", "code", "message"),
    [
        (b'<row r="12"><c r="A12"/></row>', "too_many_rows", "more than 10 rows"),
        (b'<row r="2"><c r="A12"/></row>', "too_many_rows", "more than 10 rows"),
        (b'<row r="2"><c r="F2"/></row>', "too_many_columns", "more than 5 columns"),
        (b"<row>" + b"<c/>" * 6 + b"</row>", "too_many_columns", "more than 5 columns"),
        (b'<row r="2"><c r="XFD2"/></row>', "too_many_columns", "more than 5 columns"),
        (b'<row r="2"><c r="ABCD2"/></row>', "unreadable_file", "malformed cell reference"),
        (b'<row r="' + b"9" * 4000 + b'"/>', "unreadable_file", "malformed cell reference"),
        # Rich text: the runs of one value add up.
        (
            b'<row r="2"><c r="A2" t="inlineStr"><is>'
            + b"<r><t>AAAAAAAA</t></r>" * 3
            + b"</is></c></row>",
            "cell_too_long",
            "longer than 20 characters",
        ),
        (b"<row/><!--" + b"<>" * 600_000 + b"-->", "xml_too_complex", "XML token longer than"),
        (b'<row x="' + b"A" * (2 * MiB) + b'"/>', "xml_too_complex", "XML token longer than"),
        (b"<row><c", "unreadable_file", "cannot be opened"),
    ],
)
def test_what_a_sheet_holds_is_bounded(sheet_xml: bytes, code: str, message: str) -> None:
    error, _ = refusal(lambda: check_xlsx(bombs.xlsx_with_sheet_xml(sheet_xml), SMALL))
    assert error.code == code
    assert message in error.message


def _zip(members: dict[str, bytes | Iterator[bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            with archive.open(name, "w", force_zip64=True) as part:
                for chunk in [content] if isinstance(content, bytes) else content:
                    part.write(chunk)
    return buffer.getvalue()


def _zeros(total: int) -> Iterator[bytes]:
    for _ in range(total // MiB):
        yield bytes(MiB)


def test_a_member_that_unpacks_too_far_is_refused_as_it_inflates() -> None:
    # A "theme" openpyxl would read whole: 256 MiB of zeros in about 250 KB.
    bomb = _zip({"xl/theme/theme1.xml": _zeros(256 * MiB)})
    error, peak = refusal(lambda: check_xlsx(bomb, IMPORT_LIMITS))
    assert (error.code, error.message) == (
        "unpacked_too_large",
        "A part of the XLSX file unpacks to more than 32 MiB.",
    )
    assert peak < 4 * MiB


def test_all_members_together_are_bounded() -> None:
    limits = replace(IMPORT_LIMITS, archive_bytes=20 * MiB)
    bomb = _zip({f"media/{i}.bin": _zeros(8 * MiB) for i in range(3)})
    error, _ = refusal(lambda: check_xlsx(bomb, limits))
    assert (error.code, error.message) == (
        "unpacked_too_large",
        "The XLSX file unpacks to more than 20 MiB.",
    )


def test_the_declared_sizes_are_not_trusted() -> None:
    # The member claims 10 bytes; it inflates to 64 MiB. zipfile stops at the claim and
    # then fails the CRC check: a damaged file, refused with the little read.
    bomb = bytearray(_zip({"xl/theme/theme1.xml": _zeros(64 * MiB)}))
    directory = bomb.rfind(b"PK\x01\x02")
    local = bomb.find(b"PK\x03\x04")
    for header, size_at in ((local, 22), (directory, 24)):
        bomb[header + size_at : header + size_at + 4] = (10).to_bytes(4, "little")
    error, _ = refusal(lambda: check_xlsx(bytes(bomb), IMPORT_LIMITS))
    assert error.code == "unreadable_file"


def test_parts_openpyxl_reads_as_a_tree_have_few_elements() -> None:
    limits = replace(IMPORT_LIMITS, tree_part_elements=1000)
    styles = b'<styleSheet xmlns="x"><cellXfs>' + b"<xf/>" * 1001 + b"</cellXfs></styleSheet>"
    error, _ = refusal(lambda: check_xlsx(_zip({"xl/styles.xml": styles}), limits))
    assert error.code == "xml_too_complex"
    assert "more than 1,000 XML elements" in error.message


def test_shared_strings_are_counted() -> None:
    limits = replace(IMPORT_LIMITS, shared_strings=100)
    sst = b'<sst xmlns="x">' + b"<si><t>a</t></si>" * 101 + b"</sst>"
    error, _ = refusal(lambda: check_xlsx(_zip({"xl/sharedStrings.xml": sst}), limits))
    assert (error.code, error.message) == (
        "xml_too_complex",
        "The XLSX file has more than 100 distinct texts.",
    )


def test_entities_are_refused_with_their_declaration() -> None:
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><sst xmlns="x"><si><t>&b;</t></si></sst>'
    )
    error, _ = refusal(lambda: check_xlsx(_zip({"xl/sharedStrings.xml": laughs}), SMALL))
    assert error.code == "xml_too_complex"


def test_too_many_members_are_refused_before_the_directory_is_read() -> None:
    many = _zip({f"{i}.xml": b"<a/>" for i in range(1001)})
    error, _ = refusal(lambda: check_xlsx(many, IMPORT_LIMITS))
    assert (error.code, error.message) == (
        "too_many_parts",
        "The XLSX file has more than 1,000 parts.",
    )


@pytest.mark.parametrize("content", [b"", b"not a zip", b"PK\x03\x04" + bytes(100)])
def test_what_is_not_a_zip_is_unreadable(content: bytes) -> None:
    error, _ = refusal(lambda: check_xlsx(content, IMPORT_LIMITS))
    assert (error.code, error.message) == ("unreadable_file", "The XLSX file cannot be opened.")


def _read_csv(content: bytes, limits: UploadLimits = SMALL) -> list[list[str]]:
    return list(csv_rows(content, limits))


def test_csv_rows_are_counted_as_they_are_read() -> None:
    assert len(_read_csv(bombs.csv_with_rows(10))) == 11
    bomb = bombs.csv_with_rows(3_000_000)
    # Read as a consumer does: one row at a time, none kept.
    error, peak = refusal(lambda: sum(1 for _ in csv_rows(bomb, IMPORT_LIMITS)))
    assert (error.code, error.message) == ("too_many_rows", "The file has more than 200,000 rows.")
    assert peak < 4 * MiB


def test_blank_csv_rows_count_too() -> None:
    error, _ = refusal(lambda: _read_csv(b"name\n" + b"\n" * 11))
    assert error.code == "too_many_rows"


@pytest.mark.parametrize(
    ("content", "code", "message"),
    [
        (bombs.csv_with_long_field(21), "cell_too_long", "longer than 20 characters"),
        (b'a,"' + b"x" * 300, "line_too_long", "longer than 200 characters"),
        # Quoted lines: every line is short, the field that spans them is not.
        (b'a,"' + b"x\n" * 150_000, "cell_too_long", "longer than 20 characters"),
        (b"a,b,c,d,e,f\n", "too_many_columns", "more than 5 columns"),
        (b"a,b\n\xff\xfe\xff\n", "unsupported_encoding", "neither UTF-8 nor GB18030"),
    ],
)
def test_csv_cells_and_lines_are_bounded(content: bytes, code: str, message: str) -> None:
    error, _ = refusal(lambda: _read_csv(content))
    assert error.code == code
    assert message in error.message


def test_a_huge_csv_line_is_refused_without_reading_it_whole() -> None:
    bomb = b"a," + b"x" * (40 * MiB)
    error, peak = refusal(lambda: _read_csv(bomb, IMPORT_LIMITS))
    assert error.code == "line_too_long"
    assert peak < 8 * MiB


_cells = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=20,
)


@given(st.lists(st.lists(_cells, min_size=1, max_size=5), min_size=1, max_size=11))
def test_csv_within_the_bounds_reads_back_what_was_written(rows: list[list[str]]) -> None:
    text = io.StringIO(newline="")
    csv.writer(text).writerows(rows)
    content = text.getvalue().encode("utf-8")
    if any(len(line) > SMALL.line_chars for line in text.getvalue().splitlines()):
        return
    read = _read_csv(content)
    assert read == rows
