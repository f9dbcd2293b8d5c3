"""Typed dependencies of the watchlist routes: institutions only, by capability, and a list
of the caller's own organization — decided before the body is read, so an outsider learns
nothing from a 422."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, Path
from starlette.concurrency import run_in_threadpool

from app.core.ids import id_pattern
from app.core.unit_of_work import DbSession
from app.identity.auth import KindCheck
from app.identity.errors import INSTITUTIONS_ONLY
from app.identity.principal import Principal
from app.identity.roles import Capability, OrganizationKind
from app.watchlists import service

WatchlistIdParam = Annotated[
    str, Path(pattern=id_pattern("wl"), description="Watchlist id (`wl_…`).")
]


def _institution_with(capability: Capability) -> Callable[..., object]:
    return KindCheck(
        frozenset({OrganizationKind.INSTITUTION}),
        capability,
        "Watchlists are for banks, insurers and licensing bodies.",
        INSTITUTIONS_ONLY,
    ).dependency


# An institution's user or client that may read (or change) its organization's watchlists.
WatchlistReader = Annotated[Principal, Depends(_institution_with(Capability.WATCHLISTS_READ))]
WatchlistWriter = Annotated[Principal, Depends(_institution_with(Capability.WATCHLISTS_WRITE))]


async def _own_for_reading(
    watchlist_id: WatchlistIdParam, principal: WatchlistReader, session: DbSession
) -> str:
    await run_in_threadpool(service.visible, session, principal, watchlist_id)
    return watchlist_id


async def _own_for_writing(
    watchlist_id: WatchlistIdParam, principal: WatchlistWriter, session: DbSession
) -> str:
    await run_in_threadpool(service.visible, session, principal, watchlist_id)
    return watchlist_id


# The id of a live list of the caller's organization (404 for anyone else's).
ReadableWatchlistId = Annotated[str, Depends(_own_for_reading)]
WritableWatchlistId = Annotated[str, Depends(_own_for_writing)]
