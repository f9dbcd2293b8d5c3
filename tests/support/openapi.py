"""The API document, built once per test session: building it takes seconds (every route's
schemas and problems), and a dozen tests read it without changing the app."""

from __future__ import annotations

import functools
import json
from typing import Any

from app.cli.main import openapi_document


@functools.cache
def document_text() -> str:
    """The document as `anxin openapi` writes it."""
    return openapi_document()


def document() -> dict[str, Any]:
    """A fresh parse of it, which a test may change freely."""
    parsed: dict[str, Any] = json.loads(document_text())
    return parsed
