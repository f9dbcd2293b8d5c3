"""The committed OpenAPI document is exactly what the code generates."""

from __future__ import annotations

import json
from pathlib import Path

from app.cli.main import DEFAULT_OPENAPI_PATH, openapi_document


def test_committed_spec_matches_the_code() -> None:
    committed = Path(DEFAULT_OPENAPI_PATH).read_text(encoding="utf-8")
    assert committed == openapi_document(), "run `make openapi` and commit the result"


def test_every_operation_is_documented() -> None:
    spec = json.loads(openapi_document())
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            where = f"{method.upper()} {path}"
            assert operation.get("tags"), f"{where} has no tag"
            assert operation.get("summary"), f"{where} has no summary"
            assert operation.get("description"), f"{where} has no description"
