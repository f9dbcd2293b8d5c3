"""Prometheus metrics: request counts and latency by route template, one registry per app."""

from __future__ import annotations

from dataclasses import dataclass, field

from prometheus_client import CollectorRegistry, Counter, Histogram

LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


@dataclass
class HTTPMetrics:
    registry: CollectorRegistry = field(
        default_factory=lambda: CollectorRegistry(auto_describe=True)
    )

    def __post_init__(self) -> None:
        labels = ("method", "route", "status")
        self.requests = Counter(
            "anxin_http_requests", "HTTP requests handled.", labels, registry=self.registry
        )
        self.latency = Histogram(
            "anxin_http_request_duration_seconds",
            "Time from request start to the end of the response.",
            ("method", "route"),
            buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )

    def observe(self, method: str, route: str, status: int, seconds: float) -> None:
        self.requests.labels(method, route, str(status)).inc()
        self.latency.labels(method, route).observe(seconds)
