"""Upload bombs sent to the import API end `invalid` naming the bound they passed, and the
process's traced memory stays within a few MiB of the file's size (decision 50)."""

from __future__ import annotations

import tracemalloc
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import Engine, func, select

from app.core.upload_limits import IMPORT_LIMITS
from app.registry.imports.parsing import read_rows
from app.registry.people.models import Person
from tests.support import bombs
from tests.support.world import World

MiB = 1024 * 1024


def traced(call: Callable[[], Any]) -> tuple[Any, int]:
    """What `call` answers and the peak of memory traced while it ran (all threads)."""
    tracemalloc.start()
    try:
        return call(), tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _import(world: World, content: bytes, filename: str) -> dict[str, Any]:
    response = world.client.post(
        f"/v1/enterprises/{world.ids['enterprise_a']}/imports",
        files={"file": (filename, content)},
        data={"kind": "people"},
        headers=world["a_editor"].headers,
    )
    assert response.status_code == 202, response.text
    # The import runs after the response; the test client waits for it.
    result = world.client.get(response.headers["location"], headers=world["a_editor"].headers)
    return dict(result.json())


@pytest.mark.parametrize(
    ("build", "filename", "code", "message"),
    [
        # The first file, smaller: one shared string of 300 MiB in ~300 KB.
        (
            lambda: bombs.xlsx_with_huge_cell(300 * MiB),
            "people.xlsx",
            "cell_too_long",
            "A cell of the file is longer than 32,767 characters.",
        ),
        # The second file, smaller: a million one-cell rows in ~80 KB.
        (
            lambda: bombs.xlsx_with_rows(1_000_000),
            "people.xlsx",
            "too_many_rows",
            "The file has more than 200,000 rows.",
        ),
        (
            lambda: bombs.csv_with_rows(1_000_000),
            "people.csv",
            "too_many_rows",
            "The file has more than 200,000 rows.",
        ),
        (
            lambda: bombs.csv_with_long_field(100_000),
            "people.csv",
            "cell_too_long",
            "A cell of the file is longer than 32,767 characters.",
        ),
    ],
    ids=["xlsx-huge-cell", "xlsx-million-rows", "csv-million-rows", "csv-long-field"],
)
def test_a_bomb_ends_invalid_naming_its_bound(
    world: World,
    engine: Engine,
    build: Callable[[], bytes],
    filename: str,
    code: str,
    message: str,
) -> None:
    bomb = build()
    result, peak = traced(lambda: _import(world, bomb, filename))
    assert result["status"] == "invalid", result
    assert result["errors"] == [{"row": 1, "column": None, "message": message, "code": code}]
    # The request itself holds the upload a few times over (multipart, the body, the task).
    assert peak < 8 * len(bomb) + 16 * MiB, f"{peak / MiB:.1f} MiB traced"
    with engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(Person)) == 0


def test_a_sheet_openpyxl_cannot_read_midway_is_invalid_not_failed(world: World) -> None:
    # Row 2 names shared string 5 of none: openpyxl fails only when it reaches the row.
    sheet = bombs.xlsx_with_sheet_xml(b'<row r="2"><c r="A2" t="s"><v>5</v></c></row>')
    result = _import(world, sheet, "people.xlsx")
    assert result["status"] == "invalid", result
    assert result["errors"][0]["message"] == "The XLSX file cannot be read."


def test_rows_are_never_wider_than_the_column_bound() -> None:
    # The sheet claims 16,384 columns (XFD): openpyxl pads every row out to the claim.
    sheet = bombs.xlsx_with_sheet_xml(
        b'<row r="2"><c r="A2" t="inlineStr"><is><t>x</t></is></c></row>',
        dimension="A1:XFD3",
    )
    header, rows = read_rows(sheet, "people.xlsx")
    assert len(header) == IMPORT_LIMITS.columns
    assert [row[:3] for row in rows] == [["x", "", ""]]
