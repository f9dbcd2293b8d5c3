"""The allocator settings of app/core/allocator.py, observed in a fresh process each: a cap
on arenas binds only threads started after it, and RSS is per process."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from app.core.allocator import _glibc

pytestmark = pytest.mark.skipif(_glibc() is None, reason="the settings exist only in glibc")

_ARENAS = """
import ctypes, os, tempfile, xml.etree.ElementTree as ElementTree
libc = ctypes.CDLL(None)
libc.fopen.restype = ctypes.c_void_p
libc.fopen.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
libc.malloc_info.argtypes = [ctypes.c_int, ctypes.c_void_p]
libc.fclose.argtypes = [ctypes.c_void_p]
libc.malloc.restype = ctypes.c_void_p
libc.malloc.argtypes = [ctypes.c_size_t]
libc.free.argtypes = [ctypes.c_void_p]

def arenas():
    path = tempfile.mktemp()
    stream = libc.fopen(path.encode(), b"w")
    libc.malloc_info(0, stream)
    libc.fclose(stream)
    count = len(ElementTree.parse(path).getroot().findall("heap"))
    os.unlink(path)
    return count

def rss_kib():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("RssAnon"))
"""


def _run(body: str) -> dict[str, int]:
    script = _ARENAS + textwrap.dedent(body)
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, int] = json.loads(done.stdout)
    return result


_THREADS_ALLOCATING_AT_ONCE = """
import json, threading
from app.core.allocator import tune_allocator
{tune}
barrier = threading.Barrier(8)
def allocate():
    barrier.wait()
    blocks = [libc.malloc(4096) for _ in range(2000)]
    barrier.wait()  # all hold memory at the same time
    for block in blocks:
        libc.free(block)
threads = [threading.Thread(target=allocate) for _ in range(8)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(json.dumps({{"arenas": arenas()}}))
"""


def test_the_arena_cap_binds_threads_started_after_it() -> None:
    untuned = _run(_THREADS_ALLOCATING_AT_ONCE.format(tune=""))
    capped = _run(_THREADS_ALLOCATING_AT_ONCE.format(tune="tune_allocator(2, 0)"))
    assert untuned["arenas"] > 2, "without the cap, threads allocating at once add arenas"
    assert capped["arenas"] <= 2


def test_the_trimmer_hands_freed_heap_back() -> None:
    """50 MiB in small blocks, all freed but the last (which keeps the heap's top in use,
    so glibc cannot shrink the heap by itself): only a trim returns the rest."""
    result = _run(
        """
        import json, time
        from app.core.allocator import tune_allocator
        blocks = [libc.malloc(1024) for _ in range(50 * 1024)]
        for block in blocks[:-1]:
            libc.free(block)
        kept = rss_kib()
        time.sleep(0.3)
        still_kept = rss_kib()
        tuning = tune_allocator(0, 0.05)
        deadline = time.monotonic() + 10
        while rss_kib() > kept - 30 * 1024 and time.monotonic() < deadline:
            time.sleep(0.05)
        trimmed = rss_kib()
        tuning.stop()
        print(json.dumps({"kept": kept, "still_kept": still_kept, "trimmed": trimmed,
                          "alive": tuning._thread.is_alive()}))
        """
    )
    assert result["still_kept"] > result["kept"] - 1024, "glibc keeps it by itself"
    assert result["trimmed"] < result["kept"] - 30 * 1024, result
    assert result["alive"] is False, "stop() ends the trimming thread"


def test_an_operators_malloc_arena_max_wins() -> None:
    result = _run(
        """
        import json, os
        os.environ["MALLOC_ARENA_MAX"] = "4"
        from app.core.allocator import tune_allocator
        tuning = tune_allocator(2, 0)
        print(json.dumps({"capped": tuning.arena_max, "trim": tuning.trim_seconds}))
        """
    )
    assert result == {"capped": None, "trim": None}
