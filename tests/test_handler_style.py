"""One handler style: a route that touches the database is a plain `def` (FastAPI runs it in
its thread pool, the one place the hop happens); only routes that touch neither the database
nor a file are `async def` (the liveness probe, the signing keys, the institutions' in-memory
lookups), and no handler hops to a thread by itself."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute, iter_route_contexts

from app.core.unit_of_work import get_session

APP = Path(__file__).resolve().parents[1] / "app"


def _calls(dependant: Dependant) -> set[object]:
    found: set[object] = set()
    for sub in dependant.dependencies:
        found.add(sub.call)
        found |= _calls(sub)
    return found


def test_a_route_that_uses_the_database_is_a_plain_def(app: FastAPI) -> None:
    routes = [
        (c.path, c.route)
        for c in iter_route_contexts(app.routes)
        # The suite's own helper routes (tests/support) are not the application's.
        if isinstance(c.route, APIRoute) and c.route.endpoint.__module__.startswith("app.")
    ]
    asynchronous = [(p, r) for p, r in routes if inspect.iscoroutinefunction(r.endpoint)]
    offending = [p for p, r in asynchronous if get_session in _calls(r.dependant)]
    assert len(routes) > 150, "the route table was not found"
    assert asynchronous, "the in-memory routes were not found"
    assert not offending, offending


def test_no_handler_hops_to_a_thread_by_itself() -> None:
    # Dependencies and the lifespan may hop (they are not handlers); routers may not.
    hops = []
    for path in [*sorted(APP.rglob("*router*.py")), APP / "registry" / "routes.py"]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Name) and node.id == "run_in_threadpool":
                hops.append(f"{path.relative_to(APP)}:{node.lineno}")
    assert not hops, hops
