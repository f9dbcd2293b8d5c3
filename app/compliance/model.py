"""Rules, packs and findings: the vocabulary of the engine, which knows no single rule."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.compliance.facts import Facts


class Status(StrEnum):
    PASS = "pass"  # noqa: S105 (a finding status, not a password)
    FAIL = "fail"
    NOT_APPLICABLE = "not_applicable"
    UNKNOWN = "unknown"  # the data to decide is missing; the finding names what to record


class Severity(StrEnum):
    CRITICAL = "critical"  # can stop production or licences
    MAJOR = "major"
    MINOR = "minor"


@dataclass(frozen=True)
class Text:
    """A text for people, in the languages the API speaks."""

    zh: str
    en: str

    def get(self, language: str) -> str:
        return self.en if language == "en" else self.zh


@dataclass(frozen=True)
class Finding:
    status: Status
    message: Text
    evidence: tuple[str, ...] = ()  # ids of the records used, or of what is lacking
    due: date | None = None


@dataclass(frozen=True)
class Rule:
    id: str  # e.g. HJ2014-17.1
    article: str  # the seed's article, e.g. "17"
    title: Text
    applicability: Text
    remediation: Text
    severity: Severity
    check: Callable[[Facts], Finding]  # says not_applicable itself where the rule does not apply


@dataclass(frozen=True)
class Pack:
    id: str
    version: str
    title: Text
    jurisdiction: str  # region code; the pack applies to enterprises in its subtree
    effective_from: date
    rules: tuple[Rule, ...] = field(default_factory=tuple)

    def rule(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)
