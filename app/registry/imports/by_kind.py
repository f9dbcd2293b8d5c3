"""Importing a record kind through its own validation, for kinds whose files stay small
(health exams, certificates): every row goes through the kind's schema and `to_values`, so
an imported record obeys exactly the rules of one created through the API.

People are named by ID number (or person id); they are resolved from one set loaded per
file. The kind's own checks may query per row, which is fine for thousands of rows; the
bulk kinds (people, attendances) have set-based specs of their own.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError
from sqlalchemy import select

from app.core.errors import Problem
from app.core.validators import check_resident_id
from app.registry.imports.parsing import Column
from app.registry.imports.specs import RowError, Rows, pydantic_errors
from app.registry.kinds import RecordKind, WriteContext
from app.registry.people.models import Person

_LIST_SEPARATORS = re.compile(r"[\s,;、，；]+")
PERSON_COLUMNS = (
    Column("id_number", ("身份证号", "身份证号码", "公民身份号码")),
    Column("person_id", ("人员编号",)),
)


@dataclass(frozen=True)
class KindImport:
    kind: RecordKind[Any]
    own_columns: tuple[Column, ...]
    list_fields: tuple[str, ...] = ()
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
        return (*PERSON_COLUMNS, *self.own_columns)

    def prepare(self, ctx: WriteContext, rows: Rows) -> tuple[list[dict[str, Any]], list[RowError]]:
        people = ctx.session.execute(
            select(Person.id, Person.id_number_index).where(
                Person.enterprise_id == ctx.enterprise.id, Person.deleted_at.is_(None)
            )
        ).all()
        by_index = {index: person_id for person_id, index in people}
        seen: dict[tuple[Any, ...], int] = {}
        values: list[dict[str, Any]] = []
        errors: list[RowError] = []
        for number, row in rows:
            data: dict[str, Any] = {k: v for k, v in row.items() if k not in ("id_number",)}
            if "id_number" in row:
                key = ctx.cipher.blind_index(
                    check_resident_id(row["id_number"]).number, scope=ctx.enterprise.id
                )
                data["person_id"] = by_index.get(key, "")
            for name in self.list_fields:
                if name in data:
                    data[name] = [part for part in _LIST_SEPARATORS.split(data[name]) if part]
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
            if self.file_key is not None:
                key_values = self.file_key(item)
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

    @staticmethod
    def _named(row: dict[str, str], error: RowError) -> RowError:
        """A problem with the person, told in the column the file used to name them."""
        if error.column == "person_id" and "id_number" in row:
            return RowError(error.row, "id_number", error.message, error.code)
        return error

    def history(self, values: dict[str, Any]) -> dict[str, Any]:
        # The kind's own snapshot of the record, so that history hides what it hides.
        return self.kind.snapshot(self.kind.model(**values))
