"""Short constructors for findings, so a rule reads as its decision and not as plumbing."""

from __future__ import annotations

from datetime import date

from app.compliance.rules import Finding, Severity, Status, Text


def passed(
    zh: str,
    en: str,
    evidence: tuple[str, ...] = (),
    due: date | None = None,
    *,
    branch: str | None = None,
    severity: Severity | None = None,
) -> Finding:
    return Finding(Status.PASS, Text(zh, en), evidence, due, branch, severity)


def failed(
    zh: str,
    en: str,
    evidence: tuple[str, ...] = (),
    due: date | None = None,
    *,
    branch: str | None = None,
    severity: Severity | None = None,
) -> Finding:
    return Finding(Status.FAIL, Text(zh, en), evidence, due, branch, severity)


def not_applicable(zh: str, en: str, due: date | None = None) -> Finding:
    return Finding(Status.NOT_APPLICABLE, Text(zh, en), due=due)


def unknown(
    zh: str, en: str, evidence: tuple[str, ...] = (), *, branch: str | None = None
) -> Finding:
    """The data to decide is missing: the message names what to record."""
    return Finding(Status.UNKNOWN, Text(zh, en), evidence, branch=branch)
