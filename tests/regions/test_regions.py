"""The public region tree, seeded with Huiji District and its towns and subdistricts."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_the_seeded_district_and_its_children(client: TestClient) -> None:
    district = client.get("/v1/regions/410108")
    assert district.status_code == 200
    assert district.json()["name"] == "惠济区"
    children = client.get("/v1/regions", params={"parent": "410108"}).json()["data"]
    assert [r["code"] for r in children] == [
        "410108001", "410108002", "410108003", "410108004",
        "410108005", "410108006", "410108100", "410108101",
    ]  # fmt: skip
    assert {r["name"] for r in children} >= {"江山路街道", "花园口镇", "古荥镇"}


def test_subtree_filter_and_pagination(client: TestClient) -> None:
    first = client.get("/v1/regions", params={"under": "410108", "limit": 5}).json()
    rest = client.get(
        "/v1/regions", params={"under": "410108", "limit": 5, "cursor": first["next_cursor"]}
    ).json()
    codes = [r["code"] for r in first["data"] + rest["data"]]
    assert len(codes) == 9
    assert codes[0] == "410108"
    assert rest["next_cursor"] is None


def test_unknown_region_is_404_and_bad_code_422(client: TestClient) -> None:
    assert client.get("/v1/regions/999999").status_code == 404
    assert client.get("/v1/regions/41-01").status_code == 422
