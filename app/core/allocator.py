"""Keeps glibc's malloc from holding on to memory the server has freed (decision 47).

glibc gives a thread that finds its arena busy an arena of its own, up to eight per core,
and an arena keeps what its threads free for later reuse. The server's threads come and go
(the request thread pool retires idle ones), so over hours the arenas multiply and each
retains the free memory of its busiest moment: in a soak, bytes in use stayed flat while
free-but-kept memory, and with it RSS, grew in steps (docs/performance.md, "Where the memory
goes"). Fewer arenas (`mallopt(M_ARENA_MAX)`, before the request threads start) bound that.
A periodic `malloc_trim(0)`, which hands the free pages of every arena back to the system,
is there for memory-tight hosts but off by default: under load the pages it returns are
faulted straight back in, which cost more CPU and latency than the memory it saved.

Only for glibc; elsewhere (musl, macOS) `tune_allocator` changes nothing and says so.
"""

from __future__ import annotations

import ctypes
import logging
import os
import threading
import time
from dataclasses import dataclass

logger = logging.getLogger("anxin.allocator")

_M_ARENA_MAX = -8  # glibc's malloc.h


def _glibc() -> ctypes.CDLL | None:
    try:
        libc = ctypes.CDLL(None)
        libc.gnu_get_libc_version  # noqa: B018  (absent outside glibc)
        libc.mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
        libc.malloc_trim.argtypes = [ctypes.c_size_t]
    except (OSError, AttributeError):
        return None
    return libc


@dataclass
class AllocatorTuning:
    """What `tune_allocator` did; `stop` ends the trimming thread (idempotent)."""

    arena_max: int | None
    trim_seconds: float | None
    _stop: threading.Event
    _thread: threading.Thread | None

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()


def tune_allocator(arena_max: int, trim_seconds: float) -> AllocatorTuning:
    """Caps malloc's arenas at `arena_max` (0: glibc's default; an operator's own
    MALLOC_ARENA_MAX wins) and trims every `trim_seconds` (0: never)."""
    stop = threading.Event()
    libc = _glibc()
    if libc is None:
        logger.info("malloc not tuned: the C library is not glibc")
        return AllocatorTuning(None, None, stop, None)
    operator_chose = "MALLOC_ARENA_MAX" in os.environ
    capped = None
    if arena_max > 0 and not operator_chose and libc.mallopt(_M_ARENA_MAX, arena_max) == 1:
        capped = arena_max
    thread = None
    if trim_seconds > 0:
        thread = threading.Thread(
            target=_trim_periodically,
            args=(libc, trim_seconds, stop),
            name="anxin-malloc-trim",
            daemon=True,
        )
        thread.start()
    return AllocatorTuning(capped, trim_seconds or None, stop, thread)


def _trim_periodically(libc: ctypes.CDLL, every: float, stop: threading.Event) -> None:
    while not stop.wait(every):
        started = time.perf_counter()
        libc.malloc_trim(0)
        logger.debug("malloc_trim took %.2f ms", (time.perf_counter() - started) * 1000)
