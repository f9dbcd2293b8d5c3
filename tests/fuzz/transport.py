"""Sending a schemathesis case through the suite's own TestClient.

schemathesis's ASGI transport starts the app's lifespan a second time, on its own event loop,
while the suite's TestClient already runs it (the blacklist runtime, the rate limiter). So the
case is serialized by schemathesis (as `requests` would send it: JSON, form, multipart) and the
prepared bytes go through our client instead.
"""

from __future__ import annotations

import httpx
import requests
from fastapi.testclient import TestClient
from hypothesis import reject
from schemathesis import Case

BASE_URL = "http://testserver"
# The `requests.Request` arguments that a serialized case may carry.
REQUEST_FIELDS = ("method", "url", "headers", "params", "cookies", "data", "files", "json")


def send(client: TestClient, case: Case, headers: dict[str, str]) -> httpx.Response:
    """The app's answer to `case`, sent with `headers` (a principal's) over the case's own."""
    try:
        serialized = case.as_transport_kwargs(base_url=BASE_URL, headers=headers)
        prepared = requests.Request(
            **{name: serialized[name] for name in REQUEST_FIELDS if name in serialized}
        ).prepare()
        headers_sent = {k: str(v).encode("ascii").decode() for k, v in prepared.headers.items()}
    except (TypeError, UnicodeEncodeError, requests.exceptions.InvalidHeader):
        # A negative case whose header is not text (an integer, an object) or not ASCII
        # cannot be sent by httpx at all: no client would send it, so it is not a request.
        reject()
    return client.request(
        str(prepared.method),
        str(prepared.url),
        content=prepared.body,
        headers=headers_sent,
        follow_redirects=False,
    )
