"""Short constructors for findings, so a rule reads as its decision and not as plumbing."""

from __future__ import annotations

from datetime import date

from app.compliance.model import Finding, Status, Text


def passed(zh: str, en: str, evidence: tuple[str, ...] = (), due: date | None = None) -> Finding:
    return Finding(Status.PASS, Text(zh, en), evidence, due)


def failed(zh: str, en: str, evidence: tuple[str, ...] = (), due: date | None = None) -> Finding:
    return Finding(Status.FAIL, Text(zh, en), evidence, due)


def not_applicable(zh: str, en: str, due: date | None = None) -> Finding:
    return Finding(Status.NOT_APPLICABLE, Text(zh, en), due=due)


def unknown(zh: str, en: str, evidence: tuple[str, ...] = ()) -> Finding:
    """The data to decide is missing: the message names what to record."""
    return Finding(Status.UNKNOWN, Text(zh, en), evidence)
