"""Records as tables: CSV (UTF-8 with BOM, for spreadsheets) and XLSX, for exports."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from typing import Any, Literal

from openpyxl import Workbook

from app.core.spreadsheet import safe_cell

TableFormat = Literal["csv", "xlsx"]
MEDIA_TYPES: dict[str, str] = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def cell(value: Any) -> Any:
    """A JSON-mode value as a spreadsheet cell: lists and objects become JSON text, and
    text that looks like a formula is defused."""
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"  # as in the JSON, not Python's True/False
    return safe_cell(value)


def render(
    columns: Sequence[str], rows: Iterable[Sequence[Any]], table_format: TableFormat
) -> bytes:
    if table_format == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(columns)
        writer.writerows(rows)
        return ("\ufeff" + buffer.getvalue()).encode("utf-8")
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(list(columns))
    for row in rows:
        sheet.append(list(row))
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
