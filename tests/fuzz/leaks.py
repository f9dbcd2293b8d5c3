"""The cross-tenant check: a response must not carry anything that identifies enterprise A.

A marker the caller itself sent is its own words echoed back, not A's data: A's id in the
path comes back in a problem's `instance`; a credit code an institution looked up comes back
later in its own query log. Markers the caller sent, in this request or an earlier one, are
left out.
"""

from __future__ import annotations

import json
from contextlib import suppress
from urllib.parse import unquote

import httpx


def request_text(response: httpx.Response) -> str:
    request = response.request
    return unquote(str(request.url)) + unquote(request.content.decode("utf-8", "replace"))


def response_text(response: httpx.Response) -> str:
    """Headers and body, with JSON also read back (a `\\u` escape would hide a Chinese name)."""
    parts = [unquote(f"{name}: {value}") for name, value in response.headers.items()]
    parts.append(response.text)
    if "json" in response.headers.get("content-type", ""):
        # A body that is not JSON after all: its raw text above is what there is to check.
        with suppress(ValueError):
            parts.append(json.dumps(response.json(), ensure_ascii=False))
    return "\n".join(parts)


def markers_sent(response: httpx.Response, markers: set[str]) -> set[str]:
    asked = request_text(response)
    return {marker for marker in markers if marker in asked}


def leaked_markers(
    response: httpx.Response, markers: set[str], sent_before: frozenset[str] = frozenset()
) -> set[str]:
    """A's markers found in the response that the caller did not send itself."""
    answered = response_text(response)
    found = {marker for marker in markers if marker in answered}
    return found - markers_sent(response, markers) - sent_before
