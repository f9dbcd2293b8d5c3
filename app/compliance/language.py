"""Accept-Language negotiation between the two languages findings are written in."""

from __future__ import annotations

SUPPORTED = ("zh", "en")
DEFAULT = "zh"


def negotiate(header: str | None) -> str:
    """`zh` or `en`: the supported language the client weights highest; zh-CN by default."""
    best, best_q = DEFAULT, -1.0
    for position, part in enumerate((header or "").split(",")):
        tag, _, params = part.strip().partition(";")
        language = tag.strip().lower().split("-")[0]
        if language not in SUPPORTED:
            continue
        q = 1.0
        if params.strip().startswith("q="):
            try:
                q = float(params.strip()[2:])
            except ValueError:
                continue
        # Earlier tags win ties, as clients list preferences in order.
        if q > best_q or (q == best_q and position == 0):
            best, best_q = language, q
    return best
