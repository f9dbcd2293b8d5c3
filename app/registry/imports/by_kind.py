"""Importing a record kind through its own validation, derived from its declaration: every
row goes through the kind's create schema and `to_values`, so an imported record obeys
exactly the rules of one created through the API (decision 88).

The columns are the create schema's fields, headed as the kind declares (`headers`).
People are named by ID number or person id, resolved from one set loaded per file; other
records (a training session) by their id. The kind's own checks may query per row, which is
fine for thousands of rows; the bulk kinds (people, attendances) have set-based specs.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from types import NoneType, UnionType
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from sqlalchemy import select

from app.core.errors import Problem
from app.core.ids import is_id
from app.core.validators import check_resident_id
from app.registry.imports.parsing import Column
from app.registry.imports.specs import (
    PASSED_WORDS,
    RowError,
    Rows,
    no_children,
    pydantic_errors,
)
from app.registry.kinds import RecordKind, WriteContext
from app.registry.people.kind import PEOPLE
from app.registry.people.models import Person

# Lists of codes (hazard factors) are written "noise、dust"; lists of texts one per line.
_CODE_SEPARATORS = re.compile(r"[\s,;、，；]+")
_LINE_SEPARATORS = re.compile(r"\r\n|\r|\n")
ID_NUMBER_HEADERS = ("身份证号", "身份证号码", "公民身份号码")
PERSON_COLUMNS = (
    Column("id_number", ID_NUMBER_HEADERS),
    Column("person_id", ("人员编号",)),
)
_INTEGER = re.compile(r"^[+-]?\d{1,18}$")


def _bare(annotation: Any) -> Any:
    """The type under Optional[…] and Annotated[…]."""
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation = get_args(annotation)[0]
        elif origin in (Union, UnionType):
            inner = [a for a in get_args(annotation) if a is not NoneType]
            if len(inner) != 1:
                return annotation
            annotation = inner[0]
        else:
            return annotation


def list_item(kind: RecordKind[Any], name: str) -> Any | None:
    """The item type of a list field, or None for other fields."""
    annotation = _bare(kind.create_schema.model_fields[name].annotation)
    if get_origin(annotation) is list:
        return _bare(get_args(annotation)[0])
    return None


def is_code_list(kind: RecordKind[Any], name: str) -> bool:
    item = list_item(kind, name)
    return isinstance(item, type) and issubclass(item, Enum)


def person_references(kind: RecordKind[Any]) -> tuple[str, ...]:
    """Fields naming a person of the enterprise (by convention, `…person_id`)."""
    return tuple(name for name in kind.fields if name.endswith("person_id"))


def importable_fields(kind: RecordKind[Any]) -> tuple[str, ...]:
    """The create schema's fields a cell can hold: not lists of objects (a person's
    exposures, which the people import takes in columns of its own)."""
    return tuple(name for name in kind.create_schema.model_fields if not _is_model_list(kind, name))


def _is_model_list(kind: RecordKind[Any], name: str) -> bool:
    item = list_item(kind, name)
    return isinstance(item, type) and issubclass(item, BaseModel)


def kind_columns(kind: RecordKind[Any]) -> tuple[Column, ...]:
    declared = kind.create_schema.model_fields
    columns: list[Column] = []
    for name in importable_fields(kind):
        if name == "person_id":
            columns.extend(PERSON_COLUMNS)
            continue
        columns.append(Column(name, kind.headers.get(name, ()), declared[name].is_required()))
    return tuple(columns)


@dataclass(frozen=True)
class KindImport:
    kind: RecordKind[Any]
    # Rows that the kind would refuse as duplicates of each other (not yet in the database).
    file_key: Callable[[dict[str, Any]], tuple[Any, ...]] | None = None

    @property
    def path(self) -> str:
        return self.kind.path

    @property
    def resource_type(self) -> str:
        return self.kind.resource_type

    @property
    def model(self) -> type[Any]:
        return self.kind.model

    @property
    def id_prefix(self) -> str:
        return self.kind.id_prefix

    @property
    def columns(self) -> tuple[Column, ...]:
        return kind_columns(self.kind)

    def prepare(self, ctx: WriteContext, rows: Rows) -> tuple[list[dict[str, Any]], list[RowError]]:
        people = ctx.session.execute(
            select(Person.id, Person.id_number_index).where(
                Person.enterprise_id == ctx.enterprise.id, Person.deleted_at.is_(None)
            )
        ).all()
        by_index = {index: person_id for person_id, index in people}

        def person(cell: str) -> str:
            """A person id as written, or the id of the person with this ID number ("" when
            none: the kind's own check then says there is no such person)."""
            if is_id(cell, PEOPLE.id_prefix):
                return cell
            number = check_resident_id(cell).number
            return by_index.get(ctx.cipher.blind_index(number, scope=ctx.enterprise.id), "")

        references = person_references(self.kind)
        declared = self.kind.create_schema.model_fields
        seen: dict[tuple[Any, ...], int] = {}
        values: list[dict[str, Any]] = []
        errors: list[RowError] = []
        for number, row in rows:
            data: dict[str, Any] = {k: v for k, v in row.items() if k != "id_number"}
            if "id_number" in row:
                data["person_id"] = person(row["id_number"])
            for name in references:
                if name in data:
                    data[name] = person(data[name])
            for name, cell in list(data.items()):
                data[name] = self._value(name, cell, declared[name].annotation)
            try:
                model = self.kind.create_schema.model_validate(data)
                item = self.kind.to_values(ctx, model.model_dump(), None)
            except ValidationError as exc:
                errors.extend(self._named(row, e) for e in pydantic_errors(number, exc))
                continue
            except Problem as problem:
                field = problem.errors[0].field.removeprefix("body.") if problem.errors else None
                errors.append(
                    self._named(row, RowError(number, field, problem.detail, problem.code))
                )
                continue
            # A key with an empty part clashes with none, as in the unique index (an item
            # of special equipment not registered yet has no registration number).
            key_values = self.file_key(item) if self.file_key is not None else (None,)
            if None not in key_values:
                if key_values in seen:
                    errors.append(
                        RowError(
                            number, None, f"same as row {seen[key_values]}", "duplicate_in_file"
                        )
                    )
                    continue
                seen[key_values] = number
            values.append(item)
        return values, errors

    def _value(self, name: str, cell: Any, annotation: Any) -> Any:
        if list_item(self.kind, name) is not None:
            separators = _CODE_SEPARATORS if is_code_list(self.kind, name) else _LINE_SEPARATORS
            return [part.strip() for part in separators.split(cell) if part.strip()]
        bare = _bare(annotation)
        if bare is int and _INTEGER.match(cell):
            return int(cell)  # the schemas take JSON integers only, and a cell is text
        if bare is bool:
            # 是/否 as people write it; anything else is left for the schema to refuse.
            return PASSED_WORDS.get(cell.strip().lower(), cell)
        return cell

    @staticmethod
    def _named(row: dict[str, str], error: RowError) -> RowError:
        """A problem with the person, told in the column the file used to name them."""
        if error.column == "person_id" and "id_number" in row:
            return RowError(error.row, "id_number", error.message, error.code)
        return error

    children = staticmethod(no_children)

    def history(self, values: dict[str, Any]) -> dict[str, Any]:
        # The kind's own snapshot of the record, so that history hides what it hides.
        return self.kind.snapshot(self.kind.model(**values))
