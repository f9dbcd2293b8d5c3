"""Properties of the check of storable text and of the edge's shortcut for JSON bodies: the
shortcut never lets a refused character through, however the body is encoded."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel
from starlette.requests import Request

from app.core.storable_input import refuse_unstorable_input
from app.core.validators import is_storable, shown, unstorable_at

# Every code point, surrogates included (Hypothesis leaves them out by default).
ANY_TEXT = st.text(st.characters(codec=None, exclude_categories=()), max_size=12)


def storable_everywhere(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return "\x00" not in text


@given(ANY_TEXT)
def test_storable_means_utf8_without_nul(text: str) -> None:
    assert is_storable(text) == storable_everywhere(text)
    assert (unstorable_at(text) is None) == is_storable(text)
    assert is_storable(shown(text))
    assert shown(text) == text or not is_storable(text)


class Body(BaseModel):
    value: Any = None


async def _endpoint(body: Body) -> None:
    return None


ROUTE = APIRoute("/things", _endpoint, methods=["POST"])
DOCUMENTS = st.recursive(
    st.none() | st.integers() | ANY_TEXT,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(ANY_TEXT, children, max_size=4)
    ),
    max_leaves=12,
)
ENCODINGS = st.sampled_from(["ascii-escapes", "utf-8", "utf-16", "utf-32"])


def encoded(document: Any, encoding: str) -> bytes:
    if encoding == "ascii-escapes":
        return json.dumps(document).encode("ascii")
    # A client may send surrogates as raw UTF-8-style bytes (ED A0 80); the decoder takes them.
    return json.dumps(document, ensure_ascii=False).encode(encoding, "surrogatepass")


def all_text(document: Any) -> list[str]:
    if isinstance(document, str):
        return [document]
    if isinstance(document, list):
        return [text for item in document for text in all_text(item)]
    if isinstance(document, dict):
        return [*document, *(text for item in document.values() for text in all_text(item))]
    return []


@given(DOCUMENTS, ENCODINGS)
def test_every_json_body_with_a_refused_character_is_refused(document: Any, encoding: str) -> None:
    body = encoded(document, encoding)
    parsed = json.loads(body)  # as Starlette parses it, encoding detected
    request = Request(
        {
            "type": "http",
            "method": "POST",
            "path": "/things",
            "query_string": b"",
            "route": ROUTE,
            "path_params": {},
            "headers": [(b"content-type", b"application/json")],
        }
    )
    request._body, request._json = body, parsed  # what FastAPI has read and parsed
    refusable = not all(is_storable(text) for text in all_text(parsed))
    if refusable:
        with pytest.raises(RequestValidationError):
            asyncio.run(refuse_unstorable_input(request))
    else:
        asyncio.run(refuse_unstorable_input(request))
