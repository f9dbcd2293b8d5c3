"""A draft version of a pack: the law as someone proposes to change it, judged like the law
in force but never stored (issue 20 item 4, decision 146).

A draft gives some of one pack's legal values new ones from a date, and may repeal rules.
Rules are code, so a draft cannot add one: a new rule ships as a new version of the pack.
A drafted value is shaped like the values it succeeds (a number stays a number, a set of
categories a set of categories), is marked provisional, and names the draft as its source,
so every finding that read it says it rests on a draft and not on law.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from app.compliance.errors import DRAFT_PARAMETER_UNKNOWN, DRAFT_VALUE_INVALID, UNKNOWN_RULE
from app.compliance.packs import PACKS
from app.compliance.rules import Pack
from app.law.parameters import Dated, Parameter, Source

# How large one drafted value may be: the longest lists the packs hold (industry codes)
# are a few dozen entries.
MAX_MEMBERS = 500
MAX_TEXT = 100
MAX_NUMBER = 10**9
DRAFT_NOTE = "草案，尚未施行 (a draft, not law)"


@dataclass(frozen=True)
class Draft:
    """One pack as a draft would have it: `version` in place of the pack as shipped, and
    `parameters` (by key) read in place of the pack's own."""

    pack: Pack  # as shipped
    version: Pack  # as drafted: the repealed rules gone, the version marked
    title: str
    effective_from: date
    parameters: Mapping[str, Parameter[Any]]
    repealed: tuple[str, ...]

    def packs(self, shipped: Iterable[Pack] | None = None) -> list[Pack]:
        """Every pack, with this one as drafted."""
        known = PACKS.values() if shipped is None else shipped
        return [self.version if p.id == self.pack.id else p for p in known]


def draft_of(
    pack: Pack,
    title: str,
    effective_from: date,
    values: Mapping[str, Any],
    repeal: Sequence[str] = (),
) -> Draft:
    """The draft of `pack` giving `values` (JSON, by parameter key) from `effective_from` and
    repealing the rules `repeal` names; a key, value or rule the pack does not have is a 422
    problem naming it."""
    own = owned_parameters(pack)
    unknown = sorted(k for k in values if k not in own)
    if unknown:
        raise DRAFT_PARAMETER_UNKNOWN.problem(
            f"{pack.id} has no draftable parameter {', '.join(unknown)}; its own are listed "
            f"under `GET /v1/compliance/packs/{pack.id}`."
        )
    for rule_id in repeal:
        if pack.rule(rule_id) is None:
            raise UNKNOWN_RULE.problem(f"{pack.id} has no rule {rule_id}.")
    source = Source(f"草案：{title}", "")
    amended = {
        key: _amended(
            own[key], _shaped(key, raw, own[key].values[-1].value), effective_from, source
        )
        for key, raw in values.items()
    }
    repealed = tuple(dict.fromkeys(repeal))
    version = dataclasses.replace(
        pack,
        version=f"{pack.version}+draft",
        rules=tuple(r for r in pack.rules if r.id not in repealed),
    )
    return Draft(pack, version, title, effective_from, amended, repealed)


def owned_parameters(pack: Pack) -> dict[str, Parameter[Any]]:
    """The parameters a draft of `pack` may change: those its rules read and it owns (keyed
    under its id). Values shared by several packs (the GBZ 188 edition, the special-operation
    catalogue) belong to no pack's draft."""
    return {
        p.key: p
        for rule in pack.rules
        for p in rule.parameters
        if p.key.startswith(f"{pack.id}.") and _draftable(p.values[-1].value)
    }


def _amended(
    parameter: Parameter[Any], value: Any, effective_from: date, source: Source
) -> Parameter[Any]:
    """`parameter` with `value` from `effective_from` on, replacing any value dated later."""
    kept = tuple(v for v in parameter.values if v.effective_from < effective_from)
    drafted = Dated(value, effective_from, source, provisional=True, note=DRAFT_NOTE)
    ends_on = parameter.ends_on
    return dataclasses.replace(
        parameter,
        values=(*kept, drafted),
        ends_on=ends_on if ends_on is not None and ends_on >= effective_from else None,
    )


def _draftable(example: Any) -> bool:
    if isinstance(example, bool | int | Decimal | str | date):
        return True
    if isinstance(example, frozenset | tuple):
        return all(_draftable(v) for v in example)
    if isinstance(example, Mapping):
        return all(_draftable(k) and _draftable(v) for k, v in example.items())
    return False


def _shaped(key: str, raw: Any, example: Any) -> Any:
    """`raw` (parsed JSON) as a value of the same shape as `example`, the value it succeeds."""
    try:
        return _like(raw, example)
    except _Misfit as misfit:
        raise DRAFT_VALUE_INVALID.problem(f"{key}: {misfit}") from None


class _Misfit(ValueError):
    pass


def _like(raw: Any, example: Any) -> Any:
    # bool before int: in Python a bool is an int, in the contract it is not.
    if isinstance(example, bool):
        if not isinstance(raw, bool):
            raise _Misfit("expected true or false")
        return raw
    if isinstance(example, int):
        if isinstance(raw, bool) or not isinstance(raw, int) or not 0 <= raw <= MAX_NUMBER:
            raise _Misfit(f"expected a whole number from 0 to {MAX_NUMBER}")
        return raw
    if isinstance(example, Decimal):
        return _decimal(raw)
    if isinstance(example, date):
        if not isinstance(raw, str):
            raise _Misfit("expected a date, YYYY-MM-DD")
        try:
            return date.fromisoformat(raw)
        except ValueError:
            raise _Misfit(f"{raw[:MAX_TEXT]!r} is not a date, YYYY-MM-DD") from None
    if isinstance(example, str):
        if not isinstance(raw, str) or not 0 < len(raw) <= MAX_TEXT:
            raise _Misfit(f"expected text of 1 to {MAX_TEXT} characters")
        return raw
    if isinstance(example, frozenset):
        members = _members(raw)
        sample = next(iter(example), "")
        return frozenset(_like(m, sample) for m in members)
    if isinstance(example, tuple):
        members = _members(raw)
        if len(members) != len(example):
            raise _Misfit(f"expected a list of {len(example)}")
        return tuple(_like(m, e) for m, e in zip(members, example, strict=True))
    # A mapping (_draftable admits nothing else).
    if not isinstance(raw, dict) or len(raw) > MAX_MEMBERS:
        raise _Misfit(f"expected an object of at most {MAX_MEMBERS} entries")
    key_example, value_example = next(iter(example.items()), ("", ""))
    return {_like(k, key_example): _like(v, value_example) for k, v in raw.items()}


def _members(raw: Any) -> list[Any]:
    if not isinstance(raw, list) or len(raw) > MAX_MEMBERS:
        raise _Misfit(f"expected a list of at most {MAX_MEMBERS}")
    return raw


def _decimal(raw: Any) -> Decimal:
    if isinstance(raw, bool) or not isinstance(raw, int | float | str):
        raise _Misfit("expected a number")
    try:
        value = Decimal(str(raw)) if not isinstance(raw, str) else Decimal(raw[:MAX_TEXT])
    except InvalidOperation:
        raise _Misfit("expected a number") from None
    if not value.is_finite() or not 0 <= value <= MAX_NUMBER:
        raise _Misfit(f"expected a number from 0 to {MAX_NUMBER}")
    return value
