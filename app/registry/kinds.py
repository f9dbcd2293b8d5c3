"""The description of one record kind, from which the generic service and routes work.

A kind module (people/kind.py, staffing/officers.py …) declares its model, schemas and
fields; what it writes, shows, filters and keeps in history follows from those (decision
75). Hooks remain for what a declaration cannot say: rules between fields (`check`),
filters other than "column equals value" (`filter`) and genuinely custom input (people's
encrypted ID number: `write`); computed output values are declared one by one. The
service and the routes know nothing about any kind.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from types import NoneType, UnionType
from typing import Any, Generic, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo
from sqlalchemy import Select
from sqlalchemy.orm import Session
from sqlalchemy.orm.interfaces import ORMOption

from app.core.crypto import PersonalDataCipher
from app.core.error_catalog import ErrorType
from app.identity.models import Organization
from app.identity.principal import Principal
from app.registry.base import RegistryRecord

R = TypeVar("R", bound=RegistryRecord)


@dataclass(frozen=True)
class WriteContext:
    session: Session
    principal: Principal
    enterprise: Organization
    cipher: PersonalDataCipher
    request_id: str | None


@dataclass(frozen=True)
class ReadContext:
    session: Session
    principal: Principal
    enterprise_id: str
    cipher: PersonalDataCipher
    reveal_personal_data: bool = False


# Rules between fields, on the record's state after the write (`state`, see writes.effective);
# `data` is what the input carried, `current` the record before (None on create). A check may
# fill in a value the input left to it, in both `data` and `state`.
Check = Callable[[WriteContext, dict[str, Any], dict[str, Any], Any], None]


@dataclass(frozen=True)
class RecordKind(Generic[R]):
    path: str  # URL segment under the enterprise: "people"
    resource_type: str  # singular, for audit and history: "person"
    title: str  # for the API docs: "person (员工)"
    model: type[R]
    id_prefix: str
    create_schema: type[BaseModel]
    patch_schema: type[BaseModel]
    out_schema: type[BaseModel]
    filters_schema: type[BaseModel]
    # The columns the input writes; they are also the history's state. By default the
    # create schema's fields.
    fields: tuple[str, ...] = ()
    # Fields an explicit null cannot remove (a PATCH with {"name": null} is refused). By
    # default those whose create type does not admit null: a PATCH may empty only what a
    # create may leave empty. Declared where a create's null means "fill it in" (a session's
    # end day, an attendance's hours).
    required: tuple[str, ...] | None = None
    # Columns that actions (publish, verify …) write rather than input; in history too.
    action_fields: tuple[str, ...] = ()
    # Output-only values, by name in the Out schema: {"filed": lambda record, ctx: …}.
    computed: Mapping[str, Callable[[Any, ReadContext], Any]] = field(default_factory=dict)
    # Fields holding personal data, with how to mask them: masked in history always, and in
    # output unless the reader may see personal data. Declaring one makes the kind personal.
    personal: Mapping[str, Callable[[Any], Any]] = field(default_factory=dict)
    # History values other than the plain column (a Decimal as a number, child rows …).
    history: Mapping[str, Callable[[Any], Any]] = field(default_factory=dict)
    # Fields history and audit never hold, since both are readable without the right to them.
    not_in_history: tuple[str, ...] = ()
    # Input completed before the checks (a default taken from the enterprise …): data → data.
    prepare: Callable[[WriteContext, dict[str, Any], R | None], dict[str, Any]] | None = None
    check: Check | None = None
    # Filter fields matched by equality with the column of the same name (enums by code).
    filter_by: tuple[str, ...] = ()
    # Ranges: {"examined": "examined_on"} bounds the column by the filters `examined_from`
    # and `examined_to`, both inclusive.
    filter_between: Mapping[str, str] = field(default_factory=dict)
    # Every other filter: (statement, filters, ctx) → statement.
    filter: Callable[[Select[R], Any, ReadContext], Select[R]] | None = None
    # Custom input, for a kind whose columns are not its fields (people's encrypted ID number).
    write: Callable[[WriteContext, Mapping[str, Any], R | None], dict[str, Any]] | None = None
    loader_options: Sequence[ORMOption] = field(default_factory=tuple)
    # Names the audit action when a read discloses sensitive data beyond personal data
    # (health conclusions to a holder of health:read), or None when it does not.
    sensitive_read: Callable[[ReadContext], str | None] | None = None
    # A kind's own reason to refuse a delete (records that still depend on this one).
    check_delete: Callable[[WriteContext, R], None] | None = None
    # The kind's own problems, beyond what every kind may answer, so that its routes name
    # them in the API document: those its writes may raise, and those of `check_delete`.
    problems: tuple[ErrorType, ...] = ()
    delete_problems: tuple[ErrorType, ...] = ()
    # Does showing this kind in the clear need the personal-data permission?
    has_personal_data: bool = False
    # Spreadsheet headers of the fields, for imports and exports (decision 88): the Chinese
    # name first, then other names a file may use. A field without one is headed by its name;
    # a person reference (`person_id`) has the common ID-number and person-id columns.
    headers: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        declared = self.create_schema.model_fields
        if not self.fields:
            object.__setattr__(self, "fields", tuple(declared))
        if self.required is None:
            required = tuple(name for name in self.fields if not _admits_null(declared[name]))
            object.__setattr__(self, "required", required)
        if self.personal and not self.has_personal_data:
            object.__setattr__(self, "has_personal_data", True)
        # A slip in a declaration fails at import, not in the first request that shows one.
        shown = (name for name in self.out_schema.model_fields if name not in self.computed)
        ranged = tuple(self.filter_between.values())
        stored = (*self.fields, *self.action_fields, *shown, *self.filter_by, *ranged)
        unknown = [name for name in stored if not hasattr(self.model, name)]
        if unknown:
            raise TypeError(f"{self.path}: {unknown} are neither columns nor computed")
        unheaded = [name for name in self.headers if name not in declared]
        if unheaded:
            raise TypeError(f"{self.path}: headers for {unheaded}, which are no input fields")

    def to_values(
        self, ctx: WriteContext, data: Mapping[str, Any], current: R | None
    ) -> dict[str, Any]:
        """Validated input → attribute values (columns and child lists)."""
        if self.write is not None:
            return self.write(ctx, data, current)
        # Imported here: writes builds on this module's WriteContext.
        from app.registry.writes import changed, effective

        data = dict(data)  # a check may complete both (attendances take the session's hours)
        if self.prepare is not None:
            data = self.prepare(ctx, data, current)
        names = (*self.fields, *self.action_fields)
        state = effective(data, current, names, self.required or ())
        if self.check is not None:
            self.check(ctx, data, state, current)
        return changed(data, state)

    def to_out(self, record: R, ctx: ReadContext) -> BaseModel:
        values: dict[str, Any] = {}
        for name in self.out_schema.model_fields:
            if name in self.computed:
                values[name] = self.computed[name](record, ctx)
                continue
            value = getattr(record, name)
            mask = self.personal.get(name)
            if mask is not None and value is not None and not ctx.reveal_personal_data:
                value = mask(value)
            values[name] = value
        return self.out_schema.model_validate(values)

    def apply_filters(self, statement: Select[R], filters: Any, ctx: ReadContext) -> Select[R]:
        for name in self.filter_by:
            value = getattr(filters, name)
            if value is not None:
                column = getattr(self.model, name)
                statement = statement.where(column == getattr(value, "value", value))
        for prefix, name in self.filter_between.items():
            column = getattr(self.model, name)
            if (low := getattr(filters, f"{prefix}_from")) is not None:
                statement = statement.where(column >= low)
            if (high := getattr(filters, f"{prefix}_to")) is not None:
                statement = statement.where(column <= high)
        if self.filter is not None:
            statement = self.filter(statement, filters, ctx)
        return statement

    def snapshot(self, record: Any) -> dict[str, Any]:
        """JSON-able state for history and audit; never personal data in the clear. `record`
        may be any object with the model's attributes (imports and the demo pass stand-ins)."""
        names = (*self.fields, *self.action_fields)
        state = {name: getattr(record, name) for name in names if name not in self.not_in_history}
        for name, mask in self.personal.items():
            if state.get(name) is not None:
                state[name] = mask(state[name])
        for name, value in self.history.items():
            state[name] = value(record)
        state["deleted"] = record.deleted_at is not None
        return state


def _admits_null(declared: FieldInfo) -> bool:
    annotation = declared.annotation
    return annotation is NoneType or (
        get_origin(annotation) in (Union, UnionType) and NoneType in get_args(annotation)
    )
