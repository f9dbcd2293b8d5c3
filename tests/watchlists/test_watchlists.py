"""Watchlists themselves: create, list, read, rename with If-Match, soft delete; who may."""

from __future__ import annotations

from sqlalchemy import Engine

from tests.support.world import World, add_client, add_member
from tests.watchlists.support import (
    WATCHLISTS,
    audit_events,
    create,
    stored_list,
    watcher_client,
)


def test_create_read_and_list(world: World) -> None:
    response = world.client.post(
        WATCHLISTS,
        json={"name": " 对公贷款客户 ", "description": "华中区域"},
        headers=world["bank_admin"].headers,
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["id"].startswith("wl_")
    assert body["name"] == "对公贷款客户"  # trimmed
    assert body["member_count"] == 0
    assert response.headers["Location"] == f"{WATCHLISTS}/{body['id']}"
    got = world.client.get(response.headers["Location"], headers=world["bank_admin"].headers)
    assert got.status_code == 200
    assert got.json() == body
    assert got.headers["ETag"] == response.headers["ETag"]
    listed = world.client.get(WATCHLISTS, headers=world["bank_admin"].headers).json()
    assert listed == {"data": [body], "next_cursor": None}


def test_names_are_unique_among_live_lists(world: World, engine: Engine) -> None:
    first = create(world, name="保险客户")
    clash = world.client.post(
        WATCHLISTS, json={"name": "保险客户"}, headers=world["bank_admin"].headers
    )
    assert clash.status_code == 409
    assert clash.json()["code"] == "watchlist_name_taken"
    assert clash.headers["content-type"] == "application/problem+json"
    deleted = world.client.delete(
        f"{WATCHLISTS}/{first['id']}", headers=world["bank_admin"].headers
    )
    assert deleted.status_code == 204
    again = create(world, name="保险客户")  # the name is free once the list is deleted
    assert again["id"] != first["id"]
    assert stored_list(engine, first["id"]).deleted_at is not None


def test_pagination(world: World) -> None:
    made = [create(world, name=f"组合 {i}")["id"] for i in range(5)]
    headers = world["bank_admin"].headers
    seen: list[str] = []
    cursor = None
    while True:
        params: dict[str, str | int] = {"limit": 2}
        if cursor:
            params["cursor"] = cursor
        page = world.client.get(WATCHLISTS, params=params, headers=headers).json()
        assert len(page["data"]) <= 2
        seen += [w["id"] for w in page["data"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == made  # oldest first, each once
    too_big = world.client.get(WATCHLISTS, params={"limit": 501}, headers=headers)
    assert too_big.status_code == 422
    bad_cursor = world.client.get(WATCHLISTS, params={"cursor": "nonsense"}, headers=headers)
    assert bad_cursor.status_code == 422
    assert bad_cursor.json()["code"] == "invalid_cursor"


def test_patch_needs_the_current_etag(world: World) -> None:
    watchlist = create(world, name="旧名")
    url = f"{WATCHLISTS}/{watchlist['id']}"
    headers = world["bank_admin"].headers
    etag = world.client.get(url, headers=headers).headers["ETag"]

    missing = world.client.patch(url, json={"name": "新名"}, headers=headers)
    assert missing.status_code == 428
    assert missing.json()["code"] == "if_match_required"
    stale = world.client.patch(
        url, json={"name": "新名"}, headers={**headers, "If-Match": '"stale"'}
    )
    assert stale.status_code == 412
    assert world.client.get(url, headers=headers).json()["name"] == "旧名"

    renamed = world.client.patch(
        url, json={"name": "新名", "description": "说明"}, headers={**headers, "If-Match": etag}
    )
    assert renamed.status_code == 200, renamed.text
    assert renamed.json()["name"] == "新名"
    assert renamed.json()["description"] == "说明"
    assert renamed.headers["ETag"] != etag
    reused = world.client.patch(url, json={"name": "其他"}, headers={**headers, "If-Match": etag})
    assert reused.status_code == 412  # the old ETag is stale now

    same = world.client.patch(
        url, json={"name": "新名"}, headers={**headers, "If-Match": renamed.headers["ETag"]}
    )
    assert same.status_code == 200
    assert same.headers["ETag"] == renamed.headers["ETag"]  # nothing changed

    create(world, name="另一个")
    clash = world.client.patch(
        url, json={"name": "另一个"}, headers={**headers, "If-Match": same.headers["ETag"]}
    )
    assert clash.status_code == 409
    unknown = world.client.patch(
        url, json={"colour": "red"}, headers={**headers, "If-Match": same.headers["ETag"]}
    )
    assert unknown.status_code == 422

    actions = [e["action"] for e in audit_events(world, watchlist["id"])]
    assert actions == ["watchlist.create", "watchlist.update"]


def test_soft_delete(world: World, engine: Engine) -> None:
    watchlist = create(world)
    url = f"{WATCHLISTS}/{watchlist['id']}"
    headers = world["bank_admin"].headers
    stale = world.client.delete(url, headers={**headers, "If-Match": '"stale"'})
    assert stale.status_code == 412
    assert world.client.delete(url, headers=headers).status_code == 204
    for response in (
        world.client.get(url, headers=headers),
        world.client.get(f"{url}/members", headers=headers),
        world.client.delete(url, headers=headers),
    ):
        assert response.status_code == 404
        assert response.headers["content-type"] == "application/problem+json"
    assert world.client.get(WATCHLISTS, headers=headers).json()["data"] == []
    row = stored_list(engine, watchlist["id"])
    assert row.deleted_at is not None
    assert row.name == "对公贷款客户"  # kept
    actions = [e["action"] for e in audit_events(world, watchlist["id"])]
    assert actions == ["watchlist.create", "watchlist.delete"]


def test_only_institutions_with_the_capability(world: World) -> None:
    add_member(world, "bank_viewer", world.ids["bank"], "viewer", world["bank_admin"])
    add_member(world, "bank_editor", world.ids["bank"], "editor", world["bank_admin"])
    screening = world["bank_client"]  # blacklist:read only
    watcher = watcher_client(world)
    reader = add_client(world, "bank_reader", world.ids["bank"], "bank_admin", ["watchlists:read"])

    made = create(world, actor="bank_editor")
    assert create(world, actor=watcher.name, name="机器创建")["id"]
    url = f"{WATCHLISTS}/{made['id']}"
    for actor in ("bank_viewer", reader.name):
        assert world.client.get(url, headers=world[actor].headers).status_code == 200
        refused = world.client.post(WATCHLISTS, json={"name": "x"}, headers=world[actor].headers)
        assert refused.status_code == 403
        assert refused.json()["code"] == "missing_capability"
    refused = world.client.get(WATCHLISTS, headers=screening.headers)
    assert refused.status_code == 403
    assert refused.json()["code"] == "missing_capability"
    for outsider in ("a_admin", "district_admin", "firm_admin", "platform"):
        for response in (
            world.client.get(WATCHLISTS, headers=world[outsider].headers),
            world.client.post(WATCHLISTS, json={"name": "x"}, headers=world[outsider].headers),
        ):
            assert response.status_code == 403, outsider
            assert response.json()["code"] == "institutions_only"
    assert world.client.get(WATCHLISTS).status_code == 401
