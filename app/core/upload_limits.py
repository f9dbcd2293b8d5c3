"""The bounds on reading an uploaded file, all in one place, and the refusal that names one.

An upload is small on the wire but may unpack to far more (a zip bomb: one XLSX cell of
1.5 GB in 1.5 MB) or hold far more rows than the service reads (5 million rows in 0.7 MB).
Every reader checks these bounds while it streams, so refusing costs about as much as
reading up to the bound, whatever the file claims (decision 50, docs/registries.md "Limits").
"""

from __future__ import annotations

from dataclasses import dataclass

from app.core.error_catalog import ErrorType

MiB = 1024 * 1024


@dataclass(frozen=True)
class UploadLimits:
    """Bounds of one kind of upload. `rows` counts the rows below the header, blank ones
    included (a row's position is what is bounded, not only what it holds)."""

    body_bytes: int  # the request body (413 beyond it)
    rows: int
    # Excel's own limit of a cell's text; a CSV field or XLSX cell (or shared string) longer
    # than this is not a record anyone typed.
    cell_chars: int = 32_767
    columns: int = 256
    line_chars: int = 1 * MiB  # one physical CSV line (read before the csv module splits it)
    # XLSX (a zip of XML parts), counted as the members are inflated:
    archive_members: int = 1_000
    archive_directory_bytes: int = 1 * MiB  # zipfile reads the whole central directory
    sheet_part_bytes: int = 256 * MiB  # a worksheet or the shared strings (streamed)
    other_part_bytes: int = 32 * MiB  # any other member: styles, theme, images…
    archive_bytes: int = 320 * MiB  # all members together
    # Parts other than worksheets are parsed into a tree by openpyxl: bound their elements.
    tree_part_elements: int = 200_000
    shared_strings: int = 1_000_000
    # Expat holds a tag, attribute, comment or other token whole until it ends.
    xml_token_bytes: int = 1 * MiB


# Registry imports: 200,000 rows of people, exams, certificates or attendances.
IMPORT_LIMITS = UploadLimits(body_bytes=50 * MiB, rows=200_000)
# A watchlist's members from CSV: 100,000 rows of a credit code and a 100-character
# reference stay under 16 MiB in UTF-8.
WATCHLIST_CSV_LIMITS = UploadLimits(body_bytes=16 * MiB, rows=100_000, columns=64)


class UploadRefused(ValueError):
    """The file goes beyond a bound (or cannot be read safely): a declared error for
    machines (its code also names the refusal in an import report), a message naming the
    bound for people."""

    def __init__(self, message: str, error: ErrorType) -> None:
        super().__init__(message)
        self.message = message
        self.error = error
        self.code = error.code
