"""uvicorn's HTTP/1.1 protocols, answering a request they cannot parse with a problem.

A request that is not HTTP/1.1 (most often a URL with raw non-ASCII bytes, `GET /v1/regions/中`,
which must be percent-encoded: `%E4%B8%AD`) is refused by the server's parser before the
application exists for it; uvicorn then writes a plain-text 400. These subclasses write the
API's usual `application/problem+json` instead, with the same status and nothing else
changed (docs/decisions.md, 53).
"""

from __future__ import annotations

import json

from uvicorn.protocols.http.h11_impl import H11Protocol
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from app.core.errors import MALFORMED_REQUEST, PROBLEM_MEDIA_TYPE, ProblemDetail

DETAIL = (
    "The request is not valid HTTP/1.1 and was not read. A URL holds only ASCII: "
    "percent-encode other characters as UTF-8 (中 is %E4%B8%AD)."
)


def problem_body() -> bytes:
    problem = ProblemDetail(
        type=MALFORMED_REQUEST.type_uri,
        title=MALFORMED_REQUEST.title,
        status=MALFORMED_REQUEST.status,
        detail=DETAIL,
        # The request target could not be read: an empty reference, not a guess.
        instance="",
        code=MALFORMED_REQUEST.code,
    )
    text = json.dumps(problem.model_dump(exclude_none=True), ensure_ascii=False)
    return text.encode("utf-8")


BODY = problem_body()
HEADERS = (
    (b"content-type", PROBLEM_MEDIA_TYPE.encode("ascii")),
    (b"content-length", str(len(BODY)).encode("ascii")),
    (b"x-content-type-options", b"nosniff"),
    (b"connection", b"close"),
)
STATUS_LINE = f"HTTP/1.1 400 {MALFORMED_REQUEST.status_phrase}\r\n".encode("ascii")


class ProblemH11Protocol(H11Protocol):
    def send_400_response(self, msg: str) -> None:
        self.transport.write(_response(self.server_state.default_headers))
        self.transport.close()


def _response(default_headers: list[tuple[bytes, bytes]]) -> bytes:
    # Written whole, as uvicorn's httptools protocol does: the parser's state is unusable
    # (h11 refuses to send anything after a protocol error on its side) and the connection
    # closes after it.
    lines = [STATUS_LINE]
    lines += [name + b": " + value + b"\r\n" for name, value in (*default_headers, *HEADERS)]
    return b"".join([*lines, b"\r\n", BODY])


class ProblemHttpToolsProtocol(HttpToolsProtocol):
    def send_400_response(self, msg: str) -> None:
        self.transport.write(_response(self.server_state.default_headers))
        self.transport.close()


# What `anxin serve` gives uvicorn, by import path (each worker process imports it): the
# protocol uvicorn's `http="auto"` picks, httptools (uvicorn[standard] installs it).
SERVER_PROTOCOL = f"{__name__}:{ProblemHttpToolsProtocol.__name__}"
