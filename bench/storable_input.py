"""What the edge check of text (app/core/storable_input.py) costs per request.

Calls the dependency on requests as FastAPI hands them to it (routed, body read and parsed),
so the numbers are its own cost, free of a loaded machine's noise in a full request: a GET
with a path and a query parameter; POSTs of one item and of 1,000 items (60 KB) in UTF-8
and with `\\u` escapes; and 1,000 items whose escaped emoji force the walk of the document.
Prints µs per request, best of five rounds.  Run: `PYTHONPATH=. python bench/storable_input.py`
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable
from typing import Any

from fastapi.routing import APIRoute
from pydantic import BaseModel
from starlette.requests import Request

from app.core.storable_input import refuse_unstorable_input


class Item(BaseModel):
    name: str | None = None


class Batch(BaseModel):
    items: list[Item]


async def screen(batch: Batch) -> None:
    return None


async def people(enterprise_id: str, department: str | None = None) -> None:
    return None


POST = APIRoute("/v1/screenings", screen, methods=["POST"])
GET = APIRoute("/v1/enterprises/{enterprise_id}/people", people, methods=["GET"])


def routed(route: APIRoute, body: bytes, query: bytes = b"", **path: str) -> Request:
    scope: dict[str, Any] = {
        "type": "http",
        "method": "POST" if body else "GET",
        "path": route.path,
        "query_string": query,
        "route": route,
        "path_params": path,
        "headers": [
            (b"host", b"bench"),
            (b"authorization", b"Bearer " + b"x" * 600),
            (b"content-type", b"application/json"),
        ],
    }
    request = Request(scope)
    # What FastAPI has done before solving dependencies: read and parse the body.
    request._body = body
    request._json = json.loads(body) if body else None
    return request


async def per_request(label: str, make: Callable[[], Request], count: int) -> None:
    requests = [make() for _ in range(count)]
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        for request in requests:
            await refuse_unstorable_input(request)
        best = min(best, (time.perf_counter() - start) / count * 1e6)
    print(f"{label:42} {best:8.2f} µs")


def items(count: int, suffix: str = "", ascii_only: bool = False) -> bytes:
    document = {"items": [{"name": f"郑州某化工{i}有限公司{suffix}"} for i in range(count)]}
    return json.dumps(document, ensure_ascii=ascii_only).encode()


async def main() -> None:
    await per_request(
        "GET, a path and a query parameter",
        lambda: routed(GET, b"", b"department=%E4%BB%93", enterprise_id="ent_01m98"),
        5000,
    )
    await per_request("POST 1 item, UTF-8", lambda: routed(POST, items(1)), 5000)
    await per_request(
        "POST 1 item, \\u escapes", lambda: routed(POST, items(1, ascii_only=True)), 5000
    )
    await per_request("POST 1,000 items (60 KB), UTF-8", lambda: routed(POST, items(1000)), 200)
    await per_request(
        "POST 1,000 items, \\u escapes",
        lambda: routed(POST, items(1000, ascii_only=True)),
        200,
    )
    await per_request(
        "POST 1,000 items, escaped emoji (walk)",
        lambda: routed(POST, items(1000, "😀", ascii_only=True)),
        100,
    )


if __name__ == "__main__":
    asyncio.run(main())
