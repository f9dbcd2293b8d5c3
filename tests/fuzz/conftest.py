"""Fixtures of the fuzzing: one seeded world for the whole module, served by one client.

Building the world takes seconds (users, tokens, records of every kind), so it is built once
per module rather than per test; the tables are emptied after the module, as `client` does
after each test.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from tests.conftest import _empty_all_tables
from tests.fuzz.tenants import Tenants, build_tenants


@pytest.fixture(scope="module")
def fuzz_client(
    app: FastAPI, engine: Engine, seeded_rows: dict[str, set[str]]
) -> Iterator[TestClient]:
    settings = app.state.settings
    # Generated webhook URLs name random hosts; checking them would resolve each name, which
    # sends DNS queries out of a machine without a network (and waits for them). Accepting
    # any address skips resolution; nothing is delivered (the suite runs no worker).
    app.state.settings = settings.model_copy(update={"webhook_allow_private_networks": True})
    try:
        with TestClient(app, raise_server_exceptions=False) as client:
            yield client
    finally:
        app.state.settings = settings
        _empty_all_tables(engine, seeded_rows)


@pytest.fixture(scope="module")
def tenants(app: FastAPI, fuzz_client: TestClient, engine: Engine) -> Tenants:
    return build_tenants(app, fuzz_client, engine)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """The random-seed run's seed, so that any run can be repeated (docs/fuzzing.md)."""
    from tests.fuzz.test_contract_fuzz import RANDOM_EXAMPLES, RUN_SEED

    terminalreporter.write_line(
        f"contract fuzzing: random-seed run with ANXIN_FUZZ_SEED={RUN_SEED} "
        f"({RANDOM_EXAMPLES} example(s) per operation)"
    )
