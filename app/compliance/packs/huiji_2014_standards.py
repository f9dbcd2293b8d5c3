"""Rules of pack `huiji-2014`: standards (filled in by the rule issue)."""

from __future__ import annotations

from app.compliance.model import Rule

RULES: tuple[Rule, ...] = ()
