"""Dates at the API's edges: query parameters and bodies take `YYYY-MM-DD` only, and record
dates stay within plausible bounds (422 problems naming the field)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.blacklist.test_fast_lane import through_lane
from tests.enterprises.test_enterprises import signup_body
from tests.registry.test_people import person
from tests.support.world import World, credit_code


def _assert_invalid(response: httpx.Response, field: str, code: str) -> None:
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert [(e["field"], e["code"]) for e in response.json()["errors"]] == [(field, code)]


@pytest.mark.parametrize("as_of", ["2026-12-07T00:00:00", "1733529600", "20261207", "9999-12-31"])
def test_query_dates_are_plain_days(world: World, as_of: str) -> None:
    enterprise = world.ids["enterprise_a"]
    viewer = world["a_viewer"].headers
    for path in ("compliance", "alerts", "compliance/report.csv", "compliance/report.html"):
        response = world.client.get(
            f"/v1/enterprises/{enterprise}/{path}", params={"as_of": as_of}, headers=viewer
        )
        expected = "date_out_of_range" if as_of.startswith("9999") else "date_format"
        _assert_invalid(response, "query.as_of", expected)
    people = world.client.get(
        f"/v1/enterprises/{enterprise}/people", params={"hired_from": as_of}, headers=viewer
    )
    assert people.status_code == 422, people.text
    lookup = world.client.get(
        f"/v1/blacklist/lookup/{credit_code(4242)}",
        params={"as_of": as_of},
        headers=world["bank_client"].headers,
    )
    assert lookup.status_code == 422, lookup.text


def test_the_fast_lane_leaves_an_out_of_range_day_to_the_route(world: World) -> None:
    bank = world["bank_client"].headers
    lane = through_lane(
        world.client.app, f"/v1/blacklist/lookup/{credit_code(4242)}", bank, "as_of=9999-12-31"
    )
    assert lane.status == 599  # passed on, to answer 422 like the route


def _people(world: World) -> str:
    return f"/v1/enterprises/{world.ids['enterprise_a']}/people"


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"hire_date": "9999-12-31"}, "body.hire_date", "date_out_of_range"),
        ({"hire_date": "2199-12-31"}, "body.hire_date", "date_too_far_ahead"),
        ({"hire_date": "1899-12-31"}, "body.hire_date", "date_out_of_range"),
        ({"hire_date": "2021-03-01T00:00:00"}, "body.hire_date", "date_format"),
        (
            {"exposures": [{"factor": "noise", "started_on": "2021-03-01T00:00:00"}]},
            "body.exposures.0.started_on",
            "date_format",
        ),
    ],
)
def test_record_dates_are_plain_and_plausible(
    world: World, overrides: dict[str, Any], field: str, code: str
) -> None:
    response = world.client.post(
        _people(world), json=person(**overrides), headers=world["a_editor"].headers
    )
    _assert_invalid(response, field, code)


def test_an_enterprise_cannot_be_founded_tomorrow(world: World) -> None:
    response = world.client.post(
        "/v1/enterprises/signup", json=signup_body(700, "new@example.com", founded_on="2199-01-01")
    )
    _assert_invalid(response, "body.founded_on", "in_future")
