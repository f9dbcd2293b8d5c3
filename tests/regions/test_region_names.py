"""Region names carry their dates: 410108003 was 老鸦陈街道 and is 江山路街道 (issue 18)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import Engine

from app.core.database import session_factory
from app.core.dates import EARLIEST, LATEST
from app.law.parameters import Source
from app.regions import names
from app.regions.models import Region
from app.regions.name_history import HISTORY, RegionName, check_history

RENAMED = "410108003"
RENAMED_ON = date(2018, 10, 31)  # the 2018 edition's data is as of this day


def _name(client: TestClient, code: str, **params: str) -> str:
    response = client.get(f"/v1/regions/{code}", params=params)
    assert response.status_code == 200, response.text
    return str(response.json()["name"])


def test_a_region_is_shown_under_its_name_now_by_default(client: TestClient) -> None:
    assert _name(client, RENAMED) == "江山路街道"
    children = client.get("/v1/regions", params={"parent": "410108"}).json()["data"]
    assert {r["code"]: r["name"] for r in children}[RENAMED] == "江山路街道"


@pytest.mark.parametrize(
    ("as_of", "name"),
    [
        ("2010-05-01", "老鸦陈街道"),
        ("2017-10-31", "老鸦陈街道"),  # the 2017 edition's day: the old name attested
        ("2018-10-30", "老鸦陈街道"),
        ("2018-10-31", "江山路街道"),  # the 2018 edition's day: the new name attested
        ("2019-06-01", "江山路街道"),
        ("2026-12-07", "江山路街道"),
    ],
)
def test_a_lookup_as_of_a_day_shows_the_name_of_that_day(
    client: TestClient, as_of: str, name: str
) -> None:
    assert _name(client, RENAMED, as_of=as_of) == name
    listed = client.get("/v1/regions", params={"parent": "410108", "as_of": as_of}).json()
    assert {r["code"]: r["name"] for r in listed["data"]}[RENAMED] == name
    # The other towns kept their names, and none is left out.
    assert len(listed["data"]) == 8
    assert {r["code"]: r["name"] for r in listed["data"]}["410108100"] == "花园口镇"


def test_the_single_read_carries_the_name_history_with_dates_and_sources(
    client: TestClient,
) -> None:
    body = client.get(f"/v1/regions/{RENAMED}", params={"as_of": "2018-01-01"}).json()
    assert body["name"] == "老鸦陈街道"
    old, new = body["names"]
    assert (old["name"], old["effective_from"], old["effective_to"]) == (
        "老鸦陈街道",
        None,
        "2018-10-30",
    )
    assert (new["name"], new["effective_from"], new["effective_to"]) == (
        "江山路街道",
        "2018-10-31",
        None,
    )
    # The day is not confirmed from a primary text: both say so, and what is known.
    assert old["provisional"] is True
    assert new["provisional"] is True
    assert "2017-11-01" in new["note"]
    assert "2018-10-31" in new["note"]
    assert "2017年统计用区划代码" in old["source"]
    assert "410108003" in old["source"]
    assert "2018年统计用区划代码" in new["source"]
    # The history is the same whatever the day asked for.
    assert client.get(f"/v1/regions/{RENAMED}").json()["names"] == body["names"]


def test_reused_codes_say_so_in_their_notes(client: TestClient) -> None:
    (town,) = client.get("/v1/regions/410108100").json()["names"]
    assert town["name"] == "花园口镇"
    assert town["effective_from"] is None
    assert "老鸦陈镇" in town["note"]
    assert town["provisional"] is True


@pytest.mark.parametrize(
    ("as_of", "code"),
    [
        ("2018-1-1", "date_format"),
        ("20181031", "date_format"),
        ("2018-10-31T00:00:00", "date_format"),
        ("2018-02-30", "date_from_datetime_parsing"),
        ("1899-12-31", "date_out_of_range"),
        ("yesterday", "date_format"),
    ],
)
def test_a_malformed_day_is_a_422_problem(client: TestClient, as_of: str, code: str) -> None:
    for path in (f"/v1/regions/{RENAMED}", "/v1/regions"):
        response = client.get(path, params={"as_of": as_of})
        assert response.status_code == 422, response.text
        assert response.headers["content-type"].startswith("application/problem+json")
        (error,) = response.json()["errors"]
        assert error["field"] == "query.as_of"
        assert error["code"] == code


def _created_in_2005(monkeypatch: pytest.MonkeyPatch) -> None:
    """410108006 as if its first name were recorded from 2005-03-01 (the seed starts it open)."""
    monkeypatch.setitem(
        HISTORY,
        "410108006",
        (RegionName("大河路街道", date(2005, 3, 1), None, Source("test", "410108006")),),
    )


def test_a_day_before_any_recorded_name_is_404_region_not_named(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    _created_in_2005(monkeypatch)
    response = client.get("/v1/regions/410108006", params={"as_of": "2005-02-28"})
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["code"] == "region_not_named"
    assert "2005-03-01" in response.json()["detail"]
    assert _name(client, "410108006", as_of="2005-03-01") == "大河路街道"
    assert _name(client, "410108006") == "大河路街道"
    # A list as of that day leaves the region out, and only it.
    listed = client.get("/v1/regions", params={"parent": "410108", "as_of": "2005-02-28"})
    codes = [r["code"] for r in listed.json()["data"]]
    assert len(codes) == 7
    assert "410108006" not in codes


def test_reports_print_the_name_of_their_day(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    with session_factory(engine, write=False)() as session:
        assert names.name_on(session, RENAMED, date(2018, 10, 30)) == "老鸦陈街道"
        assert names.name_on(session, RENAMED, RENAMED_ON) == "江山路街道"
        assert names.name_on(session, "999999", RENAMED_ON) is None
        # A day no recorded name covers: a report still names the region, by its name now.
        _created_in_2005(monkeypatch)
        assert names.name_on(session, "410108006", date(2001, 1, 1)) == "大河路街道"


def test_every_seeded_region_has_a_history_ending_in_its_name_now(client: TestClient) -> None:
    seeded: list[dict[str, Any]] = client.get(
        "/v1/regions", params={"under": "410108", "limit": 100}
    ).json()["data"]
    assert {r["code"] for r in seeded} == set(HISTORY)
    for region in seeded:
        last = HISTORY[region["code"]][-1]
        assert (last.name, last.effective_to) == (region["name"], None)


def test_a_region_without_recorded_names_shows_its_name_now_on_any_day() -> None:
    region = Region(code="410108999", name="试验街道", parent_code="410108", level=2)
    (undated,) = names.history(region)
    assert undated.provisional
    assert undated.effective_from is None
    assert names.in_force(region, EARLIEST) == undated


def test_a_history_that_overlaps_or_leaves_a_middle_open_is_refused() -> None:
    source = Source("test", "")
    old = RegionName("甲", None, date(2018, 10, 30), source)
    new = RegionName("乙", date(2018, 10, 31), None, source)
    check_history("x", (old, new))
    for broken in (
        (),
        (new, old),
        (old, RegionName("乙", date(2018, 10, 30), None, source)),
        (RegionName("甲", None, None, source), new),
        (RegionName("甲", date(2019, 1, 1), date(2018, 1, 1), source),),
    ):
        with pytest.raises(ValueError, match=r"^x: "):
            check_history("x", broken)


@given(st.dates(min_value=EARLIEST, max_value=LATEST))
def test_exactly_one_name_of_the_renamed_division_on_any_day(day: date) -> None:
    region = Region(code=RENAMED, name="江山路街道", parent_code="410108", level=2)
    in_force = [n for n in names.history(region) if n.in_force_on(day)]
    assert len(in_force) == 1
    assert in_force[0].name == ("老鸦陈街道" if day < RENAMED_ON else "江山路街道")
    assert names.in_force(region, day) == in_force[0]
    assert RENAMED not in names.unnamed_on(day)
    assert names.in_force(region, RENAMED_ON - timedelta(days=1)) != names.in_force(
        region, RENAMED_ON
    )
