"""Rules, packs and findings: the vocabulary of the engine, which knows no single rule."""

from __future__ import annotations

import string
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from app.law.parameters import Parameter
from app.law.reads import Read

if TYPE_CHECKING:
    from app.compliance.facts import Facts
    from app.compliance.trace import RecordUsed


class Status(StrEnum):
    PASS = "pass"  # noqa: S105 (a finding status, not a password)
    FAIL = "fail"
    NOT_APPLICABLE = "not_applicable"
    UNKNOWN = "unknown"  # the data to decide is missing; the finding names what to record


class Severity(StrEnum):
    CRITICAL = "critical"  # can stop production or licences
    MAJOR = "major"
    MINOR = "minor"
    # A house rule or good practice the law does not require: reported, and never makes an
    # enterprise's standing fail (rules.md, "Statuses").
    ADVISORY = "advisory"


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
    # Which way the rule decided (e.g. "first" or "second" of art. 17's branches), where it
    # has more than one.
    branch: str | None = None
    # Set by a rule whose catalogue entry gives a severity per branch; else the rule's.
    severity: Severity | None = None
    # The legal values the rule read to decide: set by the engine, never by a rule.
    reads: tuple[Read, ...] = ()
    # The records among the evidence, with their dates: set by the engine when tracing.
    records: tuple[RecordUsed, ...] = ()

    @property
    def provisional(self) -> bool:
        """The finding used a legal value not confirmed from a primary text."""
        return any(read.dated.provisional for read in self.reads)


@dataclass(frozen=True)
class Deadline:
    """A date on which a rule's finding for this enterprise can change: an expiry, a review,
    an exam or a deadline falling due, a period's end. Past dates are duties overdue."""

    due: date
    kind: str  # a stable code: certificate_expiry, review_due, hidden_danger_deadline …
    message: Text
    record_id: str | None = None
    person_id: str | None = None
    # The record kinds (registry paths) whose records settle it: what a service firm must
    # be contracted to keep to be told of it.
    concerns: tuple[str, ...] = ()
    # False for a change nobody needs telling of (a record leaving a look-back window):
    # it bounds `stable_until` but raises no alert.
    alert: bool = True


def no_deadlines(facts: Facts) -> list[Deadline]:
    return []


@dataclass(frozen=True)
class Duty:
    """What a rule is about, whoever imposes it: rules of different packs that govern the
    same duty (staffing, assessment, training hours …) share one, and a report by duty shows
    every layer's finding on it side by side, the strictest deciding (packs-next.md)."""

    key: str  # stable, dotted: staffing, training.annual, occupational.exams.periodic
    title: Text


@dataclass(frozen=True)
class Rule:
    id: str  # e.g. HJ2014-17.1
    article: str  # the pack document's article, e.g. "17"
    title: Text
    applicability: Text
    remediation: Text
    severity: Severity  # the catalogue's; a finding may name its branch's own
    check: Callable[[Facts], Finding]  # says not_applicable itself where the rule does not apply
    duty: Duty = field(kw_only=True)
    # The legal values the rule may read, for the catalogue (the finding lists those it read).
    parameters: tuple[Parameter[Any], ...] = ()
    # The dates at which the finding can next change, and the duties already overdue.
    deadlines: Callable[[Facts], list[Deadline]] = no_deadlines
    # The words of the article the rule implements, quoted from the primary text (zh, as
    # published in shared/law/) with an English rendering, so a reader sees the law beside
    # the rule (docs/rules.md); None where the pack quotes no text yet.
    article_text: Text | None = field(default=None, kw_only=True)


def split_article(article: str) -> tuple[str, str]:
    """`SE33` → (`SE`, `33`); `24.1` → (``, `24.1`): the letters name another text."""
    number = article.lstrip(string.ascii_uppercase)
    return article[: len(article) - len(number)], number


def citation_order(other_texts: Sequence[tuple[str, str]]) -> Callable[[Rule], tuple[int, ...]]:
    """A sort key listing a pack's rules by article: its own document's first (…-14.1
    before …-17.1), then each of `other_texts`' in their order (…-OD16, then …-SE14.1)."""
    order = [letters for letters, _ in other_texts]

    def key(rule: Rule) -> tuple[int, ...]:
        letters, number = split_article(rule.id.split("-", 1)[1])
        text = order.index(letters) + 1 if letters else 0
        return (text, *(int(part) for part in number.split(".")))

    return key


@dataclass(frozen=True)
class Pack:
    id: str
    version: str
    title: Text
    # A division code: the pack applies to enterprises in its subtree (100000: all China).
    jurisdiction: str
    effective_from: date
    rules: tuple[Rule, ...] = field(default_factory=tuple)
    # The document whose articles the rules cite, as printed: 惠政文〔2014〕53号.
    document: str = ""
    # The last day the pack applies (a repealed or replaced document), if any.
    effective_to: date | None = None
    # Other texts the rules cite, by the letters before their article numbers, in the order
    # their rules follow the document's: (("OD", "…职业病防治法（2018年修正）"),) makes an
    # article `OD16` art. 16 of that law, not of `document` (decision 141).
    other_texts: tuple[tuple[str, str], ...] = ()

    def in_force_on(self, day: date) -> bool:
        return self.effective_from <= day and (
            self.effective_to is None or day <= self.effective_to
        )

    def rule(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)

    def cite(self, article: str, language: str) -> str:
        """`惠政文〔2014〕53号第19条`; in English the document's name stays as issued. An
        article led by letters is one of `other_texts`' (`OD16`: that law's art. 16)."""
        letters, number = split_article(article)
        document = dict(self.other_texts)[letters] if letters else self.document
        if language == "en":
            return f"{document}, art. {number}" if document else f"Art. {number}"
        return f"{document}第{number}条"

    def duties(self) -> list[Duty]:
        """The duties its rules govern, each once, in rule order."""
        return list({rule.duty.key: rule.duty for rule in self.rules}.values())
