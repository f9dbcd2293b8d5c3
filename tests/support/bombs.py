"""Crafted uploads that are small on the wire and huge unpacked or parsed (upload bombs).

Written member by member in chunks, so building a 1.5 GB cell takes no more memory than one
chunk; the XLSX files are minimal but real (openpyxl opens the small ones).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{_CT}.sheet.main+xml"/>'
        f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_CT}.worksheet+xml"/>'
        f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_CT}.sharedStrings+xml"/>'
        "</Types>"
    ),
    "_rels/.rels": (
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PKG_REL}">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    ),
    "xl/workbook.xml": (
        f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{_MAIN}" xmlns:r="{_REL}">'
        '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PKG_REL}">'
        f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/>'
        "</Relationships>"
    ),
}
HEADER_ROW = (
    '<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c>'
    '<c r="B1" t="inlineStr"><is><t>身份证号</t></is></c>'
    '<c r="C1" t="inlineStr"><is><t>入职日期</t></is></c></row>'
)  # the people import's required columns


def _xlsx(
    sheet_rows: Iterable[bytes], shared_strings: Iterable[bytes], dimension: str | None = None
) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, text in _PARTS.items():
            archive.writestr(name, text)
        with archive.open("xl/sharedStrings.xml", "w", force_zip64=True) as part:
            part.write(f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{_MAIN}">'.encode())
            for chunk in shared_strings:
                part.write(chunk)
            part.write(b"</sst>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            dimension_xml = f'<dimension ref="{dimension}"/>' if dimension else ""
            part.write(
                f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{_MAIN}">'
                f"{dimension_xml}<sheetData>{HEADER_ROW}".encode()
            )
            for chunk in sheet_rows:
                part.write(chunk)
            part.write(b"</sheetData></worksheet>")
    return buffer.getvalue()


def _repeat(unit: bytes, count: int, chunk_units: int = 65_536) -> Iterable[bytes]:
    block = unit * chunk_units
    full, rest = divmod(count, chunk_units)
    for _ in range(full):
        yield block
    yield unit * rest


def xlsx_with_huge_cell(cell_bytes: int) -> bytes:
    """A sheet whose second row names one shared string of `cell_bytes` letters A."""
    text = [b"<si><t>", *_repeat(b"A", cell_bytes, 1 << 20), b"</t></si>"]
    row = b'<row r="2"><c r="A2" t="s"><v>0</v></c></row>'
    return _xlsx([row], text)


def xlsx_with_rows(count: int) -> bytes:
    """A header and `count` rows of one tiny cell each, numbered by their order."""
    return _xlsx(_repeat(b'<row><c t="n"><v>1</v></c></row>', count), [])


def xlsx_with_sheet_xml(sheet_xml: bytes, dimension: str | None = None) -> bytes:
    """A header row followed by `sheet_xml` inside sheetData; the sheet may claim a
    `dimension` (its cell range, "A1:C3")."""
    return _xlsx([sheet_xml], [], dimension)


def csv_with_rows(count: int) -> bytes:
    return b"name,id_number,hire_date\n" + b"a,1\n" * count


def csv_with_long_field(chars: int) -> bytes:
    return b"name,id_number,hire_date\n" + b"a," + b"1" * chars + b"\n"
