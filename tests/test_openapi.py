"""The committed OpenAPI document is exactly what the code generates."""

from __future__ import annotations

from pathlib import Path

from app.cli.main import DEFAULT_OPENAPI_PATH
from tests.support.openapi import document, document_text


def test_committed_spec_matches_the_code() -> None:
    committed = Path(DEFAULT_OPENAPI_PATH).read_text(encoding="utf-8")
    assert committed == document_text(), "run `make openapi` and commit the result"


def test_every_operation_is_documented() -> None:
    spec = document()
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            where = f"{method.upper()} {path}"
            assert operation.get("tags"), f"{where} has no tag"
            assert operation.get("summary"), f"{where} has no summary"
            assert operation.get("description"), f"{where} has no description"


def test_database_faults_are_documented_where_they_can_happen() -> None:
    """503 on every operation that touches the database, 507 on every change, each with
    Retry-After (app/core/openapi_faults.py); the probes and public keys have neither."""
    spec = document()
    without_database = {"/healthz", "/metrics", "/.well-known/jwks.json"}
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            if path in without_database:
                assert "503" not in responses, path
                assert "507" not in responses, path
                continue
            assert "503" in responses, f"{method.upper()} {path} does not document 503"
            if path == "/readyz":
                continue
            assert "Retry-After" in responses["503"]["headers"], path
            assert ("507" in responses) == (method in {"post", "put", "patch", "delete"}), path


def test_operations_are_named_for_the_generated_client() -> None:
    """`<tag>.<action>` (app/core/operation_ids.py), unique: a generated client calls
    `blacklist.lookup`, not `lookup_v1_blacklist_lookup__credit_code__get`."""
    spec = document()
    seen: dict[str, str] = {}
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            where = f"{method.upper()} {path}"
            operation_id = operation["operationId"]
            group, _, action = operation_id.partition(".")
            assert group == operation["tags"][0].replace("-", "_"), where
            assert action.isidentifier(), f"{where}: {operation_id}"
            assert operation_id not in seen, f"{where} and {seen[operation_id]}: {operation_id}"
            seen[operation_id] = where
    assert spec["paths"]["/v1/blacklist/lookup/{credit_code}"]["get"]["operationId"] == (
        "blacklist.lookup"
    )


def test_every_schema_has_a_name_of_its_own() -> None:
    """Two models of one name make FastAPI qualify both with their modules
    (`app__identity__schemas__ClientOut`), which generators then drop or mangle."""
    spec = document()
    qualified = [name for name in spec["components"]["schemas"] if "__" in name]
    assert qualified == []


def test_every_constraint_is_written_in_json_schema_words() -> None:
    """pydantic writes a constraint it cannot place as a raw `ge`/`le` key, which no client
    reads (it happened to integers under a validator in a union): the contract would not
    say what the server enforces."""
    spec = document()
    raw = {"ge", "gt", "le", "lt", "min_length", "max_length", "max_digits", "decimal_places"}

    def misplaced(node: object, where: str) -> list[str]:
        if isinstance(node, dict):
            here = [f"{where}: {key}" for key in raw & node.keys() if where.count("/") > 2]
            return here + [p for k, v in node.items() for p in misplaced(v, f"{where}/{k}")]
        if isinstance(node, list):
            return [p for i, v in enumerate(node) for p in misplaced(v, f"{where}/{i}")]
        return []

    assert misplaced(spec["components"]["schemas"], "#/components/schemas") == []
