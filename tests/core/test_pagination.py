"""Cursor pagination: complete, ordered, stable under inserts, strict about its inputs."""

from __future__ import annotations

from fastapi.testclient import TestClient

from app.core.pagination import encode_cursor


def _create(client: TestClient, count: int) -> list[str]:
    return [
        client.post("/v1/test-notes", json={"title": f"n{i}"}).json()["id"] for i in range(count)
    ]


def _walk(client: TestClient, limit: int) -> list[list[str]]:
    pages, cursor = [], None
    while True:
        params: dict[str, str | int] = {"limit": limit}
        if cursor:
            params["cursor"] = cursor
        body = client.get("/v1/test-notes", params=params).json()
        pages.append([note["id"] for note in body["data"]])
        cursor = body["next_cursor"]
        if cursor is None:
            return pages


def test_pages_cover_every_row_once_in_order(client: TestClient) -> None:
    ids = _create(client, 7)
    pages = _walk(client, 3)
    assert [len(page) for page in pages] == [3, 3, 1]
    flat = [note_id for page in pages for note_id in page]
    assert flat == sorted(ids)


def test_exact_multiple_has_no_empty_trailing_page(client: TestClient) -> None:
    _create(client, 4)
    assert [len(page) for page in _walk(client, 2)] == [2, 2]


def test_default_limit_is_50(client: TestClient) -> None:
    _create(client, 51)
    body = client.get("/v1/test-notes").json()
    assert len(body["data"]) == 50
    assert body["next_cursor"] is not None


def test_rows_inserted_while_paging_do_not_disturb_the_walk(client: TestClient) -> None:
    first_ids = _create(client, 4)
    first = client.get("/v1/test-notes", params={"limit": 2}).json()
    later_ids = _create(client, 2)
    rest = client.get("/v1/test-notes", params={"limit": 10, "cursor": first["next_cursor"]})
    seen = [n["id"] for n in first["data"]] + [n["id"] for n in rest.json()["data"]]
    assert seen == sorted(first_ids + later_ids)


def test_limit_bounds_are_enforced(client: TestClient) -> None:
    for bad in (0, 501, -1):
        response = client.get("/v1/test-notes", params={"limit": bad})
        assert response.status_code == 422
        assert response.json()["errors"][0]["field"] == "query.limit"


def test_tampered_cursor_is_422(client: TestClient) -> None:
    for bad in ("garbage", "eyJvIjoxfQ", encode_cursor("other.ordering", ["x"])):
        response = client.get("/v1/test-notes", params={"cursor": bad})
        assert response.status_code == 422
        assert response.json()["code"] == "invalid_cursor"
