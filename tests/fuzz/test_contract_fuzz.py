"""Fuzzing from the contract: every operation of openapi/openapi.json, as every kind of
principal, with requests schemathesis generates from the operation's own schema.

Each answer must be no server error, a documented status with its documented content type,
headers and body schema; and no principal that may not see enterprise A may receive anything
that identifies A (tests/fuzz/leaks.py). Path ids are drawn from records that exist (the
principals' own and A's) as well as generated, so the checks see real answers, not only 404s.

CI runs `ANXIN_FUZZ_EXAMPLES` (default 4) examples per operation, each sent as all six
principals, with a fixed seed so a run repeats exactly; docs/fuzzing.md has the longer run.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import Case, GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.fuzz.leaks import leaked_markers, markers_sent
from tests.fuzz.tenants import SEES_EVERY_ORGANIZATION, Tenants
from tests.fuzz.transport import send

CONTRACT_FILE = Path(__file__).resolve().parents[2] / "openapi" / "openapi.json"
CONTRACT: dict[str, Any] = json.loads(CONTRACT_FILE.read_text(encoding="utf-8"))
OPERATIONS = [
    (method.upper(), path) for path, methods in CONTRACT["paths"].items() for method in methods
]
EXAMPLES = int(os.environ.get("ANXIN_FUZZ_EXAMPLES", "4"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


@pytest.fixture(scope="module")
def contract() -> schemathesis.BaseSchema:
    return schemathesis.openapi.from_dict(CONTRACT)


def cases(operation: schemathesis.APIOperation) -> st.SearchStrategy[Case]:
    """The documented examples first (the first branch is Hypothesis's simplest choice, which
    it tries early: valid requests that create and update), then valid and invalid
    generated data."""
    return st.one_of(
        *operation.get_strategies_from_examples(),
        operation.as_strategy(GenerationMode.POSITIVE),
        operation.as_strategy(GenerationMode.NEGATIVE),
    )


def with_known_ids(case: Case, tenants: Tenants, data: st.DataObject) -> None:
    """Replace generated path ids by ids that exist, mostly: the principals' own records
    answer with real bodies, A's probe the tenant boundary; a generated id stays possible."""
    for name in list(case.path_parameters or {}):
        known = tenants.values_for(case.operation.path, name)
        if known:
            chosen = data.draw(st.sampled_from([*known, None]), label=name)
            if chosen is not None:
                case.path_parameters[name] = chosen


@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_operation_keeps_its_contract_for_every_principal(
    contract: schemathesis.BaseSchema,
    tenants: Tenants,
    fuzz_client: TestClient,
    method: str,
    path: str,
) -> None:
    operation = contract[path][method]
    strategy = cases(operation)

    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        database=None,
        deadline=None,
        phases=(Phase.explicit, Phase.generate, Phase.shrink),
        suppress_health_check=list(HealthCheck),
    )
    @given(data=st.data())
    def answers_keep_the_contract(data: st.DataObject) -> None:
        case = data.draw(strategy, label="case")
        with_known_ids(case, tenants, data)
        for principal, headers in tenants.headers.items():
            response = send(fuzz_client, case, headers)
            try:
                case.validate_response(response, checks=CHECKS)
            except Exception as failure:
                failure.add_note(f"principal: {principal}")
                raise
            if principal not in SEES_EVERY_ORGANIZATION:
                sent_before = frozenset(tenants.sent_by.setdefault(principal, set()))
                leaked = leaked_markers(response, tenants.markers_of_a, sent_before)
                tenants.sent_by[principal] |= markers_sent(response, tenants.markers_of_a)
                assert not leaked, (
                    f"{principal} {case.method} {response.request.url} → "
                    f"{response.status_code} carries enterprise A's {sorted(leaked)}"
                )

    answers_keep_the_contract()
