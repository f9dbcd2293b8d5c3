"""A request the HTTP parser refuses (a raw non-ASCII URL) is answered as a problem, by a
real uvicorn server on a socket, with either of uvicorn's HTTP/1.1 protocols."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import uvicorn
from starlette.types import Receive, Scope, Send

from app.cli.http_protocols import SERVER_PROTOCOL, ProblemH11Protocol
from tests.support.live_server import free_port


async def echo_path(scope: Scope, receive: Receive, send: Send) -> None:
    if scope["type"] != "http":
        return
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": scope["path"].encode()})


@contextmanager
def serving(protocol: object) -> Iterator[int]:
    port = free_port()
    config = uvicorn.Config(
        echo_path, host="127.0.0.1", port=port, http=protocol, lifespan="off", log_config=None
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert thread.is_alive(), "server stopped"
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.01)
    try:
        yield port
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def exchange(port: int, target: bytes) -> tuple[bytes, dict[bytes, bytes], bytes]:
    """Send one raw request; the status line, headers and body of the whole answer."""
    with socket.create_connection(("127.0.0.1", port), timeout=5) as connection:
        connection.sendall(
            b"GET " + target + b" HTTP/1.1\r\nHost: anxin\r\nConnection: close\r\n\r\n"
        )
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    status, *lines = head.split(b"\r\n")
    headers = {k.strip().lower(): v.strip() for k, _, v in (h.partition(b":") for h in lines)}
    return status, headers, body


@pytest.mark.parametrize(
    "protocol", [SERVER_PROTOCOL, ProblemH11Protocol], ids=["httptools", "h11"]
)
def test_raw_chinese_character_in_the_url(protocol: object) -> None:
    with serving(protocol) as port:
        for target in ("/v1/regions/中".encode(), b"/v1/a\x00b", b"/v1/a b"):
            status, headers, body = exchange(port, target)
            assert status == b"HTTP/1.1 400 Bad Request", target
            assert headers[b"content-type"] == b"application/problem+json"
            assert int(headers[b"content-length"]) == len(body)
            problem = json.loads(body)
            assert problem["status"] == 400
            assert problem["code"] == "malformed_request"
            assert "%E4%B8%AD" in problem["detail"]
        # Percent-encoded, the same character reaches the application.
        status, _, body = exchange(port, b"/v1/regions/%E4%B8%AD")
        assert status == b"HTTP/1.1 200 OK"
