"""Records as a file in their import's own columns, so that an export edited in a spreadsheet
imports back (decision 88).

People are named as the import names them: by ID number when the reader sees personal data
(`reveal=personal_data`; the file then imports into any enterprise holding the same people),
otherwise by person id (it imports into the same enterprise). A kind whose own columns hold
personal data (people's ID numbers, certificate numbers) exports them masked without the
reveal, and a value the reader may not see is left empty; a person's exposures over periods
of different dates do not fit the import's one period: such a file cannot be imported back
as it is, and says so (`reimportable` is False).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import select

from app.registry.imports.by_kind import is_code_list, list_item, person_references
from app.registry.imports.catalog import IMPORT_SPECS
from app.registry.kinds import ReadContext, RecordKind
from app.registry.people.kind import ID_NUMBER_CONTEXT, PEOPLE
from app.registry.people.models import Person
from app.registry.tabular import cell

HeaderLanguage = Literal["zh", "en"]


@dataclass(frozen=True)
class Table:
    columns: list[str]
    rows: list[list[Any]]
    reimportable: bool


def import_layout(
    kind: RecordKind[Any], records: Sequence[Any], ctx: ReadContext, language: HeaderLanguage
) -> Table:
    spec = IMPORT_SPECS[kind.path]
    columns = [
        column.aliases[0] if language == "zh" and column.aliases else column.field
        for column in spec.columns
    ]
    references = person_references(kind) if kind is not PEOPLE else ()
    numbers = _id_numbers(kind, records, references, ctx)
    rows = []
    lossy = False
    for record in records:
        shown = kind.to_out(record, ctx).model_dump(mode="json")
        if kind is PEOPLE:
            exposure_cells, expressed = _exposure_cells(shown["exposures"])
            shown.update(exposure_cells)
            lossy = lossy or not expressed
        row = []
        for column in spec.columns:
            name = column.field
            if name == "id_number" and kind is not PEOPLE:
                value: Any = numbers.get(getattr(record, "person_id", None) or "")
            elif name in references and name != "person_id":
                person_id = getattr(record, name)
                value = numbers.get(person_id, person_id) if person_id else None
            else:
                value = shown[name] if name in shown else getattr(record, name)
            row.append(cell(_text(kind, name, value, language)))
        rows.append(row)
    masked = not ctx.reveal_personal_data and kind.has_personal_data
    # What the reader may not see is left empty (a health conclusion without health:read).
    required = [i for i, column in enumerate(spec.columns) if column.required]
    withheld = any(row[i] in (None, "") for row in rows for i in required)
    return Table(columns, rows, reimportable=not (masked or withheld or lossy))


def _exposure_cells(exposures: list[dict[str, Any]]) -> tuple[dict[str, Any], bool]:
    """A person's exposures in the import's one period for all factors, and whether they fit
    it (periods of different dates or levels do not: the file then says it is not
    reimportable)."""
    periods = {(e["level"], e["started_on"], e["ended_on"]) for e in exposures}
    level, started, ended = sorted(periods, key=str)[0] if periods else (None, None, None)
    cells = {
        "exposure_factors": "、".join(e["factor"] for e in exposures) or None,
        "exposure_level": level,
        "exposure_started_on": started,
        "exposure_ended_on": ended,
    }
    return cells, len(periods) <= 1


def discloses_id_numbers(kind: RecordKind[Any], ctx: ReadContext) -> bool:
    """Whether the file shows people's ID numbers (those of the people it names)."""
    return ctx.reveal_personal_data and bool(person_references(kind))


def _text(kind: RecordKind[Any], name: str, value: Any, language: HeaderLanguage) -> Any:
    if (
        isinstance(value, list)
        and name in kind.create_schema.model_fields
        and list_item(kind, name) is not None
    ):
        separator = "、" if is_code_list(kind, name) else "\n"
        return separator.join(str(item) for item in value)
    if isinstance(value, bool):
        yes, no = ("是", "否") if language == "zh" else ("true", "false")
        return yes if value else no
    return value


def _id_numbers(
    kind: RecordKind[Any], records: Iterable[Any], references: Sequence[str], ctx: ReadContext
) -> dict[str, str]:
    """The ID numbers of the people the records name, when the reader may see them."""
    if not ctx.reveal_personal_data or not references:
        return {}
    wanted = {getattr(r, name) for r in records for name in references} - {None}
    people = ctx.session.execute(
        select(Person.id, Person.id_number_ciphertext).where(
            Person.enterprise_id == ctx.enterprise_id, Person.id.in_(wanted)
        )
    ).all()
    return {
        person_id: ctx.cipher.open(sealed, context=ID_NUMBER_CONTEXT)
        for person_id, sealed in people
    }
