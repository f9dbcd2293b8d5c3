"""One request, one transaction: success commits, any failure leaves nothing behind."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select

from tests.support import notes
from tests.support.notes import Note, NotePin


def _count(engine: Engine, model: type) -> int:
    with engine.connect() as connection:
        return int(connection.scalar(select(func.count()).select_from(model)) or 0)


def test_successful_request_commits(client: TestClient, engine: Engine) -> None:
    response = client.post("/v1/test-notes", json={"title": "first"})
    assert response.status_code == 201
    assert _count(engine, Note) == 1


def test_crash_after_a_write_rolls_back_and_hides_the_cause(
    client: TestClient, engine: Engine
) -> None:
    response = client.post("/v1/test-notes/fail-halfway", json={"title": "doomed"})
    assert response.status_code == 500
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["code"] == "internal_error"
    assert body["request_id"] == response.headers["x-request-id"]
    assert "SELECT" not in response.text
    assert "Traceback" not in response.text
    assert _count(engine, Note) == 0


def test_problem_after_a_write_rolls_back(client: TestClient, engine: Engine) -> None:
    response = client.post("/v1/test-notes/refuse-halfway", json={"title": "doomed"})
    assert response.status_code == 409
    assert response.json()["code"] == "refused"
    assert _count(engine, Note) == 0


def test_failed_commit_is_a_problem_not_a_success(client: TestClient, engine: Engine) -> None:
    # The pin's foreign key is deferred, so the database refuses only at COMMIT: the handler
    # has already returned 201 by then, and the client must still not see a success.
    response = client.post("/v1/test-notes/dangling-pin")
    assert response.status_code == 500
    assert response.json()["code"] == "internal_error"
    assert _count(engine, Note) == 0
    assert _count(engine, NotePin) == 0


def test_reads_do_not_write(client: TestClient, engine: Engine) -> None:
    assert client.get("/v1/test-notes").status_code == 200
    assert _count(engine, Note) == 0


def test_a_commit_does_not_wait_for_the_request_threads(client: TestClient) -> None:
    """On SQLite an open write transaction holds the database's only write lock. Were its
    commit queued for the request thread pool, requests waiting for that lock could hold
    every thread, and nothing would move until busy timeouts failed them all (a burst of
    sign-ins did). The endpoint writes, takes every thread of the pool, and gives them back
    once it sees its write committed, or after 10 s."""
    probe = notes.threads_busy_probe
    probe.done.clear()
    response = client.post("/v1/test-notes/commit-while-threads-busy", json={"title": "t"})
    assert response.status_code == 201, response.text
    assert probe.done.wait(30)
    assert probe.committed is True, "the commit waited for a request thread"
