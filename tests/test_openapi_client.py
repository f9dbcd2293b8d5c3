"""A client generated from the contract, as an integrator would generate it, is complete.

openapi-python-client drops whatever it cannot resolve (before, the response models of three
operations, because two schemas were both called `ClientOut`) and says so only in warnings:
the generation here fails on any warning, and the generated code is imported and used.
"""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from app.cli.main import DEFAULT_OPENAPI_PATH

GENERATOR = Path(sys.executable).with_name("openapi-python-client")
PACKAGE = "anxin_generated_client"


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    out = tmp_path_factory.mktemp("client")
    result = subprocess.run(
        [
            str(GENERATOR),
            "generate",
            "--path",
            str(DEFAULT_OPENAPI_PATH),
            "--output-path",
            str(out / PACKAGE),
            "--meta",
            "none",
            "--fail-on-warning",
        ],
        capture_output=True,
        text=True,
        # Its post-generation hooks run ruff, which lies beside our interpreter.
        env={**os.environ, "PATH": f"{GENERATOR.parent}{os.pathsep}{os.environ['PATH']}"},
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    sys.path.insert(0, str(out))
    try:
        yield importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(out))
        for name in [m for m in sys.modules if m.split(".")[0] == PACKAGE]:
            del sys.modules[name]


def test_every_operation_becomes_a_function_named_for_it(generated: ModuleType) -> None:
    lookup = importlib.import_module(f"{PACKAGE}.api.blacklist.blacklist_lookup")
    assert callable(lookup.sync_detailed)
    people = importlib.import_module(f"{PACKAGE}.api.people.people_create")
    assert callable(people.sync)


def test_both_client_schemas_keep_their_models(generated: ModuleType) -> None:
    """The organization's machine clients and the service firm's client enterprises: two
    models, each with its own page, none dropped."""
    models = importlib.import_module(f"{PACKAGE}.models")
    for name in (
        "MachineClientOut",
        "ClientEnterpriseOut",
        "PageMachineClientOut",
        "PageClientEnterpriseOut",
    ):
        assert hasattr(models, name), name
    list_clients = importlib.import_module(f"{PACKAGE}.api.contracts.contracts_list_clients")
    # A parsed response, not `Any`: the operation kept its response model.
    assert "PageClientEnterpriseOut" in Path(list_clients.__file__).read_text(encoding="utf-8")
