"""The edge check every request passes: no input text may hold a character no database can
store (NUL, unpaired surrogates; app/core/validators/characters.py).

One app-wide dependency, run after routing and body parsing and before any other
dependency or the handler, looks at every string the request carries: path parameters, query
parameters (names and values), header values, and the parsed body — each string and object
key of a JSON body, each field name, value and file name of a form. A refused character is a
422 `validation_failed` naming the field as FastAPI names it (`body.name`, `query.cursor`,
`path.enterprise_id`, `header.x-note`), so no handler, service or database ever sees it.
Strings that arrive encoded inside a value (a cursor, Basic credentials) are checked where
they are decoded. docs/decisions.md, 52.
"""

from __future__ import annotations

import re
from typing import Any

from fastapi import Request
from fastapi import params as fastapi_params
from fastapi.exceptions import RequestValidationError
from starlette.datastructures import UploadFile

from app.core.validators.characters import is_storable, shown, unstorable_message

CODE = "invalid_character"
# One answer lists this many refused strings at most (a huge body could hold millions).
MAX_REPORTED = 20

Location = tuple[str | int, ...]


class _Findings:
    def __init__(self) -> None:
        self.errors: list[dict[str, Any]] = []

    def check(self, location: Location, text: str) -> None:
        message = unstorable_message(text)
        if message is not None and len(self.errors) < MAX_REPORTED:
            # The input itself is not echoed: it is what cannot be encoded.
            self.errors.append({"type": CODE, "loc": location, "msg": message, "input": None})

    def full(self) -> bool:
        return len(self.errors) >= MAX_REPORTED


async def refuse_unstorable_input(request: Request) -> None:
    findings = _Findings()
    for name, value in request.path_params.items():
        if isinstance(value, str):
            findings.check(("path", name), value)
    scope = request.scope
    # Percent-decoding replaces invalid UTF-8, so a query string can only carry a NUL: look
    # at its pairs only when one may be there (the common request costs one bytes search).
    query = scope.get("query_string", b"")
    if b"%00" in query or b"\x00" in query:
        for name, value in request.query_params.multi_items():
            findings.check(("query", shown(name)), name)
            findings.check(("query", shown(name)), value)
    for raw_name, raw_value in scope.get("headers", ()):
        if b"\x00" in raw_value:  # header bytes decode as Latin-1: only NUL can be refused
            name = shown(raw_name.decode("latin-1"))
            findings.check(("header", name), raw_value.decode("latin-1"))
    body_field = getattr(scope.get("route"), "body_field", None)
    if body_field is not None:
        if isinstance(body_field.field_info, fastapi_params.Form):
            await _check_form(request, findings)
        else:
            await _check_json(request, findings)
    if findings.errors:
        raise RequestValidationError(findings.errors)


def refuse_decoded(location: Location, text: str) -> None:
    """The edge check for text decoded out of a value (Basic credentials): 422 like the rest."""
    findings = _Findings()
    findings.check(location, text)
    if findings.errors:
        raise RequestValidationError(findings.errors)


async def _check_form(request: Request, findings: _Findings) -> None:
    # FastAPI parsed the form (with the route's limits) before solving dependencies; this
    # reads the same parsed form back.
    for name, value in (await request.form()).multi_items():
        location: Location = ("body", shown(name))
        findings.check(location, name)
        if isinstance(value, UploadFile):
            findings.check(location, value.filename or "")
        else:
            findings.check(location, value)


async def _check_json(request: Request, findings: _Findings) -> None:
    # The same test FastAPI applies before parsing a body as JSON: when it holds, the parsed
    # body is cached on the request and this costs no second parse.
    body = await request.body()
    if not body or not _is_json(request.headers.get("content-type", "")):
        return
    # JSON text can only produce a refused character from an escape (`\u0000`, `\udXXX`),
    # from the bytes of a UTF-8-encoded surrogate (the decoder lets them through), or in
    # UTF-16/32 (which the decoder detects by their zero bytes). Any other body is clean
    # without looking at the document (measured: bench/storable_input.py).
    if b"\x00" in body or _ESCAPE.search(body) or _ENCODED_SURROGATE.search(body):
        _walk(await request.json(), findings)


# Each starts with a literal, which the regular expression engine finds at memchr speed.
_ESCAPE = re.compile(rb"\\u(?:0000|[dD][89a-fA-F])")
_ENCODED_SURROGATE = re.compile(rb"\xed[\xa0-\xbf]")


def _is_json(content_type: str) -> bool:
    media_type = content_type.partition(";")[0].strip().lower()
    return media_type == "application/json" or (
        media_type.startswith("application/") and media_type.endswith("+json")
    )


def _walk(document: Any, findings: _Findings) -> None:
    """Every string and key of a parsed JSON document, without recursion (a deeply nested
    document that the parser accepted must not exhaust the stack here). Locations are built
    only for what is refused."""
    pending: list[tuple[Location, Any]] = [(("body",), document)]
    while pending and not findings.full():
        location, value = pending.pop()
        if isinstance(value, str):
            findings.check(location, value)
            continue
        if not isinstance(value, dict | list):
            continue  # a number, a boolean or null as the whole document
        items = value.items() if isinstance(value, dict) else enumerate(value)
        nested: list[tuple[Location, Any]] = []
        for key, item in items:
            if isinstance(key, str) and not is_storable(key):
                findings.check((*location, shown(key)), key)
            if isinstance(item, str):
                if not is_storable(item):
                    findings.check((*location, _part(key)), item)
            elif isinstance(item, dict | list):
                nested.append(((*location, _part(key)), item))
        # Reversed onto the stack, so that errors come in the document's order.
        pending.extend(reversed(nested))


def _part(key: str | int) -> str | int:
    return shown(key) if isinstance(key, str) else key
