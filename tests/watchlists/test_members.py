"""Members: bulk add (JSON and CSV) idempotent and all or nothing, the cap, removal,
pagination, and one audit event per request."""

from __future__ import annotations

import tracemalloc
from typing import Any

import pytest
from fastapi import FastAPI
from sqlalchemy import Engine

from tests.support.world import World
from tests.watchlists.support import (
    WATCHLISTS,
    add,
    audit_events,
    codes,
    create,
    stored_count,
    stored_list,
    stored_members,
)


def counts(response: Any) -> dict[str, int]:
    assert response.status_code == 200, response.text
    return dict(response.json())


def upload(world: World, watchlist_id: str, content: bytes, name: str = "members.csv") -> Any:
    return world.client.post(
        f"{WATCHLISTS}/{watchlist_id}/members/import",
        files={"file": (name, content, "text/csv")},
        headers=world["bank_admin"].headers,
    )


def test_adding_is_idempotent(world: World, engine: Engine) -> None:
    wl = create(world)["id"]
    a, b, c, d = codes(4)
    first = add(world, wl, [{"credit_code": a, "reference": "loan-1"}, {"credit_code": b}])
    assert counts(first) == {
        "added": 2,
        "updated": 0,
        "unchanged": 0,
        "duplicates": 0,
        "member_count": 2,
    }
    etag = world.client.get(f"{WATCHLISTS}/{wl}", headers=world["bank_admin"].headers).headers[
        "ETag"
    ]
    again = add(world, wl, [{"credit_code": a, "reference": "loan-1"}, {"credit_code": b}])
    assert counts(again) == {
        "added": 0,
        "updated": 0,
        "unchanged": 2,
        "duplicates": 0,
        "member_count": 2,
    }
    after = world.client.get(f"{WATCHLISTS}/{wl}", headers=world["bank_admin"].headers)
    assert after.headers["ETag"] == etag  # nothing changed, nothing written
    mixed = add(
        world,
        wl,
        [
            {"credit_code": a},  # no reference: keeps loan-1
            {"credit_code": b.lower(), "reference": "loan-2"},  # normalized, gains one
            {"credit_code": c, "reference": "loan-3"},
            {"credit_code": f" {c} ", "reference": "loan-3"},  # an exact repeat
            {"credit_code": d},
        ],
    )
    assert counts(mixed) == {
        "added": 2,
        "updated": 1,
        "unchanged": 1,
        "duplicates": 1,
        "member_count": 4,
    }
    assert stored_members(engine, wl) == {a: "loan-1", b: "loan-2", c: "loan-3", d: None}
    assert after.json()["member_count"] == 2
    got = world.client.get(f"{WATCHLISTS}/{wl}", headers=world["bank_admin"].headers)
    assert got.json()["member_count"] == 4
    assert got.headers["ETag"] != etag  # the list changed with its members

    events = [e for e in audit_events(world, wl) if e["action"] == "watchlist.members.add"]
    assert len(events) == 2  # one per request that wrote, none for the no-op
    assert events[1]["changes"] == {
        "source": "json",
        "added": 2,
        "updated": 1,
        "unchanged": 1,
        "duplicates": 1,
        "member_count": 4,
    }


def test_invalid_members_write_nothing(world: World, engine: Engine) -> None:
    wl = create(world)["id"]
    good, other = codes(2)
    broken = good[:17] + ("0" if good[17] != "0" else "1")
    response = add(
        world,
        wl,
        [
            {"credit_code": good, "reference": "ok"},
            {"credit_code": "91410108MA0000000Z"},
            {"credit_code": broken},
            {"credit_code": other, "reference": "x" * 100},
            {"credit_code": good, "reference": "another"},
        ],
    )
    assert response.status_code == 422
    problem = response.json()
    assert problem["code"] == "invalid_members"
    assert [(e["field"], e["code"]) for e in problem["errors"]] == [
        ("body.members[1].credit_code", "invalid_credit_code"),
        ("body.members[2].credit_code", "invalid_credit_code"),
        ("body.members[4].credit_code", "conflicting_duplicate"),
    ]
    assert "check character" in problem["errors"][1]["message"]
    assert stored_members(engine, wl) == {}
    assert stored_list(engine, wl).member_count == 0
    too_long = add(world, wl, [{"credit_code": good, "reference": "x" * 101}])
    assert too_long.status_code == 422
    assert too_long.json()["errors"][0]["field"] == "body.members.0.reference"
    assert add(world, wl, []).status_code == 422


def test_the_member_cap(
    world: World, engine: Engine, app: FastAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(app.state.settings, "watchlist_max_members", 5)
    wl = create(world)["id"]
    first = codes(3)
    assert counts(add(world, wl, [{"credit_code": c} for c in first]))["member_count"] == 3
    more = codes(3, start=2000)
    full = add(world, wl, [{"credit_code": c} for c in more])
    assert full.status_code == 409
    assert full.json()["code"] == "watchlist_full"
    assert set(stored_members(engine, wl)) == set(first)  # nothing of the request written
    # Codes already present do not count against the cap.
    ok = add(world, wl, [{"credit_code": c} for c in [*first, *more[:2]]])
    assert counts(ok)["member_count"] == 5
    csv = ("credit_code\n" + more[2] + "\n").encode()
    assert upload(world, wl, csv).status_code == 409
    assert len(stored_members(engine, wl)) == 5


def test_ten_thousand_members_in_one_request(world: World, engine: Engine) -> None:
    wl = create(world)["id"]
    many = codes(10_000)
    members = [{"credit_code": c, "reference": f"cust-{i}"} for i, c in enumerate(many)]
    assert counts(add(world, wl, members)) == {
        "added": 10_000,
        "updated": 0,
        "unchanged": 0,
        "duplicates": 0,
        "member_count": 10_000,
    }
    stored = stored_members(engine, wl)
    assert len(stored) == 10_000
    assert stored[many[1234]] == "cust-1234"
    members[7]["reference"] = "changed"
    assert counts(add(world, wl, members)) == {
        "added": 0,
        "updated": 1,
        "unchanged": 9_999,
        "duplicates": 0,
        "member_count": 10_000,
    }
    assert stored_count(engine) == 10_000
    over = add(world, wl, [{"credit_code": c} for c in codes(10_001)])
    assert over.status_code == 422  # more than 10,000 per request


def test_csv_with_bom_and_chinese_headers(world: World, engine: Engine) -> None:
    wl = create(world)["id"]
    a, b, c = codes(3)
    content = (
        "\ufeff统一社会信用代码,客户编号\r\n"
        f"{a},贷-001\r\n"
        "\r\n"
        f"{b.lower()},\r\n"
        f"{c},贷-003\r\n"
        f"{a},贷-001\r\n"
    ).encode()
    assert counts(upload(world, wl, content)) == {
        "added": 3,
        "updated": 0,
        "unchanged": 0,
        "duplicates": 1,
        "member_count": 3,
    }
    assert stored_members(engine, wl) == {a: "贷-001", b: None, c: "贷-003"}
    gb = f"credit_code,reference\n{b},贷-002\n".encode("gb18030")
    assert counts(upload(world, wl, gb))["updated"] == 1
    assert stored_members(engine, wl)[b] == "贷-002"
    only_codes = f"Credit Code\n{a}\n".encode()
    assert counts(upload(world, wl, only_codes))["unchanged"] == 1
    (event,) = [
        e
        for e in audit_events(world, wl)
        if e["action"] == "watchlist.members.add"
        and e["changes"]["source"] == "csv"
        and e["changes"]["added"] == 3
    ]
    assert event["changes"]["member_count"] == 3


def test_csv_with_invalid_rows_writes_nothing(world: World, engine: Engine) -> None:
    wl = create(world)["id"]
    a, b = codes(2)
    content = (f"\ufeffcredit_code,reference\n{a},ok\nnot-a-code,bad\n\n{b},{'x' * 101}\n").encode()
    response = upload(world, wl, content)
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [
        ("file.row[3].credit_code", "invalid_credit_code"),
        ("file.row[5].reference", "reference_too_long"),
    ]
    assert errors[0]["message"].startswith("row 3:")
    assert stored_members(engine, wl) == {}

    for content, code in (
        (b"", "empty_file"),
        (b"credit_code\n", "empty_file"),
        (b"name,credit_code\nx,y\n", "unknown_column"),
        (b"reference\nx\n", "missing_column"),
        (b"PK\x03\x04rest", "unsupported_file"),
    ):
        refused = upload(world, wl, content)
        assert refused.status_code == 422, content
        assert refused.json()["code"] == code
    assert stored_members(engine, wl) == {}


def test_removing_members(world: World, engine: Engine) -> None:
    wl = create(world)["id"]
    a, b, c, absent = codes(4)
    add(world, wl, [{"credit_code": x} for x in (a, b, c)])
    url = f"{WATCHLISTS}/{wl}/members"
    headers = world["bank_admin"].headers
    removed = world.client.post(
        f"{url}/remove", json={"credit_codes": [a, absent, a]}, headers=headers
    )
    assert counts(removed) == {"removed": 1, "absent": 1, "member_count": 2}
    malformed = world.client.post(
        f"{url}/remove", json={"credit_codes": [b, "bad"]}, headers=headers
    )
    assert malformed.status_code == 422
    assert malformed.json()["errors"][0]["field"] == "body.credit_codes[1]"
    assert set(stored_members(engine, wl)) == {b, c}  # nothing removed by the bad request

    assert world.client.delete(f"{url}/{b.lower()}", headers=headers).status_code == 204
    again = world.client.delete(f"{url}/{b}", headers=headers)
    assert again.status_code == 404
    assert again.json()["code"] == "not_a_member"
    assert world.client.delete(f"{url}/nonsense", headers=headers).status_code == 422
    assert set(stored_members(engine, wl)) == {c}
    assert stored_list(engine, wl).member_count == 1
    events = [e for e in audit_events(world, wl) if e["action"] == "watchlist.members.remove"]
    assert [e["changes"]["removed"] for e in events] == [1, 1]


def test_member_pagination(world: World) -> None:
    wl = create(world)["id"]
    many = codes(7)
    add(world, wl, [{"credit_code": c} for c in many])
    seen: list[str] = []
    cursor = None
    while True:
        params: dict[str, str | int] = {"limit": 3}
        if cursor:
            params["cursor"] = cursor
        response = world.client.get(
            f"{WATCHLISTS}/{wl}/members", params=params, headers=world["bank_admin"].headers
        )
        assert response.status_code == 200, response.text
        page = response.json()
        seen += [m["credit_code"] for m in page["data"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == sorted(many)


@pytest.mark.parametrize(
    ("content", "code", "message"),
    [
        # Longer than the csv module's own field bound: a 500 before decision 50.
        (
            b"credit_code,reference\n" + b"x," + b"A" * 200_000 + b"\n",
            "cell_too_long",
            "A cell of the file is longer than 32,767 characters.",
        ),
        (
            b"credit_code,reference\n" + b"x," + b"A" * (2 * 1024 * 1024) + b"\n",
            "line_too_long",
            "A line of the file is longer than 1,048,576 characters.",
        ),
        (
            b"credit_code,reference\n" + b"x\n" * 100_001,
            "too_many_rows",
            "The file has more than 100,000 rows.",
        ),
    ],
    ids=["long-field", "long-line", "too-many-rows"],
)
def test_csv_beyond_a_bound_is_refused_naming_it(
    world: World, engine: Engine, content: bytes, code: str, message: str
) -> None:
    wl = create(world)["id"]
    tracemalloc.start()
    try:
        response = upload(world, wl, content)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert response.status_code == 422, response.text
    problem = response.json()
    assert (problem["code"], problem["detail"]) == (code, message)
    assert problem["errors"] == [{"field": "body.file", "message": message, "code": code}]
    assert peak < 8 * len(content) + 16 * 1024 * 1024
    assert stored_count(engine) == 0


def test_csv_reference_no_database_can_store(world: World, engine: Engine) -> None:
    """A NUL in a reference cell is that row's error (422), on both databases."""
    wl = create(world)["id"]
    a, b = codes(2)
    response = upload(world, wl, f"credit_code,reference\n{a},ok\n{b},贷\x00-2\n".encode())
    assert response.status_code == 422, response.text
    assert [(e["field"], e["code"]) for e in response.json()["errors"]] == [
        ("file.row[3].reference", "invalid_character")
    ]
    assert stored_members(engine, wl) == {}
