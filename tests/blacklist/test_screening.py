"""Screenings of a portfolio, name search, and the change feed a mirror follows."""

from __future__ import annotations

import threading
from typing import Any

from fastapi import FastAPI

from app.blacklist.names import name_key
from app.blacklist.receipts import canonical_json
from tests.blacklist.support import act, entry_body, published, remove_published
from tests.blacklist.test_fast_lane import payload_text
from tests.blacklist.test_lookup import refreshed, verify_receipt
from tests.support.world import World, credit_code


def screen(world: World, items: list[dict[str, Any]], **extra: Any) -> Any:
    response = world.client.post(
        "/v1/blacklist/screenings",
        json={"items": items, **extra},
        headers=world["bank_client"].headers,
    )
    assert response.status_code == 200, response.text
    return response.json()


def test_screening_mixed_items_in_request_order(world: World, app: FastAPI) -> None:
    entry = published(world, subject_name="郑州惠济 宏达化工有限责任公司")
    refreshed(app)
    answer = screen(
        world,
        [
            {"credit_code": entry["credit_code"], "reference": "loan-1"},
            {"credit_code": "91410108MA0000000Z", "reference": "typo"},
            {
                "name": "郑州惠济宏达化工有限公司",
                "reference": "by-name",
            },  # another suffix, no space
            {"credit_code": credit_code(77), "reference": "clean"},
            {"reference": "empty"},
        ],
    )
    results = answer["results"]
    assert [r["reference"] for r in results] == ["loan-1", "typo", "by-name", "clean", "empty"]
    assert [r["status"] for r in results] == [
        "listed",
        "invalid",
        "listed",
        "not_listed",
        "invalid",
    ]
    assert results[0]["matched_by"] == ["credit_code"]
    assert results[2]["matched_by"] == ["name"]
    assert results[1]["errors"][0]["code"] == "invalid_credit_code"
    assert results[4]["errors"][0]["code"] == "nothing_to_check"
    claims = verify_receipt(world, answer["receipt"])
    recorded = claims["answer"]["items"]
    assert recorded[0] == {"index": 0, "listed": True, "entries": [[entry["id"], 1]]}
    assert recorded[1] == {"index": 1, "invalid": True}


def test_the_receipts_query_and_answer_are_canonical_json(world: World, app: FastAPI) -> None:
    """Both are written out piece by piece; they must be what the canonical encoder makes of
    the same values (sorted keys, compact, no ASCII escaping), names with quotes included."""
    entry = published(world, subject_name='郑州"宏达"\\化工有限公司')
    refreshed(app)
    answer = screen(
        world,
        [
            {"credit_code": entry["credit_code"], "name": '郑州"宏达"\\化工有限公司'},
            {"credit_code": "bad code"},
            {"name": "无此公司 "},
            {"credit_code": credit_code(78)},
        ],
        as_of="2026-07-01",
    )
    claims = verify_receipt(world, answer["receipt"])
    payload = payload_text(answer["receipt"])
    assert f'"query":{canonical_json(claims["query"])}' in payload
    assert f'"answer":{canonical_json(claims["answer"])}' in payload
    assert claims["query"]["items"][0] == [entry["credit_code"], '郑州"宏达"\\化工有限公司']
    assert [item.get("listed") for item in claims["answer"]["items"]] == [True, None, False, False]


def test_more_than_a_thousand_items_is_refused(world: World) -> None:
    items = [{"credit_code": credit_code(i)} for i in range(1001)]
    response = world.client.post(
        "/v1/blacklist/screenings", json={"items": items}, headers=world["bank_client"].headers
    )
    assert response.status_code in (413, 422)
    assert response.headers["content-type"] == "application/problem+json"
    full = screen(world, items[:1000])
    assert len(full["results"]) == 1000


def test_name_normalization() -> None:
    same = name_key("郑州宏达化工有限公司")
    for spelled in (
        "郑州 宏达 化工有限公司",
        "郑州宏达化工有限责任公司",
        "郑州宏达化工股份有限公司",
        "（郑州）宏达化工有限公司",
        "郑州宏达化工有限公司\u3000",
    ):
        assert name_key(spelled) == same, spelled
    assert name_key("ＡＢＣ化工 Co.") == "abc化工co"  # full-width letters fold, case folds
    assert name_key("有限公司") == "有限公司"  # never reduced to nothing


def test_search_ranks_by_resemblance(world: World, app: FastAPI) -> None:
    exact = published(world, subject_name="郑州宏达化工有限公司", seed=301)
    longer = published(world, subject_name="郑州宏达化工集团新材料有限公司", seed=302)
    published(world, subject_name="开封金属冶炼有限公司", seed=303)
    refreshed(app)
    response = world.client.get(
        "/v1/blacklist/search",
        params={"q": "郑州宏达化工 股份有限公司"},
        headers=world["bank_client"].headers,
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["normalized"] == "郑州宏达化工"
    ids = [hit["entry"]["id"] for hit in body["results"]]
    assert ids == [exact["id"], longer["id"]]
    assert body["results"][0]["score"] == 1.0
    assert 0.7 < body["results"][1]["score"] < 1.0
    assert verify_receipt(world, body["receipt"])["kind"] == "search"
    empty = world.client.get(
        "/v1/blacklist/search", params={"q": " "}, headers=world["bank_client"].headers
    )
    assert empty.status_code == 422


def _mirror(world: World, after: int = 0) -> tuple[list[dict[str, Any]], int]:
    seen: list[dict[str, Any]] = []
    while True:
        page = world.client.get(
            "/v1/blacklist/changes",
            params={"after": after, "limit": 2},
            headers=world["bank_client"].headers,
        ).json()
        seen.extend(page["data"])
        after = int(page["next_cursor"])
        if not page["has_more"]:
            return seen, after


def test_the_feed_resumes_without_gaps_or_duplicates(world: World) -> None:
    first = published(world, seed=401)
    second = published(world, seed=402)
    seen, cursor = _mirror(world)
    assert [(c["entry_id"], c["action"]) for c in seen] == [
        (first["id"], "published"),
        (second["id"], "published"),
    ]
    remove_published(world, first["id"])
    more, cursor = _mirror(world, cursor)
    assert [(c["entry_id"], c["action"], c["entry_version"]) for c in more] == [
        (first["id"], "removed", 2)
    ]
    assert more[0]["entry"]["status"] == "removed"
    again, _ = _mirror(world, cursor)
    assert again == []


def test_concurrent_publishes_are_numbered_in_commit_order(world: World) -> None:
    """Many approvals at once: the feed has every change once, numbered 1..n without gaps."""
    proposed = [
        world.client.post(
            "/v1/blacklist/entries",
            json=entry_body(seed=500 + i),
            headers=world["district_admin"].headers,
        ).json()
        for i in range(8)
    ]
    errors: list[str] = []

    def publish(entry_id: str) -> None:
        response = act(world, "district_approver", f"{entry_id}/publish")
        if response.status_code != 200:
            errors.append(response.text)

    threads = [threading.Thread(target=publish, args=(e["id"],)) for e in proposed]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    seen, cursor = _mirror(world)
    seqs = [c["seq"] for c in seen]
    assert seqs == list(range(seqs[0], seqs[0] + len(proposed)))
    assert sorted(c["entry_id"] for c in seen) == sorted(e["id"] for e in proposed)
    assert cursor == seqs[-1]
