"""A regional report as of a day prints the region names of that day."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.world import World, signup


def _overview(world: World, code: str, as_of: str | None = None) -> Any:
    params = {} if as_of is None else {"as_of": as_of}
    response = world.client.get(
        f"/v1/regions/{code}/compliance-overview",
        params=params,
        headers=world["district_admin"].headers,
    )
    assert response.status_code == 200, response.text
    return response.json()


@pytest.fixture
def in_jiangshanlu(world: World) -> World:
    """A verified enterprise in 410108003 (老鸦陈街道 until 2018-10-30, 江山路街道 since)."""
    enterprise = signup(world.client, "郑州丁物流有限公司", "410108003", 4, "d_admin@example.com")
    verified = world.client.post(
        f"/v1/enterprises/{enterprise['id']}/verify", headers=world["district_admin"].headers
    )
    assert verified.status_code == 200, verified.text
    return world


@pytest.mark.parametrize(
    ("as_of", "name"),
    [("2018-06-01", "老鸦陈街道"), ("2018-10-30", "老鸦陈街道"), ("2018-10-31", "江山路街道")],
)
def test_the_district_overview_names_its_towns_as_on_its_day(
    in_jiangshanlu: World, as_of: str, name: str
) -> None:
    report = _overview(in_jiangshanlu, "410108", as_of)
    towns = {r["region_code"]: r["name"] for r in report["by_region"]}
    assert towns["410108003"] == name
    assert report["region_name"] == "惠济区"


def test_a_town_overview_is_headed_with_the_name_of_its_day(in_jiangshanlu: World) -> None:
    assert _overview(in_jiangshanlu, "410108003", "2018-06-01")["region_name"] == "老鸦陈街道"
    assert _overview(in_jiangshanlu, "410108003", "2019-06-01")["region_name"] == "江山路街道"
    assert _overview(in_jiangshanlu, "410108003")["region_name"] == "江山路街道"  # today
