"""A service firm imports for its client the kinds its contract covers, as it writes them."""

from __future__ import annotations

from tests.contracts.support import TRAINING, accepted, url
from tests.support.world import World

SESSIONS = (
    "培训类别,培训名称,开始日期,结束日期,学时\n"
    "annual,2025年度全员安全生产再培训,2025-03-10,2025-03-11,16\n"
).encode()
EXAMS = "身份证号,检查类别,检查日期,检查结论\n410108198001010011,periodic,2025-03-10,normal\n"


def test_a_firm_imports_within_its_contract_only(world: World) -> None:
    accepted(world, TRAINING)
    allowed = world.client.post(
        url(world, "imports"),
        files={"file": ("sessions.csv", SESSIONS)},
        data={"kind": "training-sessions"},
        headers=world["firm_admin"].headers,
    )
    assert allowed.status_code == 202, allowed.text
    result = world.client.get(
        allowed.headers["location"], headers=world["firm_admin"].headers
    ).json()
    assert result["status"] == "succeeded", result["errors"]

    refused = world.client.post(
        url(world, "imports"),
        files={"file": ("exams.csv", EXAMS.encode())},
        data={"kind": "health-exams"},
        headers=world["firm_admin"].headers,
    )
    assert refused.status_code == 403, refused.text
    assert refused.json()["code"] == "outside_contract_scope"
    # Nothing was recorded for the refused upload: only the allowed import is listed.
    listed = world.client.get(url(world, "imports"), headers=world["a_admin"].headers).json()
    assert [i["kind"] for i in listed["data"]] == ["training-sessions"]


def test_a_firm_without_a_contract_does_not_find_the_enterprise(world: World) -> None:
    response = world.client.post(
        url(world, "imports"),
        files={"file": ("sessions.csv", SESSIONS)},
        data={"kind": "training-sessions"},
        headers=world["firm_admin"].headers,
    )
    assert response.status_code == 404, response.text
