"""Reading an uploaded table: CSV in UTF-8 or GB18030, or the first sheet of an XLSX file."""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from openpyxl import load_workbook


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


def read_rows(content: bytes, filename: str) -> tuple[list[str], Iterator[list[str]]]:
    """The header row and the data rows as text cells."""
    if filename.lower().endswith(".xlsx"):
        return _xlsx_rows(content)
    if filename.lower().endswith(".csv"):
        return _csv_rows(content)
    raise FileProblem("Upload a .csv or .xlsx file.")


def _csv_rows(content: bytes) -> tuple[list[str], Iterator[list[str]]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Spreadsheets saved on Chinese Windows write GB18030 (a superset of GBK/GB2312).
        try:
            text = content.decode("gb18030")
        except UnicodeDecodeError as exc:
            raise FileProblem("The CSV file is neither UTF-8 nor GB18030 text.") from exc
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if header is None:
        raise FileProblem("The file is empty.")
    return header, (row for row in reader if any(cell.strip() for cell in row))


def _xlsx_rows(content: bytes) -> tuple[list[str], Iterator[list[str]]]:
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise FileProblem("The XLSX file cannot be opened.") from exc
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = next(rows, None)
    if header is None:
        raise FileProblem("The file is empty.")
    data = ([_cell_text(value) for value in row] for row in rows)
    return [_cell_text(value) for value in header], (
        row for row in data if any(cell.strip() for cell in row)
    )


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
