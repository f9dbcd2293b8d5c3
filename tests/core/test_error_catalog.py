"""The error catalogue is honest (decision 86): every problem raised in app/ is a declared
error, codes are unique, the answered `type` is the declared URI, the OpenAPI document names
only declared problems, and docs/api.md lists the catalogue as the code declares it."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.cli import errors_doc
from app.cli.main import DEFAULT_API_DOC_PATH
from app.core.error_catalog import (
    DuplicateErrorCode,
    ErrorDomain,
    ErrorType,
    RetryableErrorType,
)
from app.core.errors import NOT_FOUND, PROBLEM_TYPE_BASE, install_error_handlers
from app.core.problem import Problem
from tests.support.openapi import document

APP = Path(__file__).resolve().parents[2] / "app"
# The one place that builds a problem from a declaration, and the handlers' fallback.
BUILDERS = {APP / "core" / "error_catalog.py", APP / "core" / "errors.py"}


def _problem_classes() -> set[str]:
    names: set[str] = set()
    todo: list[type[Problem]] = [Problem]
    while todo:
        cls = todo.pop()
        names.add(cls.__name__)
        todo.extend(cls.__subclasses__())
    return names | {"problem_response"}


def _direct_raises(path: Path, names: set[str]) -> Iterator[tuple[int, str | None]]:
    """Each call that builds a problem without a declaration: its line and inline code (None
    when the class's default code would be answered)."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
        if name not in names:
            continue
        code = next((k.value for k in node.keywords if k.arg == "code"), None)
        if isinstance(code, ast.Constant):
            yield node.lineno, str(code.value)
        elif code is not None:
            yield node.lineno, ast.unparse(code)
        else:
            yield node.lineno, None


def test_every_problem_raised_in_app_is_a_declared_error() -> None:
    names = _problem_classes()
    inline = [
        f"{path.relative_to(APP.parent)}:{line} ({code or 'class default'})"
        for path in sorted(APP.rglob("*.py"))
        if path not in BUILDERS
        for line, code in _direct_raises(path, names)
    ]
    assert inline == [], "declare these in the package's errors.py and raise `ERROR.problem()`"


def test_the_builders_raise_no_inline_code_outside_their_fallback() -> None:
    """errors.py answers a declared error's code or a raised problem's, and an inline one only
    for a status the framework is not known to raise (`http_<status>`)."""
    sites = list(_direct_raises(APP / "core" / "errors.py", _problem_classes()))
    assert {code for _, code in sites} == {"error.code", "exc.code", "f'http_{status}'"}


def test_codes_are_unique_and_well_formed() -> None:
    catalogue = errors_doc.load_catalogue()
    codes = [error.code for error in catalogue]
    assert len(codes) == len(set(codes))
    assert {"not_found", "validation_failed", "missing_capability", "email_taken"} <= set(codes)
    for error in catalogue:
        assert error.code.isidentifier(), error.code
        assert error.code.islower(), error.code
        assert 400 <= error.status < 600, error.code
        assert error.title, error.code
        assert error.description.endswith("."), error.code
        assert "\n" not in error.description, error.code
        if error.status in (429, 503, 507):
            assert isinstance(error, RetryableErrorType), f"{error.code} must say Retry-After"


def test_a_code_cannot_be_declared_twice() -> None:
    elsewhere = ErrorDomain("elsewhere")
    with pytest.raises(DuplicateErrorCode, match="not_found"):
        elsewhere.error(404, "not_found", "Missing", "Declared again by another package.")
    # Declaring the same thing again (a module reloaded) is no clash.
    assert (
        ErrorDomain("core").error(
            NOT_FOUND.status, NOT_FOUND.code, NOT_FOUND.title, NOT_FOUND.description
        )
        == NOT_FOUND
    )


def test_every_declared_error_answers_its_declared_type() -> None:
    """The body a raised declaration becomes: its `type` is PROBLEM_TYPE_BASE + code, with
    the declared status, code and title (and Retry-After or a challenge where due)."""
    catalogue = errors_doc.load_catalogue()
    app = FastAPI()
    install_error_handlers(app)
    by_code = {error.code: error for error in catalogue}

    @app.get("/raise/{code}")
    def raise_it(code: str) -> None:
        error: ErrorType = by_code[code]
        if isinstance(error, RetryableErrorType):
            raise error.problem("Because.", retry_after=7)
        raise error.problem("Because.")

    client = TestClient(app)
    for error in catalogue:
        response = client.get(f"/raise/{error.code}")
        body = response.json()
        assert response.status_code == error.status, error.code
        assert body["type"] == error.type_uri == PROBLEM_TYPE_BASE + error.code
        assert (body["code"], body["title"]) == (error.code, error.title)
        assert body["detail"] == "Because."
        assert response.headers["content-type"] == "application/problem+json"
        if isinstance(error, RetryableErrorType):
            assert response.headers["retry-after"] == "7", error.code
        if error.status == 401:
            assert response.headers["www-authenticate"].startswith('Bearer realm="anxin"')


def test_the_openapi_document_names_only_declared_problems() -> None:
    """Per status, `x-problems` lists code, type and title of declared errors, and each is
    an example of the problem body too (what Swagger UI shows)."""
    declared = {error.code: error for error in errors_doc.load_catalogue()}
    spec = document()
    listed: set[str] = set()
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            for status, response in operation["responses"].items():
                for problem in response.get("x-problems", []):
                    error = declared.get(problem["code"])
                    where = f"{method.upper()} {path} {status}"
                    assert error is not None, f"{where}: {problem['code']} is not declared"
                    assert problem == {
                        "code": error.code,
                        "type": error.type_uri,
                        "title": error.title,
                    }, where
                    assert str(error.status) == status, where
                    examples = response["content"]["application/problem+json"]["examples"]
                    reference = examples[error.code]["$ref"].rpartition("/")[2]
                    example = spec["components"]["examples"][reference]["value"]
                    assert (example["type"], example["code"]) == (error.type_uri, error.code)
                    listed.add(error.code)
    # The operations of each package name their own problems.
    assert {
        "email_taken",
        "credit_code_taken",
        "watchlist_full",
        "delivery_pending",
        "four_eyes",
        "unknown_dataset_version",
        "contract_active",
        "enterprise_only",
        "unknown_rule",
        "rate_limited",
        "invalid_record",
        "import_in_progress",
        "five_fields_missing",
        "not_signed",
    } <= listed


def test_docs_api_lists_the_catalogue_as_declared() -> None:
    page = Path(DEFAULT_API_DOC_PATH).read_text(encoding="utf-8")
    assert page == errors_doc.render(page), "run `anxin errors-doc`"
    for error in errors_doc.load_catalogue():
        assert f"[`{error.code}`]({error.type_uri})" in page


# Declared errors no operation lists, each for a reason: they are answered by the layers
# around every operation rather than by any one of them.
NOT_PER_OPERATION = {
    "internal_error": "a bug's 500, never planned",
    "method_not_allowed": "routing's 405, before any operation",
    "malformed_request": "the HTTP server's 400 for bytes that are not HTTP",
    "idempotency_key_in_use": "any POST with an Idempotency-Key (docs/api.md)",
    "idempotency_key_reused": "any POST with an Idempotency-Key (docs/api.md)",
    # XLSX refusals: registry imports report them by row in the import's report; no upload
    # route answers them as its own problem.
    "too_many_parts": "in an import's report",
    "unpacked_too_large": "in an import's report",
    "unreadable_file": "in an import's report",
    "xml_too_complex": "in an import's report",
}


def test_every_declared_error_is_named_by_an_operation_or_says_why_not() -> None:
    spec = document()
    listed = {
        problem["code"]
        for operations in spec["paths"].values()
        for operation in operations.values()
        for response in operation["responses"].values()
        for problem in response.get("x-problems", [])
    }
    declared = {error.code for error in errors_doc.load_catalogue()}
    assert declared - listed == set(NOT_PER_OPERATION)
