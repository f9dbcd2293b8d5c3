"""Fair use of the institutions' API: per-client rate limits on lookups, screenings, searches.

Why it is built this way: docs/design-notes.md, "Fair use: quotas and their headers".
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Any, TypeVar

from fastapi import Depends, Request, Response

from app.core.config import Settings
from app.core.errors import RATE_LIMITED, ErrorType, problem_responses
from app.core.rate_limit import Decision, Policy, RateLimiter, metrics_for
from app.identity.auth import InstitutionQuerier
from app.identity.principal import Principal

WINDOW_SECONDS = 60
POLICY_NAMES = ("lookups", "screenings", "searches")

ResponseT = TypeVar("ResponseT", bound=Response)


def policies(settings: Settings) -> dict[str, Policy]:
    """The fair-use policies, by name, from the settings."""
    return {
        "lookups": Policy("lookups", settings.rate_limit_lookups_per_minute, WINDOW_SECONDS),
        "screenings": Policy(
            "screenings", settings.rate_limit_screenings_per_minute, WINDOW_SECONDS
        ),
        "searches": Policy("searches", settings.rate_limit_searches_per_minute, WINDOW_SECONDS),
    }


def rate_limit_headers(decision: Decision) -> dict[str, str]:
    """`RateLimit-Policy` and `RateLimit` for one decision (structured-field form)."""
    policy = decision.policy
    return {
        "RateLimit-Policy": f'"{policy.name}";q={policy.limit};w={policy.window}',
        "RateLimit": f'"{policy.name}";r={decision.remaining};t={decision.reset_seconds}',
    }


@dataclass(frozen=True, slots=True)
class Quota:
    """What a rate-limited route learns: the decision and its headers."""

    decision: Decision
    headers: dict[str, str]

    def apply(self, response: ResponseT) -> ResponseT:
        """Put the rate-limit headers on a response the route built itself."""
        response.headers.update(self.headers)
        return response

    def respond(self, body: bytes) -> Response:
        """A 200 JSON response of a body the route serialized itself, with the headers."""
        return Response(body, media_type="application/json", headers=self.headers)


async def take_quota(request: Request, principal: Principal, policy_name: str) -> Quota:
    """Count one call of `principal` under `policy_name`: its Quota, or 429 (problem+json,
    `Retry-After`) when it is spent. What the `rate_limited` dependency does, as a plain
    function for routes that skip dependency solving."""
    state = request.app.state
    policy: Policy = state.rate_limit_policies[policy_name]
    limiter: RateLimiter = state.rate_limiter
    decision = await limiter.check(policy, principal.id)
    headers = rate_limit_headers(decision)
    if not decision.allowed:
        # Counted where the 429 is answered, not in the limiter: the lookup's fast lane asks
        # the limiter too, and leaves a refusal to the route.
        metrics_for(state.metrics.registry).refused.labels(policy.name).inc()
        refused = RATE_LIMITED.problem(
            f"Fair use: at most {policy.limit} {policy_name} per {policy.window} seconds "
            f"for each client; retry in {decision.retry_after_seconds} s.",
            retry_after=decision.retry_after_seconds,
        )
        refused.headers.update(headers)
        raise refused
    return Quota(decision, headers)


@cache  # one callable per policy, so FastAPI runs it once even if a route names it twice
def rate_limited(policy_name: str) -> Callable[..., Awaitable[Quota]]:
    """A dependency that counts the call against the principal's quota under `policy_name`:
    429 (problem+json, `Retry-After`) when it is spent."""
    if policy_name not in POLICY_NAMES:
        raise ValueError(f"unknown rate-limit policy {policy_name!r}")

    async def dependency(
        principal: InstitutionQuerier, request: Request, response: Response
    ) -> Quota:
        quota = await take_quota(request, principal, policy_name)
        # Reaches responses that FastAPI builds from a returned model or dict.
        response.headers.update(quota.headers)
        return quota

    dependency.__name__ = f"rate_limited_{policy_name}"
    return dependency


LookupQuota = Annotated[Quota, Depends(rate_limited("lookups"))]
ScreeningQuota = Annotated[Quota, Depends(rate_limited("screenings"))]
SearchQuota = Annotated[Quota, Depends(rate_limited("searches"))]

_HEADER_DOCS: dict[str, dict[str, Any]] = {
    "RateLimit-Policy": {
        "description": 'The fair-use quota: `"<policy>";q=<requests>;w=<seconds>`.',
        "schema": {"type": "string", "example": '"lookups";q=6000;w=60'},
    },
    "RateLimit": {
        "description": "What is left of it: `r` requests, full again in `t` seconds.",
        "schema": {"type": "string", "example": '"lookups";r=5999;t=1'},
    },
}


def rate_limited_responses(*named: int | ErrorType, success: int = 200) -> dict[int | str, Any]:
    """OpenAPI responses of a rate-limited route: the problems `named` (as for
    `problem_responses`), a 429 with `Retry-After`, and the rate-limit headers on the success
    and the 429."""
    responses = problem_responses(*named, RATE_LIMITED)
    responses[429]["headers"] = {
        **_HEADER_DOCS,
        "Retry-After": {
            "description": "Seconds to wait before the next request will be admitted.",
            "schema": {"type": "integer", "example": 1},
        },
    }
    responses[success] = {"headers": dict(_HEADER_DOCS)}
    return responses
