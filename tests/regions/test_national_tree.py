"""The national region tree loaded by migration 0019: China (100000), its provinces,
prefectures and counties from the 2024 GB/T 2260 edition, with Huiji's towns below."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import Engine, create_engine, func, select

from app.core import migrations
from app.regions.containment import ancestors, level
from app.regions.models import Region
from tests.support.databases import scratch_database

EDITION = Path(__file__).resolve().parents[2] / "alembic" / "data" / "gbt2260-2024.txt"
# The file is the dataset's, byte for byte (decision 102): an edit shows here.
EDITION_SHA256 = "4bfd0a05caa1abdf6add54301eebb256156a0044010244ecdb659062cdbc0313"
BEFORE = "0019-1"  # the revision before the load, whatever it is called once merged
HUIJI_TOWNS = [
    "410108001", "410108002", "410108003", "410108004",
    "410108005", "410108006", "410108100", "410108101",
]  # fmt: skip


def _all(client: TestClient, **params: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    cursor: str | None = None
    while True:
        page = client.get(
            "/v1/regions",
            params={**params, "limit": "500", **({"cursor": cursor} if cursor else {})},
        )
        assert page.status_code == 200, page.text
        rows += page.json()["data"]
        cursor = page.json()["next_cursor"]
        if cursor is None:
            return rows


def test_the_edition_file_is_the_datasets() -> None:
    assert hashlib.sha256(EDITION.read_bytes()).hexdigest() == EDITION_SHA256
    assert len(EDITION.read_text(encoding="utf-8").splitlines()) == 3213


def test_every_row_hangs_from_its_nearest_enclosing_division(engine: Engine) -> None:
    with engine.connect() as connection:
        rows = {r.code: r for r in connection.execute(select(Region.__table__))}
    assert len(rows) == 3213 + 1 + len(HUIJI_TOWNS)  # the edition, China, Huiji's towns
    for code, row in rows.items():
        above = [c for c in ancestors(code)[:-1] if c in rows]
        assert row.parent_code == (above[-1] if above else None), code
        assert row.level == level(code), code


def test_china_and_its_provinces(client: TestClient) -> None:
    china = client.get("/v1/regions/100000").json()
    assert (china["name"], china["parent_code"], china["level"], china["ancestors"]) == (
        "中华人民共和国",
        None,
        0,
        [],
    )
    provinces = _all(client, parent="100000")
    assert len(provinces) == 34
    assert {"410000", "440000", "110000", "710000", "810000", "820000"} <= {
        p["code"] for p in provinces
    }


def test_henan_whole(client: TestClient) -> None:
    henan = _all(client, under="410000")
    assert len(henan) == 175 + len(HUIJI_TOWNS)  # province, 17 prefectures, 157 counties
    assert [r["code"] for r in _all(client, parent="410000")][-1] == "419001"  # 济源市


def test_a_county_anywhere_with_its_parent_chain(client: TestClient) -> None:
    tianhe = client.get("/v1/regions/440106")
    assert tianhe.status_code == 200, tianhe.text
    body = tianhe.json()
    assert (body["name"], body["parent_code"], body["level"]) == ("天河区", "440100", 3)
    assert body["ancestors"] == [
        {"code": "100000", "name": "中华人民共和国"},
        {"code": "440000", "name": "广东省"},
        {"code": "440100", "name": "广州市"},
    ]
    assert "民政部" in body["names"][0]["source"]
    jiyuan = client.get("/v1/regions/419001").json()
    assert [a["code"] for a in jiyuan["ancestors"]] == ["100000", "410000"]
    dongcheng = client.get("/v1/regions/110101").json()
    assert [a["name"] for a in dongcheng["ancestors"]] == ["中华人民共和国", "北京市"]
    assert client.get("/v1/regions/419000").status_code == 404  # no such prefecture


def test_huiji_keeps_its_towns_and_dated_names(client: TestClient) -> None:
    huiji = client.get("/v1/regions/410108").json()
    assert (huiji["name"], huiji["parent_code"], huiji["level"]) == ("惠济区", "410100", 3)
    towns = _all(client, parent="410108")
    assert [t["code"] for t in towns] == HUIJI_TOWNS
    assert {t["level"] for t in towns} == {4}
    renamed = client.get("/v1/regions/410108003", params={"as_of": "2017-06-01"}).json()
    assert renamed["name"] == "老鸦陈街道"
    assert [a["name"] for a in renamed["ancestors"]] == [
        "中华人民共和国", "河南省", "郑州市", "惠济区",
    ]  # fmt: skip
    assert [n["name"] for n in renamed["names"]] == ["老鸦陈街道", "江山路街道"]


def test_the_load_is_idempotent_and_undone(database_url: str, tmp_path: Path) -> None:
    with scratch_database(database_url, tmp_path) as url:
        migrations.upgrade(url, BEFORE)
        engine = create_engine(url)
        try:
            with engine.connect() as connection:
                before = connection.execute(select(Region.__table__).order_by(Region.code)).all()
            migrations.upgrade(url, "0019")
            migrations.downgrade(url, BEFORE)
            with engine.connect() as connection:
                after = connection.execute(select(Region.__table__).order_by(Region.code)).all()
            assert after == before  # Huiji as 0003 seeded it, nothing else
            migrations.upgrade(url, "0019")
            with engine.connect() as connection:
                count = connection.scalar(select(func.count()).select_from(Region))
            assert count == 3213 + 1 + len(HUIJI_TOWNS)
        finally:
            engine.dispose()
