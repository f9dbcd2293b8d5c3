"""The lookup's fast lane: a plainly valid lookup answered before the framework routes it.

Why it is built this way: docs/design-notes.md, "The lookup's fast lane".
"""

from __future__ import annotations

import re
from datetime import date

from fastapi.routing import APIRoute
from starlette.types import ASGIApp, Receive, Scope, Send

from app.blacklist import lookups
from app.blacklist.fair_use import rate_limit_headers
from app.blacklist.receipts import Receipting
from app.blacklist.snapshot import Snapshot
from app.core import clock
from app.core.dates import parse_iso_day
from app.core.errors import Problem
from app.core.rate_limit import Policy, RateLimiter
from app.core.signing import InvalidToken, VerifiedTokenCache
from app.core.validators import check_uscc, normalize_code
from app.identity.auth import bearer_token, check_institution
from app.identity.principal import Principal

LOOKUP_PREFIX = "/v1/blacklist/lookup/"
_PLAIN_COUNT = re.compile(rb"\d{1,15}")
# What the route's Response adds besides the rate-limit headers.
_JSON = (b"content-type", b"application/json")


class LookupFastLane:
    def __init__(self, app: ASGIApp, route: APIRoute, max_code_length: int) -> None:
        self.app = app
        self.route = route  # named in the scope, so metrics and logs see the route's template
        self.max_code_length = max_code_length

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] == "http"
            and scope["method"] == "GET"
            and scope["path"].startswith(LOOKUP_PREFIX)
            and await self._answered(scope, send)
        ):
            return
        await self.app(scope, receive, send)

    async def _answered(self, scope: Scope, send: Send) -> bool:
        """Answer the lookup if it is plainly valid; False (nothing sent) otherwise."""
        if scope.get("root_path"):
            return False  # mounted under a prefix: let the router work the path out
        raw_code = scope["path"][len(LOOKUP_PREFIX) :]
        if not raw_code or "/" in raw_code or len(raw_code) > self.max_code_length:
            return False
        parameters = _plain_parameters(scope["query_string"])
        token = _plain_bearer_token(scope)
        if parameters is None or token is None:
            return False
        state = scope["app"].state
        principal = _institution(state.token_cache, token)
        code = normalize_code(raw_code)
        if principal is None or check_uscc(code).problem is not None:
            return False
        as_of, requested_version = parameters
        snapshot: Snapshot = state.blacklist_snapshot.current
        version = snapshot.dataset_version if requested_version is None else requested_version
        if version > snapshot.dataset_version:
            return False
        policy: Policy = state.rate_limit_policies["lookups"]
        limiter: RateLimiter = state.rate_limiter
        decision = await limiter.check(policy, principal.id)
        if not decision.allowed:
            return False
        receipting: Receipting = state.receipting
        body = lookups.answer(
            snapshot,
            receipting,
            principal,
            code,
            as_of or clock.today(),
            version,
            requested_version,
        )
        scope.setdefault("state", {})["principal"] = principal
        scope["route"] = self.route
        headers = [
            (name.lower().encode("latin-1"), value.encode("latin-1"))
            for name, value in rate_limit_headers(decision).items()
        ]
        headers += [(b"content-length", str(len(body)).encode("latin-1")), _JSON]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": body})
        return True


def _plain_parameters(query: bytes) -> tuple[date | None, int | None] | None:
    """(as_of, dataset_version) of a query string that holds at most these two, once each,
    in their plain forms (an ISO date, digits); None for anything else."""
    as_of: date | None = None
    version: int | None = None
    if not query:
        return as_of, version
    for pair in query.split(b"&"):
        name, _, value = pair.partition(b"=")
        if name == b"as_of" and as_of is None:
            # The same rule as the framework's path (app/core/dates.py): anything else is
            # left to it, to answer 422.
            as_of = parse_iso_day(value.decode("ascii", "replace"))
            if as_of is None:
                return None
        elif name == b"dataset_version" and version is None and _PLAIN_COUNT.fullmatch(value):
            version = int(value)
        else:
            return None
    return as_of, version


def _plain_bearer_token(scope: Scope) -> str | None:
    """The bearer token of a request that carries no body; None otherwise. The first
    Authorization header counts, as Starlette's `headers.get` reads it."""
    authorization: bytes | None = None
    for name, value in scope["headers"]:
        if name == b"authorization":
            if authorization is None:
                authorization = value
        elif name == b"transfer-encoding" or (name == b"content-length" and value != b"0"):
            return None  # a GET with a body: the body limit and the route decide
    if authorization is None:
        return None
    return bearer_token(authorization.decode("latin-1"))


def _institution(cache: VerifiedTokenCache, token: str) -> Principal | None:
    """The institution principal of a token that verifies; None for any other token."""
    try:
        return check_institution(cache.verify_as(token, Principal.from_claims))
    except (InvalidToken, KeyError, ValueError, Problem):
        return None
