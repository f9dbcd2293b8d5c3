"""Reading an uploaded table: CSV in UTF-8 or GB18030, or the first sheet of an XLSX file."""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from openpyxl import load_workbook

from app.core.csv_upload import check_csv, csv_rows
from app.core.upload_limits import IMPORT_LIMITS, UploadLimits
from app.core.xlsx_guard import check_xlsx


class FileProblem(ValueError):
    """The file as a whole cannot be read (format, encoding, headers)."""


@dataclass(frozen=True)
class Column:
    field: str
    aliases: tuple[str, ...]  # Chinese and English header names
    required: bool = False


def normalize_header(text: str) -> str:
    # Full-width to half-width, case and spacing do not matter in a header.
    return "".join(unicodedata.normalize("NFKC", text).lower().split())


def read_rows(
    content: bytes, filename: str, limits: UploadLimits = IMPORT_LIMITS
) -> tuple[list[str], Iterator[list[str]]]:
    """The header row and the data rows as text cells. The rows are read as they are
    iterated; `UploadRefused` stops them at the first bound passed (app/core/upload_limits.py)."""
    if filename.lower().endswith(".xlsx"):
        return _xlsx_rows(content, limits)
    if filename.lower().endswith(".csv"):
        return _csv_rows(content, limits)
    raise FileProblem("Upload a .csv or .xlsx file.")


def _non_blank(rows: Iterator[list[str]]) -> Iterator[list[str]]:
    return (row for row in rows if any(cell.strip() for cell in row))


def _csv_rows(content: bytes, limits: UploadLimits) -> tuple[list[str], Iterator[list[str]]]:
    check_csv(content, limits)
    rows = csv_rows(content, limits)
    header = next(rows, None)
    if header is None:
        raise FileProblem("The file is empty.")
    return header, _non_blank(rows)


def _xlsx_rows(content: bytes, limits: UploadLimits) -> tuple[list[str], Iterator[list[str]]]:
    check_xlsx(content, limits)  # before openpyxl inflates or parses anything
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise FileProblem("The XLSX file cannot be opened.") from exc
    sheet = workbook.worksheets[0]
    # Explicit bounds: otherwise openpyxl pads every row out to the dimension the sheet
    # declares (up to 16,384 columns) and yields empty rows up to its last row number.
    rows = _readable(
        sheet.iter_rows(max_row=limits.rows + 1, max_col=limits.columns, values_only=True)
    )
    header = next(rows, None)
    if header is None:
        raise FileProblem("The file is empty.")
    return header, _non_blank(rows)


def _readable(rows: Iterator[tuple[Any, ...]]) -> Iterator[list[str]]:
    """The sheet's rows as text; what openpyxl fails on midway (a shared string that is not
    there, a number it cannot read) is a damaged file, not an internal error."""
    while True:
        try:
            row = next(rows, None)
        except Exception as exc:
            raise FileProblem("The XLSX file cannot be read.") from exc
        if row is None:
            return
        yield [_cell_text(value) for value in row]


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return (
            value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
        )
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def map_header(header: Sequence[str], columns: Sequence[Column]) -> dict[int, str]:
    """Position → field for every header cell; unknown or missing required columns raise."""
    by_alias = {
        normalize_header(alias): c.field for c in columns for alias in (c.field, *c.aliases)
    }
    positions: dict[int, str] = {}
    for position, name in enumerate(header):
        # A bilingual header such as "姓名 name" matches by either of its words.
        candidates = [normalize_header(name), *(normalize_header(w) for w in name.split())]
        field = next((by_alias[c] for c in candidates if c in by_alias), None)
        if field is None:
            if name.strip():
                raise FileProblem(f"Unknown column {name!r}.")
            continue
        positions[position] = field
    missing = [c.field for c in columns if c.required and c.field not in positions.values()]
    if missing:
        raise FileProblem(f"Missing column(s): {', '.join(missing)}.")
    return positions


def row_values(row: Sequence[str], positions: Mapping[int, str]) -> dict[str, str]:
    return {
        field: row[i].strip() for i, field in positions.items() if i < len(row) and row[i].strip()
    }
