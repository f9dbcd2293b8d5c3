"""The methods a path supports, for the `Allow` header of a 405.

Starlette answers a 405 from the first route whose path matched, so `Allow` named that
route's methods only: `GET` for a resource whose PATCH and DELETE are routes of their own.
Here the application's routes are asked, method by method, through the routing protocol
(`matches`) every route implements, included routers too.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.routing import Match

_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")


def allowed_methods(request: Request) -> list[str]:
    """Every method some route serves at the request's path, in a fixed order."""
    routes = request.app.router.routes
    return [
        method
        for method in _METHODS
        if any(
            route.matches({**request.scope, "method": method})[0] is Match.FULL for route in routes
        )
    ]
