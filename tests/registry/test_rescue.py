"""Rescue arrangements: a rescue team, designated rescuers or an agreement with a professional
team (安全生产法 art. 82, 河南省安全生产条例 art. 50, 生产安全事故应急条例 art. 10)."""

from __future__ import annotations

from typing import Any

from tests.support.still_clock import day, still_clock  # noqa: F401 (autouse)
from tests.support.world import World


def _base(world: World, enterprise: str = "enterprise_a") -> str:
    return f"/v1/enterprises/{world.ids[enterprise]}/rescue-arrangements"


def team(**overrides: Any) -> dict[str, Any]:
    return {
        "form": "own_team",
        "team_name": "甲公司应急救援队",
        "starts_on": day(-400),
        "rescuer_count": 12,
        "notes": "队员均经应急救援培训合格",
        **overrides,
    }


def designated(**overrides: Any) -> dict[str, Any]:
    return {"form": "designated_rescuers", "starts_on": day(-200), "rescuer_count": 3, **overrides}


def agreement(**overrides: Any) -> dict[str, Any]:
    return {
        "form": "agreement",
        "team_name": "郑州市惠济区专职消防救援队",
        "agreement_number": "惠应救协〔2026〕07号",
        "starts_on": day(-100),
        "ends_on": day(265),
        **overrides,
    }


def _rejected(response: Any, field: str, code: str) -> None:
    assert response.status_code == 422, (field, response.text)
    assert response.headers["content-type"] == "application/problem+json"
    error = response.json()["errors"][0]
    assert (error["field"], error["code"]) == (field, code), response.text


def test_life_cycle(world: World) -> None:
    headers = world["a_editor"].headers
    created = world.client.post(_base(world), json=team(), headers=headers)
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["id"].startswith("rsc_")
    assert body["active"] is True
    assert (body["form"], body["rescuer_count"], body["ends_on"]) == ("own_team", 12, None)
    location = created.headers["location"]
    assert location == f"{_base(world)}/{body['id']}"
    fetched = world.client.get(location, headers=world["a_viewer"].headers)
    assert fetched.json() == body
    assert fetched.headers["etag"] == created.headers["etag"]

    ended = world.client.patch(
        location,
        json={"ends_on": day(-1), "rescuer_count": 10},
        headers={**headers, "If-Match": created.headers["etag"]},
    )
    assert ended.status_code == 200, ended.text
    assert (ended.json()["active"], ended.json()["rescuer_count"]) == (False, 10)
    stale = world.client.patch(
        location, json={"notes": "x"}, headers={**headers, "If-Match": created.headers["etag"]}
    )
    assert stale.status_code == 412

    deleted = world.client.delete(location, headers={**headers, "If-Match": ended.headers["etag"]})
    assert deleted.status_code == 204
    assert world.client.get(location, headers=headers).status_code == 404
    history = world.client.get(f"{location}/history", headers=headers).json()["data"]
    assert [e["action"] for e in history] == ["create", "update", "delete"]
    assert history[0]["data"]["ends_on"] is None
    assert history[1]["data"]["ends_on"] == day(-1)
    assert history[2]["data"]["deleted"] is True
    events = world.client.get(
        "/v1/audit-events", params={"resource_id": body["id"]}, headers=world["a_admin"].headers
    ).json()["data"]
    assert sorted(e["action"] for e in events) == [
        "rescue_arrangement.create",
        "rescue_arrangement.delete",
        "rescue_arrangement.update",
    ]


def test_an_agreement_beside_designated_rescuers(world: World) -> None:
    """A small unit designates rescuers and may also sign an agreement with a nearby team
    (应急条例 art. 10: 并且可以): both are in place at once."""
    headers = world["a_editor"].headers
    for body in (designated(), agreement()):
        created = world.client.post(_base(world), json=body, headers=headers)
        assert created.status_code == 201, created.text
    listed = world.client.get(_base(world), params={"active_on": day(0)}, headers=headers)
    arrangements = listed.json()["data"]
    assert sorted(a["form"] for a in arrangements) == ["agreement", "designated_rescuers"]
    contract = next(a for a in arrangements if a["form"] == "agreement")
    assert (contract["rescuer_count"], contract["agreement_number"]) == (
        None,
        "惠应救协〔2026〕07号",
    )


def test_filters(world: World) -> None:
    headers = world["a_editor"].headers
    for body in (
        team(starts_on=day(-800), ends_on=day(-401)),
        team(team_name="新应急救援队", starts_on=day(-400)),
        designated(starts_on=day(-30)),
        agreement(starts_on=day(-60), ends_on=day(-10)),
    ):
        assert world.client.post(_base(world), json=body, headers=headers).status_code == 201

    def found(**params: str) -> list[tuple[str, str]]:
        response = world.client.get(_base(world), params=params, headers=headers)
        assert response.status_code == 200, response.text
        return sorted((a["form"], a["starts_on"]) for a in response.json()["data"])

    assert len(found()) == 4
    assert found(form="own_team") == [("own_team", day(-800)), ("own_team", day(-400))]
    assert found(starts_from=day(-400), starts_to=day(-60)) == [
        ("agreement", day(-60)),
        ("own_team", day(-400)),
    ]
    assert found(active_on=day(-500)) == [("own_team", day(-800))]
    assert found(active_on=day(0)) == [("designated_rescuers", day(-30)), ("own_team", day(-400))]
    assert found(form="agreement", active_on=day(-20)) == [("agreement", day(-60))]
    for params in ({"form": "volunteers"}, {"active_on": "2026-02-30"}, {"starts_from": "x"}):
        refused = world.client.get(_base(world), params=params, headers=headers)
        assert refused.status_code == 422, params
        assert refused.headers["content-type"] == "application/problem+json"


def test_validation(world: World) -> None:
    headers = world["a_editor"].headers
    cases = [
        (team(form="volunteers"), "body.form", "enum"),
        (team(team_name=None), "body.team_name", "missing"),
        (team(rescuer_count=None), "body.rescuer_count", "missing"),
        (team(rescuer_count=0), "body.rescuer_count", "greater_than_equal"),
        (team(rescuer_count=2.5), "body.rescuer_count", "int_from_float"),
        (team(agreement_number="X-1"), "body.agreement_number", "not_applicable"),
        (team(ends_on=day(-401)), "body.ends_on", "date_order"),
        (team(starts_on="2026-13-01"), "body.starts_on", "date_from_datetime_parsing"),
        (designated(rescuer_count=None), "body.rescuer_count", "missing"),
        (agreement(team_name=None), "body.team_name", "missing"),
        (agreement(rescuer_count=20), "body.rescuer_count", "not_applicable"),
        (agreement(notes=" "), "body.notes", "string_too_short"),
        (agreement(count=1), "body.count", "extra_forbidden"),
    ]
    for body, field, code in cases:
        _rejected(world.client.post(_base(world), json=body, headers=headers), field, code)
    assert world.client.get(_base(world), headers=headers).json()["data"] == []

    # Designated rescuers need no team name; an agreement needs no number.
    unnamed = world.client.post(_base(world), json=designated(), headers=headers)
    assert unnamed.status_code == 201, unnamed.text
    unnumbered = world.client.post(
        _base(world), json=agreement(agreement_number=None), headers=headers
    )
    assert unnumbered.status_code == 201, unnumbered.text

    # A PATCH is checked against the whole record, naming the field it sent.
    location = unnamed.headers["location"]
    with_etag = {**headers, "If-Match": unnamed.headers["etag"]}
    for change, field, code in (
        ({"form": "own_team"}, "body.form", "missing"),
        ({"form": "agreement", "team_name": "某救援队"}, "body.form", "not_applicable"),
        ({"ends_on": day(-201)}, "body.ends_on", "date_order"),
        ({"starts_on": None}, "body.starts_on", "missing"),
        ({"rescuer_count": None}, "body.rescuer_count", "missing"),
    ):
        _rejected(world.client.patch(location, json=change, headers=with_etag), field, code)
    became = world.client.patch(
        location,
        json={"form": "own_team", "team_name": "应急救援队", "rescuer_count": 8},
        headers=with_etag,
    )
    assert became.status_code == 200, became.text
    assert became.json()["form"] == "own_team"


def test_import_with_chinese_headers(world: World) -> None:
    headers = world["a_editor"].headers
    content = (
        "形式,队伍名称,协议编号,开始日期,结束日期,救援人数,备注\n"
        "designated_rescuers,,,2025-01-01,,4,各班组长兼任\n"
        "agreement,惠济区专职消防救援队,XY-2025-3,2025-02-01,2026-01-31,,\n"
    ).encode()
    uploaded = world.client.post(
        f"/v1/enterprises/{world.ids['enterprise_a']}/imports",
        files={"file": ("rescue.csv", content)},
        data={"kind": "rescue-arrangements"},
        headers=headers,
    )
    assert uploaded.status_code == 202, uploaded.text
    result = world.client.get(uploaded.headers["location"], headers=headers).json()
    assert result["status"] == "succeeded", result["errors"]
    listed = world.client.get(_base(world), headers=headers).json()["data"]
    assert sorted((a["form"], a["rescuer_count"]) for a in listed) == [
        ("agreement", None),
        ("designated_rescuers", 4),
    ]

    wrong = content.replace(b"agreement,", b"own_team,", 1)
    refused = world.client.post(
        f"/v1/enterprises/{world.ids['enterprise_a']}/imports",
        files={"file": ("rescue.csv", wrong)},
        data={"kind": "rescue-arrangements"},
        headers=headers,
    )
    result = world.client.get(refused.headers["location"], headers=headers).json()
    assert result["status"] == "invalid"
    assert [(e["row"], e["column"], e["code"]) for e in result["errors"]] == [
        (3, "rescuer_count", "invalid_record")
    ]


def test_viewers_and_other_tenants_cannot_write_or_read(world: World) -> None:
    viewer = world["a_viewer"].headers
    assert world.client.post(_base(world), json=team(), headers=viewer).status_code == 403
    created = world.client.post(_base(world), json=team(), headers=world["a_editor"].headers)
    location = created.headers["location"]
    with_etag = {**viewer, "If-Match": created.headers["etag"]}
    assert world.client.patch(location, json={"notes": "x"}, headers=with_etag).status_code == 403
    assert world.client.delete(location, headers=with_etag).status_code == 403

    other = world["b_admin"].headers
    assert world.client.get(location, headers=other).status_code == 404
    assert world.client.get(f"{location}/history", headers=other).status_code == 404
    foreign = {**other, "If-Match": created.headers["etag"]}
    assert world.client.patch(location, json={"notes": "x"}, headers=foreign).status_code == 404
    assert world.client.get(_base(world), headers=other).status_code in (403, 404)
    assert world.client.get(location, headers=viewer).json()["version"] == 1
