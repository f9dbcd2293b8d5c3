"""Every rule of every pack is shown passing, failing, not applying, turning at its boundary,
and ignoring a fact dated after the as-of date, by tests that name it (coverage.py)."""

from __future__ import annotations

import importlib
import pkgutil
from collections import defaultdict

import tests.compliance
from app.compliance.packs import PACKS
from tests.compliance.coverage import ASPECTS


def _shown() -> dict[str, set[str]]:
    shown: dict[str, set[str]] = defaultdict(set)
    for module_info in pkgutil.iter_modules(tests.compliance.__path__):
        if not module_info.name.startswith("test_"):
            continue
        module = importlib.import_module(f"tests.compliance.{module_info.name}")
        for name, test in vars(module).items():
            if not name.startswith("test_"):
                continue
            for mark in getattr(test, "pytestmark", []):
                if mark.name == "covers":
                    rule_id, *aspects = mark.args
                    shown[rule_id].update(aspects)
    return shown


def test_every_rule_is_shown_in_all_five_ways() -> None:
    shown = _shown()
    missing = {
        rule.id: sorted(set(ASPECTS) - shown.get(rule.id, set()))
        for pack in PACKS.values()
        for rule in pack.rules
        if set(ASPECTS) - shown.get(rule.id, set())
    }
    assert missing == {}, f"rules lacking tests, by aspect: {missing}"


def test_marks_name_rules_that_exist() -> None:
    known = {rule.id for pack in PACKS.values() for rule in pack.rules}
    assert set(_shown()) <= known
