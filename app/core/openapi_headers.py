"""Header parameters in the OpenAPI document: text, or absent; never `null`.

FastAPI documents an optional header (`str | None`) as a string or null. A header has no
null: a client that believed it would send the text `null` (schemathesis did, as a valid
`If-Match`), which the header's pattern then refuses.
"""

from __future__ import annotations

from typing import Any

from app.core.validators.json_types import without_null


def document_headers_as_text(schema: dict[str, Any]) -> dict[str, Any]:
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "header":
                    parameter["schema"] = without_null(parameter["schema"])
    return schema
