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
    except (TypeError, requests.exceptions.InvalidHeader):
        # A negative case whose header is not text (an integer, an object) cannot be put on
        # the wire at all: no HTTP client would send it, so it is not a request to judge.
        reject()
    return client.request(
        str(prepared.method),
        str(prepared.url),
        content=prepared.body,
        headers=dict(prepared.headers),
        follow_redirects=False,
    )
