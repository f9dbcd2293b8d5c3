"""Fuzzing from the contract: every operation of openapi/openapi.json, as every kind of
principal, with requests schemathesis generates from the operation's own schema.

Each answer goes through every check schemathesis has that judges one answer (`--checks
all` less the stateful ones, which need a sequence of calls): no server error; a documented
status, content type, headers and body; valid data accepted and invalid data refused (the
contract says what the server requires, issue 17); and no principal that may not see
enterprise A receives anything that identifies A (tests/fuzz/leaks.py). Path ids are drawn
from records that exist as well as generated, so the checks see real answers, not only 404s.
Strings a column cannot hold (NUL, lone surrogates) are drawn by tests/fuzz/hostile.py.

Two runs per operation: `ANXIN_FUZZ_EXAMPLES` (default 4) examples with a fixed seed, so a
run repeats exactly; then `ANXIN_FUZZ_RANDOM_EXAMPLES` (default 1) with a seed drawn for this
run, printed at the end of the session and in any failure (`ANXIN_FUZZ_SEED=<n>` repeats
it). docs/fuzzing.md has the longer run.
"""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st
from schemathesis import Case, GenerationMode
from schemathesis.checks import CHECKS, load_all_checks
from schemathesis.config import SchemathesisConfig
from schemathesis.core.parameters import ParameterLocation

from tests.fuzz.acceptance import valid_data_accepted
from tests.fuzz.hostile import spoil_one_string
from tests.fuzz.leaks import leaked_markers, markers_sent
from tests.fuzz.tenants import SEES_EVERY_ORGANIZATION, Tenants
from tests.fuzz.transport import send

CONTRACT_FILE = Path(__file__).resolve().parents[2] / "openapi" / "openapi.json"
CONTRACT: dict[str, Any] = json.loads(CONTRACT_FILE.read_text(encoding="utf-8"))
OPERATIONS = [
    (method.upper(), path) for path, methods in CONTRACT["paths"].items() for method in methods
]
EXAMPLES = int(os.environ.get("ANXIN_FUZZ_EXAMPLES", "4"))
RANDOM_EXAMPLES = int(os.environ.get("ANXIN_FUZZ_RANDOM_EXAMPLES", "1"))
RUN_SEED = int(os.environ.get("ANXIN_FUZZ_SEED") or secrets.randbits(32))
# These judge a sequence of calls (a deleted resource stays gone, one tenant's id under
# another's token…), which a single request cannot show; the tenancy they stand for is
# checked here by the leak check and by tests/security/test_cross_tenant.py.
STATEFUL_CHECKS = {
    "use_after_free",
    "ensure_resource_availability",
    "ignored_auth",
    "object_level_authorization",
}
load_all_checks()
# positive_data_acceptance, less the rules no schema can state (tests/fuzz/acceptance.py).
REPLACED_CHECKS = {"positive_data_acceptance"}
CHECKS_RUN = [
    *(
        check
        for check in CHECKS.get_all()
        if check.__name__ not in STATEFUL_CHECKS | REPLACED_CHECKS
    ),
    valid_data_accepted,
]
FUZZ_CONFIG = SchemathesisConfig.from_dict(
    {
        # Positive cases must be valid for the server too: NUL is refused by design (422),
        # so it is drawn apart, by tests/fuzz/hostile.py, and expected to be refused.
        "generation": {"allow-x00": False},
        "checks": {
            # 412: a well-formed If-Match that names no current version is a state
            # conflict, like 409, not invalid data.
            "positive_data_acceptance": {
                "expected-statuses": ["2xx", "3xx", "401", "403", "404", "409", "412", "429"]
            }
        },
    }
)


@pytest.fixture(scope="module")
def contract() -> schemathesis.BaseSchema:
    return schemathesis.openapi.from_dict(CONTRACT, config=FUZZ_CONFIG)


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
    answer with real bodies, A's probe the tenant boundary; a generated id stays possible.
    A path made invalid on purpose (a negative case) is left as it is."""
    if _negated(case, ParameterLocation.PATH):
        return
    for name in list(case.path_parameters or {}):
        known = tenants.values_for(case.operation.path, name)
        if known:
            chosen = data.draw(st.sampled_from([*known, None]), label=name)
            if chosen is not None:
                case.path_parameters[name] = chosen


def _judged(
    tenants: Tenants,
    fuzz_client: TestClient,
    case: Case,
    judge: Callable[[Case, httpx.Response, str], None],
) -> None:
    """Send `case` as every principal; `judge` each answer and look for A's data in it."""
    for principal, headers in tenants.headers.items():
        response = send(fuzz_client, case, headers)
        try:
            judge(case, response, principal)
        except Exception as failure:
            failure.add_note(f"principal: {principal}; run seed: ANXIN_FUZZ_SEED={RUN_SEED}")
            raise
        if principal not in SEES_EVERY_ORGANIZATION:
            sent_before = frozenset(tenants.sent_by.setdefault(principal, set()))
            leaked = leaked_markers(response, tenants.markers_of_a, sent_before)
            tenants.sent_by[principal] |= markers_sent(response, tenants.markers_of_a)
            assert not leaked, (
                f"{principal} {case.method} {response.request.url} → "
                f"{response.status_code} carries enterprise A's {sorted(leaked)}"
            )


def _negated(case: Case, location: ParameterLocation) -> bool:
    component = case.meta.components.get(location) if case.meta else None
    return component is not None and component.mode.is_negative


def _keeps_the_contract(case: Case, response: httpx.Response, principal: str) -> None:
    checks = CHECKS_RUN
    if principal != "anonymous" and _negated(case, ParameterLocation.HEADER):
        # The negation may be the Authorization header, which the principal's own replaces:
        # what is sent is then valid, and the answer says nothing about invalid data.
        checks = [check for check in CHECKS_RUN if check.__name__ != "negative_data_rejection"]
    case.validate_response(response, checks=checks)


def _refuses_the_string(field: str) -> Callable[[Case, httpx.Response, str], None]:
    """A refusal, documented: never a 2xx, never a 5xx, a status the operation lists, as a
    problem. (schemathesis's own checks would re-validate the spoiled case against the
    schema, and its JSON encoder cannot hold a lone surrogate.)"""

    def judge(case: Case, response: httpx.Response, principal: str) -> None:
        status = response.status_code
        assert status < 500, f"{field}: {status} {response.text}"
        assert not 200 <= status < 300, f"{field} was accepted: {response.text}"
        assert str(status) in case.operation.definition.raw["responses"], (field, status)
        assert response.headers["content-type"] == "application/problem+json", field

    return judge


RUNS = {
    "fixed-seed": {"max_examples": EXAMPLES, "derandomize": True},
    "random-seed": {"max_examples": RANDOM_EXAMPLES, "derandomize": False},
}


@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
@pytest.mark.parametrize("run", list(RUNS))
def test_operation_keeps_its_contract_for_every_principal(
    contract: schemathesis.BaseSchema,
    tenants: Tenants,
    fuzz_client: TestClient,
    method: str,
    path: str,
    run: str,
) -> None:
    operation = contract[path][method]
    strategy = cases(operation)

    @settings(
        **RUNS[run],
        database=None,
        deadline=None,
        phases=(Phase.explicit, Phase.generate, Phase.shrink),
        suppress_health_check=list(HealthCheck),
    )
    @seed(RUN_SEED)
    @given(data=st.data())
    def answers_keep_the_contract(data: st.DataObject) -> None:
        case = data.draw(strategy, label="case")
        with_known_ids(case, tenants, data)
        spoiled = data.draw(st.booleans(), label="spoil a string")
        field = spoil_one_string(case, data) if spoiled else None
        judge = _keeps_the_contract if field is None else _refuses_the_string(field)
        _judged(tenants, fuzz_client, case, judge)

    answers_keep_the_contract()
