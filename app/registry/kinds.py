"""The description of one record kind, from which the generic service and routes work.

A kind module (people.py, certificates.py …) declares its model, schemas, how input becomes
column values (validation lives there), how a record is shown and filtered. The service and
the routes know nothing about any single kind.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from pydantic import BaseModel
from sqlalchemy import Select
from sqlalchemy.orm import Session
from sqlalchemy.orm.interfaces import ORMOption

from app.core.crypto import PersonalDataCipher
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
    # Validated input → attribute values (columns and child lists). `current` is None on create.
    to_values: Callable[[WriteContext, Mapping[str, Any], R | None], dict[str, Any]]
    to_out: Callable[[R, ReadContext], BaseModel]
    apply_filters: Callable[[Select[R], Any, ReadContext], Select[R]]
    # JSON-able state for history and audit; never personal data in the clear.
    snapshot: Callable[[R], dict[str, Any]]
    loader_options: Sequence[ORMOption] = field(default_factory=tuple)
    # Names the audit action when a read discloses sensitive data beyond personal data
    # (health conclusions to a holder of health:read), or None when it does not.
    sensitive_read: Callable[[ReadContext], str | None] | None = None
    # A kind's own reason to refuse a delete (records that still depend on this one).
    check_delete: Callable[[WriteContext, R], None] | None = None
    # Does showing this kind in the clear need the personal-data permission?
    has_personal_data: bool = False
