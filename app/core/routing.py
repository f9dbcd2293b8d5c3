"""The router every API domain uses: one transaction per request, Idempotency-Key on POSTs."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from app.core.unit_of_work import UnitOfWorkRoute


def api_router(**kwargs: Any) -> APIRouter:
    return APIRouter(route_class=UnitOfWorkRoute, **kwargs)
