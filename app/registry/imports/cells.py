"""Cells no database can store (a NUL in a CSV cell): row errors before any kind sees them.

The API's edge refuses such text in requests (app/core/storable_input.py); an uploaded
file's cells are input too, read after the request, so they are checked here, once for
every kind, and the rows holding them are kept from the kind's own validation (whose
queries would carry them to the database).
"""

from __future__ import annotations

from app.core.validators.characters import unstorable_message
from app.registry.imports.specs import RowError, Rows

CODE = "invalid_character"


def storable_rows(rows: Rows) -> tuple[Rows, list[RowError]]:
    """The rows whose every cell can be stored, and an error for each cell that cannot."""
    kept: list[tuple[int, dict[str, str]]] = []
    errors: list[RowError] = []
    for number, row in rows:
        found = [
            RowError(number, column, message, CODE)
            for column, value in row.items()
            if (message := unstorable_message(value)) is not None
        ]
        if found:
            errors.extend(found)
        else:
            kept.append((number, row))
    return kept, errors
