"""The soak test's traffic mix: which actors send what share of the requests, and which
tasks each runs how often. Plain data without locust imports, read by bench/locustfile.py
(which drives it) and by bench/soak.py (which sizes the run and records the mix), so the
two cannot disagree. docs/performance.md ("Load and soak") explains the choices."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Actor:
    """One kind of client. Every task sends exactly one request, so an actor's request rate
    is its users times their pace, which is set to `share` of the total rate."""

    share: float
    users: int
    tasks: dict[str, int]  # task name -> relative weight within the actor


MIX = {
    # Banks and insurers screening borrowers: the bulk of the traffic, and the cheapest.
    # Users alternate between the demo's two machine clients (bank, insurer).
    # Users are many and each slow (here 1.7 requests/s at 100 in all) so that a slow
    # answer does not make a user fall behind its pace: the rate stays what was asked.
    "institution": Actor(
        share=0.55,
        users=32,
        tasks={"lookup": 80, "search": 12, "screening": 8},
    ),
    # Three users per demo enterprise admin (12): each keeps registers and reads the report.
    # A user reads and patches only what it created itself, so its ETags never go stale.
    "enterprise": Actor(
        share=0.42,
        users=36,
        tasks={
            "list_people": 12,
            "read_person": 14,
            "create_person": 6,
            "patch_person": 6,
            "list_training_sessions": 5,
            "create_training_session": 2,
            "create_training_attendance": 5,
            "list_hidden_dangers": 10,
            "create_hidden_danger": 5,
            "patch_hidden_danger": 5,
            "read_enterprise": 8,
            "compliance_report": 10,
        },
    ),
    # The district's and a town's regulator: few requests, but each evaluates every
    # enterprise of the region, so they are the heaviest per request.
    "regulator": Actor(
        share=0.03,
        users=4,
        tasks={"overview": 40, "drill_down_by_status": 30, "drill_down_by_rule": 30},
    ),
}

# Codes per screening: a portfolio is screened in chunks; 100 keeps a batch near the cost
# of a few enterprise writes rather than dominating the mix.
SCREENING_ITEMS = 100


def user_rate(actor: Actor, total_rate: float) -> float:
    """Requests per second each of the actor's users sends at `total_rate` in all."""
    return actor.share * total_rate / actor.users


def total_users() -> int:
    return sum(actor.users for actor in MIX.values())


def request_shares() -> dict[str, float]:
    """Each task's expected share of all requests (before token requests)."""
    shares = {}
    for actor in MIX.values():
        weights = sum(actor.tasks.values())
        for name, weight in actor.tasks.items():
            shares[name] = actor.share * weight / weights
    return shares


assert abs(sum(actor.share for actor in MIX.values()) - 1) < 1e-9
