"""Reading a CSV of members: `credit_code` and optionally `reference`, UTF-8 (with or
without BOM, as spreadsheets save it) or GB18030, headers in English or Chinese."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from app.core.csv_upload import check_csv, csv_rows
from app.core.error_catalog import ErrorType
from app.core.errors import UNSUPPORTED_FILE, FieldError, Problem
from app.core.upload_limits import WATCHLIST_CSV_LIMITS, UploadRefused
from app.watchlists import errors
from app.watchlists.rows import MemberRow

HEADERS = {
    "credit_code": ("credit_code", "统一社会信用代码", "社会信用代码", "信用代码", "uscc"),
    "reference": ("reference", "客户编号", "客户号", "参考号", "备注"),
}


def _header_key(text: str) -> str:
    # "credit_code", "Credit Code" and "credit-code" are one header.
    return "".join(c for c in unicodedata.normalize("NFKC", text).lower() if c.isalnum())


_BY_ALIAS = {_header_key(alias): field for field, aliases in HEADERS.items() for alias in aliases}


def file_problem(message: str, error: ErrorType) -> Problem:
    field_error = FieldError(field="body.file", message=message, code=error.code)
    return error.problem(message, errors=[field_error])


def _positions(header: list[str]) -> dict[str, int]:
    positions: dict[str, int] = {}
    for position, name in enumerate(header):
        if not name.strip():
            continue
        field = _BY_ALIAS.get(_header_key(name))
        if field is None:
            raise file_problem(
                f"Unknown column {name!r}: the columns are credit_code and reference.",
                errors.UNKNOWN_COLUMN,
            )
        positions[field] = position
    if "credit_code" not in positions:
        raise file_problem("The file needs a credit_code column.", errors.MISSING_COLUMN)
    return positions


def read_members(content: bytes) -> list[MemberRow]:
    """The file's rows as members, each named by its row in the file (the header is row 1),
    blank rows skipped; a file beyond WATCHLIST_CSV_LIMITS (rows, columns, a field's or a
    line's length) is refused as soon as the reading reaches the bound."""
    if content.startswith(b"PK\x03\x04"):
        raise file_problem("This is a spreadsheet file: save it as CSV.", UNSUPPORTED_FILE)
    try:
        check_csv(content, WATCHLIST_CSV_LIMITS)
        return _members(csv_rows(content, WATCHLIST_CSV_LIMITS))
    except UploadRefused as refused:
        raise file_problem(refused.message, refused.error) from refused


def _members(rows: Iterator[list[str]]) -> list[MemberRow]:
    header = next(rows, None)
    if header is None:
        raise file_problem("The file is empty.", errors.EMPTY_FILE)
    positions = _positions(header)
    code_at, reference_at = positions["credit_code"], positions.get("reference")
    members: list[MemberRow] = []
    for line, cells in enumerate(rows, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        members.append(
            MemberRow(
                field=f"file.row[{line}]",
                label=f"row {line}",
                credit_code=cells[code_at] if code_at < len(cells) else "",
                reference=(
                    cells[reference_at]
                    if reference_at is not None and reference_at < len(cells)
                    else None
                ),
            )
        )
    if not members:
        raise file_problem("The file has no rows below its header.", errors.EMPTY_FILE)
    return members
