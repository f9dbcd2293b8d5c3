"""Strings a database column cannot hold, put where the contract takes strings.

NUL (PostgreSQL's text refuses it) and lone surrogates (not encodable as UTF-8) reached the
database through names, filters and cursors before issue 17: a 500 on PostgreSQL, a stored
NUL on SQLite. schemathesis draws UTF-8 text only, and its positive cases must stay valid,
so these are drawn here: one string field of a case, in the query or the JSON body, is
replaced by a string that carries one such character among ordinary ones.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st
from schemathesis import Case

NUL = "\x00"
LONE_SURROGATES = st.sampled_from(["\ud800", "\udbff", "\udc00", "\udfff"])


def hostile_text(allow_surrogates: bool) -> st.SearchStrategy[str]:
    bad = st.one_of(st.just(NUL), LONE_SURROGATES) if allow_surrogates else st.just(NUL)
    plain = st.text(alphabet=st.characters(codec="utf-8", exclude_characters=NUL), max_size=8)
    return st.tuples(plain, bad, plain).map("".join)


def _string_slots(case: Case) -> list[tuple[str, str]]:
    slots = [("query", k) for k, v in (case.query or {}).items() if isinstance(v, str)]
    if isinstance(case.body, dict):
        where = "body" if case.media_type == "application/json" else "form"
        slots += [(where, k) for k, v in case.body.items() if isinstance(v, str)]
    return slots


def spoil_one_string(case: Case, data: st.DataObject) -> str | None:
    """Replace one string of `case` by a hostile one; the field's name, or None if the case
    has no string to spoil. A URL or a form cannot carry a lone surrogate (it is not UTF-8),
    so they get NUL only; a JSON body can carry both (`"\\ud800"` is valid JSON text)."""
    slots = _string_slots(case)
    if not slots:
        return None
    where, name = data.draw(st.sampled_from(slots), label="spoiled field")
    value = data.draw(hostile_text(allow_surrogates=where == "body"), label="hostile string")
    container: dict[str, Any] = case.query if where == "query" else case.body  # type: ignore[assignment]
    container[name] = value
    # schemathesis would re-validate the changed case against the schema, which cannot encode
    # a lone surrogate; the case is judged as a refusal instead (test_contract_fuzz.py).
    case.freeze_metadata()
    return f"{where}.{name}"
