"""Controls of the contract fuzzing: its principals are who they should be, its known ids
reach real records, and its cross-tenant check does see A's data where A's data is shown.

Without these, a fuzzing run where every request answered 401 or 404, or where the markers
of A could never match, would pass and prove nothing.
"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.fuzz.leaks import leaked_markers
from tests.fuzz.tenants import PRINCIPALS, Tenants

KINDS = {
    "platform_admin": "platform",
    "regulator": "regulator",
    "enterprise_admin": "enterprise",
    "institution_client": "institution",
    "service_firm": "service_firm",
}


@pytest.mark.parametrize("principal", list(PRINCIPALS))
def test_each_principal_is_signed_in_as_its_kind(
    tenants: Tenants, fuzz_client: TestClient, principal: str
) -> None:
    response = fuzz_client.get("/v1/me", headers=tenants.headers[principal])
    if principal == "anonymous":
        assert response.status_code == 401
        return
    assert response.status_code == 200, response.text
    assert response.json()["organization"]["kind"] == KINDS[principal]


def test_known_ids_reach_real_records_for_the_principals(
    tenants: Tenants, fuzz_client: TestClient
) -> None:
    """One read per principal on an id of the pools: answered with the record, not 404."""
    values = tenants.path_values
    b = values["enterprise_id"][0]
    reads = {
        "anonymous": "/v1/regions/410108100",
        "platform_admin": f"/v1/organizations/{values['organization_id'][1]}/users",
        "regulator": f"/v1/enterprises/{b}/people/{tenants.record_ids['people'][0]}",
        "enterprise_admin": f"/v1/enterprises/{b}/health-exams/"
        f"{tenants.record_ids['health-exams'][0]}",
        "institution_client": f"/v1/blacklist/lookup/{values['credit_code'][0]}",
        "service_firm": f"/v1/contracts/{values['contract_id'][0]}",
    }
    assert reads.keys() == PRINCIPALS.keys()
    for principal, url in reads.items():
        response = fuzz_client.get(url, headers=tenants.headers[principal])
        assert response.status_code == 200, f"{principal} {url}: {response.text}"


def test_the_leak_check_finds_a_in_what_a_may_see(
    tenants: Tenants, fuzz_client: TestClient
) -> None:
    """A's own admin, reading A's profile and A's person, is shown A's markers: the check
    would catch them in anyone else's answer."""
    a = tenants.path_values["enterprise_id"][1]
    admin = tenants.world["a_admin"].headers
    profile = fuzz_client.get(f"/v1/enterprises/{a}", headers=admin)
    person_id = tenants.record_ids["people"][1]
    person = fuzz_client.get(f"/v1/enterprises/{a}/people/{person_id}", headers=admin)
    assert profile.status_code == person.status_code == 200
    # The ids are in the requests, so they are not counted; the names and the code are.
    assert {"郑州甲机械有限公司", "欧阳守拙"} <= leaked_markers(profile, tenants.markers_of_a)
    assert "司马安然" in leaked_markers(person, tenants.markers_of_a)


def test_an_outsider_asking_for_a_by_id_is_told_nothing_more(
    tenants: Tenants, fuzz_client: TestClient
) -> None:
    """The regulator of another town asks for A by id: 404, and the problem echoes only the
    id it was given (which the check does not count)."""
    a = tenants.path_values["enterprise_id"][1]
    response = fuzz_client.get(f"/v1/enterprises/{a}", headers=tenants.headers["regulator"])
    assert response.status_code == 404
    assert a in response.text  # the problem's `instance`
    assert leaked_markers(response, tenants.markers_of_a) == set()
