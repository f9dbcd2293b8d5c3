"""The event types an endpoint can subscribe to, and who can hear each."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from app.identity.roles import OrganizationKind


@dataclass(frozen=True)
class EventType:
    name: str
    audience: OrganizationKind
    description: str


_INSTITUTION = OrganizationKind.INSTITUTION
_ENTERPRISE = OrganizationKind.ENTERPRISE

EVENT_TYPES: Final[tuple[EventType, ...]] = (
    EventType("blacklist.entry.published", _INSTITUTION, "A member of a watchlist was listed."),
    EventType(
        "blacklist.entry.corrected",
        _INSTITUTION,
        "A published listing of a watchlist member was corrected (a new version).",
    ),
    EventType(
        "blacklist.entry.removed",
        _INSTITUTION,
        "A listing of a watchlist member was removed (credit repair, court ruling …).",
    ),
    EventType(
        "blacklist.entry.expired",
        _INSTITUTION,
        "A listing of a watchlist member reached the end of its listing period.",
    ),
    EventType(
        "alert.window_entered",
        _ENTERPRISE,
        "A certificate, registration, review, exam or other duty falls due within the alert "
        "window (90 days).",
    ),
    EventType(
        "hidden_danger.deadline_passed",
        _ENTERPRISE,
        "A hidden danger's rectification deadline passed and it is not yet rectified.",
    ),
    EventType(
        "compliance.status_changed",
        _ENTERPRISE,
        "The enterprise's compliance standing (pass, fail, unknown) changed.",
    ),
    EventType(
        "webhook_endpoint.disabled",
        _INSTITUTION,
        "One of the organization's endpoints was disabled after failing for about a day.",
    ),
)

BY_NAME: Final = {event.name: event for event in EVENT_TYPES}

# Endpoint trouble concerns every kind of organization that can have endpoints.
ALWAYS_AVAILABLE: Final = frozenset({"webhook_endpoint.disabled"})


def available_to(kind: OrganizationKind) -> list[str]:
    return [e.name for e in EVENT_TYPES if e.audience is kind or e.name in ALWAYS_AVAILABLE]
