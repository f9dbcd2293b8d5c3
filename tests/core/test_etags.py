"""ETag on reads, If-Match on updates: a stale writer gets 412, a blind one 428."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.support.openapi import document


def _create(client: TestClient) -> tuple[str, str]:
    response = client.post("/v1/test-notes", json={"title": "draft"})
    return response.json()["id"], response.headers["etag"]


def test_read_returns_the_same_etag_as_create(client: TestClient) -> None:
    note_id, etag = _create(client)
    assert client.get(f"/v1/test-notes/{note_id}").headers["etag"] == etag


def test_update_with_current_etag_succeeds_and_changes_it(client: TestClient) -> None:
    note_id, etag = _create(client)
    response = client.patch(
        f"/v1/test-notes/{note_id}", json={"title": "final"}, headers={"If-Match": etag}
    )
    assert response.status_code == 200
    assert response.json()["title"] == "final"
    assert response.json()["version"] == 2
    assert response.headers["etag"] != etag


def test_update_with_stale_etag_is_412_and_changes_nothing(client: TestClient) -> None:
    note_id, etag = _create(client)
    client.patch(f"/v1/test-notes/{note_id}", json={"title": "one"}, headers={"If-Match": etag})
    response = client.patch(
        f"/v1/test-notes/{note_id}", json={"title": "two"}, headers={"If-Match": etag}
    )
    assert response.status_code == 412
    assert response.json()["code"] == "etag_mismatch"
    assert client.get(f"/v1/test-notes/{note_id}").json()["title"] == "one"


def test_update_without_if_match_is_428(client: TestClient) -> None:
    note_id, _ = _create(client)
    response = client.patch(f"/v1/test-notes/{note_id}", json={"title": "blind"})
    assert response.status_code == 428
    assert response.json()["code"] == "if_match_required"


def test_weak_etag_does_not_match(client: TestClient) -> None:
    note_id, etag = _create(client)
    response = client.patch(
        f"/v1/test-notes/{note_id}", json={"title": "x"}, headers={"If-Match": f"W/{etag}"}
    )
    assert response.status_code == 412


def test_star_matches_any_current_version(client: TestClient) -> None:
    note_id, _ = _create(client)
    response = client.patch(
        f"/v1/test-notes/{note_id}", json={"title": "x"}, headers={"If-Match": "*"}
    )
    assert response.status_code == 200


def test_malformed_if_match_is_422_naming_the_header(client: TestClient) -> None:
    """The contract declares If-Match as `*` or entity tags (RFC 9110); the server enforces
    that, rather than answering 412 to something that could never match."""
    note_id, _ = _create(client)
    response = client.patch(
        f"/v1/test-notes/{note_id}", json={"title": "x"}, headers={"If-Match": "no quotes"}
    )
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["header.If-Match"]


def test_the_contract_requires_if_match_where_its_absence_is_428() -> None:
    spec = document()
    required = 0
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            headers = {p["name"]: p for p in operation.get("parameters", []) if p["in"] == "header"}
            if "428" in operation["responses"]:
                assert headers["If-Match"]["required"] is True, f"{method} {path}"
                required += 1
            elif "If-Match" in headers:
                assert headers["If-Match"].get("required", False) is False, f"{method} {path}"
    assert required > 30  # every registry kind's update and delete, and more
