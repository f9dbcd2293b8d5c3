"""Reading an uploaded CSV row by row within `UploadLimits`: UTF-8 (with or without BOM) or
GB18030 text, lines, fields and rows bounded as they are read."""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator

from app.core import errors
from app.core.upload_limits import UploadLimits, UploadRefused

_CHUNK = 1024 * 1024


def _decodes_as(content: bytes, encoding: str) -> bool:
    # Chunk by chunk, so checking a large file does not hold a second copy of it as text.
    decoder = codecs.getincrementaldecoder(encoding)()
    view = memoryview(content)
    try:
        for start in range(0, len(view), _CHUNK):
            decoder.decode(view[start : start + _CHUNK])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def encoding_of(content: bytes) -> str:
    if _decodes_as(content, "utf-8"):
        return "utf-8-sig"
    # Spreadsheets saved on Chinese Windows write GB18030 (a superset of GBK/GB2312).
    if _decodes_as(content, "gb18030"):
        return "gb18030"
    raise UploadRefused("The file is neither UTF-8 nor GB18030 text.", errors.UNSUPPORTED_ENCODING)


def _lines(text: io.TextIOBase, limits: UploadLimits) -> Iterator[str]:
    # readline with a size never builds a line longer than the bound, however long it is.
    while line := text.readline(limits.line_chars + 1):
        if len(line) > limits.line_chars:
            raise UploadRefused(
                f"A line of the file is longer than {limits.line_chars:,} characters.",
                errors.LINE_TOO_LONG,
            )
        yield line


def csv_rows(content: bytes, limits: UploadLimits) -> Iterator[list[str]]:
    """Every row of the file, the header first and blank rows included; the rows below the
    header beyond `limits.rows`, a row of more than `limits.columns` fields or a field of more
    than `limits.cell_chars` characters stop the reading with `UploadRefused`."""
    text = io.TextIOWrapper(io.BytesIO(content), encoding=encoding_of(content), newline="")
    reader = csv.reader(_lines(text, limits))
    try:
        for rows_below_header, cells in enumerate(reader):
            check_row_count(rows_below_header, limits)
            check_cells(cells, limits)
            yield cells
    except csv.Error as exc:
        # The csv module's own field bound (131,072 characters) is above ours, but a quoted
        # field that never ends reaches it first.
        if "field larger than field limit" in str(exc):
            raise cell_too_long(limits) from exc
        raise UploadRefused(f"The CSV file cannot be read: {exc}.", errors.MALFORMED_CSV) from exc


def check_csv(content: bytes, limits: UploadLimits) -> None:
    """Read the whole file once, keeping nothing, so that a file beyond a bound is refused
    before its rows are turned into anything (a refusal then costs no more than a chunk)."""
    for _ in csv_rows(content, limits):
        pass


def check_row_count(rows_below_header: int, limits: UploadLimits) -> None:
    if rows_below_header > limits.rows:
        raise UploadRefused(f"The file has more than {limits.rows:,} rows.", errors.TOO_MANY_ROWS)


def cell_too_long(limits: UploadLimits) -> UploadRefused:
    return UploadRefused(
        f"A cell of the file is longer than {limits.cell_chars:,} characters.", errors.CELL_TOO_LONG
    )


def check_cells(cells: list[str] | tuple[object, ...], limits: UploadLimits) -> None:
    if len(cells) > limits.columns:
        raise UploadRefused(
            f"A row of the file has more than {limits.columns:,} columns.", errors.TOO_MANY_COLUMNS
        )
    for cell in cells:
        if isinstance(cell, str) and len(cell) > limits.cell_chars:
            raise cell_too_long(limits)
