"""Workplace hazard tests: detections (职业病危害因素检测) and current-status evaluations
(职业病危害现状评价) by a service organisation (职业病防治法 art. 26): life cycle, history,
validation, filters, import with Chinese headers, tenancy and the as-of cut."""

from __future__ import annotations

from collections import namedtuple
from datetime import date
from typing import Any

from app.compliance import as_of
from tests.support.still_clock import day, still_clock  # noqa: F401 (autouse)
from tests.support.world import World


def _base(world: World, enterprise: str = "enterprise_a") -> str:
    return f"/v1/enterprises/{world.ids[enterprise]}/workplace-hazard-tests"


def detection(**overrides: Any) -> dict[str, Any]:
    return {
        "tested_on": day(-100),
        "test_type": "detection",
        "factors": ["noise", "dust"],
        "organisation": "河南省职业病防治研究院",
        "exceeded_limits": False,
        "report_number": "ZJC-2026-0418",
        "notes": "共检测12个点位",
        **overrides,
    }


def _rejected(response: Any, field: str, code: str) -> None:
    assert response.status_code == 422, (field, response.text)
    assert response.headers["content-type"] == "application/problem+json"
    error = response.json()["errors"][0]
    assert (error["field"], error["code"]) == (field, code), response.text


def test_life_cycle(world: World) -> None:
    headers = world["a_editor"].headers
    created = world.client.post(_base(world), json=detection(), headers=headers)
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["id"].startswith("wht_")
    assert (body["test_type"], body["factors"], body["exceeded_limits"]) == (
        "detection",
        ["noise", "dust"],
        False,
    )
    location = created.headers["location"]
    assert world.client.get(location, headers=world["a_viewer"].headers).json() == body

    changed = world.client.patch(
        location,
        json={"exceeded_limits": True, "factors": ["noise", "noise", "benzene"]},
        headers={**headers, "If-Match": created.headers["etag"]},
    )
    assert changed.status_code == 200, changed.text
    assert (changed.json()["exceeded_limits"], changed.json()["factors"]) == (
        True,
        ["noise", "benzene"],
    )
    deleted = world.client.delete(
        location, headers={**headers, "If-Match": changed.headers["etag"]}
    )
    assert deleted.status_code == 204
    history = world.client.get(f"{location}/history", headers=headers).json()["data"]
    assert [e["action"] for e in history] == ["create", "update", "delete"]
    assert history[0]["data"]["factors"] == ["noise", "dust"]
    assert history[1]["data"]["exceeded_limits"] is True
    events = world.client.get(
        "/v1/audit-events", params={"resource_id": body["id"]}, headers=world["a_admin"].headers
    ).json()["data"]
    assert sorted(e["action"] for e in events) == [
        "workplace_hazard_test.create",
        "workplace_hazard_test.delete",
        "workplace_hazard_test.update",
    ]


def test_validation(world: World) -> None:
    headers = world["a_editor"].headers
    cases = [
        (detection(test_type="monitoring"), "body.test_type", "enum"),
        (detection(factors=[]), "body.factors", "too_short"),
        (detection(factors=["radon"]), "body.factors.0", "enum"),
        (detection(organisation=" "), "body.organisation", "string_too_short"),
        (detection(organisation=None), "body.organisation", "string_type"),
        (detection(exceeded_limits="yes"), "body.exceeded_limits", "bool_type"),
        (detection(tested_on=day(1)), "body.tested_on", "in_future"),
        (detection(tested_on="2026-02-30"), "body.tested_on", "date_from_datetime_parsing"),
        (detection(result="ok"), "body.result", "extra_forbidden"),
    ]
    for body, field, code in cases:
        _rejected(world.client.post(_base(world), json=body, headers=headers), field, code)
    assert world.client.get(_base(world), headers=headers).json()["data"] == []
    # The flag and the number are optional.
    bare = detection(exceeded_limits=None, report_number=None, notes=None)
    assert world.client.post(_base(world), json=bare, headers=headers).status_code == 201


def test_filters(world: World) -> None:
    headers = world["a_editor"].headers
    for body in (
        detection(tested_on=day(-800), factors=["lead"], exceeded_limits=True),
        detection(tested_on=day(-400), test_type="status_evaluation", exceeded_limits=None),
        detection(tested_on=day(-30)),
    ):
        assert world.client.post(_base(world), json=body, headers=headers).status_code == 201

    def found(**params: str) -> list[str]:
        response = world.client.get(_base(world), params=params, headers=headers)
        assert response.status_code == 200, response.text
        return sorted(t["tested_on"] for t in response.json()["data"])

    assert len(found()) == 3
    assert found(test_type="status_evaluation") == [day(-400)]
    assert found(factor="lead") == [day(-800)]
    assert found(factor="dust") == [day(-400), day(-30)]
    assert found(exceeded_limits="true") == [day(-800)]
    assert found(exceeded_limits="false") == [day(-30)]
    assert found(tested_from=day(-500), tested_to=day(-31)) == [day(-400)]
    for params in ({"test_type": "x"}, {"factor": "radon"}, {"tested_from": "2026-13-01"}):
        refused = world.client.get(_base(world), params=params, headers=headers)
        assert refused.status_code == 422, params
        assert refused.headers["content-type"] == "application/problem+json"


def test_import_with_chinese_headers(world: World) -> None:
    headers = world["a_editor"].headers
    content = (
        "检测日期,类别,危害因素,技术服务机构,是否超标,报告编号,备注\n"
        "2025-04-20,detection,noise、dust,河南省职业病防治研究院,否,ZJC-1,\n"
        "2024-05-10,status_evaluation,benzene,郑州市职业病防治院,是,,现状评价\n"
    ).encode()
    uploaded = world.client.post(
        f"/v1/enterprises/{world.ids['enterprise_a']}/imports",
        files={"file": ("tests.csv", content)},
        data={"kind": "workplace-hazard-tests"},
        headers=headers,
    )
    assert uploaded.status_code == 202, uploaded.text
    result = world.client.get(uploaded.headers["location"], headers=headers).json()
    assert result["status"] == "succeeded", result["errors"]
    listed = world.client.get(_base(world), headers=headers).json()["data"]
    assert sorted((t["test_type"], t["factors"], t["exceeded_limits"]) for t in listed) == [
        ("detection", ["noise", "dust"], False),
        ("status_evaluation", ["benzene"], True),
    ]

    wrong = content.replace(b"benzene", b"radon")
    refused = world.client.post(
        f"/v1/enterprises/{world.ids['enterprise_a']}/imports",
        files={"file": ("tests.csv", wrong)},
        data={"kind": "workplace-hazard-tests"},
        headers=headers,
    )
    result = world.client.get(refused.headers["location"], headers=headers).json()
    assert result["status"] == "invalid"
    assert [(e["row"], e["column"]) for e in result["errors"]] == [(3, "factors")]


def test_viewers_and_other_tenants_cannot_write_or_read(world: World) -> None:
    viewer = world["a_viewer"].headers
    assert world.client.post(_base(world), json=detection(), headers=viewer).status_code == 403
    created = world.client.post(_base(world), json=detection(), headers=world["a_editor"].headers)
    location = created.headers["location"]
    with_etag = {**viewer, "If-Match": created.headers["etag"]}
    assert world.client.patch(location, json={"notes": "x"}, headers=with_etag).status_code == 403
    assert world.client.delete(location, headers=with_etag).status_code == 403

    other = world["b_admin"].headers
    assert world.client.get(location, headers=other).status_code == 404
    assert world.client.get(f"{location}/history", headers=other).status_code == 404
    foreign = {**other, "If-Match": created.headers["etag"]}
    assert world.client.patch(location, json={"notes": "x"}, headers=foreign).status_code == 404
    assert world.client.delete(location, headers=foreign).status_code == 404
    assert world.client.get(_base(world), headers=other).status_code in (403, 404)
    # B's own list holds none of A's tests.
    own = world.client.get(_base(world, "enterprise_b"), headers=other)
    assert own.status_code == 200
    assert own.json()["data"] == []
    assert world.client.get(location, headers=viewer).json()["version"] == 1


def test_as_of_a_test_after_d_has_not_happened() -> None:
    row = namedtuple("row", "id tested_on")
    done, later = row("wht_1", date(2025, 4, 1)), row("wht_2", date(2025, 6, 2))
    assert as_of.cut("workplace_hazard_tests", [done, later], date(2025, 6, 1)) == [done]
    assert as_of.next_event("workplace_hazard_tests", [done, later], date(2025, 6, 1)) == date(
        2025, 6, 2
    )
