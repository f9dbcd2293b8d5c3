"""Records as tables: CSV (UTF-8 with BOM, for spreadsheets) and XLSX, for exports."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Sequence
from typing import Any, Literal

from openpyxl import Workbook

from app.core.spreadsheet import safe_cell

TableFormat = Literal["csv", "xlsx"]
MEDIA_TYPES: dict[str, str] = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# XML 1.0 cannot hold most C0 controls (openpyxl refuses them) nor U+FFFE and U+FFFF, though
# the API stores them as sent. Office writes such a character as `_xHHHH_` and reads it back
# as the character (ECMA-376 Part 1, ST_Xstring); text that already looks like an escape gets
# its `_` escaped (`_x005F_`), so every cell reads back as stored.
_NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|_(?=x[0-9A-Fa-f]{4}_)")


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
        sheet.append([_xlsx_value(value) for value in row])
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _xlsx_value(value: Any) -> Any:
    if isinstance(value, str):
        return _NOT_IN_XML.sub(lambda found: f"_x{ord(found.group()):04X}_", value)
    return value
