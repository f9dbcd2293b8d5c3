"""Figures of a soak run from its request log and memory samples: rate, errors, latency per
route after the warm-up, and the verdict on memory growth; as a dict (for JSON) and a table."""

from __future__ import annotations

import csv
import itertools
import math
import statistics
import subprocess
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

GROWTH_LIMIT = 0.10  # of RSS, last minute against the first minute after warm-up
WINDOW_SECONDS = 60
TASK_ERROR = "TASK ERROR"  # a bug of the locustfile, logged apart from requests


def percentile(ordered: list[float], share: float) -> float:
    """Nearest-rank percentile of an ascending list."""
    if not ordered:
        return 0.0
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def read_requests(path: Path) -> list[dict[str, Any]]:
    with path.open(newline="", encoding="utf-8") as file:
        return [
            {**row, "t": float(row["t"]), "ms": float(row["ms"]), "status": int(row["status"])}
            for row in csv.DictReader(file)
        ]


def route_figures(rows: list[dict[str, Any]]) -> dict[str, dict[str, float]]:
    by_route: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_route[row["name"]].append(row)
    figures = {}
    for name, items in sorted(by_route.items(), key=lambda kv: -len(kv[1])):
        times = sorted(r["ms"] for r in items)
        failed = sum(1 for r in items if r["error"])
        figures[name] = {
            "count": len(items),
            "errors": failed,
            "error_rate": failed / len(items),
            "p50_ms": percentile(times, 0.50),
            "p95_ms": percentile(times, 0.95),
            "p99_ms": percentile(times, 0.99),
            "max_ms": times[-1],
        }
    return figures


def error_figures(rows: list[dict[str, Any]]) -> dict[str, Any]:
    failed = [r for r in rows if r["error"]]
    kinds = Counter((r["name"], r["status"]) for r in failed)
    examples: dict[tuple[str, int], str] = {}
    for r in failed:
        examples.setdefault((r["name"], r["status"]), r["error"])
    return {
        "count": len(failed),
        "rate": len(failed) / len(rows) if rows else 0.0,
        "by_route_and_status": [
            {"route": name, "status": status, "count": count, "example": examples[name, status]}
            for (name, status), count in kinds.most_common()
        ],
    }


def memory_figures(
    samples: list[dict[str, float]], warmup: float, duration: float
) -> dict[str, Any]:
    """Median RSS of the first window after warm-up against the last window of the run. The
    window is a minute, or a third of the measured time in a shorter run."""
    window = min(WINDOW_SECONDS, (duration - warmup) / 3)
    first = [s["rss_kib"] for s in samples if warmup <= s["t"] < warmup + window]
    last = [s["rss_kib"] for s in samples if duration - window <= s["t"] <= duration]
    if not first or not last:
        return {"verdict": "unknown", "reason": "too few samples", "samples": samples}
    first_mib, last_mib = statistics.median(first) / 1024, statistics.median(last) / 1024
    growth = last_mib / first_mib - 1
    after = [s for s in samples if s["t"] >= warmup]
    # The trend, for the record: a slow steady leak shows as a positive slope even where
    # the verdict passes; plateaus after warm-up show as a slope near zero.
    slope = statistics.linear_regression(
        [s["t"] / 60 for s in after], [s["rss_kib"] / 1024 for s in after]
    ).slope
    return {
        "window_s": window,
        "at_rest_mib": samples[0]["rss_kib"] / 1024,
        "first_window_mib": first_mib,
        "last_window_mib": last_mib,
        "peak_mib": max(s["hwm_kib"] for s in samples) / 1024,
        "growth": growth,
        "trend_mib_per_minute": slope,
        "limit": GROWTH_LIMIT,
        "verdict": "pass" if growth <= GROWTH_LIMIT else "fail",
        "samples": samples,
    }


def server_share(samples: list[dict[str, float]], warmup: float, field: str) -> float:
    """Seconds of `field` per second of the measured part: for `cpu_s`, 1.0 is a saturated
    core; for `waited_s`, how long its threads waited for a CPU per second (near 0 on a
    quiet machine; well above it means the neighbours' load is in the latencies)."""
    measured = [s for s in samples if s["t"] >= warmup]
    if len(measured) < 2:
        return 0.0
    spent = sum(max(0.0, b[field] - a[field]) for a, b in itertools.pairwise(measured))
    return spent / (measured[-1]["t"] - measured[0]["t"])


def analyse(
    log: Path, samples: list[dict[str, float]], settings: dict[str, Any], mix: dict[str, Any]
) -> dict[str, Any]:
    warmup, duration = settings["warmup_s"], settings["duration_s"]
    rows = read_requests(log)
    task_errors = [r for r in rows if r["name"] == TASK_ERROR]
    measured = [r for r in rows if r["name"] != TASK_ERROR and warmup <= r["t"] < duration]
    minutes = Counter(int((r["t"] - warmup) // 60) for r in measured)
    measured_s = duration - warmup
    return {
        "settings": settings,
        "mix": {name: vars(actor) for name, actor in mix.items()},
        "requests": len(measured),
        "achieved_rate": len(measured) / (duration - warmup),
        # The last minute may be partial: divided by its own length.
        "rate_per_minute": [
            minutes[m] / min(60, measured_s - 60 * m) for m in range(math.ceil(measured_s / 60))
        ],
        "errors": error_figures(measured),
        "warmup_errors": sum(1 for r in rows if r["error"] and r["t"] < warmup),
        "task_errors": [r["error"] for r in task_errors[:20]],
        "routes": route_figures(measured),
        "server_cpu_share": server_share(samples, warmup, "cpu_s"),
        "server_cpu_wait_share": server_share(samples, warmup, "waited_s"),
        "memory": memory_figures(samples, warmup, duration),
    }


def render(report: dict[str, Any]) -> str:
    s, errors, memory = report["settings"], report["errors"], report["memory"]
    lines = [
        f"\n{s['database']}; {s['rate']:g} requests/s asked for {s['duration_s']} s, "
        f"figures after a {s['warmup_s']} s warm-up",
        f"achieved {report['achieved_rate']:.1f} requests/s ({report['requests']:,} requests); "
        f"server CPU {report['server_cpu_share']:.0%} of its core; its threads waited for a "
        f"CPU {report['server_cpu_wait_share']:.2f} s per second (neighbours' load)",
        f"errors: {errors['count']} ({errors['rate']:.3%}); during warm-up: "
        f"{report['warmup_errors']}; locustfile errors: {len(report['task_errors'])}",
        "requests/s by minute after warm-up: "
        + ", ".join(f"{rate:.1f}" for rate in report["rate_per_minute"]),
        "",
        f"{'route':56} {'count':>7} {'err':>5} {'p50':>8} {'p95':>8} {'p99':>8} {'max':>8}",
    ]
    for name, r in report["routes"].items():
        lines.append(
            f"{name[:56]:56} {r['count']:7,} {r['errors']:5} {r['p50_ms']:6.1f}ms "
            f"{r['p95_ms']:6.1f}ms {r['p99_ms']:6.1f}ms {r['max_ms']:6.0f}ms"
        )
    for kind in errors["by_route_and_status"][:10]:
        lines.append(f"  error {kind['status']} × {kind['count']} {kind['route']}: ")
        lines.append(f"    {kind['example'][:200]}")
    lines.append("\nserver RSS (MiB) by sample time:")
    row = [f"{x['t']:5.0f}s {x['rss_kib'] / 1024:6.1f}" for x in memory["samples"]]
    lines += ["  " + "  ".join(row[i : i + 6]) for i in range(0, len(row), 6)]
    if memory["verdict"] == "unknown":
        lines.append(f"memory verdict: unknown ({memory['reason']})")
    else:
        lines.append(
            f"memory: at rest {memory['at_rest_mib']:.1f} MiB; median of the first "
            f"{memory['window_s']:.0f} s after warm-up {memory['first_window_mib']:.1f} MiB, "
            f"of the last {memory['last_window_mib']:.1f} MiB: {memory['growth']:+.1%} "
            f"(limit +{memory['limit']:.0%}) → {memory['verdict'].upper()}; "
            f"peak {memory['peak_mib']:.1f} MiB; trend after warm-up "
            f"{memory['trend_mib_per_minute']:+.2f} MiB/min"
        )
    return "\n".join(lines)


def commit(root: Path) -> str:
    """The checked-out commit, for the record (read-only git)."""
    try:
        return subprocess.run(
            ["git", "-C", str(root), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
