"""Pausing the cyclic garbage collector around a burst of allocation.

Loading an enterprise's facts makes tens of thousands of small tuples at once; every 700
allocations the collector then walks the young objects, finds them all alive, and moves
them on — measured, about a fifth of a large report's loading time. Nothing in such a
burst forms reference cycles that must be freed before it ends (its objects die by
reference counting), so the collector waits until the burst is over.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    # Process-wide: with two bursts in two threads, the one that paused first resumes it,
    # and the other runs its remainder with the collector on — slower, never wrong.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
