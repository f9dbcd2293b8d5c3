"""Where a server's memory goes, seen from inside it (bench/soak.py --probe).

RSS alone cannot tell a leak from an allocator that keeps what was freed. Every interval
this thread appends one JSON line to $ANXIN_SOAK_PROBE with the figures that separate them:

- Python objects: live pymalloc blocks (`sys.getallocatedblocks`) and, only when
  `ANXIN_SOAK_PROBE_TYPES_EVERY` is set to N, every N intervals the count of objects per
  type that the collector tracks. Growth here is a leak of Python objects. The count is off
  by default because it disturbs the server: `gc.get_objects()` in this thread can take a
  reference to a tuple that a request thread is still building from an iterator, and the
  builder then fails with `SystemError: Objects/tupleobject.c:927: bad argument to internal
  function` (one 500 in a 25-minute soak; reproduced in isolation).
- glibc malloc (`mallinfo2`, summed over all arenas): bytes in use, bytes free but kept,
  memory mapped directly, and the number of arenas' worth of heap. RSS growing while "in
  use" stays flat is fragmentation or retained free memory, not a leak.
- SQLite (`sqlite3_memory_used`, the whole process): its page caches and statements.
- Threads, and the size of each malloc arena (`malloc_info`): a thread that calls malloc
  while another holds its arena gets an arena of its own, up to 8 per core; each keeps
  the memory its threads freed.

It runs inside the server only when soak.py puts bench/memprobe on PYTHONPATH, so the
application carries no diagnostic code.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import json
import os
import sys
import threading
import time
from collections import Counter
from xml.etree import ElementTree


class _MallInfo2(ctypes.Structure):
    _fields_ = [
        (name, ctypes.c_size_t)
        for name in (
            "arena", "ordblks", "smblks", "hblks", "hblkhd",
            "usmblks", "fsmblks", "uordblks", "fordblks", "keepcost",
        )
    ]  # fmt: skip


def _libc_mallinfo():
    libc = ctypes.CDLL(None)
    try:
        function = libc.mallinfo2
    except AttributeError:  # glibc before 2.33
        return None
    function.restype = _MallInfo2
    return function


def _malloc_arenas(scratch: str):
    """A function giving each malloc arena's size (bytes obtained from the system), read
    from glibc's `malloc_info` report; None where glibc does not offer it."""
    libc = ctypes.CDLL(None)
    if not hasattr(libc, "malloc_info"):
        return None
    libc.fopen.restype = ctypes.c_void_p
    libc.fopen.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
    libc.malloc_info.argtypes = [ctypes.c_int, ctypes.c_void_p]
    libc.fclose.argtypes = [ctypes.c_void_p]

    def sizes() -> list[int]:
        stream = libc.fopen(scratch.encode(), b"w")
        libc.malloc_info(0, stream)
        libc.fclose(stream)
        with open(scratch, encoding="utf-8") as report:
            # glibc's own report, written just now by this process: trusted input.
            root = ElementTree.parse(report).getroot()  # noqa: S314
        return [
            int(heap.find("system[@type='current']").get("size")) for heap in root.findall("heap")
        ]

    return sizes


def _sqlite_memory_used():
    import _sqlite3  # noqa: F401  (loads the library the server uses, so dlopen shares it)

    name = ctypes.util.find_library("sqlite3")
    if name is None:
        return None
    function = ctypes.CDLL(name).sqlite3_memory_used
    function.restype = ctypes.c_int64
    return function


def _top_types(limit: int = 40) -> dict[str, int]:
    counts = Counter(type(obj).__qualname__ for obj in gc.get_objects())
    return dict(counts.most_common(limit))


def _run(path: str, interval: float, types_every: int) -> None:
    mallinfo, sqlite_used = _libc_mallinfo(), _sqlite_memory_used()
    arenas = _malloc_arenas(path + ".malloc_info.xml")
    started, tick = time.monotonic(), 0
    with open(path, "a", encoding="utf-8") as out:
        while True:
            row: dict[str, object] = {
                "t": round(time.monotonic() - started, 2),
                "py_blocks": sys.getallocatedblocks(),
                "gc_counts": gc.get_count(),
                "threads": threading.active_count(),
            }
            if mallinfo is not None:
                info = mallinfo()
                row.update(
                    malloc_heap=info.arena,
                    malloc_mmapped=info.hblkhd,
                    malloc_in_use=info.uordblks,
                    malloc_free=info.fordblks,
                    malloc_top_releasable=info.keepcost,
                )
            if arenas is not None:
                row["malloc_arenas"] = arenas()
            if sqlite_used is not None:
                row["sqlite_used"] = sqlite_used()
            if types_every and tick % types_every == 0:
                row["types"] = _top_types()
            out.write(json.dumps(row) + "\n")
            out.flush()
            tick += 1
            time.sleep(interval)


def start() -> None:
    path = os.environ["ANXIN_SOAK_PROBE"]
    interval = float(os.environ.get("ANXIN_SOAK_PROBE_SECONDS", "5"))
    types_every = int(os.environ.get("ANXIN_SOAK_PROBE_TYPES_EVERY", "0"))
    thread = threading.Thread(
        target=_run, args=(path, interval, types_every), name="memprobe", daemon=True
    )
    thread.start()
