"""Request ids, the access log and the metrics that every request leaves behind."""

from __future__ import annotations

import json
import logging
import sys

import pytest
from fastapi.testclient import TestClient

from app.core.logging import JSONFormatter


def test_request_id_is_generated_when_absent(client: TestClient) -> None:
    first = client.get("/healthz").headers["x-request-id"]
    second = client.get("/healthz").headers["x-request-id"]
    assert len(first) == 32
    assert first != second


def test_client_request_id_is_echoed(client: TestClient) -> None:
    response = client.get("/healthz", headers={"X-Request-ID": "bank-7f3a.42"})
    assert response.headers["x-request-id"] == "bank-7f3a.42"


def test_unsafe_request_id_is_replaced(client: TestClient) -> None:
    response = client.get("/healthz", headers={"X-Request-ID": "a" * 200})
    assert response.headers["x-request-id"] != "a" * 200


def test_every_answer_says_the_servers_time_and_forbids_sniffing(client: TestClient) -> None:
    """Server-Timing (W3C): the milliseconds the server took, so a client can tell its
    network's time from ours — on answers and on problems alike."""
    for response in (client.get("/healthz"), client.get("/v1/no-such-route")):
        name, _, duration = response.headers["server-timing"].partition(";dur=")
        assert name == "app"
        assert 0 <= float(duration) < 60_000
        assert response.headers["x-content-type-options"] == "nosniff"


def test_access_log_has_the_request_facts(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="anxin.access"):
        response = client.get("/v1/test-notes/note_00000000000000000000000000")
    record = next(r for r in caplog.records if r.name == "anxin.access")
    line = json.loads(JSONFormatter().format(record))
    assert line["request_id"] == response.headers["x-request-id"]
    assert line["method"] == "GET"
    assert line["path"] == "/v1/test-notes/note_00000000000000000000000000"
    assert line["route"] == "/v1/test-notes/{note_id}"
    assert line["status"] == 404
    assert line["duration_ms"] >= 0


def test_metrics_count_requests_by_route_template(client: TestClient) -> None:
    client.get("/v1/test-notes/note_00000000000000000000000001")
    text = client.get("/metrics").text
    assert (
        'anxin_http_requests_total{method="GET",route="/v1/test-notes/{note_id}",status="404"}'
        in text
    )
    assert "anxin_http_request_duration_seconds_bucket" in text


def test_json_formatter_keeps_chinese_and_exceptions() -> None:
    record = logging.LogRecord("t", logging.ERROR, __file__, 1, "隐患 %s", ("重大",), None)
    try:
        raise ValueError("坏")
    except ValueError:
        record.exc_info = sys.exc_info()
    line = json.loads(JSONFormatter().format(record))
    assert line["message"] == "隐患 重大"
    assert "ValueError: 坏" in line["exception"]
