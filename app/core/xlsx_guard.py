"""Checking an uploaded XLSX within `UploadLimits` before openpyxl opens it.

openpyxl trusts the file: it inflates whole members (the theme, the styles), keeps every
shared string, builds a cell's text whole however long, and pads rows and columns out to
what the sheet claims. So every member is inflated here first, in chunks, counting the
bytes as they come (not the sizes the zip declares), and every XML part is run through
expat, counting rows, columns, text and elements as they stream; the first bound passed
stops the reading. What reaches openpyxl afterwards is bounded, and refusing costs about
as much as reading up to the first bound.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any
from xml.parsers import expat

from app.core import errors
from app.core.upload_limits import UploadLimits, UploadRefused

_CHUNK = 64 * 1024
# The text of these elements is one value (a cell, a shared string, an inline string),
# however many runs it is split into.
_TEXT_UNITS = frozenset({"c", "si", "is"})
_DAMAGED = (
    zipfile.BadZipFile,
    expat.ExpatError,
    OSError,
    RuntimeError,
    NotImplementedError,
    EOFError,
    ValueError,
)


def check_xlsx(content: bytes, limits: UploadLimits) -> None:
    """Raise `UploadRefused` unless the archive stays within every bound."""
    archive = _open(content, limits)
    with archive:
        total = 0
        members = archive.infolist()
        if len(members) > limits.archive_members:
            raise _too_many_members(limits)
        for member in members:
            total = _check_member(archive, member, total, limits)


def _too_many_members(limits: UploadLimits) -> UploadRefused:
    return UploadRefused(
        f"The XLSX file has more than {limits.archive_members:,} parts.", errors.TOO_MANY_PARTS
    )


def _open(content: bytes, limits: UploadLimits) -> zipfile.ZipFile:
    stream = io.BytesIO(content)
    try:
        # zipfile reads the whole central directory into objects when it opens the archive:
        # look at its size first, in the very record zipfile will trust (ZIP64 included).
        end = zipfile._EndRecData(stream)  # type: ignore[attr-defined]
    except OSError as exc:
        raise _unreadable() from exc
    if end is None:
        raise _unreadable()
    entries = end[zipfile._ECD_ENTRIES_TOTAL]  # type: ignore[attr-defined]
    directory = end[zipfile._ECD_SIZE]  # type: ignore[attr-defined]
    if entries > limits.archive_members or directory > limits.archive_directory_bytes:
        raise _too_many_members(limits)
    try:
        return zipfile.ZipFile(stream)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise _unreadable() from exc


def _unreadable() -> UploadRefused:
    return UploadRefused("The XLSX file cannot be opened.", errors.UNREADABLE_FILE)


def _check_member(
    archive: zipfile.ZipFile, member: zipfile.ZipInfo, total: int, limits: UploadLimits
) -> int:
    """Inflate one member within the bounds; return the running total of inflated bytes."""
    part: _XmlPart | None = None
    size = 0
    budget = limits.other_part_bytes
    try:
        with archive.open(member) as stream:
            while chunk := stream.read(_CHUNK):
                if part is None and size == 0 and _looks_like_xml(chunk):
                    part = _XmlPart(limits)
                size += len(chunk)
                total += len(chunk)
                if part is not None:
                    part.feed(chunk)
                    if part.streamed:
                        budget = limits.sheet_part_bytes
                if size > budget:
                    raise UploadRefused(
                        f"A part of the XLSX file unpacks to more than {budget // 2**20:,} MiB.",
                        errors.UNPACKED_TOO_LARGE,
                    )
                if total > limits.archive_bytes:
                    raise UploadRefused(
                        "The XLSX file unpacks to more than "
                        f"{limits.archive_bytes // 2**20:,} MiB.",
                        errors.UNPACKED_TOO_LARGE,
                    )
            if part is not None:
                part.close()
    except UploadRefused:
        raise
    except _DAMAGED as exc:
        # A damaged member, a bad CRC, encryption, an unknown compression, malformed XML.
        raise _unreadable() from exc
    return total


def _looks_like_xml(chunk: bytes) -> bool:
    if chunk.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with its byte order mark
        return True
    return chunk.removeprefix(b"\xef\xbb\xbf").lstrip().startswith(b"<")


class _XmlPart:
    """One XML member, fed to expat chunk by chunk, counting as the events come."""

    def __init__(self, limits: UploadLimits) -> None:
        self.limits = limits
        self.parser = expat.ParserCreate()
        self.parser.StartElementHandler = self._start
        self.parser.CharacterDataHandler = self._text
        self.parser.StartDoctypeDeclHandler = self._doctype
        self.fed = 0
        self.last_event = 0  # byte offset of the last event expat reported
        self.root: str | None = None
        self.streamed = False  # a worksheet or the shared strings: openpyxl streams those
        self.elements = 0
        self.text = 0  # characters of the current value
        self.row = 0  # position of the current row
        self.column = 0  # position of the current cell in its row
        self.shared = 0

    def feed(self, chunk: bytes) -> None:
        self.parser.Parse(chunk, False)
        self.fed += len(chunk)
        # No event for this long: expat is holding one token (a tag, an attribute, a
        # comment) whole, and would go on holding it to its end.
        if self.fed - self.last_event > self.limits.xml_token_bytes:
            raise UploadRefused(
                "The XLSX file holds an XML token longer than "
                f"{self.limits.xml_token_bytes // 2**20:,} MiB.",
                errors.XML_TOO_COMPLEX,
            )

    def close(self) -> None:
        self.parser.Parse(b"", True)

    def _doctype(self, *args: Any) -> None:
        # Spreadsheet XML has no DTD; one could only declare entities to expand.
        raise UploadRefused("The XLSX file declares an XML document type.", errors.XML_TOO_COMPLEX)

    def _start(self, name: str, attributes: dict[str, str]) -> None:
        self.last_event = self.parser.CurrentByteIndex
        local = name.rpartition(":")[2]
        if self.root is None:
            self.root = local
            self.streamed = local in ("worksheet", "sst")
        self.elements += 1
        if not self.streamed and self.elements > self.limits.tree_part_elements:
            raise UploadRefused(
                "A part of the XLSX file has more than "
                f"{self.limits.tree_part_elements:,} XML elements.",
                errors.XML_TOO_COMPLEX,
            )
        if local in _TEXT_UNITS or not self.streamed:
            self.text = 0
        if local == "row":
            self._next_row(attributes.get("r"))
        elif local == "c" and self.root == "worksheet":
            self._next_cell(attributes.get("r"))
        elif local == "si":
            self.shared += 1
            if self.shared > self.limits.shared_strings:
                raise UploadRefused(
                    f"The XLSX file has more than {self.limits.shared_strings:,} distinct texts.",
                    errors.XML_TOO_COMPLEX,
                )

    def _text(self, data: str) -> None:
        self.last_event = self.parser.CurrentByteIndex
        self.text += len(data)
        if self.text > self.limits.cell_chars:
            raise UploadRefused(
                f"A cell of the file is longer than {self.limits.cell_chars:,} characters.",
                errors.CELL_TOO_LONG,
            )

    def _next_row(self, reference: str | None) -> None:
        self.row = _number(reference) if reference else self.row + 1
        self.column = 0
        if self.row - 1 > self.limits.rows:  # the header is row 1
            raise UploadRefused(
                f"The file has more than {self.limits.rows:,} rows.", errors.TOO_MANY_ROWS
            )

    def _next_cell(self, reference: str | None) -> None:
        if reference:
            letters = reference.rstrip("0123456789")
            self.column = _column(letters) if letters else self.column + 1
            if letters and len(letters) < len(reference):
                self._check_row_of(reference[len(letters) :])
        else:
            self.column += 1
        if self.column > self.limits.columns:
            raise UploadRefused(
                f"A row of the file has more than {self.limits.columns:,} columns.",
                errors.TOO_MANY_COLUMNS,
            )

    def _check_row_of(self, digits: str) -> None:
        # openpyxl places a cell by its own reference, whatever row it sits in.
        if _number(digits) - 1 > self.limits.rows:
            raise UploadRefused(
                f"The file has more than {self.limits.rows:,} rows.", errors.TOO_MANY_ROWS
            )


def _number(text: str) -> int:
    # Bounded before int(): a reference of a million digits is not a row number.
    if not text.isdigit() or len(text) > 9:
        raise UploadRefused("The XLSX file has a malformed cell reference.", errors.UNREADABLE_FILE)
    return int(text)


def _column(letters: str) -> int:
    if len(letters) > 3 or not letters.isalpha() or not letters.isascii():
        raise UploadRefused("The XLSX file has a malformed cell reference.", errors.UNREADABLE_FILE)
    column = 0
    for letter in letters.upper():
        column = column * 26 + ord(letter) - ord("A") + 1
    return column
