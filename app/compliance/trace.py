"""What decided a finding, in a form people and machines can read back later: the branch
taken, each legal value used (with its date and source) and the records used (with the
dates that mattered)."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from app.compliance.facts import RECORD_KINDS, Facts, derived
from app.compliance.rules import Finding
from app.law.parameters import Dated, Parameter
from app.law.reads import Read


@dataclass(frozen=True)
class RecordUsed:
    id: str
    kind: str  # the record's table, e.g. special_operation_certificates
    dates: tuple[tuple[str, date], ...]  # the record's own dates, by column


@derived
def _records_by_id(facts: Facts) -> dict[str, tuple[str, Any]]:
    index: dict[str, tuple[str, Any]] = {}
    lists: list[Any] = [
        facts.people.values(),
        facts.sessions.values(),
        facts.contracts,
        *(getattr(facts, name) for name in RECORD_KINDS),
    ]
    for records in lists:
        for record in records:
            index[record.id] = (type(record).__name__, record)
    return index


def records_used(facts: Facts, ids: tuple[str, ...]) -> tuple[RecordUsed, ...]:
    """The evidence ids that name records, with each record's dates (other evidence —
    a department, a year, a person and category — names what is lacking)."""
    index = _records_by_id(facts)
    found = []
    for record_id in dict.fromkeys(ids):
        if (entry := index.get(record_id)) is None:
            continue
        kind, record = entry
        fields = record._asdict() if hasattr(record, "_asdict") else vars(record)
        dates = tuple(
            (name, value.date() if isinstance(value, datetime) else value)
            for name, value in fields.items()
            if isinstance(value, date) and not name.startswith("_")
        )
        found.append(RecordUsed(record_id, _kind(kind, record), dates))
    return tuple(found)


def _kind(name: str, record: Any) -> str:
    table = getattr(record, "__tablename__", None)
    return str(table or name)


def plain(value: Any) -> Any:
    """A parameter's value as JSON: sets sorted, decimals as text, tuples as lists."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (frozenset, set)):
        return sorted(plain(v) for v in value)
    if isinstance(value, (tuple, list)):
        return [plain(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, date):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        # A structured legal value (the special-operation catalogue): its fields.
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    return value


def value_trace(read: Read) -> dict[str, Any]:
    effective_to = read.effective_to
    return {
        "parameter": read.parameter.key,
        "value": plain(read.dated.value),
        "unit": read.parameter.unit,
        "effective_from": read.dated.effective_from.isoformat(),
        "effective_to": effective_to.isoformat() if effective_to else None,
        "source": {"document": read.dated.source.document, "article": read.dated.source.article},
        "provisional": read.dated.provisional,
        "note": read.dated.note or None,
    }


def record_trace(record: RecordUsed) -> dict[str, Any]:
    return {
        "id": record.id,
        "kind": record.kind,
        "dates": {name: day.isoformat() for name, day in record.dates},
    }


def finding_trace(finding: Finding) -> dict[str, Any]:
    """The trace of a finding as JSON: what reports show and snapshots keep."""
    return {
        "branch": finding.branch,
        "values": [value_trace(read) for read in finding.reads],
        "records": [record_trace(record) for record in finding.records],
    }


def parameter_out(parameter: Parameter[Any]) -> dict[str, Any]:
    """A parameter and all its values over time, for the rule catalogue."""
    return {
        "key": parameter.key,
        "unit": parameter.unit,
        "description": parameter.description,
        "values": [dated_out(parameter, dated) for dated in parameter.values],
    }


def dated_out(parameter: Parameter[Any], dated: Dated[Any]) -> dict[str, Any]:
    """One value of a parameter with its dates and source."""
    return {
        "value": plain(dated.value),
        "effective_from": dated.effective_from,
        "effective_to": parameter.effective_to(dated),
        "source": {"document": dated.source.document, "article": dated.source.article},
        "provisional": dated.provisional,
        "note": dated.note or None,
    }
