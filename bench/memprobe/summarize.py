"""Prints a memory probe's record (bench/soak.py --probe) as a table, one row per step.

    .venv/bin/python bench/memprobe/summarize.py var/soak/soak.probe.jsonl [--every 120]

Columns, in MiB: malloc's heap (obtained from the system through its arenas), of which in
use and free but kept, memory mapped directly, SQLite's own; then the number of arenas,
threads and live Python blocks. A leak shows in "in use" or in Python blocks; memory that
the allocator keeps shows in "free" and the number of arenas.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

MIB = 1024 * 1024


def rows(path: Path, every: float) -> list[dict]:
    samples = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    chosen, next_t = [], 0.0
    for sample in samples:
        if sample["t"] >= next_t:
            chosen.append(sample)
            next_t = sample["t"] + every
    if samples and chosen[-1] is not samples[-1]:
        chosen.append(samples[-1])
    return chosen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("probe", type=Path, help="the .probe.jsonl beside a soak's output")
    parser.add_argument("--every", type=float, default=120, help="seconds between rows")
    args = parser.parse_args()
    header = ("t s", "heap", "in use", "free", "mmapped", "sqlite", "arenas", "threads", "blocks")
    print(" ".join(f"{name:>8}" for name in header))
    for sample in rows(args.probe, args.every):
        values = [
            f"{sample['t']:.0f}",
            *(
                f"{sample.get(key, 0) / MIB:.1f}"
                for key in ("malloc_heap", "malloc_in_use", "malloc_free", "malloc_mmapped")
            ),
            f"{sample.get('sqlite_used', 0) / MIB:.1f}",
            str(len(sample.get("malloc_arenas", []))),
            str(sample["threads"]),
            str(sample["py_blocks"]),
        ]
        print(" ".join(f"{value:>8}" for value in values))


if __name__ == "__main__":
    main()
